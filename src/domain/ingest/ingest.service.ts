import type { RecordError } from './errors.ts';
import type { RecordId } from '../model/ids.ts';
import type { RecordWriter, WriteAudit, WriteOutcome } from './ports.ts';
import { parseJsonLine } from './json-line.ts';
import { prepareRecord, writeAuditOf, type IngestContext, type PreparedRecord } from './prepare.ts';

/**
 * One submitted item and where it stood in the submission (array index or file line): a value,
 * or a line of JSON still to parse (files, so that parsing happens in the validation workers).
 */
export type PositionedItem =
  { readonly position: number; readonly value: unknown } | { readonly position: number; readonly json: string };

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
    let value: unknown;
    if ('json' in item) {
      const parsed = parseJsonLine(item.json);
      if (!('value' in parsed)) {
        rejected += 1;
        errors.push({ record: item.position, field: 'line', code: 'unreadable', message: parsed.message });
        continue;
      }
      value = parsed.value;
    } else {
      value = item.value;
    }
    const prepared = prepareRecord(value, item.position, context);
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

/** What validation found in a batch, before anything was written. */
export interface ValidationCounts {
  readonly total: number;
  readonly superseded: number;
  readonly rejected: number;
  readonly errors: readonly RecordError[];
}

/** Where a record stood in the submission, for reporting it. */
export interface RecordLocation {
  readonly position: number;
  readonly sourceRecordId: string;
}

/**
 * The report of a written batch: validation's counts and errors plus what the writer did;
 * records refused by the writer (a source record id already used by another type) become errors.
 */
export function batchReport(
  validation: ValidationCounts,
  outcome: WriteOutcome,
  locate: (id: RecordId) => RecordLocation | undefined,
): BatchReport {
  const conflicts = outcome.typeConflicts.map((conflict): RecordError => {
    const location = locate(conflict.id);
    return {
      record: location?.position ?? -1,
      sourceRecordId: location?.sourceRecordId ?? conflict.id,
      field: 'type',
      code: 'type_conflict',
      message: `this source record id already holds a ${conflict.existingType} record`,
    };
  });
  return {
    total: validation.total,
    superseded: validation.superseded,
    inserted: outcome.inserted,
    updated: outcome.updated,
    unchanged: outcome.unchanged,
    rejected: validation.rejected + conflicts.length,
    skipped: 0,
    errors: [...validation.errors, ...conflicts],
  };
}

/** The report of a batch of which nothing was written. */
function unwrittenReport(validation: ValidationCounts, skipped: number): BatchReport {
  return { ...EMPTY_REPORT, ...validation, errors: [...validation.errors], skipped };
}

/**
 * Writes a validated batch's good records in one transaction, so that a batch is either wholly
 * stored or, on a database failure, not at all — and a retry of the same batch changes nothing.
 */
export async function writePrepared(
  batch: PreparedBatch,
  writer: RecordWriter,
  audit: WriteAudit,
  options: IngestOptions = {},
): Promise<BatchReport> {
  if (batch.records.size === 0) return unwrittenReport(batch, 0);
  if (options.atomic === true && batch.rejected > 0) return unwrittenReport(batch, batch.records.size);
  const outcome = await writer.write(
    [...batch.records.values()].map((entry) => entry.record),
    audit,
  );
  return batchReport(batch, outcome, (id) => {
    const entry = batch.records.get(id);
    return entry === undefined
      ? undefined
      : { position: entry.position, sourceRecordId: entry.record.envelope.sourceRecordId };
  });
}

/** Validates a batch and writes its good records; bad ones are reported with position and field. */
export function ingestRecords(
  items: readonly PositionedItem[],
  context: IngestContext,
  writer: RecordWriter,
  options: IngestOptions = {},
): Promise<BatchReport> {
  return writePrepared(prepareBatch(items, context), writer, writeAuditOf(context), options);
}

/**
 * Where batches are validated and how they are written: on the calling thread by default, or
 * validated (and encoded) in worker threads while the calling thread writes the previous batch.
 */
export interface BatchPipeline<Ready> {
  prepare(items: readonly PositionedItem[], context: IngestContext): Promise<Ready>;
  write(ready: Ready, context: IngestContext): Promise<BatchReport>;
  /** How many batches may be in preparation at once, ahead of the one being written (default 1). */
  readonly depth?: number;
}

/** Validation and writing on the calling thread. */
export function inlinePipeline(writer: RecordWriter): BatchPipeline<PreparedBatch> {
  return {
    prepare: (items, context) => Promise.resolve(prepareBatch(items, context)),
    write: (batch, context) => writePrepared(batch, writer, writeAuditOf(context)),
  };
}

/**
 * Ingests a sequence of batches, validating each next batch while the previous one is being
 * written, and reports after each write. Used by file imports and benchmarks.
 */
export async function ingestBatches<Ready>(
  batches: AsyncIterable<readonly PositionedItem[]> | Iterable<readonly PositionedItem[]>,
  context: IngestContext,
  pipeline: BatchPipeline<Ready>,
  onReport: (report: BatchReport) => Promise<void> | void = () => undefined,
): Promise<BatchReport> {
  let total = EMPTY_REPORT;
  let writing: Promise<BatchReport> | undefined;
  const preparing: Promise<Ready>[] = [];
  const depth = Math.max(1, pipeline.depth ?? 1);
  const settle = async () => {
    if (writing === undefined) return;
    const report = await writing;
    writing = undefined;
    await onReport(report);
    total = addReports(total, report);
  };
  // Batches are written one at a time and in order; the next ones are prepared meanwhile.
  const writeNext = async () => {
    const next = preparing.shift();
    if (next === undefined) return;
    await settle();
    writing = pipeline.write(await next, context);
    // Handlers are attached at once so that a failure is not an unhandled rejection while
    // other promises are awaited; awaiting rethrows it.
    writing.catch(() => undefined);
  };
  for await (const items of batches) {
    const prepared = pipeline.prepare(items, context);
    prepared.catch(() => undefined);
    preparing.push(prepared);
    if (preparing.length >= depth) await writeNext();
  }
  while (preparing.length > 0) await writeNext();
  await settle();
  return total;
}
