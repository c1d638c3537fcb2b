import { randomUUID } from 'node:crypto';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { IngestStream, StreamBatch } from '../../domain/ingest/stream.ts';
import { openNatsStream, type NatsStreamSettings } from './nats-stream.ts';

const natsUrl = process.env.NATS_URL ?? '';

function batch(batchId: string, records: readonly unknown[] = [{ n: 1 }]): StreamBatch {
  return { batchId, organisationId: 'org-1', sourceSystem: 'test', records };
}

const pause = (milliseconds: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** Resolves once `condition` holds, polling; fails the test after `timeoutMs`. */
async function until(condition: () => boolean, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await pause(10);
  }
}

describe.skipIf(natsUrl === '')('the NATS JetStream ingest stream (runs only when NATS_URL is set)', () => {
  const runId = randomUUID().slice(0, 8);
  let testNumber = 0;
  let admin: NatsConnection;
  let manager: JetStreamManager;
  let names: Required<Pick<NatsStreamSettings, 'streamName' | 'subject' | 'durableName'>>;
  const opened: IngestStream[] = [];
  const connections: NatsConnection[] = [];

  /** Opens the stream under test with short timings; every test gets its own stream, subject and consumer. */
  async function open(settings: NatsStreamSettings = {}, connection?: NatsConnection): Promise<IngestStream> {
    const common = { ...names, ackWaitMs: 1_000, redeliveryDelayMs: 50, onInvalid: () => undefined, ...settings };
    const stream = connection
      ? await openNatsStream({ ...common, connection })
      : await openNatsStream({ ...common, url: natsUrl });
    opened.push(stream);
    return stream;
  }

  /**
   * The messages the durable consumer still holds, once the server has settled them: an
   * acknowledgement (or a termination) sent just before is applied by the server a moment later,
   * so a count above zero is read again for up to a second before it is believed.
   */
  async function pendingAcknowledgements(): Promise<number> {
    const deadline = Date.now() + 1_000;
    for (;;) {
      const info = await manager.consumers.info(names.streamName, names.durableName);
      const pending = info.num_ack_pending + info.num_pending;
      if (pending === 0 || Date.now() > deadline) return pending;
      await pause(20);
    }
  }

  beforeAll(async () => {
    admin = await connect({ servers: natsUrl });
    manager = await jetstreamManager(admin);
  });

  afterEach(async () => {
    await Promise.all(opened.splice(0).map((stream) => stream.close()));
    await Promise.all(connections.splice(0).map((connection) => connection.close()));
    await manager.streams.delete(names.streamName).catch(() => false);
  });

  afterAll(async () => {
    await admin.close();
  });

  // A fresh stream for each test, so no test sees another's messages.
  const fresh = (): void => {
    testNumber += 1;
    names = {
      streamName: `WEFT_TEST_${runId}_${testNumber}`,
      subject: `weft.test.${runId}.${testNumber}`,
      durableName: `weft-test-${runId}-${testNumber}`,
    };
  };

  it('creates the stream and its durable consumer with the configured settings', async () => {
    fresh();
    await open({ maxDeliver: 3 });
    const stream = await manager.streams.info(names.streamName);
    expect(stream.config.subjects).toEqual([names.subject]);
    expect(stream.config.storage).toBe('file');
    const consumer = await manager.consumers.info(names.streamName, names.durableName);
    expect(consumer.config.ack_policy).toBe('explicit');
    expect(consumer.config.max_deliver).toBe(4);
    // Opening again with the same settings is harmless.
    await open({ maxDeliver: 3 });
  });

  it('delivers each published batch once', async () => {
    fresh();
    const stream = await open();
    const seen: string[] = [];
    await stream.publish(batch('a'));
    await stream.publish(batch('b'));
    const stop = await stream.consume((received) => {
      seen.push(received.batchId);
      return Promise.resolve();
    });
    await stream.publish(batch('c'));
    await until(() => seen.length === 3);
    await pause(300);
    await stop();
    expect(seen).toEqual(['a', 'b', 'c']);
    expect(await pendingAcknowledgements()).toBe(0);
  });

  it('delivers a batchId published twice only once', async () => {
    fresh();
    const stream = await open();
    const seen: string[] = [];
    await stream.publish(batch('same'));
    await stream.publish(batch('same', [{ n: 2 }]));
    await stream.publish(batch('other'));
    const stop = await stream.consume((received) => {
      seen.push(received.batchId);
      return Promise.resolve();
    });
    await until(() => seen.length === 2);
    await pause(300);
    await stop();
    expect(seen).toEqual(['same', 'other']);
  });

  it('redelivers a batch whose handler threw once, then acknowledges it', async () => {
    fresh();
    const stream = await open();
    let attempts = 0;
    let done = false;
    const stop = await stream.consume(() => {
      attempts += 1;
      if (attempts === 1) return Promise.reject(new Error('database unavailable'));
      done = true;
      return Promise.resolve();
    });
    await stream.publish(batch('flaky'));
    await until(() => done);
    await pause(1_300);
    await stop();
    expect(attempts).toBe(2);
    expect(await pendingAcknowledgements()).toBe(0);
  });

  it('terminates and reports a batch that fails every delivery', async () => {
    fresh();
    const reasons: string[] = [];
    const stream = await open({ maxDeliver: 2, onInvalid: (reason) => reasons.push(reason) });
    let attempts = 0;
    const stop = await stream.consume(() => {
      attempts += 1;
      return Promise.reject(new Error('always fails'));
    });
    await stream.publish(batch('broken'));
    await until(() => reasons.length === 1);
    await pause(1_300);
    await stop();
    expect(attempts).toBe(2);
    expect(reasons[0]).toMatch(/batch broken .*dropped after 2 failed deliveries: always fails/);
    expect(await pendingAcknowledgements()).toBe(0);
  });

  it('drops and reports poison messages without blocking the ones after them', async () => {
    fresh();
    const reasons: string[] = [];
    const stream = await open({ onInvalid: (reason) => reasons.push(reason) });
    const seen: string[] = [];
    const stop = await stream.consume((received) => {
      seen.push(received.batchId);
      return Promise.resolve();
    });
    const producer = await connect({ servers: natsUrl });
    connections.push(producer);
    const raw = (await jetstreamManager(producer)).jetstream();
    await raw.publish(names.subject, new TextEncoder().encode('{not json'));
    await raw.publish(names.subject, JSON.stringify({ batchId: 'no-records', organisationId: 'org-1' }));
    await stream.publish(batch('good'));
    await until(() => seen.length === 1 && reasons.length === 2);
    await stop();
    expect(seen).toEqual(['good']);
    expect(reasons[0]).toContain('not JSON');
    expect(reasons[1]).toContain('batch no-records');
    expect(reasons[1]).toContain('records');
    expect(await pendingAcknowledgements()).toBe(0);
  });

  it('lets the batch in hand finish when stopped, and leaves the rest for the next consumer', async () => {
    fresh();
    const stream = await open();
    await stream.publish(batch('first'));
    await stream.publish(batch('second'));
    let release: () => void = () => undefined;
    let started = false;
    const finished: string[] = [];
    const stop = await stream.consume(async (received) => {
      started = true;
      await new Promise<void>((resolve) => (release = resolve));
      finished.push(received.batchId);
    });
    await until(() => started);
    let stopped = false;
    const stopping = stop().then(() => (stopped = true));
    await pause(100);
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(finished).toEqual(['first']);

    const later: string[] = [];
    const stopLater = await stream.consume((received) => {
      later.push(received.batchId);
      return Promise.resolve();
    });
    await until(() => later.length === 1);
    await stopLater();
    expect(later).toEqual(['second']);
    expect(await pendingAcknowledgements()).toBe(0);
  });

  it('redelivers to a new consumer a batch whose consumer died before acknowledging it', async () => {
    fresh();
    const doomedConnection = await connect({ servers: natsUrl });
    connections.push(doomedConnection);
    const doomed = await open({}, doomedConnection);
    await doomed.publish(batch('orphan'));
    let release: () => void = () => undefined;
    let started = false;
    await doomed.consume(async () => {
      started = true;
      await new Promise<void>((resolve) => (release = resolve));
    });
    await until(() => started);
    // The process "dies": its connection goes, with the batch unacknowledged.
    await doomedConnection.close();

    const survivor = await open();
    const seen: string[] = [];
    const stop = await survivor.consume((received) => {
      seen.push(received.batchId);
      return Promise.resolve();
    });
    await until(() => seen.length === 1);
    release();
    await stop();
    expect(seen).toEqual(['orphan']);
    expect(await pendingAcknowledgements()).toBe(0);
  });

  it('reports, without handling it, a batch whose consumers died on its last allowed delivery', async () => {
    fresh();
    const reasons: string[] = [];
    const doomedConnection = await connect({ servers: natsUrl });
    connections.push(doomedConnection);
    const doomed = await open({ maxDeliver: 1 }, doomedConnection);
    await doomed.publish(batch('crashes-the-writer'));
    let release: () => void = () => undefined;
    let started = false;
    await doomed.consume(async () => {
      started = true;
      await new Promise<void>((resolve) => (release = resolve));
    });
    await until(() => started);
    await doomedConnection.close();

    const survivor = await open({ maxDeliver: 1, onInvalid: (reason) => reasons.push(reason) });
    let handled = 0;
    const stop = await survivor.consume(() => {
      handled += 1;
      return Promise.resolve();
    });
    await until(() => reasons.length === 1);
    release();
    await stop();
    expect(handled).toBe(0);
    expect(reasons[0]).toMatch(/batch crashes-the-writer .*delivered 2 times without completing/);
    expect(await pendingAcknowledgements()).toBe(0);
  });

  it('keeps a batch whose handler outlasts the ack wait from going to another consumer meanwhile', async () => {
    fresh();
    const stream = await open({ ackWaitMs: 600 });
    let attempts = 0;
    let done = false;
    const handle = async (): Promise<void> => {
      attempts += 1;
      await pause(1_500);
      done = true;
    };
    // Two consumers: without progress reports, the idle one would be handed the batch once the ack wait ran out.
    const stops = await Promise.all([stream.consume(handle), stream.consume(handle)]);
    await stream.publish(batch('slow'));
    await until(() => done);
    await pause(800);
    await Promise.all(stops.map((stop) => stop()));
    expect(attempts).toBe(1);
    expect(await pendingAcknowledgements()).toBe(0);
  });

  it('splits a batch too large for one message into parts that keep record positions', async () => {
    fresh();
    const stream = await open();
    const filler = 'x'.repeat(400);
    const records = Array.from({ length: 5_000 }, (_, index) => ({ index, filler }));
    const parts: StreamBatch[] = [];
    const stop = await stream.consume((received) => {
      parts.push(received);
      return Promise.resolve();
    });
    await stream.publish(batch('large', records));
    await stream.publish(batch('large', records));
    await until(() => parts.length > 0 && parts.length === parts[0]?.part?.count);
    await pause(300);
    await stop();
    expect(parts.length).toBeGreaterThan(1);
    const positions = parts.flatMap((part) =>
      part.records.map((record, position) => [
        (part.part?.offset ?? 0) + position,
        (record as { index: number }).index,
      ]),
    );
    expect(positions).toHaveLength(5_000);
    for (const [position, index] of positions) expect(position).toBe(index);
    expect(new Set(parts.map((part) => part.batchId))).toEqual(new Set(['large']));
  });
});
