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

/** Adds two reports' counts and errors. */
export function addReports(a: BatchReport, b: BatchReport): BatchReport {
  return {
    total: a.total + b.total,
    inserted: a.inserted + b.inserted,
    updated: a.updated + b.updated,
    unchanged: a.unchanged + b.unchanged,
    superseded: a.superseded + b.superseded,
    rejected: a.rejected + b.rejected,
    skipped: a.skipped + b.skipped,
    errors: [...a.errors, ...b.errors],
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

/**
 * Validates a batch and writes its good records. Bad records are reported with their position
 * and field; good ones are written in one transaction, so a batch is either wholly stored or,
 * on a database failure, not at all — and a retry of the same batch changes nothing twice.
 */
export async function ingestRecords(
  items: readonly PositionedItem[],
  context: IngestContext,
  writer: RecordWriter,
  options: IngestOptions = {},
): Promise<BatchReport> {
  const errors: RecordError[] = [];
  const latest = new Map<string, { record: PreparedRecord; position: number }>();
  let rejectedRecords = 0;
  let superseded = 0;
  for (const item of items) {
    const prepared = prepareRecord(item.value, item.position, context);
    if (!prepared.ok) {
      rejectedRecords += 1;
      errors.push(...prepared.errors);
      continue;
    }
    if (latest.has(prepared.record.id)) superseded += 1;
    // Re-inserting moves the key last, so records are written in the order they last appeared.
    latest.delete(prepared.record.id);
    latest.set(prepared.record.id, { record: prepared.record, position: item.position });
  }
  const base = { total: items.length, superseded, errors, inserted: 0, updated: 0, unchanged: 0, skipped: 0 };
  if (latest.size === 0) return { ...base, rejected: rejectedRecords };
  if (options.atomic === true && rejectedRecords > 0) {
    return { ...base, rejected: rejectedRecords, skipped: latest.size };
  }
  const outcome = await writer.write([...latest.values()].map((entry) => entry.record));
  for (const conflict of outcome.typeConflicts) {
    const entry = latest.get(conflict.id);
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
    rejected: rejectedRecords + outcome.typeConflicts.length,
  };
}
