import {
  DEFAULT_MAX_DELIVER,
  DEFAULT_REDELIVERY_DELAY_MS,
  InvalidStreamBatchError,
  parseStreamBatch,
  type IngestStream,
  type IngestStreamDeliveryOptions,
  type StopConsuming,
  type StreamBatch,
  type StreamBatchHandler,
} from '../../domain/ingest/stream.ts';
import { describeError, invalidReporter } from './reporting.ts';

/** How long a batchId is remembered for deduplication, unless configured: as long as the NATS stream's window. */
export const DEFAULT_DUPLICATE_WINDOW_MS = 10 * 60_000;

/** Options of the in-process stream. */
export interface MemoryStreamOptions extends IngestStreamDeliveryOptions {
  /** How long a published batchId is remembered; a batch published again within it is dropped (default 10 minutes). */
  readonly duplicateWindowMs?: number;
  /** The clock, in milliseconds; tests pass their own. */
  readonly now?: () => number;
}

interface QueuedBatch {
  readonly batch: StreamBatch;
  deliveries: number;
}

interface MemoryConsumer {
  stopping: boolean;
  /** Set while the consumer waits for a batch; called with undefined to wake it for stopping. */
  waiting?: (queued: QueuedBatch | undefined) => void;
  finished?: Promise<void>;
}

/**
 * An in-process ingest stream, for a single process without NATS: a FIFO in memory with the same
 * delivery rules as the JetStream one (dedupe by batchId, one batch at a time per consumer,
 * redelivery after a failure up to `maxDeliver`). Nothing survives the process.
 */
export function createMemoryStream(options: MemoryStreamOptions = {}): IngestStream {
  const maxDeliver = options.maxDeliver ?? DEFAULT_MAX_DELIVER;
  const redeliveryDelayMs = options.redeliveryDelayMs ?? DEFAULT_REDELIVERY_DELAY_MS;
  const duplicateWindowMs = options.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS;
  const now = options.now ?? Date.now;
  const report = invalidReporter(options.onInvalid);

  const queue: QueuedBatch[] = [];
  const waiting: MemoryConsumer[] = [];
  const consumers = new Set<MemoryConsumer>();
  const publishedAt = new Map<string, number>();
  const redeliveryTimers = new Set<NodeJS.Timeout>();
  let closed = false;

  function enqueue(queued: QueuedBatch): void {
    const consumer = waiting.shift();
    if (consumer?.waiting) {
      const hand = consumer.waiting;
      consumer.waiting = undefined;
      hand(queued);
    } else {
      queue.push(queued);
    }
  }

  function take(consumer: MemoryConsumer): Promise<QueuedBatch | undefined> {
    const queued = queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => {
      consumer.waiting = resolve;
      waiting.push(consumer);
    });
  }

  function forgetExpired(): void {
    const oldest = now() - duplicateWindowMs;
    // The map keeps insertion order, which is publication order: stop at the first batch still in the window.
    for (const [batchId, time] of publishedAt) {
      if (time > oldest) break;
      publishedAt.delete(batchId);
    }
  }

  async function deliver(queued: QueuedBatch, handle: StreamBatchHandler): Promise<void> {
    queued.deliveries += 1;
    try {
      await handle(queued.batch);
    } catch (error) {
      const { batchId } = queued.batch;
      if (queued.deliveries >= maxDeliver) {
        report(`batch ${batchId} dropped after ${queued.deliveries} failed deliveries: ${describeError(error)}`);
        return;
      }
      const timer = setTimeout(() => {
        redeliveryTimers.delete(timer);
        if (!closed) enqueue(queued);
      }, redeliveryDelayMs * queued.deliveries);
      redeliveryTimers.add(timer);
    }
  }

  async function run(consumer: MemoryConsumer, handle: StreamBatchHandler): Promise<void> {
    while (!consumer.stopping) {
      const queued = await take(consumer);
      // A batch handed over is the batch in hand: it is delivered even if stopping began meanwhile.
      if (!queued) return;
      await deliver(queued, handle);
    }
  }

  function stop(consumer: MemoryConsumer): Promise<void> {
    consumer.stopping = true;
    if (consumer.waiting) {
      const wake = consumer.waiting;
      consumer.waiting = undefined;
      waiting.splice(waiting.indexOf(consumer), 1);
      wake(undefined);
    }
    consumers.delete(consumer);
    return consumer.finished ?? Promise.resolve();
  }

  return {
    publish(batch: StreamBatch): Promise<void> {
      if (closed) return Promise.reject(new Error('the ingest stream is closed'));
      let copy: unknown;
      try {
        // A JSON round trip, like the wire: the queue holds a copy the producer cannot change afterwards.
        copy = JSON.parse(JSON.stringify(batch));
      } catch (error) {
        return Promise.reject(new InvalidStreamBatchError(`not serialisable as JSON: ${describeError(error)}`));
      }
      const parsed = parseStreamBatch(copy);
      if (!parsed.ok) return Promise.reject(new InvalidStreamBatchError(parsed.reason));
      forgetExpired();
      if (publishedAt.has(batch.batchId)) return Promise.resolve();
      publishedAt.set(batch.batchId, now());
      enqueue({ batch: parsed.batch, deliveries: 0 });
      return Promise.resolve();
    },

    consume(handle: StreamBatchHandler): Promise<StopConsuming> {
      if (closed) return Promise.reject(new Error('the ingest stream is closed'));
      const consumer: MemoryConsumer = { stopping: false };
      consumer.finished = run(consumer, handle);
      consumers.add(consumer);
      return Promise.resolve(() => stop(consumer));
    },

    async close(): Promise<void> {
      closed = true;
      for (const timer of redeliveryTimers) clearTimeout(timer);
      redeliveryTimers.clear();
      await Promise.all([...consumers].map(stop));
      queue.length = 0;
    },
  };
}
