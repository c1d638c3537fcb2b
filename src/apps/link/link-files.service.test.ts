import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LinkInputError, linkFiles, parseLinkMap, readLinkRecords } from './link-files.service.ts';
import { peopleCsv } from './link.test-support.ts';

const folder = mkdtempSync(join(tmpdir(), 'weft-link-service-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

describe('column maps', () => {
  it('reads a role from one column or from a list of columns', () => {
    const map = parseLinkMap('{"id": "rec_id", "fields": {"surname": "surname", "address": ["a1", "a2"]}}', 'MAP.json');
    expect(map.id).toBe('rec_id');
    expect(map.fields.get('surname')).toEqual(['surname']);
    expect(map.fields.get('address')).toEqual(['a1', 'a2']);
  });

  it('names unknown roles and lists the vocabulary', () => {
    expect(() =>
      parseLinkMap('{"id": "id", "fields": {"surname": "s", "shoe_size": "x", "eyes": "y"}}', 'MAP.json'),
    ).toThrow(/MAP\.json: unknown roles "shoe_size", "eyes"; the roles are full_name, given_name/);
  });

  it('refuses a map that is not JSON, has no id or maps no role', () => {
    expect(() => parseLinkMap('{', 'm')).toThrow(LinkInputError);
    expect(() => parseLinkMap('{"fields": {"surname": "s"}}', 'm')).toThrow(/"id" must name the id column/);
    expect(() => parseLinkMap('{"id": "id", "fields": {}}', 'm')).toThrow(/maps no role/);
    expect(() => parseLinkMap('{"id": "id", "fields": {"surname": []}}', 'm')).toThrow(/role "surname" must name/);
  });
});

describe('reading records', () => {
  const map = parseLinkMap(
    '{"id": "rec_id", "fields": {"given_name": "given_name", "address": ["address_1", "address_2"]}}',
    'm',
  );

  it('trims headers and values (FEBRL files have leading spaces) and joins listed columns with spaces', () => {
    const path = file(
      'febrl.csv',
      'rec_id, given_name, address_1, address_2\nrec-1-org, michaela, stanley street, miami\nrec-2-org, courtney, , bega flats',
    );
    expect(readLinkRecords(path, map, 1)).toEqual([
      { id: 'rec-1-org', source: 1, fields: { given_name: 'michaela', address: 'stanley street miami' } },
      { id: 'rec-2-org', source: 1, fields: { given_name: 'courtney', address: 'bega flats' } },
    ]);
  });

  it('names the columns a file lacks', () => {
    const path = file('short.csv', 'rec_id,given_name\n1,ana\n');
    expect(() => readLinkRecords(path, map, 0)).toThrow(
      /has no columns "address_1", "address_2" \(its columns: rec_id, given_name\)/,
    );
  });

  it('refuses an id on two records', () => {
    const path = file('twice.csv', 'rec_id,given_name,address_1,address_2\n1,ana,,\n1,ana,,\n');
    expect(() => readLinkRecords(path, map, 0)).toThrow(/the id "1" is on more than one record/);
  });
});

describe('linking files', () => {
  it('writes the pairs and clusters files with their headers', () => {
    const mapPath = file(
      'map.json',
      JSON.stringify({ id: 'id', fields: { full_name: 'name', date_of_birth: 'dob', phone: 'phone' } }),
    );
    const input = file('people.csv', peopleCsv());
    const out = join(folder, 'pairs.csv');
    const clusters = join(folder, 'clusters.csv');
    const summary = linkFiles({ config: mapPath, input, out, clusters, threshold: 0.5 });
    expect(summary.mode).toBe('dedupe');
    const pairs = readFileSync(out, 'utf8').trim().split('\n');
    expect(pairs[0]).toBe('unique_id_l,unique_id_r,match_probability');
    expect(
      pairs
        .slice(1)
        .map((line) => line.split(',').slice(0, 2).join(','))
        .sort(),
    ).toEqual(['p0,d0', 'p1,d1', 'p2,d2', 'p3,d3']);
    for (const line of pairs.slice(1)) expect(Number(line.split(',')[2])).toBeGreaterThanOrEqual(0.5);
    const clusterLines = readFileSync(clusters, 'utf8').trim().split('\n');
    expect(clusterLines[0]).toBe('unique_id,cluster_id');
    expect(clusterLines).toContain('d2,p2');
    expect(clusterLines).toContain('p7,p7');
    expect(clusterLines).toHaveLength(1 + 40 + 4);
  });

  it('refuses --input together with --left/--right, and --left without --right', () => {
    const mapPath = file('map2.json', JSON.stringify({ id: 'id', fields: { surname: 'name' } }));
    const input = file('one.csv', 'id,name\n1,x\n');
    expect(() =>
      linkFiles({ config: mapPath, input, left: input, out: join(folder, 'x.csv'), threshold: 0.5 }),
    ).toThrow(/not both/);
    expect(() => linkFiles({ config: mapPath, left: input, out: join(folder, 'x.csv'), threshold: 0.5 })).toThrow(
      /--left and --right/,
    );
  });
});
