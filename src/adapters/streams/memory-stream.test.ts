import { afterEach, describe, expect, it } from 'vitest';
import { InvalidStreamBatchError, type IngestStream, type StreamBatch } from '../../domain/ingest/stream.ts';
import { createMemoryStream, type MemoryStreamOptions } from './memory-stream.ts';

function batch(batchId: string, records: readonly unknown[] = [{ n: 1 }]): StreamBatch {
  return { batchId, organisationId: 'org-1', sourceSystem: 'test', records };
}

/** Resolves once `condition` holds, polling; fails the test after `timeoutMs`. */
async function until(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('the in-process ingest stream', () => {
  let stream: IngestStream | undefined;
  const open = (options: MemoryStreamOptions = {}): IngestStream => {
    stream = createMemoryStream({ redeliveryDelayMs: 5, onInvalid: () => undefined, ...options });
    return stream;
  };
  afterEach(async () => {
    await stream?.close();
    stream = undefined;
  });

  it('delivers each published batch once, in order', async () => {
    const ingest = open();
    const seen: string[] = [];
    await ingest.publish(batch('a'));
    await ingest.publish(batch('b'));
    const stop = await ingest.consume((received) => {
      seen.push(received.batchId);
      return Promise.resolve();
    });
    await ingest.publish(batch('c'));
    await until(() => seen.length === 3);
    await stop();
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('delivers a batchId published twice only once', async () => {
    const ingest = open();
    const seen: string[] = [];
    await ingest.publish(batch('same'));
    await ingest.publish(batch('same', [{ n: 2 }]));
    await ingest.publish(batch('other'));
    const stop = await ingest.consume((received) => {
      seen.push(received.batchId);
      return Promise.resolve();
    });
    await until(() => seen.length === 2);
    await stop();
    expect(seen).toEqual(['same', 'other']);
  });

  it('accepts a batchId again once the duplicate window has passed', async () => {
    let time = 0;
    const ingest = open({ duplicateWindowMs: 1_000, now: () => time });
    const seen: string[] = [];
    await ingest.publish(batch('again'));
    time = 1_500;
    await ingest.publish(batch('again'));
    const stop = await ingest.consume((received) => {
      seen.push(received.batchId);
      return Promise.resolve();
    });
    await until(() => seen.length === 2);
    await stop();
  });

  it('redelivers a batch whose handler threw, then stops once it succeeds', async () => {
    const ingest = open();
    const attempts: string[] = [];
    const done: string[] = [];
    const stop = await ingest.consume((received) => {
      attempts.push(received.batchId);
      if (received.batchId === 'flaky' && attempts.filter((id) => id === 'flaky').length === 1) {
        return Promise.reject(new Error('database unavailable'));
      }
      done.push(received.batchId);
      return Promise.resolve();
    });
    await ingest.publish(batch('flaky'));
    await ingest.publish(batch('steady'));
    await until(() => done.length === 2);
    await stop();
    expect(attempts.filter((id) => id === 'flaky')).toHaveLength(2);
    expect(done.sort()).toEqual(['flaky', 'steady']);
  });

  it('drops and reports a batch that fails every delivery, and carries on', async () => {
    const reasons: string[] = [];
    const ingest = open({ maxDeliver: 3, onInvalid: (reason) => reasons.push(reason) });
    let attempts = 0;
    const done: string[] = [];
    const stop = await ingest.consume((received) => {
      if (received.batchId === 'broken') {
        attempts += 1;
        return Promise.reject(new Error('always fails'));
      }
      done.push(received.batchId);
      return Promise.resolve();
    });
    await ingest.publish(batch('broken'));
    await ingest.publish(batch('fine'));
    await until(() => reasons.length === 1 && done.length === 1);
    await stop();
    expect(attempts).toBe(3);
    expect(reasons[0]).toContain('broken');
    expect(reasons[0]).toContain('always fails');
  });

  it('refuses to publish a batch that is not valid on the wire', async () => {
    const ingest = open();
    await expect(ingest.publish(batch('x'.repeat(201)))).rejects.toBeInstanceOf(InvalidStreamBatchError);
    await expect(ingest.publish(batch('empty', []))).rejects.toBeInstanceOf(InvalidStreamBatchError);
    const tooMany = Array.from({ length: 5_001 }, (_, index) => ({ index }));
    await expect(ingest.publish(batch('too-many', tooMany))).rejects.toBeInstanceOf(InvalidStreamBatchError);
  });

  it('holds a copy, so changing a batch after publishing changes nothing', async () => {
    const ingest = open();
    const records = [{ name: 'before' }];
    await ingest.publish(batch('copied', records));
    records[0] = { name: 'after' };
    let received: StreamBatch | undefined;
    const stop = await ingest.consume((next) => {
      received = next;
      return Promise.resolve();
    });
    await until(() => received !== undefined);
    await stop();
    expect(received?.records).toEqual([{ name: 'before' }]);
  });

  it('lets the batch in hand finish when stopped, and takes no further batch', async () => {
    const ingest = open();
    let release: () => void = () => undefined;
    const finished: string[] = [];
    await ingest.publish(batch('first'));
    await ingest.publish(batch('second'));
    let started = false;
    const stop = await ingest.consume(async (received) => {
      started = true;
      await new Promise<void>((resolve) => (release = resolve));
      finished.push(received.batchId);
    });
    await until(() => started);
    const stopping = stop();
    release();
    await stopping;
    expect(finished).toEqual(['first']);

    const later: string[] = [];
    const stopLater = await ingest.consume((received) => {
      later.push(received.batchId);
      return Promise.resolve();
    });
    await until(() => later.length === 1);
    await stopLater();
    expect(later).toEqual(['second']);
  });

  it('shares the queue between consumers, each batch going to one of them', async () => {
    const ingest = open();
    const seen: string[] = [];
    const handle = (received: StreamBatch): Promise<void> => {
      seen.push(received.batchId);
      return new Promise((resolve) => setTimeout(resolve, 2));
    };
    const stops = await Promise.all([ingest.consume(handle), ingest.consume(handle)]);
    for (let index = 0; index < 20; index += 1) await ingest.publish(batch(`b${index}`));
    await until(() => seen.length === 20);
    await Promise.all(stops.map((stop) => stop()));
    expect(new Set(seen).size).toBe(20);
  });

  it('refuses to publish or consume once closed', async () => {
    const ingest = open();
    await ingest.close();
    await expect(ingest.publish(batch('late'))).rejects.toThrow('closed');
    await expect(ingest.consume(() => Promise.resolve())).rejects.toThrow('closed');
  });
});
