/** `weft link` as other tools run it: the exact command line, output files and errors. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runWeft } from '../../../../test/support/cli.ts';
import {
  FEBRL_MAP,
  febrlPerson,
  HAS_SHARED_DATA,
  peopleCsv,
  SHARED_DATA,
  SKIP_REASON,
} from '../../link/link.test-support.ts';

const folder = mkdtempSync(join(tmpdir(), 'weft-link-command-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

function pairsOf(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(','));
}

describe('weft link', { timeout: 120_000 }, () => {
  const map = file(
    'map.json',
    JSON.stringify({ id: 'id', fields: { full_name: 'name', date_of_birth: 'dob', phone: 'phone' } }),
  );

  it('deduplicates one file: pairs and clusters in the agreed columns', async () => {
    const input = file('people.csv', peopleCsv());
    const out = join(folder, 'pairs.csv');
    const clusters = join(folder, 'clusters.csv');
    const result = await runWeft(['link', '--config', map, '--input', input, '--out', out, '--clusters', clusters], {});
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/deduplicated 44 records: .* 4 matches at p ≥ 0.5/);
    const [header, ...rows] = pairsOf(out);
    expect(header).toEqual(['unique_id_l', 'unique_id_r', 'match_probability']);
    expect(rows.map(([left, right]) => `${left}-${right}`).sort()).toEqual(['p0-d0', 'p1-d1', 'p2-d2', 'p3-d3']);
    const [clusterHeader, ...clusterRows] = pairsOf(clusters);
    expect(clusterHeader).toEqual(['unique_id', 'cluster_id']);
    expect(clusterRows).toHaveLength(44);
  });

  it('links two files with cross-file pairs only, and honours --threshold', async () => {
    const lines = peopleCsv().trim().split('\n');
    const header = lines[0] ?? '';
    const left = file('left.csv', [header, ...lines.slice(1).filter((line) => line.startsWith('p'))].join('\n'));
    const right = file(
      'right.csv',
      [header, ...lines.slice(1).filter((line) => line.startsWith('d') || line.startsWith('p1,'))]
        .join('\n')
        .replace('p1,', 'q1,'),
    );
    const out = join(folder, 'cross.csv');
    const result = await runWeft(['link', '--config', map, '--left', left, '--right', right, '--out', out], {});
    expect(result.code).toBe(0);
    const rows = pairsOf(out).slice(1);
    // Left ids come from the left file, right ids from the right file.
    for (const [leftId, rightId] of rows) {
      expect(leftId).toMatch(/^p/);
      expect(rightId).toMatch(/^[dq]/);
    }
    expect(rows.map(([leftId, rightId]) => `${leftId}-${rightId}`)).toContain('p1-q1');
    const strict = await runWeft(
      ['link', '--config', map, '--left', left, '--right', right, '--out', out, '--threshold', '1'],
      {},
    );
    expect(strict.code).toBe(0);
    for (const [, , probability] of pairsOf(out).slice(1)) expect(Number(probability)).toBe(1);
  });

  it('names unknown roles and unknown columns on stderr and exits non-zero', async () => {
    const input = file('ok.csv', 'id,name\n1,Ana\n');
    const badRole = file('bad-role.json', JSON.stringify({ id: 'id', fields: { surname: 'name', hair: 'colour' } }));
    const roleResult = await runWeft(
      ['link', '--config', badRole, '--input', input, '--out', join(folder, 'x.csv')],
      {},
    );
    expect(roleResult.code).not.toBe(0);
    expect(roleResult.stderr).toMatch(/unknown role "hair"/);
    const badColumn = file('bad-column.json', JSON.stringify({ id: 'id', fields: { surname: 'family_name' } }));
    const columnResult = await runWeft(
      ['link', '--config', badColumn, '--input', input, '--out', join(folder, 'x.csv')],
      {},
    );
    expect(columnResult.code).not.toBe(0);
    expect(columnResult.stderr).toMatch(/has no column "family_name"/);
    const badThreshold = await runWeft(
      ['link', '--config', badColumn, '--input', input, '--out', 'x', '--threshold', '2'],
      {},
    );
    expect(badThreshold.code).not.toBe(0);
    expect(badThreshold.stderr).toMatch(/expected a probability from 0 to 1/);
  });

  it.skipIf(!HAS_SHARED_DATA)(
    `links FEBRL4 (5,000 × 5,000) at pairwise F1 ≥ 0.999 with all fields${SKIP_REASON}`,
    async () => {
      const febrlMap = file('febrl.json', JSON.stringify(FEBRL_MAP));
      const out = join(folder, 'febrl4.csv');
      const result = await runWeft(
        [
          'link',
          '--config',
          febrlMap,
          '--left',
          `${SHARED_DATA}febrl/dataset4a.csv`,
          '--right',
          `${SHARED_DATA}febrl/dataset4b.csv`,
          '--out',
          out,
        ],
        {},
      );
      expect(result.code).toBe(0);
      const rows = pairsOf(out).slice(1);
      const right = rows.filter(([left = '', rightId = '']) => febrlPerson(left) === febrlPerson(rightId)).length;
      const precision = right / rows.length;
      const recall = right / 5000;
      expect((2 * precision * recall) / (precision + recall)).toBeGreaterThanOrEqual(0.999);
    },
  );
});
