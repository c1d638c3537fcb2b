/**
 * Scoring candidate pairs on worker threads: each worker holds the model bound to the prepared
 * records (sent once), and the pairs are cut into chunks handed to whichever worker is free. The
 * results are written back at each chunk's offset, so they come out in the pairs' order and are
 * the same, bit for bit, as scoring on one thread. The domain stays single-threaded and pure; the
 * threads live here.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { startSourceWorker } from '../source-worker.ts';
import type { LinkageModel, PreparedRecords } from '../../domain/resolution/match/index.ts';

/** A message to a pair scorer worker. */
export type PairScorerRequest =
  | { readonly kind: 'bind'; readonly model: LinkageModel; readonly records: PreparedRecords }
  | { readonly kind: 'weights'; readonly id: number; readonly left: Int32Array; readonly right: Int32Array }
  | {
      readonly kind: 'levels';
      readonly id: number;
      readonly left: Int32Array;
      readonly right: Int32Array;
      readonly features: readonly string[];
      readonly wordsWithin: boolean;
    };

/** A worker's answer. */
export type PairScorerReply =
  | { readonly kind: 'bound' }
  | { readonly kind: 'weights'; readonly id: number; readonly weights: Float64Array }
  | { readonly kind: 'levels'; readonly id: number; readonly sums: Uint16Array }
  | { readonly kind: 'error'; readonly message: string };

/** Candidate pairs as the engine holds them: record indices, left and right. */
export interface PairIndices {
  readonly count: number;
  readonly left: Int32Array;
  readonly right: Int32Array;
}

const WORKER_ENTRY = new URL('./pair-scorer.worker.ts', import.meta.url).href;

/** Pairs per chunk: small enough to keep both threads busy to the end, large enough that messages cost little. */
const CHUNK = 65_536;

/** Pair scoring on worker threads; `close()` ends them. */
export class ParallelPairScorer {
  private nextId = 0;

  private constructor(private readonly workers: readonly Worker[]) {}

  /** How many worker threads score. */
  get threads(): number {
    return this.workers.length;
  }

  /** Starts `threads` workers (one per core by default) and binds the model to the records in each. */
  static async start(
    model: LinkageModel,
    records: PreparedRecords,
    { threads = availableParallelism() }: { threads?: number } = {},
  ): Promise<ParallelPairScorer> {
    const workers = Array.from({ length: Math.max(1, threads) }, () => startSourceWorker(WORKER_ENTRY));
    const scorer = new ParallelPairScorer(workers);
    try {
      await Promise.all(workers.map((worker) => scorer.ask(worker, { kind: 'bind', model, records })));
    } catch (error) {
      await scorer.close();
      throw error;
    }
    return scorer;
  }

  /** The match weight of every pair, in the pairs' order. */
  async weights(pairs: PairIndices): Promise<Float64Array> {
    const out = new Float64Array(pairs.count);
    await this.run(
      pairs,
      (id, left, right) => ({ kind: 'weights', id, left, right }),
      (reply, offset) => {
        if (reply.kind === 'weights') out.set(reply.weights, offset);
      },
    );
    return out;
  }

  /**
   * For every pair, the sum of the level codes of the named comparisons (what a SQL engine is timed
   * on); without the address's level of words within one another when `wordsWithin` is false.
   */
  async levelSums(
    pairs: PairIndices,
    features: readonly string[],
    { wordsWithin = true }: { wordsWithin?: boolean } = {},
  ): Promise<Uint16Array> {
    const out = new Uint16Array(pairs.count);
    await this.run(
      pairs,
      (id, left, right) => ({ kind: 'levels', id, left, right, features, wordsWithin }),
      (reply, offset) => {
        if (reply.kind === 'levels') out.set(reply.sums, offset);
      },
    );
    return out;
  }

  /** Ends the workers. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private async run(
    pairs: PairIndices,
    request: (id: number, left: Int32Array, right: Int32Array) => PairScorerRequest,
    collect: (reply: PairScorerReply, offset: number) => void,
  ): Promise<void> {
    let next = 0;
    const work = async (worker: Worker): Promise<void> => {
      while (next < pairs.count) {
        const offset = next;
        const end = Math.min(pairs.count, offset + CHUNK);
        next = end;
        const id = this.nextId;
        this.nextId += 1;
        // Copies of the chunk's indices, moved to the worker rather than cloned.
        const left = pairs.left.slice(offset, end);
        const right = pairs.right.slice(offset, end);
        collect(await this.ask(worker, request(id, left, right), [left.buffer, right.buffer]), offset);
      }
    };
    await Promise.all(this.workers.map(work));
  }

  private ask(worker: Worker, message: PairScorerRequest, transfer: ArrayBuffer[] = []): Promise<PairScorerReply> {
    return new Promise((resolve, reject) => {
      const onMessage = (reply: PairScorerReply) => {
        worker.off('error', onError);
        if (reply.kind === 'error') reject(new Error(`pair scorer worker: ${reply.message}`));
        else resolve(reply);
      };
      const onError = (error: Error) => {
        worker.off('message', onMessage);
        reject(error);
      };
      worker.once('message', onMessage);
      worker.once('error', onError);
      worker.postMessage(message, transfer);
    });
  }
}
