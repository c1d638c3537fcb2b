/**
 * The monitor bench's producer: publishes batches of records to the ingest stream, as fast as they
 * go or paced to a rate, each batch's id stamped with the moment of its publication, and measures
 * each publication's wait for the stream's acknowledgement (the producer waits for it before the
 * next batch). On NATS it runs on a thread of its own (`startStreamProducer`), as a bank's system
 * publishing to the stream would be another process: the thread that consumes and decides then
 * does not also encode and send the load. The in-process stream cannot be reached from another
 * thread, so there the producer shares the consumer's thread (`publishBatches`).
 *
 * The stamp is `process.hrtime` in microseconds: one monotonic clock for every thread of the
 * process, so the consumer's thread can take a decision's latency from the producer's stamp.
 */
import type { Worker } from 'node:worker_threads';
import type { IngestStream, StreamBatch } from '../../src/adapters/streams/index.ts';
import { startSourceWorker } from '../../src/apps/source-worker.ts';

/** The process's monotonic clock in microseconds, the same on every thread. */
export function clockMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

const STAMP = '@';

/** The batch with its id stamped with the moment now. */
function stamped(batch: StreamBatch): StreamBatch {
  return { ...batch, batchId: `${batch.batchId}${STAMP}${clockMicros()}` };
}

/** The moment (µs, {@link clockMicros}) a stamped batch was published; undefined for an unstamped id. */
export function publishedAtMicros(batchId: string): number | undefined {
  const at = batchId.lastIndexOf(STAMP);
  const micros = at === -1 ? Number.NaN : Number(batchId.slice(at + 1));
  return Number.isFinite(micros) ? micros : undefined;
}

/** What a producer reports of one run of publications. */
export interface Publications {
  /** Each batch's publication to the stream's acknowledgement (ms), in the batches' order. */
  readonly acknowledged: Float64Array;
  /** How late the paced producer published a batch at most (ms). */
  readonly late: number;
}

/** Publishes `batches` to `stream`, `rate` records/s at most (none: as fast as they go). */
export async function publishBatches(
  stream: Pick<IngestStream, 'publish'>,
  batches: readonly StreamBatch[],
  rate?: number,
): Promise<Publications> {
  const acknowledged = new Float64Array(batches.length);
  let late = 0;
  const begun = performance.now();
  let sent = 0;
  for (const [index, batch] of batches.entries()) {
    if (rate !== undefined) {
      // Paced: wait until this batch is due.
      const due = begun + (sent / rate) * 1000;
      while (performance.now() < due) {
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.min(5, due - performance.now()))));
      }
      late = Math.max(late, performance.now() - due);
    }
    const publishedAt = performance.now();
    await stream.publish(stamped(batch));
    acknowledged[index] = performance.now() - publishedAt;
    sent += batch.records.length;
  }
  return { acknowledged, late };
}

/** Where the producer's thread publishes: the NATS stream's settings. */
export interface ProducerStreamSettings {
  readonly natsUrl: string;
  readonly streamName: string;
  readonly subject: string;
  readonly durableName: string;
}

/**
 * A message to the producer's thread (the batches are sent before the publications begin, so that
 * copying them to the thread is not timed), and its answers.
 */
export type ProducerRequest =
  | { readonly kind: 'load'; readonly batches: readonly StreamBatch[] }
  | { readonly kind: 'publish'; readonly rate?: number };
export type ProducerReply =
  | { readonly kind: 'ready' | 'loaded' }
  | ({ readonly kind: 'published' } & Publications)
  | { readonly kind: 'error'; readonly message: string };

/** A producer on a thread of its own: `load` the batches, then `publish` them. */
export interface StreamProducer {
  load(batches: readonly StreamBatch[]): Promise<void>;
  publish(rate?: number): Promise<Publications>;
  close(): Promise<void>;
}

/** Starts the producer's thread, connected to the stream. */
export async function startStreamProducer(settings: ProducerStreamSettings): Promise<StreamProducer> {
  const worker: Worker = startSourceWorker(new URL('./stream-producer.worker.ts', import.meta.url), {
    workerData: settings,
  });
  const next = () =>
    new Promise<ProducerReply>((resolve, reject) => {
      const onError = (error: Error) => {
        worker.off('message', onMessage);
        reject(error);
      };
      const onMessage = (reply: ProducerReply) => {
        worker.off('error', onError);
        if (reply.kind === 'error') reject(new Error(`stream producer: ${reply.message}`));
        else resolve(reply);
      };
      worker.once('message', onMessage);
      worker.once('error', onError);
    });
  try {
    await next();
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  const ask = async (request: ProducerRequest): Promise<ProducerReply> => {
    const answer = next();
    worker.postMessage(request);
    return answer;
  };
  return {
    async load(batches) {
      await ask({ kind: 'load', batches });
    },
    async publish(rate) {
      const reply = await ask({ kind: 'publish', rate });
      if (reply.kind !== 'published') throw new Error(`stream producer: answered ${reply.kind}`);
      return { acknowledged: reply.acknowledged, late: reply.late };
    },
    async close() {
      await worker.terminate();
    },
  };
}
