/**
 * A worker thread of the parallel pair scorer (see pair-scorer.ts): holds one model bound to one
 * set of prepared records, and scores the chunks of candidate pairs it is sent.
 */
import { parentPort } from 'node:worker_threads';
import { compareLevel, createScorer, internValues, type Scorer } from '../../domain/resolution/match/index.ts';
import type { PairScorerReply, PairScorerRequest } from './pair-scorer.ts';

let scorer: Scorer | undefined;

function handle(request: PairScorerRequest): PairScorerReply {
  if (request.kind === 'bind') {
    // The records arrive as copies, each value its own string: equal values are made one again.
    const text = new Map([...request.records.text].map(([role, values]) => [role, internValues(values)] as const));
    scorer = createScorer(request.model, { ...request.records, text });
    return { kind: 'bound' };
  }
  if (scorer === undefined) throw new Error('the pair scorer worker was sent pairs before a model');
  const { left, right } = request;
  const count = left.length;
  if (request.kind === 'weights') {
    const weights = new Float64Array(count);
    const scratch = new Uint8Array(scorer.bound.length);
    for (let pair = 0; pair < count; pair += 1) {
      weights[pair] = scorer.weight(left[pair] ?? 0, right[pair] ?? 0, scratch);
    }
    return { kind: 'weights', id: request.id, weights };
  }
  const bound = scorer.bound
    .filter((comparison) => request.features.includes(comparison.comparison.name))
    .map((comparison) => (request.wordsWithin ? comparison : { ...comparison, words: undefined }));
  const sums = new Uint16Array(count);
  const records = scorer.records;
  for (let pair = 0; pair < count; pair += 1) {
    const l = left[pair] ?? 0;
    const r = right[pair] ?? 0;
    let sum = 0;
    for (const comparison of bound) sum += compareLevel(comparison, records, l, r);
    sums[pair] = sum;
  }
  return { kind: 'levels', id: request.id, sums };
}

parentPort?.on('message', (request: PairScorerRequest) => {
  try {
    const reply = handle(request);
    // The result arrays were made here (never shared): move their buffers instead of cloning them.
    const buffer =
      reply.kind === 'weights' ? reply.weights.buffer : reply.kind === 'levels' ? reply.sums.buffer : undefined;
    const transfer = buffer instanceof ArrayBuffer ? [buffer] : [];
    parentPort?.postMessage(reply, transfer);
  } catch (error) {
    parentPort?.postMessage({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
