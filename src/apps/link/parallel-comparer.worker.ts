/**
 * The helper thread of the parallel comparer (see parallel-comparer.ts): reads and prepares the
 * files as the main thread does, then takes chunks of the pairs it is sent until none are left.
 */
import { parentPort } from 'node:worker_threads';
import {
  bindComparisons,
  comparisonsFor,
  prepareRecords,
  type BoundComparison,
  type FieldRole,
  type PreparedRecords,
} from '../../domain/resolution/match/index.ts';
import { readLinkRecords } from './link-files.service.ts';
import {
  BY_HELPER,
  compareChunk,
  DONE,
  FAILED,
  finishChunk,
  takeChunk,
  type ComparerReply,
  type ComparerRequest,
} from './parallel-comparer.ts';

let prepared: { records: PreparedRecords; bound: readonly BoundComparison[] } | Error | undefined;

function handle(request: ComparerRequest): void {
  if (request.kind === 'prepare') {
    try {
      const map = { id: request.map.id, fields: new Map(request.map.fields as [FieldRole, string[]][]) };
      const records = prepareRecords(
        request.inputs.flatMap((input) => readLinkRecords(input.path, map, input.source)),
        new Set(map.fields.keys()),
      );
      prepared = { records, bound: bindComparisons(comparisonsFor(new Set(map.fields.keys())), records) };
    } catch (error) {
      prepared = error instanceof Error ? error : new Error(String(error));
    }
    const reply: ComparerReply =
      prepared instanceof Error ? { kind: 'prepared', error: prepared.message } : { kind: 'prepared' };
    parentPort?.postMessage(reply);
    return;
  }
  const { chunks, control } = request;
  try {
    if (prepared === undefined) throw new Error('the comparer was sent pairs before its records');
    if (prepared instanceof Error) throw prepared;
    const { records, bound } = prepared;
    const names = bound.map((comparison) => comparison.comparison.name);
    if (records.size !== request.records || names.join() !== request.comparisons.join()) {
      throw new Error('the comparer prepared other records or comparisons than the main thread');
    }
    for (let chunk = 0; chunk < chunks.length; chunk += 1) {
      if (!takeChunk(chunks, chunk)) continue;
      compareChunk(bound, records, request, chunk);
      finishChunk(chunks, control, chunk);
      Atomics.add(control, BY_HELPER, 1);
    }
  } catch {
    // The main thread does whatever this thread took and did not finish.
    Atomics.store(control, FAILED, 1);
    Atomics.notify(control, DONE);
  }
}

parentPort?.on('message', handle);
