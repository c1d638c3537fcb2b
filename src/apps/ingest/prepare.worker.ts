/** A worker thread that validates record batches (see preparer.ts). */
import { prepareBatch, type PositionedItem, type PreparedBatch } from '../../domain/ingest/ingest.service.ts';
import type { IngestContext } from '../../domain/ingest/prepare.ts';

/** Validates one batch; called by the pool with the batch and its context. */
export default function prepare(task: { items: readonly PositionedItem[]; context: IngestContext }): PreparedBatch {
  return prepareBatch(task.items, task.context);
}
