/**
 * A worker thread of the parallel screener (see parallel-screener.ts): reads the list into its
 * own index, then screens the chunks of queries it is sent.
 */
import { parentPort } from 'node:worker_threads';
import { isFindable, type ScreeningIndex } from '../../domain/screening/index.ts';
import type { ScreenerReply, ScreenerRequest } from './parallel-screener.ts';
import { indexList } from './screen-files.service.ts';

let index: ScreeningIndex | undefined;

function handle(request: ScreenerRequest): ScreenerReply {
  if (request.kind === 'load') {
    index = indexList(request.list, request.listConfig);
    return { kind: 'loaded', entries: index.size };
  }
  if (index === undefined) throw new Error('the screener worker was sent queries before a list');
  const loaded = index;
  const hits = request.queries.map((query) =>
    isFindable(query)
      ? loaded.screen(query, request.options).map((hit) => ({ entryId: hit.entryId, score: hit.score }))
      : [],
  );
  return { kind: 'screened', id: request.id, hits };
}

parentPort?.on('message', (request: ScreenerRequest) => {
  try {
    parentPort?.postMessage(handle(request));
  } catch (error) {
    parentPort?.postMessage({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
