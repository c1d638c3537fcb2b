import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  bindComparisons,
  blockingRulesFor,
  candidatePairs,
  comparisonsFor,
  comparisonVectors,
  prepareRecords,
} from '../../domain/resolution/match/index.ts';
import { linkFiles, parseLinkMap, readLinkRecords } from './link-files.service.ts';
import { ParallelComparer } from './parallel-comparer.ts';
import { FEBRL_MAP, HAS_SHARED_DATA, SHARED_DATA, SKIP_REASON } from './link.test-support.ts';

const folder = mkdtempSync(join(tmpdir(), 'weft-parallel-comparer-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

const input = `${SHARED_DATA}febrl/dataset3.csv`;

describe.runIf(HAS_SHARED_DATA)(`comparing pairs on two threads${SKIP_REASON}`, () => {
  const mapPath = join(folder, 'map.json');
  writeFileSync(mapPath, JSON.stringify(FEBRL_MAP));
  const map = parseLinkMap(JSON.stringify(FEBRL_MAP), 'map');
  const roles = new Set(map.fields.keys());
  const records = prepareRecords(readLinkRecords(input, map, 0), roles);
  const bound = bindComparisons(comparisonsFor(roles), records);
  const pairs = candidatePairs(records, blockingRulesFor(roles), { mode: 'dedupe', maxBlockSize: 1_000 });
  const expected = comparisonVectors(bound, records, pairs);

  it('gives the vectors one thread gives, byte for byte, with the helper doing a share', async () => {
    // Small chunks, so that the helper, once it has its records, takes some while the main thread works.
    const comparer = ParallelComparer.start({ map, inputs: [{ path: input, source: 0 }] }, { chunkSize: 16 });
    try {
      expect(await comparer.prepared).toEqual({ kind: 'prepared' });
      let helped = 0;
      for (let run = 0; run < 5 && helped === 0; run += 1) {
        expect(Buffer.from(comparer.comparisonVectors(bound, records, pairs)).equals(Buffer.from(expected))).toBe(true);
        helped = comparer.chunksByHelper;
      }
      expect(helped).toBeGreaterThan(0);
    } finally {
      await comparer.close();
    }
  });

  it('gives them still when the helper cannot read its files: the main thread does its share', async () => {
    const comparer = ParallelComparer.start({ map, inputs: [{ path: join(folder, 'missing.csv'), source: 0 }] });
    try {
      expect((await comparer.prepared).error).toMatch(/cannot read .*missing\.csv/);
      expect(Buffer.from(comparer.comparisonVectors(bound, records, pairs)).equals(Buffer.from(expected))).toBe(true);
    } finally {
      await comparer.close();
    }
    expect(comparer.chunksByHelper).toBe(0);
  });

  it('leaves what weft link writes unchanged', () => {
    const outputs = [1, 2].map((threads) => {
      const out = join(folder, `pairs-${threads}.csv`);
      const clusters = join(folder, `clusters-${threads}.csv`);
      linkFiles({ config: mapPath, input, out, clusters, threshold: 0.5, threads });
      return [readFileSync(out, 'utf8'), readFileSync(clusters, 'utf8')];
    });
    expect(outputs[1]).toEqual(outputs[0]);
  });
});
