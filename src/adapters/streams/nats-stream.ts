import { Buffer } from 'node:buffer';
import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type Consumer,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import {
  DEFAULT_MAX_DELIVER,
  DEFAULT_REDELIVERY_DELAY_MS,
  InvalidStreamBatchError,
  parseStreamBatch,
  type IngestStream,
  type IngestStreamDeliveryOptions,
  type ParsedStreamBatch,
  type StopConsuming,
  type StreamBatch,
  type StreamBatchHandler,
} from '../../domain/ingest/stream.ts';
import { describeError, invalidReporter } from './reporting.ts';

/** Where the stream lives and how its consumer behaves; every setting but the connection has a default. */
export interface NatsStreamSettings extends IngestStreamDeliveryOptions {
  /** The JetStream stream holding the batches (default `WEFT_INGEST`). */
  readonly streamName?: string;
  /** The subject batches are published on (default `weft.ingest.records`). */
  readonly subject?: string;
  /** The durable consumer every writer process shares (default `weft-ingest-writer`). */
  readonly durableName?: string;
  /** How long the server waits for an acknowledgement before redelivering (default 60 s); long handlers keep it alive. */
  readonly ackWaitMs?: number;
  /** How long the server remembers a batchId to drop a republished batch (default 10 minutes). */
  readonly duplicateWindowMs?: number;
  /** Wait before a consumer whose subscription failed subscribes again (default 1 s). */
  readonly resubscribeDelayMs?: number;
}

/** Options of `openNatsStream`: server URLs (comma-separated) to connect to, or a connection to share (which `close` leaves open). */
export type NatsStreamOptions = NatsStreamSettings &
  (
    | { readonly url: string; readonly connection?: undefined }
    | { readonly connection: NatsConnection; readonly url?: undefined }
  );

/** The stream's name unless configured. */
export const DEFAULT_STREAM_NAME = 'WEFT_INGEST';
/** The subject unless configured. */
export const DEFAULT_SUBJECT = 'weft.ingest.records';
/** The durable consumer's name unless configured. */
export const DEFAULT_DURABLE_NAME = 'weft-ingest-writer';

const DEFAULT_ACK_WAIT_MS = 60_000;
const DEFAULT_DUPLICATE_WINDOW_MS = 10 * 60_000;
const DEFAULT_RESUBSCRIBE_DELAY_MS = 1_000;
/** Room left in a message for the subject and the deduplication header. */
const HEADER_ALLOWANCE_BYTES = 4_096;
/** NATS's default message limit, used if the server does not say. */
const DEFAULT_MAX_PAYLOAD_BYTES = 1_048_576;

interface NatsConsumerState {
  stopping: boolean;
  messages?: ConsumerMessages;
  /** Cuts short the wait before subscribing again. */
  wake?: () => void;
  finished?: Promise<void>;
}

/**
 * Opens the ingest stream on NATS JetStream: makes sure the stream (file storage, work-queue retention,
 * a deduplication window) and the durable pull consumer (explicit acks) exist with these settings,
 * then publishes and consumes through them.
 */
export async function openNatsStream(options: NatsStreamOptions): Promise<IngestStream> {
  const streamName = options.streamName ?? DEFAULT_STREAM_NAME;
  const subject = options.subject ?? DEFAULT_SUBJECT;
  const durableName = options.durableName ?? DEFAULT_DURABLE_NAME;
  const maxDeliver = options.maxDeliver ?? DEFAULT_MAX_DELIVER;
  const redeliveryDelayMs = options.redeliveryDelayMs ?? DEFAULT_REDELIVERY_DELAY_MS;
  const ackWaitMs = options.ackWaitMs ?? DEFAULT_ACK_WAIT_MS;
  const duplicateWindowMs = options.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS;
  const resubscribeDelayMs = options.resubscribeDelayMs ?? DEFAULT_RESUBSCRIBE_DELAY_MS;
  const report = invalidReporter(options.onInvalid);

  const ownsConnection = options.connection === undefined;
  const connection = options.connection ?? (await connect({ servers: options.url.split(','), name: 'weft-ingest' }));
  let client: JetStreamClient;
  try {
    const manager = await jetstreamManager(connection);
    await ensureStream(manager, { streamName, subject, duplicateWindowMs });
    await ensureConsumer(manager, { streamName, subject, durableName, ackWaitMs, maxDeliver });
    client = manager.jetstream();
  } catch (error) {
    if (ownsConnection) await connection.close();
    throw error;
  }

  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const consumers = new Set<NatsConsumerState>();
  let closed = false;

  function decode(message: JsMsg): ParsedStreamBatch {
    let value: unknown;
    try {
      value = JSON.parse(decoder.decode(message.data));
    } catch (error) {
      return { ok: false, reason: `not JSON (${describeError(error)})` };
    }
    const parsed = parseStreamBatch(value);
    if (parsed.ok) return parsed;
    const batchId = batchIdOf(value);
    return { ok: false, reason: `${batchId === undefined ? '' : `batch ${batchId}: `}${parsed.reason}` };
  }

  async function processMessage(message: JsMsg, handle: StreamBatchHandler): Promise<void> {
    const where = `stream message ${message.seq} on ${message.subject}`;
    const decoded = decode(message);
    if (!decoded.ok) {
      // Acknowledged and dropped: a message that cannot be read will never become readable by retrying.
      report(`${where} dropped: ${decoded.reason}`);
      settle(message, 'ack');
      return;
    }
    const { batch } = decoded;
    const deliveries = message.info.deliveryCount;
    if (deliveries > maxDeliver) {
      // Only reached when earlier deliveries ended without a verdict (the consumer died or stalled);
      // the server stops one delivery later, so this is the last chance to report it.
      report(`batch ${batch.batchId} (${where}) dropped: delivered ${deliveries} times without completing`);
      settle(message, 'term');
      return;
    }
    // Tell the server the batch is still being worked on, so a long write is not redelivered elsewhere.
    const progress = setInterval(settle, Math.max(100, ackWaitMs / 3), message, 'working');
    try {
      await handle(batch);
    } catch (error) {
      clearInterval(progress);
      if (deliveries >= maxDeliver) {
        report(
          `batch ${batch.batchId} (${where}) dropped after ${deliveries} failed deliveries: ${describeError(error)}`,
        );
        settle(message, 'term');
      } else {
        settle(message, 'nak', redeliveryDelayMs * deliveries);
      }
      return;
    }
    clearInterval(progress);
    // The connection died mid-handle: the server redelivers the batch, and writing it again changes nothing.
    if (connection.isClosed()) return;
    try {
      // Wait for the server to confirm, so a stop that follows does not lose the acknowledgement.
      await message.ackAck();
    } catch {
      // The connection is gone: the batch will be redelivered, and writing it again changes nothing.
    }
  }

  async function run(state: NatsConsumerState, consumer: Consumer, handle: StreamBatchHandler): Promise<void> {
    while (!isStopping(state) && !connection.isClosed()) {
      try {
        // One message per pull, and the client pulls again only when the loop asks for the next one: a batch
        // can hold thousands of records, and a prefetched one would sit unacknowledged while its ack wait runs.
        const messages = await consumer.consume({ max_messages: 1 });
        state.messages = messages;
        if (isStopping(state)) {
          await messages.close();
          break;
        }
        for await (const message of messages) {
          if (isStopping(state)) {
            // Fetched after stopping began and not started: hand it straight back for another consumer.
            settle(message, 'nak');
            continue;
          }
          await processMessage(message, handle);
        }
      } catch {
        // The subscription failed (a deleted consumer, a refused request): subscribe again after a pause.
      }
      if (isStopping(state) || connection.isClosed()) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, resubscribeDelayMs);
        state.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  async function stop(state: NatsConsumerState): Promise<void> {
    state.stopping = true;
    state.wake?.();
    consumers.delete(state);
    // Closing ends the iteration once the message in hand is handled; the loop then finishes.
    await state.messages?.close().catch(() => undefined);
    await state.finished;
  }

  return {
    async publish(batch: StreamBatch): Promise<void> {
      if (closed) throw new Error('the ingest stream is closed');
      const parsed = parseStreamBatch(batch);
      if (!parsed.ok) throw new InvalidStreamBatchError(parsed.reason);
      const limit = (connection.info?.max_payload ?? DEFAULT_MAX_PAYLOAD_BYTES) - HEADER_ALLOWANCE_BYTES;
      const whole = encoder.encode(JSON.stringify(parsed.batch));
      if (whole.byteLength <= limit) {
        await client.publish(subject, whole, { msgID: parsed.batch.batchId });
        return;
      }
      const parts = splitBatch(parsed.batch, limit);
      for (const part of parts) {
        const payload = encoder.encode(JSON.stringify(part));
        if (payload.byteLength > limit) {
          throw new InvalidStreamBatchError(`part ${String(part.part?.index)} exceeds the ${limit}-byte message limit`);
        }
        // Each part has its own deduplication id, derived from the batch's, so republishing the batch is dropped whole.
        const msgID = `${part.batchId}#${String(part.part?.index)}/${String(part.part?.count)}`;
        await client.publish(subject, payload, { msgID });
      }
    },

    async consume(handle: StreamBatchHandler): Promise<StopConsuming> {
      if (closed) throw new Error('the ingest stream is closed');
      // Fail here, not in the background, if the consumer cannot be reached.
      const consumer = await client.consumers.get(streamName, durableName);
      const state: NatsConsumerState = { stopping: false };
      state.finished = run(state, consumer, handle);
      consumers.add(state);
      return () => stop(state);
    },

    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      await Promise.all([...consumers].map(stop));
      if (connection.isClosed()) return;
      try {
        if (ownsConnection) await connection.drain();
        else await connection.flush();
      } catch {
        // Already closing: nothing is left to flush.
      }
    },
  };
}

async function ensureStream(
  manager: JetStreamManager,
  settings: { streamName: string; subject: string; duplicateWindowMs: number },
): Promise<void> {
  const duplicateWindow = nanos(settings.duplicateWindowMs);
  try {
    const info = await manager.streams.info(settings.streamName);
    const subjects = info.config.subjects;
    if (!subjects.includes(settings.subject) || info.config.duplicate_window !== duplicateWindow) {
      await manager.streams.update(settings.streamName, {
        subjects: [...new Set([...subjects, settings.subject])],
        duplicate_window: duplicateWindow,
      });
    }
  } catch (error) {
    if (!isApiError(error, JetStreamApiCodes.StreamNotFound)) throw error;
    await manager.streams.add({
      name: settings.streamName,
      subjects: [settings.subject],
      storage: StorageType.File,
      // A work queue: a batch leaves the stream once written, so record data is not kept twice.
      retention: RetentionPolicy.Workqueue,
      duplicate_window: duplicateWindow,
    });
  }
}

async function ensureConsumer(
  manager: JetStreamManager,
  settings: { streamName: string; subject: string; durableName: string; ackWaitMs: number; maxDeliver: number },
): Promise<void> {
  const ackWait = nanos(settings.ackWaitMs);
  // One delivery beyond ours, so a batch whose consumers kept dying is still seen, reported and terminated.
  const serverMaxDeliver = settings.maxDeliver + 1;
  try {
    const info = await manager.consumers.info(settings.streamName, settings.durableName);
    if (info.config.ack_wait !== ackWait || info.config.max_deliver !== serverMaxDeliver) {
      await manager.consumers.update(settings.streamName, settings.durableName, {
        ack_wait: ackWait,
        max_deliver: serverMaxDeliver,
      });
    }
  } catch (error) {
    if (!isApiError(error, JetStreamApiCodes.ConsumerNotFound)) throw error;
    await manager.consumers.add(settings.streamName, {
      durable_name: settings.durableName,
      filter_subject: settings.subject,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: ackWait,
      max_deliver: serverMaxDeliver,
    });
  }
}

/** Splits a batch too large for one message into the fewest parts, in order, that each fit `limit` bytes. */
function splitBatch(batch: StreamBatch, limit: number): StreamBatch[] {
  const frame = { ...batch, records: [], part: { index: 999_999, count: 999_999, offset: 999_999 } };
  const frameBytes = Buffer.byteLength(JSON.stringify(frame));
  const groups: { offset: number; records: unknown[] }[] = [];
  let current: unknown[] = [];
  let offset = 0;
  let currentBytes = frameBytes;
  batch.records.forEach((record, index) => {
    // Measured as an array element (so `undefined` counts as null), less the brackets, plus a comma.
    const recordBytes = Buffer.byteLength(JSON.stringify([record])) - 1;
    if (frameBytes + recordBytes > limit) {
      throw new InvalidStreamBatchError(`record ${index} alone exceeds the ${limit}-byte message limit`);
    }
    if (currentBytes + recordBytes > limit && current.length > 0) {
      groups.push({ offset, records: current });
      offset = index;
      current = [];
      currentBytes = frameBytes;
    }
    current.push(record);
    currentBytes += recordBytes;
  });
  if (current.length > 0) groups.push({ offset, records: current });
  return groups.map((group, index) => ({
    ...batch,
    records: group.records,
    part: { index, count: groups.length, offset: group.offset },
  }));
}

/** Reads the flag afresh: `stop` sets it while the loop awaits, which type narrowing cannot see. */
function isStopping(state: NatsConsumerState): boolean {
  return state.stopping;
}

function isApiError(error: unknown, code: number): boolean {
  return error instanceof JetStreamApiError && error.code === code;
}

function batchIdOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('batchId' in value)) return undefined;
  const { batchId } = value;
  return typeof batchId === 'string' ? batchId.slice(0, 200) : undefined;
}

/** Sends a verdict on a message; it throws only when the connection is closed, and then the server redelivers anyway. */
function settle(message: JsMsg, verdict: 'ack' | 'nak' | 'term' | 'working', delayMs?: number): void {
  try {
    switch (verdict) {
      case 'ack':
        message.ack();
        break;
      case 'nak':
        message.nak(delayMs);
        break;
      case 'term':
        // No reason text: servers before 2.11 do not recognise a termination that carries one.
        message.term();
        break;
      case 'working':
        message.working();
        break;
    }
  } catch {
    // The connection is closed: the server redelivers after the ack wait.
  }
}
