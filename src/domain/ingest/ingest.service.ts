import type { RecordError } from './errors.ts';
import type { RecordWriter } from './ports.ts';
import { prepareRecord, type IngestContext, type PreparedRecord } from './prepare.ts';

/** One submitted item and where it stood in the submission (array index or file line). */
export interface PositionedItem {
  readonly position: number;
  readonly value: unknown;
}

/** What happened to a batch: counts that always add up to `total`, and every refusal. */
export interface BatchReport {
  readonly total: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Records repeated later in the same batch: the later one wins. */
  readonly superseded: number;
  readonly rejected: number;
  /** Valid records not written because an atomic batch held invalid ones. */
  readonly skipped: number;
  readonly errors: readonly RecordError[];
}

/** Reports keep the first errors only; the counts stay exact. */
export const MAX_REPORTED_ERRORS = 1_000;

/** Adds two reports' counts and (the first) errors. */
export function addReports(a: BatchReport, b: BatchReport): BatchReport {
  return {
    total: a.total + b.total,
    inserted: a.inserted + b.inserted,
    updated: a.updated + b.updated,
    unchanged: a.unchanged + b.unchanged,
    superseded: a.superseded + b.superseded,
    rejected: a.rejected + b.rejected,
    skipped: a.skipped + b.skipped,
    errors:
      a.errors.length >= MAX_REPORTED_ERRORS ? a.errors : [...a.errors, ...b.errors].slice(0, MAX_REPORTED_ERRORS),
  };
}

/** A report of nothing. */
export const EMPTY_REPORT: BatchReport = {
  total: 0,
  inserted: 0,
  updated: 0,
  unchanged: 0,
  superseded: 0,
  rejected: 0,
  skipped: 0,
  errors: [],
};

/** Options of one ingest. */
export interface IngestOptions {
  /** Write nothing unless every record is valid. */
  readonly atomic?: boolean;
}

/** A validated batch, ready to write. */
export interface PreparedBatch {
  readonly total: number;
  readonly superseded: number;
  readonly rejected: number;
  readonly errors: RecordError[];
  /** The valid records by id, each with its position; the last occurrence of an id wins. */
  readonly records: Map<string, { readonly record: PreparedRecord; readonly position: number }>;
}

/** Validates a batch: pure CPU work, which a pipeline overlaps with the previous batch's write. */
export function prepareBatch(items: readonly PositionedItem[], context: IngestContext): PreparedBatch {
  const errors: RecordError[] = [];
  const records = new Map<string, { record: PreparedRecord; position: number }>();
  let rejected = 0;
  let superseded = 0;
  for (const item of items) {
    const prepared = prepareRecord(item.value, item.position, context);
    if (!prepared.ok) {
      rejected += 1;
      errors.push(...prepared.errors);
      continue;
    }
    if (records.has(prepared.record.id)) superseded += 1;
    // Re-inserting moves the key last, so records are written in the order they last appeared.
    records.delete(prepared.record.id);
    records.set(prepared.record.id, { record: prepared.record, position: item.position });
  }
  return { total: items.length, superseded, rejected, errors, records };
}

/**
 * Writes a validated batch's good records in one transaction, so that a batch is either wholly
 * stored or, on a database failure, not at all — and a retry of the same batch changes nothing.
 */
export async function writePrepared(
  batch: PreparedBatch,
  writer: RecordWriter,
  options: IngestOptions = {},
): Promise<BatchReport> {
  const errors = [...batch.errors];
  const base = {
    total: batch.total,
    superseded: batch.superseded,
    errors,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
  };
  if (batch.records.size === 0) return { ...base, rejected: batch.rejected };
  if (options.atomic === true && batch.rejected > 0) {
    return { ...base, rejected: batch.rejected, skipped: batch.records.size };
  }
  const outcome = await writer.write([...batch.records.values()].map((entry) => entry.record));
  for (const conflict of outcome.typeConflicts) {
    const entry = batch.records.get(conflict.id);
    errors.push({
      record: entry?.position ?? -1,
      sourceRecordId: entry?.record.envelope.sourceRecordId ?? conflict.id,
      field: 'type',
      code: 'type_conflict',
      message: `this source record id already holds a ${conflict.existingType} record`,
    });
  }
  return {
    ...base,
    inserted: outcome.inserted,
    updated: outcome.updated,
    unchanged: outcome.unchanged,
    rejected: batch.rejected + outcome.typeConflicts.length,
  };
}

/** Validates a batch and writes its good records; bad ones are reported with position and field. */
export function ingestRecords(
  items: readonly PositionedItem[],
  context: IngestContext,
  writer: RecordWriter,
  options: IngestOptions = {},
): Promise<BatchReport> {
  return writePrepared(prepareBatch(items, context), writer, options);
}

/** Validates a batch somewhere: inline, or in a worker thread so that it overlaps with writing. */
export type BatchPreparer = (items: readonly PositionedItem[], context: IngestContext) => Promise<PreparedBatch>;

/** Validation on the calling thread. */
export const prepareInline: BatchPreparer = (items, context) => Promise.resolve(prepareBatch(items, context));

/** Options of a multi-batch ingest. */
export interface BatchIngestOptions {
  readonly prepare?: BatchPreparer;
  /** Called after each batch is written, in order. */
  readonly onReport?: (report: BatchReport) => Promise<void> | void;
}

/**
 * Ingests a sequence of batches, validating each next batch while the previous one is being
 * written, and reports after each write. Used by file imports and benchmarks.
 */
export async function ingestBatches(
  batches: AsyncIterable<readonly PositionedItem[]> | Iterable<readonly PositionedItem[]>,
  context: IngestContext,
  writer: RecordWriter,
  options: BatchIngestOptions = {},
): Promise<BatchReport> {
  const prepare = options.prepare ?? prepareInline;
  let total = EMPTY_REPORT;
  let writing: Promise<BatchReport> | undefined;
  const settle = async () => {
    if (writing === undefined) return;
    const report = await writing;
    writing = undefined;
    await options.onReport?.(report);
    total = addReports(total, report);
  };
  for await (const items of batches) {
    const preparing = prepare(items, context);
    // Handlers are attached at once so that a failure is not an unhandled rejection while the
    // other promise is awaited; awaiting rethrows it.
    preparing.catch(() => undefined);
    await settle();
    writing = writePrepared(await preparing, writer);
    writing.catch(() => undefined);
  }
  await settle();
  return total;
}
