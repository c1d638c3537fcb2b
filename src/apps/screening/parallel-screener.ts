/**
 * Screening a batch of queries on worker threads: each worker reads the list and builds its own
 * index (the index is plain objects and typed arrays, built faster than it could be copied), then
 * screens the chunks of queries it is handed. The hits come back in the queries' order, the same
 * as screening on one thread. The domain stays single-threaded and pure; the threads live here.
 */
import type { Worker } from 'node:worker_threads';
import { startSourceWorker } from '../source-worker.ts';
import type { ScreeningFields, ScreenOptions } from '../../domain/screening/index.ts';

/** A hit as a batch reports it. */
export interface BatchHit {
  readonly entryId: string;
  readonly score: number;
}

/** A message to a screener worker. */
export type ScreenerRequest =
  | { readonly kind: 'load'; readonly list: string; readonly listConfig?: string }
  | {
      readonly kind: 'screen';
      readonly id: number;
      readonly queries: readonly ScreeningFields[];
      readonly options: Pick<ScreenOptions, 'limit' | 'threshold'>;
    };

/** A worker's answer. */
export type ScreenerReply =
  | { readonly kind: 'loaded'; readonly entries: number }
  | { readonly kind: 'screened'; readonly id: number; readonly hits: readonly (readonly BatchHit[])[] }
  | { readonly kind: 'error'; readonly message: string };

const WORKER_ENTRY = new URL('./parallel-screener.worker.ts', import.meta.url).href;

/** Queries per chunk: enough that messages cost little, few enough to keep every thread busy to the end. */
const CHUNK = 1_000;

/** Batch screening on worker threads; `close()` ends them. */
export class ParallelScreener {
  private nextId = 0;

  private constructor(
    private readonly workers: readonly Worker[],
    /** How many entries each worker's index holds. */
    readonly entries: number,
  ) {}

  /** Starts `threads` workers, each reading the list and building its index. */
  static async start(list: string, listConfig: string | undefined, threads: number): Promise<ParallelScreener> {
    const workers = Array.from({ length: Math.max(1, threads) }, () => startSourceWorker(WORKER_ENTRY));
    try {
      const replies = await Promise.all(
        workers.map((worker) =>
          ask(worker, { kind: 'load', list, ...(listConfig === undefined ? {} : { listConfig }) }),
        ),
      );
      const first = replies[0];
      return new ParallelScreener(workers, first?.kind === 'loaded' ? first.entries : 0);
    } catch (error) {
      await Promise.all(workers.map((worker) => worker.terminate()));
      throw error;
    }
  }

  /** The hits of every query, in the queries' order; `onProgress` is told after each chunk. */
  async screen(
    queries: readonly ScreeningFields[],
    options: Pick<ScreenOptions, 'limit' | 'threshold'>,
    onProgress?: (done: number) => void,
  ): Promise<(readonly BatchHit[])[]> {
    const out: (readonly BatchHit[])[] = new Array<readonly BatchHit[]>(queries.length);
    let next = 0;
    let done = 0;
    const work = async (worker: Worker): Promise<void> => {
      while (next < queries.length) {
        const offset = next;
        const end = Math.min(queries.length, offset + CHUNK);
        next = end;
        const id = this.nextId;
        this.nextId += 1;
        const reply = await ask(worker, { kind: 'screen', id, queries: queries.slice(offset, end), options });
        if (reply.kind !== 'screened') throw new Error('a screener worker answered out of turn');
        reply.hits.forEach((hits, index) => (out[offset + index] = hits));
        done += end - offset;
        onProgress?.(done);
      }
    };
    await Promise.all(this.workers.map(work));
    return out;
  }

  /** Ends the workers. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

function ask(worker: Worker, message: ScreenerRequest): Promise<ScreenerReply> {
  return new Promise((resolve, reject) => {
    const onMessage = (reply: ScreenerReply) => {
      worker.off('error', onError);
      if (reply.kind === 'error') reject(new Error(reply.message));
      else resolve(reply);
    };
    const onError = (error: Error) => {
      worker.off('message', onMessage);
      reject(error);
    };
    worker.once('message', onMessage);
    worker.once('error', onError);
    worker.postMessage(message);
  });
}
