/**
 * Comparing candidate pairs on two threads for `weft link`, inside the engine's synchronous run.
 * A helper thread, started with the command, reads and prepares the same files the same way while
 * the main thread does (so no records cross between threads); when the engine asks for the
 * comparison vectors, both threads take chunks of pairs from a shared counter and write their
 * vectors into one shared array. The main thread waits for the helper with `Atomics.wait`, so the
 * engine stays synchronous and single-threaded in its own code, and the vectors are the same, byte
 * for byte, as on one thread.
 */
import type { Worker } from 'node:worker_threads';
import {
  compareInto,
  type BoundComparison,
  type CandidatePairs,
  type PreparedRecords,
} from '../../domain/resolution/match/index.ts';
import { startSourceWorker } from '../source-worker.ts';
import type { LinkMap } from './link-files.service.ts';

/** The files the helper reads, as the main thread reads them. */
export interface ComparerInputs {
  readonly map: LinkMap;
  readonly inputs: readonly { readonly path: string; readonly source: 0 | 1 }[];
}

/** A message to the helper thread. */
export type ComparerRequest =
  | {
      readonly kind: 'prepare';
      readonly map: { readonly id: string; readonly fields: readonly (readonly [string, readonly string[]])[] };
      readonly inputs: ComparerInputs['inputs'];
    }
  | {
      readonly kind: 'compare';
      /** The comparisons' names, in order: the helper checks it binds the same ones. */
      readonly comparisons: readonly string[];
      readonly records: number;
      readonly left: Int32Array;
      readonly right: Int32Array;
      readonly vectors: Uint8Array;
      /** Per chunk: 0 to take, 1 taken, 2 done. */
      readonly chunks: Int32Array;
      /** [chunks done, helper failed, chunks the helper did]. */
      readonly control: Int32Array;
      readonly chunkSize: number;
    };

/** The helper's word that its records are prepared (or could not be). */
export interface ComparerReply {
  readonly kind: 'prepared';
  readonly error?: string;
}

/** Pairs per chunk. */
export const COMPARE_CHUNK = 65_536;

/** Indices into the shared control array. */
export const DONE = 0;
export const FAILED = 1;
export const BY_HELPER = 2;

const TAKEN = 1;
const FINISHED = 2;

/** Takes a chunk not yet taken; true when this thread now has it. */
export function takeChunk(chunks: Int32Array, chunk: number): boolean {
  return Atomics.compareExchange(chunks, chunk, 0, TAKEN) === 0;
}

/** Marks a taken chunk done (once, whichever thread finishes it first) and wakes a waiting thread. */
export function finishChunk(chunks: Int32Array, control: Int32Array, chunk: number): void {
  if (Atomics.compareExchange(chunks, chunk, TAKEN, FINISHED) !== TAKEN) return;
  Atomics.add(control, DONE, 1);
  Atomics.notify(control, DONE);
}

/** Computes one chunk's comparison vectors into the shared array. */
export function compareChunk(
  bound: readonly BoundComparison[],
  records: PreparedRecords,
  request: Pick<Extract<ComparerRequest, { kind: 'compare' }>, 'left' | 'right' | 'vectors' | 'chunkSize'>,
  chunk: number,
): void {
  const features = bound.length;
  const end = Math.min(request.left.length, (chunk + 1) * request.chunkSize);
  for (let pair = chunk * request.chunkSize; pair < end; pair += 1) {
    compareInto(bound, records, request.left[pair] ?? 0, request.right[pair] ?? 0, request.vectors, pair * features);
  }
}

const WORKER_ENTRY = new URL('./parallel-comparer.worker.ts', import.meta.url);

/** How long the main thread waits without a chunk finishing before it does the helper's taken chunks itself. */
const PATIENCE_MS = 30_000;

/** A helper thread comparing pairs alongside the main thread; `close()` ends it. */
export class ParallelComparer {
  private helperChunks = 0;

  private constructor(
    private readonly worker: Worker,
    /** Settles when the helper has prepared its records (or failed to). */
    readonly prepared: Promise<ComparerReply>,
    private readonly chunkSize: number,
  ) {}

  /** How many chunks the helper compared in the last run (for tests and reports). */
  get chunksByHelper(): number {
    return this.helperChunks;
  }

  /** Starts the helper on the same files; it reads and prepares them while the main thread does. */
  static start({ map, inputs }: ComparerInputs, { chunkSize = COMPARE_CHUNK } = {}): ParallelComparer {
    const worker = startSourceWorker(WORKER_ENTRY);
    const prepared = new Promise<ComparerReply>((resolve) => {
      worker.once('message', resolve);
      worker.once('error', (error) => {
        resolve({ kind: 'prepared', error: error.message });
      });
    });
    // The helper never keeps the process alive, and its failures reach the main thread through
    // the shared control array (the main thread, waiting synchronously, hears no events).
    worker.unref();
    const request: ComparerRequest = {
      kind: 'prepare',
      map: { id: map.id, fields: [...map.fields] },
      inputs,
    };
    worker.postMessage(request);
    return new ParallelComparer(worker, prepared, chunkSize);
  }

  /** The comparison vectors of the pairs, as `comparisonVectors` computes them on one thread. */
  readonly comparisonVectors = (
    bound: readonly BoundComparison[],
    records: PreparedRecords,
    pairs: Pick<CandidatePairs, 'count' | 'left' | 'right'>,
  ): Uint8Array => {
    const count = pairs.count;
    const shared = (bytes: number) => new SharedArrayBuffer(Math.max(bytes, 1));
    const left = new Int32Array(shared(count * 4), 0, count);
    left.set(pairs.left.subarray(0, count));
    const right = new Int32Array(shared(count * 4), 0, count);
    right.set(pairs.right.subarray(0, count));
    const vectors = new Uint8Array(shared(count * bound.length), 0, count * bound.length);
    const chunkSize = this.chunkSize;
    const chunkCount = Math.ceil(count / chunkSize);
    const chunks = new Int32Array(shared(chunkCount * 4), 0, chunkCount);
    const control = new Int32Array(shared(12), 0, 3);
    const request: ComparerRequest = {
      kind: 'compare',
      comparisons: bound.map((comparison) => comparison.comparison.name),
      records: records.size,
      left,
      right,
      vectors,
      chunks,
      control,
      chunkSize,
    };
    this.worker.postMessage(request);
    const work = { left, right, vectors, chunkSize };
    for (let chunk = 0; chunk < chunkCount; chunk += 1) {
      if (!takeChunk(chunks, chunk)) continue;
      compareChunk(bound, records, work, chunk);
      finishChunk(chunks, control, chunk);
    }
    // Wait for the chunks the helper took. Should it fail, or fall silent, the main thread does
    // them itself (the same bytes, so a late helper writing them too changes nothing).
    let done = Atomics.load(control, DONE);
    let waited = 0;
    while (done < chunkCount) {
      const failed = Atomics.load(control, FAILED) !== 0;
      if (failed || waited >= PATIENCE_MS) {
        for (let chunk = 0; chunk < chunkCount; chunk += 1) {
          if (Atomics.load(chunks, chunk) === TAKEN) {
            compareChunk(bound, records, work, chunk);
            finishChunk(chunks, control, chunk);
          }
        }
        break;
      }
      const result = Atomics.wait(control, DONE, done, 1_000);
      const now = Atomics.load(control, DONE);
      waited = result === 'timed-out' && now === done ? waited + 1_000 : 0;
      done = now;
    }
    this.helperChunks = Atomics.load(control, BY_HELPER);
    return vectors;
  };

  /** Ends the helper. */
  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
