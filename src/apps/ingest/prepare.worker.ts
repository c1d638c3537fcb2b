/** A worker thread that validates and encodes record batches (see preparer.ts). */
import { workerData } from 'piscina';
import { encodeRecords, recordSealer } from '../../adapters/store/record-encoding.ts';
import { prepareBatch, type PositionedItem } from '../../domain/ingest/ingest.service.ts';
import type { IngestContext } from '../../domain/ingest/prepare.ts';
import type { PreparerWorkerData, WorkerBatch } from './preparer.ts';

// Victims' records are sealed here, before any of their content leaves the thread as rows.
const sealer = recordSealer((workerData as PreparerWorkerData).fieldKey);

/** Validates one batch and encodes its good records as rows; only counts, errors and strings go back. */
export default function prepare(task: { items: readonly PositionedItem[]; context: IngestContext }): WorkerBatch {
  const batch = prepareBatch(task.items, task.context);
  const entries = [...batch.records.values()];
  return {
    total: batch.total,
    superseded: batch.superseded,
    rejected: batch.rejected,
    errors: batch.errors,
    encoded: encodeRecords(
      entries.map((entry) => entry.record),
      sealer,
    ),
    locations: entries.map((entry) => ({
      position: entry.position,
      sourceRecordId: entry.record.envelope.sourceRecordId,
    })),
  };
}
