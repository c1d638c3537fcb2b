/** A worker thread that validates and encodes record batches (see preparer.ts). */
import { encodeRecords } from '../../adapters/store/record-encoding.ts';
import { prepareBatch, type PositionedItem } from '../../domain/ingest/ingest.service.ts';
import type { IngestContext } from '../../domain/ingest/prepare.ts';
import type { WorkerBatch } from './preparer.ts';

/** Validates one batch and encodes its good records as rows; only counts, errors and strings go back. */
export default function prepare(task: { items: readonly PositionedItem[]; context: IngestContext }): WorkerBatch {
  const batch = prepareBatch(task.items, task.context);
  const entries = [...batch.records.values()];
  return {
    total: batch.total,
    superseded: batch.superseded,
    rejected: batch.rejected,
    errors: batch.errors,
    encoded: encodeRecords(entries.map((entry) => entry.record)),
    locations: entries.map((entry) => ({
      position: entry.position,
      sourceRecordId: entry.record.envelope.sourceRecordId,
    })),
  };
}
