import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { BatchPreparer } from '../../domain/ingest/ingest.service.ts';

/** A pool of worker threads that validate batches off the main thread. */
export interface PreparerPool {
  readonly prepare: BatchPreparer;
  close(): Promise<void>;
}

/**
 * Starts worker threads for batch validation: on a small machine one, leaving a core for the
 * main thread and the database. The workers load the TypeScript sources through tsx, like the
 * main thread.
 */
export function startPreparerPool(threads = Math.max(1, availableParallelism() - 1)): PreparerPool {
  const pool = new Piscina({
    filename: new URL('./prepare.worker.ts', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    execArgv: [...process.execArgv.filter((argument) => !argument.startsWith('--cpu-prof')), '--import', 'tsx'],
  });
  return {
    prepare: (items, context) => pool.run({ items, context }) as ReturnType<BatchPreparer>,
    close: () => pool.destroy(),
  };
}
