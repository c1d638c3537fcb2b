import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readScreeningList, screenFiles } from './screen-files.service.ts';

const work = mkdtempSync(join(tmpdir(), 'weft-screen-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});
const file = (name: string, text: string) => {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
};

const FTM_LIST = [
  {
    id: 'p1',
    schema: 'Person',
    properties: {
      name: ['Viktor Petrenko'],
      alias: ['Віктор Петренко'],
      birthDate: ['1974-12-08'],
      nationality: ['ua'],
    },
  },
  { id: 'p1-passport', schema: 'Passport', properties: { holder: ['p1'], number: ['FT123456'], country: ['ua'] } },
  { id: 'lost-1', schema: 'Passport', properties: { number: ['P7654321'], country: ['gb'] } },
  { id: 'org1', schema: 'Organization', properties: { name: ['Golden Star Travel'] } },
  { id: 's1', schema: 'Sanction', properties: { entity: ['p1'] } },
]
  .map((entity) => JSON.stringify(entity))
  .join('\n');

describe('weft screen (files)', () => {
  it('gives the same hits on worker threads as in one thread', async () => {
    const list = file('threads.jsonl', FTM_LIST);
    const many = file(
      'many.csv',
      [
        'id,full_name,date_of_birth,document_number',
        ...Array.from({ length: 2_500 }, (_, number) =>
          [
            `q${number}`,
            ['PETRENKO Victor', 'John Smith', 'Golden Star Travel', 'Ana Silva'][number % 4],
            number % 3 === 0 ? '1974' : '',
            number % 5 === 0 ? 'P7654321' : '',
          ].join(','),
        ),
      ].join('\n'),
    );
    const one = await screenFiles({ list, queries: many, out: join(work, 'one.csv'), threads: 1 });
    const two = await screenFiles({ list, queries: many, out: join(work, 'two.csv'), threads: 2 });
    expect(two.threads).toBe(2);
    expect(one.hits).toBeGreaterThan(1_000);
    expect(readFileSync(join(work, 'two.csv'), 'utf8')).toBe(readFileSync(join(work, 'one.csv'), 'utf8'));
  });

  const queries = file(
    'queries.csv',
    [
      'id,full_name,date_of_birth,document_number',
      'q1,PETRENKO Victor,08/12/1974,',
      'q2,John Smith,,P 765 4321',
      'q3,Olena Kovalenko,1990,',
      'q4,Golden Star Travel Ltd,,',
    ].join('\n'),
  );

  it('screens a CSV of queries against FtM entities and writes ranked hits', async () => {
    const list = file('notices.jsonl', FTM_LIST);
    const out = join(work, 'hits.csv');
    const progress: number[] = [];
    const summary = await screenFiles({ list, queries, out, onProgress: (done) => progress.push(done) });
    expect(summary).toMatchObject({ entries: 3, queries: 4 });
    const rows = readFileSync(out, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('query_id,entry_id,rank,score');
    const byQuery = new Map(rows.slice(1).map((row) => [row.split(',')[0], row.split(',')]));
    expect(byQuery.get('q1')?.slice(1, 3)).toEqual(['p1', '1']);
    expect(byQuery.get('q2')?.slice(1, 3)).toEqual(['lost-1', '1']);
    expect(byQuery.has('q3')).toBe(false);
    expect(byQuery.get('q4')?.[1]).toBe('org1');
    for (const row of rows.slice(1)) expect(Number(row.split(',')[3])).toBeGreaterThanOrEqual(0.85);
    expect(progress.at(-1)).toBe(4);
  });

  it('reads a CSV list through a column map, with aliases in one cell, and keeps to the limit and threshold', async () => {
    const list = file(
      'list.csv',
      ['ref,nom,naissance', 'w1,Viktor Petrenko;Viktor Petrenco,1974-12-08', 'w2,Viktor Petrenko,1974-12-08'].join(
        '\n',
      ),
    );
    const config = file(
      'list-map.json',
      JSON.stringify({ id: 'ref', fields: { full_name: 'nom', date_of_birth: 'naissance' } }),
    );
    const out = join(work, 'hits-2.csv');
    await screenFiles({ list, listConfig: config, queries, out, limit: 1, threshold: 0.5 });
    const rows = readFileSync(out, 'utf8').trim().split('\n').slice(1);
    expect(rows.filter((row) => row.startsWith('q1,'))).toHaveLength(1);
    expect(readScreeningList(list, config)[0]?.names).toEqual(['Viktor Petrenko', 'Viktor Petrenco']);
  });

  it('names the line of a list that is not an FtM entity, and the file without an id column', async () => {
    const bad = file('bad.jsonl', `${JSON.stringify({ id: 'a', schema: 'Person', properties: {} })}\n{"id": "b"}\n`);
    expect(() => readScreeningList(bad, undefined)).toThrow(/bad\.jsonl, line 2 \(b\): "schema" must be a string/);
    const noId = file('no-id.csv', 'ref,full_name\nx,Ana Silva\n');
    await expect(
      screenFiles({ list: file('l.jsonl', FTM_LIST), queries: noId, out: join(work, 'h.csv') }),
    ).rejects.toThrow(/needs an "id" column/);
  });
});
