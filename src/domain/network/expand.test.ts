import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expand } from './expand.ts';
import { buildGraph, type NetworkEdge } from './graph.ts';
import { arbitraryGraph, links, people } from './test-graphs.ts';

const ids = (items: readonly { id: string }[]) => items.map((item) => item.id);

describe('expanding from seeds', () => {
  // a - b - c - d - e, and x alone
  const chain = buildGraph(people('a', 'b', 'c', 'd', 'e', 'x'), links('a-b', 'b-c', 'c-d', 'd-e'));

  it('reaches the nodes within the hops, breadth first, with their distance', () => {
    const result = expand(chain, ['c'], { hops: 1 });
    expect(ids(result.nodes)).toEqual(['c', 'b', 'd']);
    expect(result.edges).toHaveLength(2);
    expect(result.hopsById.get('b')).toBe(1);
    expect(result.truncated).toBe(false);
    expect(ids(expand(chain, ['a'], { hops: 3 }).nodes)).toEqual(['a', 'b', 'c', 'd']);
    expect(ids(expand(chain, ['a'], { hops: 0 }).nodes)).toEqual(['a']);
  });

  it('expands from several seeds, each node at its distance from the nearest', () => {
    const result = expand(chain, ['a', 'e', 'nobody'], { hops: 1 });
    expect(ids(result.nodes)).toEqual(['a', 'e', 'b', 'd']);
    expect(result.missingSeeds).toEqual(['nobody']);
  });

  it('stops at the node limit and says so', () => {
    const result = expand(chain, ['a'], { hops: 4, limit: 3 });
    expect(ids(result.nodes)).toEqual(['a', 'b', 'c']);
    expect(result.truncated).toBe(true);
    expect(result.edges).toHaveLength(2);
    expect(expand(chain, ['a'], { hops: 4, limit: 5 }).truncated).toBe(false);
  });

  it('follows only the node kinds, edge kinds and sectors asked for', () => {
    const graph = buildGraph(
      [
        { id: 'p', kind: 'Person' },
        { id: 'phone', kind: 'Phone', sector: 'telecom' },
        { id: 'q', kind: 'Person', sector: 'finance' },
        { id: 'r', kind: 'Person', sector: 'hospitality' },
      ],
      [
        { source: 'p', target: 'phone', kind: 'uses_phone' },
        { source: 'p', target: 'q', kind: 'associate' },
        { source: 'p', target: 'r', kind: 'associate' },
      ],
    );
    expect(ids(expand(graph, ['p'], { hops: 1, nodeKinds: ['Person'] }).nodes)).toEqual(['p', 'q', 'r']);
    expect(ids(expand(graph, ['p'], { hops: 1, edgeKinds: ['uses_phone'] }).nodes)).toEqual(['p', 'phone']);
    expect(ids(expand(graph, ['p'], { hops: 1, sectors: ['finance'] }).nodes)).toEqual(['p', 'q']);
  });

  it('follows only links inside the time window, undated ones unless told otherwise', () => {
    const edges: NetworkEdge[] = [
      { source: 'a', target: 'b', kind: 'stayed_at', at: '2025-01-10' },
      { source: 'a', target: 'c', kind: 'stayed_at', at: '2025-03-31T23:00:00Z' },
      { source: 'a', target: 'd', kind: 'stayed_at', at: '2025-04-01T00:00:00Z' },
      { source: 'a', target: 'e', kind: 'resolved_as' },
    ];
    const graph = buildGraph(people('a', 'b', 'c', 'd', 'e'), edges);
    const window = { hops: 1, from: '2025-02-01', to: '2025-03-31' };
    expect(ids(expand(graph, ['a'], window).nodes)).toEqual(['a', 'c', 'e']);
    expect(ids(expand(graph, ['a'], { ...window, includeUndated: false }).nodes)).toEqual(['a', 'c']);
    expect(ids(expand(graph, ['a'], { hops: 1 }).nodes)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('refuses a window it cannot read', () => {
    expect(() => expand(chain, ['a'], { hops: 1, from: 'soon' })).toThrow(RangeError);
  });

  it('reaches with h hops a subset of what it reaches with h + 1, limit or not', () => {
    fc.assert(
      fc.property(arbitraryGraph, fc.nat(4), fc.integer({ min: 1, max: 40 }), (graph, hops, limit) => {
        const seed = graph.nodes[0]?.id ?? '';
        for (const options of [{ limit: 10_000 }, { limit }]) {
          const near = expand(graph, [seed], { hops, ...options });
          const far = new Set(ids(expand(graph, [seed], { hops: hops + 1, ...options }).nodes));
          expect(ids(near.nodes).every((id) => far.has(id))).toBe(true);
        }
      }),
    );
  });

  it('returns only edges between nodes it returns', () => {
    fc.assert(
      fc.property(arbitraryGraph, fc.nat(3), (graph, hops) => {
        const result = expand(graph, [graph.nodes[0]?.id ?? ''], { hops, limit: 8 });
        const reached = new Set(ids(result.nodes));
        expect(result.nodes.length).toBeLessThanOrEqual(8);
        expect(result.edges.every((edge) => reached.has(edge.source) && reached.has(edge.target))).toBe(true);
      }),
    );
  });
});
