import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expand } from './expand.ts';
import { buildGraph } from './graph.ts';
import { shortestPaths } from './paths.ts';
import { arbitraryGraph, links, people } from './test-graphs.ts';

const route = (path: { nodes: readonly { id: string }[] } | undefined) => path?.nodes.map((node) => node.id).join('-');

describe('shortest paths', () => {
  // Two routes of three hops from s to t (via a-b and via c-d), and a long one via x-y-z.
  const graph = buildGraph(
    people('s', 'a', 'b', 'c', 'd', 'x', 'y', 'z', 't'),
    links('s-a', 'a-b', 'b-t', 's-c', 'c-d', 'd-t', 's-x', 'x-y', 'y-z', 'z-t', 'a-b'),
  );

  it('finds the fewest hops, with the edges joining each pair', () => {
    const result = shortestPaths(graph, 's', 't');
    expect(result.found).toBe(true);
    expect(result.paths).toHaveLength(1);
    expect(result.paths[0]?.hops).toBe(3);
    expect(route(result.paths[0])).toBe('s-a-b-t');
    // a–b is joined by two edges: both are reported.
    expect(result.paths[0]?.edges).toHaveLength(4);
  });

  it('returns every shortest path up to the number asked for', () => {
    const result = shortestPaths(graph, 's', 't', { maxPaths: 10 });
    expect(result.paths.map(route).sort()).toEqual(['s-a-b-t', 's-c-d-t']);
    expect(shortestPaths(graph, 't', 's', { maxPaths: 10 }).paths.map(route).sort()).toEqual(['t-b-a-s', 't-d-c-s']);
  });

  it('finds nothing beyond the maximum depth', () => {
    expect(shortestPaths(graph, 's', 't', { maxDepth: 2 }).found).toBe(false);
    expect(shortestPaths(graph, 's', 't', { maxDepth: 3 }).found).toBe(true);
    expect(shortestPaths(graph, 's', 'nobody')).toEqual({ found: false, paths: [], missing: ['nobody'] });
    expect(route(shortestPaths(graph, 's', 's').paths[0])).toBe('s');
  });

  it('avoids the links and nodes the filter leaves out', () => {
    const noA = shortestPaths(graph, 's', 't', { maxPaths: 10, nodeKinds: [] });
    expect(noA.found).toBe(false);
    const graphWithPhone = buildGraph(
      [...people('s', 't'), { id: 'p', kind: 'Phone' }, { id: 'm', kind: 'Person' }],
      [
        { source: 's', target: 'p', kind: 'uses_phone' },
        { source: 'p', target: 't', kind: 'uses_phone' },
        ...links('s-m', 'm-t'),
      ],
    );
    expect(route(shortestPaths(graphWithPhone, 's', 't', { nodeKinds: ['Phone'] }).paths[0])).toBe('s-p-t');
    expect(route(shortestPaths(graphWithPhone, 's', 't', { edgeKinds: ['associate'] }).paths[0])).toBe('s-m-t');
  });

  it('weighted, prefers strong ties over few hops, within the depth', () => {
    const weighted = buildGraph(people('s', 'a', 'b', 'w', 't'), [
      { source: 's', target: 'w', kind: 'associate', weight: 0.1 },
      { source: 'w', target: 't', kind: 'associate', weight: 0.1 },
      { source: 's', target: 'a', kind: 'paid', weight: 2 },
      { source: 's', target: 'a', kind: 'paid', weight: 2 },
      { source: 'a', target: 'b', kind: 'paid', weight: 4 },
      { source: 'b', target: 't', kind: 'paid', weight: 4 },
    ]);
    const strong = shortestPaths(weighted, 's', 't', { weighted: true });
    expect(route(strong.paths[0])).toBe('s-a-b-t');
    expect(strong.paths[0]?.cost).toBeCloseTo(0.25 + 0.25 + 0.25);
    expect(route(shortestPaths(weighted, 's', 't', { weighted: true, maxDepth: 2 }).paths[0])).toBe('s-w-t');
    expect(route(shortestPaths(weighted, 's', 't').paths[0])).toBe('s-w-t');
  });

  it('agrees with the breadth-first distance of an expansion, and every path is real', () => {
    fc.assert(
      fc.property(arbitraryGraph, fc.nat(29), (graph, pick) => {
        const from = graph.nodes[0]?.id ?? '';
        const to = graph.nodes[pick % graph.nodes.length]?.id ?? '';
        const distance = expand(graph, [from], { hops: 6, limit: 10_000 }).hopsById.get(to);
        const result = shortestPaths(graph, from, to, { maxDepth: 6, maxPaths: 5 });
        expect(result.found).toBe(distance !== undefined);
        for (const path of result.paths) {
          expect(path.hops).toBe(distance);
          expect(path.nodes[0]?.id).toBe(from);
          expect(path.nodes.at(-1)?.id).toBe(to);
          expect(new Set(path.nodes.map((node) => node.id)).size).toBe(path.nodes.length);
        }
        const weighted = shortestPaths(graph, from, to, { maxDepth: 6, weighted: true });
        expect(weighted.found).toBe(result.found);
        if (weighted.found) expect(weighted.paths[0]?.hops).toBeGreaterThanOrEqual(distance ?? 0);
      }),
    );
  });
});
