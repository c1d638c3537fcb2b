import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { Store } from '../../adapters/store/index.ts';
import type { EncodedBatch } from '../../adapters/store/record-encoding.ts';
import {
  batchReport,
  type BatchPipeline,
  type RecordLocation,
  type ValidationCounts,
} from '../../domain/ingest/ingest.service.ts';
import { writeAuditOf } from '../../domain/ingest/prepare.ts';

const NOTHING_WRITTEN = { inserted: 0, updated: 0, unchanged: 0, typeConflicts: [] } as const;

/** A batch validated and encoded in a worker thread. */
export interface WorkerBatch extends ValidationCounts {
  readonly encoded: EncodedBatch;
  /** Where each encoded record stood in the submission, in the same order. */
  readonly locations: readonly RecordLocation[];
}

/** What every worker thread starts with. */
export interface PreparerWorkerData {
  /** The store's field key, which seals victims' records as they are encoded. */
  readonly fieldKey: Uint8Array;
}

/** A pool of worker threads and the ingest pipeline that uses it. */
export interface PreparerPool {
  readonly pipeline: BatchPipeline<WorkerBatch>;
  close(): Promise<void>;
}

/**
 * Starts worker threads that validate and encode batches while the calling thread writes the
 * previous one: one per core (measured best on two cores, even with the database beside them).
 * Only counts, errors and encoded rows (strings, cheap to pass) come back. The workers load the
 * TypeScript sources through tsx, like the main thread, and get the store's field key to seal
 * victims' records with (in workerData, never in a task or a message that could be logged).
 */
export function startPreparerPool(
  store: Store,
  { threads = Math.min(4, availableParallelism()) }: { threads?: number } = {},
): PreparerPool {
  const records = store.records;
  // A copy of exactly the key's bytes: a view into a larger buffer would clone all of it.
  const workerData: PreparerWorkerData = { fieldKey: Uint8Array.from(records.fieldKey) };
  const pool = new Piscina({
    filename: new URL('./prepare.worker.ts', import.meta.url).href,
    workerData,
    minThreads: threads,
    maxThreads: threads,
    execArgv: [...process.execArgv.filter((argument) => !argument.startsWith('--cpu-prof')), '--import', 'tsx'],
  });
  return {
    pipeline: {
      depth: threads,
      prepare: (items, context) => pool.run({ items, context }) as Promise<WorkerBatch>,
      async write(batch, context) {
        const outcome =
          batch.encoded.records.length === 0
            ? NOTHING_WRITTEN
            : await records.writeEncoded(batch.encoded, writeAuditOf(context));
        return batchReport(batch, outcome, (id) => {
          const index = batch.encoded.records.findIndex((record) => record.id === id);
          return batch.locations[index];
        });
      },
    },
    close: () => pool.destroy(),
  };
}
