/** `weft screen` as other tools run it: the exact command line, the hits file and errors. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runWeft } from '../../../../test/support/cli.ts';

const folder = mkdtempSync(join(tmpdir(), 'weft-screen-command-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

describe('weft screen', { timeout: 120_000 }, () => {
  const list = file(
    'list.csv',
    [
      'ref,name,dob,passport',
      'w1,Viktor Petrenko,1974-12-08,FT123456',
      'w2,Viktor Petrenko,1990-01-01,',
      'w3,Amina Haddad,2011,',
    ].join('\n'),
  );
  const listMap = file(
    'list-map.json',
    JSON.stringify({ id: 'ref', fields: { full_name: 'name', date_of_birth: 'dob', document_number: 'passport' } }),
  );
  const queries = file(
    'queries.csv',
    ['id,full_name,date_of_birth', 'g1,PETRENKO Victor,08/12/1974', 'g2,John Smith,1980', 'g3,Amina Hadad,'].join('\n'),
  );

  it('writes query_id,entry_id,rank,score, ranked, within --limit and --threshold', async () => {
    const out = join(folder, 'hits.csv');
    const result = await runWeft(
      [
        'screen',
        '--list',
        list,
        '--list-config',
        listMap,
        '--queries',
        queries,
        '--out',
        out,
        '--limit',
        '1',
        '--threshold',
        '0.8',
      ],
      {},
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/screened 3 queries against 3 entries/);
    const rows = readFileSync(out, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('query_id,entry_id,rank,score');
    const hits = rows.slice(1).map((row) => row.split(','));
    expect(hits.map((hit) => hit.slice(0, 3))).toEqual([
      ['g1', 'w1', '1'],
      ['g3', 'w3', '1'],
    ]);
    for (const hit of hits) expect(Number(hit[3])).toBeGreaterThanOrEqual(0.8);
  });

  it('refuses a threshold outside 0 to 1 and a map naming an unknown role, on stderr with a non-zero exit', async () => {
    const out = join(folder, 'never.csv');
    const badThreshold = await runWeft(
      ['screen', '--list', list, '--queries', queries, '--out', out, '--threshold', '2'],
      {},
    );
    expect(badThreshold.code).not.toBe(0);
    expect(badThreshold.stderr).toMatch(/score from 0 to 1/);
    const badMap = file('bad-map.json', JSON.stringify({ id: 'ref', fields: { nickname: 'name' } }));
    const unknown = await runWeft(
      ['screen', '--list', list, '--list-config', badMap, '--queries', queries, '--out', out],
      {},
    );
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/unknown role "nickname"/);
  });
});
