import fc from 'fast-check';
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import modularityModule from 'graphology-metrics/graph/modularity.js';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../synth/index.ts';
import { communities } from './communities.ts';
import { buildGraph, type NetworkGraph } from './graph.ts';
import { arbitraryGraph, twoCliques } from './test-graphs.ts';

// CommonJS packages typed with an ES default export: at run time the default import is the function.
const louvain = louvainModule as unknown as typeof louvainModule.default;
const modularity = modularityModule as unknown as typeof modularityModule.default;

/** The same graph in graphology, parallel edges summed, for checking against the reference package. */
function reference(graph: NetworkGraph): UndirectedGraph {
  const result = new UndirectedGraph();
  for (const node of graph.nodes) result.addNode(node.id);
  for (const edge of graph.edges) {
    const existing = result.edge(edge.source, edge.target);
    if (existing === undefined) result.addEdge(edge.source, edge.target, { weight: edge.weight ?? 1 });
    else result.updateEdgeAttribute(existing, 'weight', (weight: unknown) => Number(weight) + (edge.weight ?? 1));
  }
  return result;
}

/** Planted groups of `size` people, dense inside and sparse between. */
function planted(groups: number, size: number, seed: number): NetworkGraph {
  const random = createRandom(seed);
  const nodes = Array.from({ length: groups * size }, (_, index) => ({ id: `n${index}`, kind: 'Person' }));
  const edges = [];
  for (let index = 0; index < groups * size * 4; index += 1) {
    const source = random.int(0, groups * size - 1);
    const group = random.chance(0.9) ? Math.floor(source / size) : random.int(0, groups - 1);
    edges.push({ source: `n${source}`, target: `n${group * size + random.int(0, size - 1)}`, kind: 'associate' });
  }
  return buildGraph(nodes, edges);
}

describe('Louvain communities', () => {
  it('splits two cliques joined by a bridge into two communities', () => {
    const result = communities(twoCliques());
    expect(result.count).toBe(2);
    expect(result.sizes).toEqual([5, 5]);
    const of = (id: string) => result.communityOf.get(id);
    expect(new Set(['a1', 'a2', 'a3', 'a4', 'a5'].map(of)).size).toBe(1);
    expect(new Set(['b1', 'b2', 'b3', 'b4', 'b5'].map(of)).size).toBe(1);
    expect(of('a1')).not.toBe(of('b1'));
    // Two cliques of 10 links each and one bridge: Q = 2 (10/21 − (21/42)²) = 0.4524
    expect(result.modularity).toBeCloseTo(2 * (10 / 21 - (21 / 42) ** 2), 10);
  });

  it('gives the same communities for the same seed', () => {
    const graph = planted(8, 25, 3);
    const first = communities(graph, { seed: 7 });
    const again = communities(graph, { seed: 7 });
    expect([...again.communityOf]).toEqual([...first.communityOf]);
    expect(first.sizes.reduce((sum, size) => sum + size, 0)).toBe(200);
  });

  it("finds planted groups, and its modularity is the reference package's for its partition", () => {
    const graph = planted(8, 25, 3);
    const result = communities(graph);
    const collapsed = reference(graph);
    const measured = modularity(collapsed, {
      getNodeCommunity: (node) => result.communityOf.get(node) ?? -1,
      getEdgeWeight: 'weight',
    });
    expect(result.modularity).toBeCloseTo(measured, 10);
    // As good as graphology-communities-louvain on the same graph, give or take a little.
    const random = createRandom(1);
    const theirs = louvain.detailed(collapsed, { getEdgeWeight: 'weight', rng: () => random.next() });
    expect(result.modularity).toBeGreaterThan(theirs.modularity - 0.02);
    // Each planted group is (nearly) one community of its own.
    const majority = Array.from({ length: 8 }, (_, group) => {
      const counts = new Map<number, number>();
      for (let member = 0; member < 25; member += 1) {
        const community = result.communityOf.get(`n${group * 25 + member}`) ?? -1;
        counts.set(community, (counts.get(community) ?? 0) + 1);
      }
      return [...counts].sort(([, a], [, b]) => b - a)[0] ?? [-1, 0];
    });
    expect(new Set(majority.map(([community]) => community)).size).toBe(8);
    expect(majority.every(([, count]) => (count ?? 0) >= 20)).toBe(true);
  });

  it('numbers communities by decreasing size and places every node, with modularity in [−½, 1]', () => {
    fc.assert(
      fc.property(arbitraryGraph, fc.integer(), (graph, seed) => {
        const result = communities(graph, { seed });
        expect(result.communityOf.size).toBe(graph.nodes.length);
        expect(result.sizes.reduce((sum, size) => sum + size, 0)).toBe(graph.nodes.length);
        expect([...result.sizes].sort((a, b) => b - a)).toEqual(result.sizes);
        expect(result.modularity).toBeGreaterThanOrEqual(-0.5);
        expect(result.modularity).toBeLessThanOrEqual(1);
        if (graph.edges.length > 0) {
          const measured = modularity(reference(graph), {
            getNodeCommunity: (node) => result.communityOf.get(node) ?? -1,
            getEdgeWeight: 'weight',
          });
          expect(result.modularity).toBeCloseTo(measured, 9);
        }
      }),
    );
  });
});
