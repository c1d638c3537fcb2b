import { z } from 'zod';
import { MAX_BATCH } from './record-input.ts';

/** Longest batch id the stream accepts; it doubles as the transport's deduplication key. */
export const MAX_BATCH_ID_LENGTH = 200;

/**
 * A batch as it comes off the wire. Unknown keys are stripped rather than refused, so a newer
 * producer adding a field during a rolling deploy does not make older consumers drop its batches.
 * The envelope and the records are validated later, one by one, by the ingest service.
 */
export const streamBatch = z.object({
  batchId: z.string().min(1).max(MAX_BATCH_ID_LENGTH),
  organisationId: z.string().min(1).max(200),
  sourceSystem: z.string().min(1).max(200),
  envelope: z.unknown().optional(),
  records: z.array(z.unknown()).min(1).max(MAX_BATCH),
  part: z
    .object({ index: z.int().min(0), count: z.int().min(1), offset: z.int().min(0) })
    .refine((part) => part.index < part.count, { message: 'part index must be below part count' })
    .optional(),
}) satisfies z.ZodType<StreamBatch>;

/** Which slice of a batch this is, when the transport had to split a batch too large for one message. */
export interface StreamBatchPart {
  /** Zero-based position of this part. */
  readonly index: number;
  readonly count: number;
  /** Position in the whole batch of this part's first record, so record positions stay those of the batch. */
  readonly offset: number;
}

/** A batch of records on the ingest stream, published on behalf of one organisation. */
export interface StreamBatch {
  /** The producer's id for the batch: publishing it again is deduplicated. */
  readonly batchId: string;
  readonly organisationId: string;
  /** Who published it and in which request, for the ledger (absent on batches from older producers). */
  readonly actor?: string;
  readonly requestId?: string;
  readonly sourceSystem: string;
  /** Default markings for every record of the batch; validated by the ingest service. */
  readonly envelope?: unknown;
  readonly records: readonly unknown[];
  /** Set only on the parts of a batch split by the transport; each part shares the batch's id and defaults. */
  readonly part?: StreamBatchPart;
}

/** Handles one batch taken off the stream; the batch is acknowledged only once the promise resolves. */
export type StreamBatchHandler = (batch: StreamBatch) => Promise<void>;

/** Stops a consumer: the batch in hand finishes and is acknowledged, no further batch is taken. */
export type StopConsuming = () => Promise<void>;

/** Delivery settings shared by every ingest stream implementation. */
export interface IngestStreamDeliveryOptions {
  /** Deliveries of one batch before it is given up and reported (default 5). */
  readonly maxDeliver?: number;
  /** Wait before a failed batch is delivered again, multiplied by the number of deliveries so far (default 2,000 ms). */
  readonly redeliveryDelayMs?: number;
  /** Told, with a readable reason, about every batch dropped: undecodable, invalid, or failing every delivery. */
  readonly onInvalid?: (reason: string) => void;
}

/** Deliveries of one batch before it is given up, unless configured. */
export const DEFAULT_MAX_DELIVER = 5;

/** Base wait before a failed batch is delivered again, unless configured. */
export const DEFAULT_REDELIVERY_DELAY_MS = 2_000;

/**
 * A durable queue of record batches between producers (the API, file imports) and the writer.
 * Delivery is at least once: a handler must tolerate seeing a batch again (the ingest service
 * is idempotent, so writing a batch twice changes nothing the second time).
 */
export interface IngestStream {
  /**
   * Publishes a batch; resolves once the stream has durably accepted it. Rejects a batch that does
   * not satisfy `streamBatch`. Publishing the same batchId twice is deduplicated where the transport can.
   */
  publish(batch: StreamBatch): Promise<void>;
  /**
   * Starts consuming: `handle` is called for each batch, one at a time per consumer; a batch is
   * acknowledged only after `handle` resolves, and redelivered after a delay if it throws or the process
   * dies. After `maxDeliver` deliveries it is dropped and reported through `onInvalid`, as are batches
   * that cannot be decoded. Returns a stop function that finishes the batch in hand then stops.
   */
  consume(handle: StreamBatchHandler): Promise<StopConsuming>;
  /** Stops every consumer (each finishes its batch in hand) and releases the transport. */
  close(): Promise<void>;
}

/** A batch refused before it reached the stream: it does not satisfy `streamBatch` or cannot travel whole. */
export class InvalidStreamBatchError extends Error {
  constructor(reason: string) {
    super(`invalid stream batch: ${reason}`);
    this.name = 'InvalidStreamBatchError';
  }
}

/** A value checked against `streamBatch`: the batch, or a one-line reason it is not one. */
export type ParsedStreamBatch =
  { readonly ok: true; readonly batch: StreamBatch } | { readonly ok: false; readonly reason: string };

/** Validates a value taken off (or about to go on) the wire as a stream batch. */
export function parseStreamBatch(value: unknown): ParsedStreamBatch {
  const parsed = streamBatch.safeParse(value);
  if (parsed.success) return { ok: true, batch: parsed.data };
  const reason = parsed.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length === 0 ? '(batch)' : issue.path.map(String).join('.')}: ${issue.message}`)
    .join('; ');
  return { ok: false, reason };
}
