/** The engine on the public FEBRL sets: blocking recall, pair quality, incremental = batch. */
import { describe, expect, it } from 'vitest';
import {
  blockingRulesFor,
  candidatePairs,
  DEFAULT_MAX_BLOCK_SIZE,
  IncrementalLinker,
  linkRecords,
  linkWithModel,
  prepareRecords,
  type LinkMode,
  type LinkRecord,
} from '../../domain/resolution/match/index.ts';
import { FEBRL_MAP, febrlPerson, HAS_SHARED_DATA, SHARED_DATA, SKIP_REASON } from './link.test-support.ts';
import { parseLinkMap, readLinkRecords } from './link-files.service.ts';

function febrl(files: readonly string[], withSsn: boolean): LinkRecord[] {
  const fields: Record<string, unknown> = { ...FEBRL_MAP.fields };
  if (!withSsn) delete fields.national_id;
  const map = parseLinkMap(JSON.stringify({ id: FEBRL_MAP.id, fields }), 'FEBRL map');
  return files.flatMap((file, source) => readLinkRecords(`${SHARED_DATA}febrl/${file}`, map, source === 0 ? 0 : 1));
}

/** The share of true pairs (same person; across inputs when linking) among the candidate pairs. */
function blockingRecall(records: readonly LinkRecord[], mode: LinkMode): { recall: number; candidates: number } {
  const roles = new Set(records.flatMap((record) => Object.keys(record.fields))) as Set<never>;
  const prepared = prepareRecords(records, roles);
  const pairs = candidatePairs(prepared, blockingRulesFor(roles), { mode, maxBlockSize: DEFAULT_MAX_BLOCK_SIZE });
  let found = 0;
  for (let pair = 0; pair < pairs.count; pair += 1) {
    if (
      febrlPerson(records[pairs.left[pair] ?? 0]?.id ?? '') === febrlPerson(records[pairs.right[pair] ?? 0]?.id ?? '')
    )
      found += 1;
  }
  const perPerson = new Map<string, [number, number]>();
  for (const record of records) {
    const counts = perPerson.get(febrlPerson(record.id)) ?? [0, 0];
    counts[record.source] += 1;
    perPerson.set(febrlPerson(record.id), counts);
  }
  let actual = 0;
  for (const [first, second] of perPerson.values())
    actual += mode === 'link' ? first * second : (first * (first - 1)) / 2;
  return { recall: found / actual, candidates: pairs.count };
}

describe.skipIf(!HAS_SHARED_DATA)(`linkage on FEBRL${SKIP_REASON}`, { timeout: 120_000 }, () => {
  it('keeps blocking recall high and the candidate pairs few on FEBRL4 (5,000 × 5,000)', () => {
    const withSsn = blockingRecall(febrl(['dataset4a.csv', 'dataset4b.csv'], true), 'link');
    expect(withSsn.recall).toBeGreaterThanOrEqual(0.9998);
    const withoutSsn = blockingRecall(febrl(['dataset4a.csv', 'dataset4b.csv'], false), 'link');
    expect(withoutSsn.recall).toBeGreaterThanOrEqual(0.999);
    // Against 25,000,000 possible pairs.
    expect(withoutSsn.candidates).toBeLessThan(20_000);
  });

  it('keeps blocking recall high on FEBRL3 (dedupe of 5,000 records)', () => {
    const result = blockingRecall(febrl(['dataset3.csv'], true), 'dedupe');
    expect(result.recall).toBeGreaterThanOrEqual(0.999);
    expect(result.candidates).toBeLessThan(20_000);
  });

  it('links FEBRL3 without labels at pairwise F1 ≥ 0.999', () => {
    const records = febrl(['dataset3.csv'], true);
    const result = linkRecords(records, { mode: 'dedupe' });
    const person = (index: number) => febrlPerson(result.records.ids[index] ?? '');
    const right = result.pairs.filter((pair) => person(pair.left) === person(pair.right)).length;
    const precision = right / result.pairs.length;
    const recall = right / 6538;
    expect((2 * precision * recall) / (precision + recall)).toBeGreaterThanOrEqual(0.999);
  });

  it('clusters FEBRL3 the same incrementally (five additions) as in batch', () => {
    const records = febrl(['dataset3.csv'], true);
    const roles = new Set(records.flatMap((record) => Object.keys(record.fields))) as Set<never>;
    const { model } = linkRecords(records, { mode: 'dedupe' });
    const batch = linkWithModel(model, records, { roles });
    const incremental = new IncrementalLinker(model, { roles });
    for (let start = 0; start < records.length; start += 1000) incremental.add(records.slice(start, start + 1000));
    expect(Array.from(incremental.clusterOf())).toEqual(Array.from(batch.clusterOf));
    expect(new Set(batch.clusterOf).size).toBeLessThan(2100);
  });
});
