/**
 * Quality of nameSimilarity on public labelled data kept outside the repository (see
 * ../shared/data/README.md). Skips when that folder is absent, as in a fresh clone.
 */
// eslint-disable-next-line no-restricted-imports -- a test reading shared benchmark data, not domain code at run time
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { nameSimilarity } from './index.ts';

const SHARED_DATA = fileURLToPath(new URL('../../../../../shared/data/', import.meta.url));
const CROSS_SCRIPT = `${SHARED_DATA}cross_script_names/cross_script_pairs.csv`;
const NAME_BENCH = `${SHARED_DATA}name_bench/cases.csv`;
const NAME_BENCH_LOGIC_V2 = `${SHARED_DATA}name_bench/logicv2-frozen.csv`;

for (const file of [CROSS_SCRIPT, NAME_BENCH]) {
  if (!existsSync(file))
    console.warn(`name quality: skipping, ${file} is absent (../shared/data is not part of a clone)`);
}

/** Decision threshold for "same person"; the sweep below shows the neighbourhood. */
const THRESHOLD = 0.85;

describe.skipIf(!existsSync(CROSS_SCRIPT))('cross-script name pairs (moov-io/watchman)', () => {
  it('matches most of the 22 pairs above the threshold', () => {
    const pairs = readFileSync(CROSS_SCRIPT, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'))
      .map((line) => {
        const [query = '', expected = ''] = line.split(',');
        return { query, expected, score: nameSimilarity(query, expected) };
      });
    const matched = pairs.filter((pair) => pair.score >= THRESHOLD);
    console.log(
      `cross-script: ${matched.length}/${pairs.length} pairs at nameSimilarity >= ${THRESHOLD}\n` +
        pairs.map((pair) => `  ${pair.score.toFixed(3)}  ${pair.query} | ${pair.expected}`).join('\n'),
    );
    expect(pairs).toHaveLength(22);
    expect(matched.length).toBeGreaterThanOrEqual(18);
  });
});

interface BenchCase {
  schema: string;
  name1: string;
  name2: string;
  is_match: string;
}

function scoresAt(rows: { score: number; match: boolean }[], threshold: number): { p: number; r: number; f1: number } {
  let truePositive = 0;
  let falsePositive = 0;
  let falseNegative = 0;
  for (const row of rows) {
    const predicted = row.score >= threshold;
    if (predicted && row.match) truePositive++;
    else if (predicted) falsePositive++;
    else if (row.match) falseNegative++;
  }
  const p = truePositive / (truePositive + falsePositive);
  const r = truePositive / (truePositive + falseNegative);
  return { p, r, f1: (2 * p * r) / (p + r) };
}

describe.skipIf(!existsSync(NAME_BENCH))('name_bench person pairs (opensanctions/nomenklatura)', () => {
  it('reaches its measured F1 on person names, printed beside logic_v2', () => {
    const cases = parse<BenchCase>(readFileSync(NAME_BENCH), { columns: true });
    const people = cases
      .filter((row) => row.schema === 'Person')
      .map((row) => ({ score: nameSimilarity(row.name1, row.name2), match: row.is_match === 'true' }));
    const ours = scoresAt(people, THRESHOLD);
    const lines = [
      `name_bench Person rows: ${people.length}`,
      `  nameSimilarity @ ${THRESHOLD}: P ${ours.p.toFixed(3)} R ${ours.r.toFixed(3)} F1 ${ours.f1.toFixed(3)}`,
      '  threshold sweep: ' +
        [0.75, 0.8, 0.85, 0.9, 0.95].map((t) => `${t}→F1 ${scoresAt(people, t).f1.toFixed(3)}`).join(', '),
      '  published logic_v2 (all schemas, threshold 0.7): P 0.762 R 0.821 F1 0.790',
    ];
    if (existsSync(NAME_BENCH_LOGIC_V2)) {
      const frozen = parse<BenchCase & { score: string }>(readFileSync(NAME_BENCH_LOGIC_V2), { columns: true });
      const logicPeople = frozen
        .filter((row) => row.schema === 'Person')
        .map((row) => ({ score: Number(row.score), match: row.is_match === 'true' }));
      const theirs = scoresAt(logicPeople, 0.7);
      lines.push(
        `  logic_v2 frozen run, Person rows only (${logicPeople.length}): P ${theirs.p.toFixed(3)} R ${theirs.r.toFixed(3)} F1 ${theirs.f1.toFixed(3)}`,
      );
    }
    console.log(lines.join('\n'));
    expect(people.length).toBeGreaterThan(500);
    expect(ours.f1).toBeGreaterThanOrEqual(0.8);
    expect(ours.p).toBeGreaterThanOrEqual(0.85);
  });
});
