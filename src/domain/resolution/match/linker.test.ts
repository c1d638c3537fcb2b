import { describe, expect, it } from 'vitest';
import { IncrementalLinker, linkRecords, linkWithModel, rolesOf } from './linker.ts';
import { syntheticPeople } from './synthetic.test-support.ts';

/** A clustering as a canonical list of groups of ids. */
function groups(ids: readonly string[], clusterOf: Int32Array): string[][] {
  const byCluster = new Map<number, string[]>();
  ids.forEach((id, index) => {
    const cluster = clusterOf[index] ?? -1;
    byCluster.set(cluster, [...(byCluster.get(cluster) ?? []), id]);
  });
  return [...byCluster.values()]
    .map((members) => members.sort())
    .sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

describe('linking', () => {
  const records = syntheticPeople(400, 5);
  const roles = rolesOf(records);

  it('finds most duplicates of the synthetic people, and few wrong pairs', () => {
    const result = linkRecords(records, { mode: 'dedupe' });
    const person = (index: number) => result.records.ids[index]?.split('-')[0];
    const right = result.pairs.filter((pair) => person(pair.left) === person(pair.right)).length;
    let actual = 0;
    const perPerson = new Map<string, number>();
    for (const record of records)
      perPerson.set(record.id.split('-')[0] ?? '', (perPerson.get(record.id.split('-')[0] ?? '') ?? 0) + 1);
    for (const count of perPerson.values()) actual += (count * (count - 1)) / 2;
    expect(right / actual).toBeGreaterThan(0.9);
    expect(right / result.pairs.length).toBeGreaterThan(0.95);
  });

  it('gives the same clusters incrementally as in batch, with the same model', () => {
    const { model } = linkRecords(records, { mode: 'dedupe' });
    const batch = linkWithModel(model, records, { roles });
    const incremental = new IncrementalLinker(model, { roles });
    const chunk = 97;
    let newPairs = 0;
    for (let start = 0; start < records.length; start += chunk)
      newPairs += incremental.add(records.slice(start, start + chunk)).length;
    const ids = records.map((record) => record.id);
    expect(newPairs).toBe(batch.pairs.length);
    expect(groups(ids, incremental.clusterOf())).toEqual(groups(ids, batch.clusterOf));
    // The clustering is not trivial: some clusters hold several records.
    expect(groups(ids, batch.clusterOf).filter((group) => group.length > 1).length).toBeGreaterThan(100);
  });

  it('gives the same clusters in any order of additions, since each re-clusters what it touches', () => {
    const { model } = linkRecords(records, { mode: 'dedupe' });
    const forward = new IncrementalLinker(model, { roles });
    forward.add(records);
    const oneByOne = new IncrementalLinker(model, { roles });
    for (const record of records) oneByOne.add([record]);
    const ids = records.map((record) => record.id);
    expect(groups(ids, oneByOne.clusterOf())).toEqual(groups(ids, forward.clusterOf()));
  });

  it('links two inputs with cross pairs only', () => {
    const twoInputs = records.map((record, index) => ({ ...record, source: (index % 2) as 0 | 1 }));
    const result = linkRecords(twoInputs, { mode: 'link' });
    expect(result.pairs.length).toBeGreaterThan(0);
    for (const pair of result.pairs)
      expect(result.records.sources[pair.left]).not.toBe(result.records.sources[pair.right]);
  });
});
