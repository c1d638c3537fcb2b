import betweennessModule from 'graphology-metrics/centrality/betweenness.js';
import { UndirectedGraph } from 'graphology';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../synth/index.ts';
import { brokers } from './brokers.ts';
import { buildGraph } from './graph.ts';
import { twoCliques } from './test-graphs.ts';

// A CommonJS package typed with an ES default export: at run time the default import is the function.
const betweenness = betweennessModule as unknown as typeof betweennessModule.default;

function randomGraph(size: number, links: number, seed: number) {
  const random = createRandom(seed);
  const nodes = Array.from({ length: size }, (_, index) => ({ id: `n${index}`, kind: 'Person' }));
  const edges = Array.from({ length: links }, () => ({
    source: `n${random.int(0, size - 1)}`,
    target: `n${random.int(0, size - 1)}`,
    kind: 'associate',
  }));
  return buildGraph(nodes, edges);
}

describe('brokers', () => {
  it('ranks the ends of the bridge between two cliques first', () => {
    const result = brokers(twoCliques(), { seeds: ['a3'], hops: 3 });
    expect(result.method).toBe('exact');
    expect(result.scopeSize).toBe(10);
    expect(result.brokers.slice(0, 2).map((broker) => broker.node.id)).toEqual(['a1', 'b1']);
    // a1 lies on every shortest path between its 4 clique mates and the 5 nodes across: 20 of 36 pairs.
    expect(result.brokers[0]?.betweenness).toBeCloseTo(20 / 36);
    expect(result.brokers[0]?.degree).toBe(5);
    expect(result.brokers[2]?.betweenness).toBe(0);
  });

  it('computes the same betweenness as graphology-metrics on a scope', () => {
    const graph = randomGraph(120, 300, 5);
    const members = graph.nodes.map((node) => node.id);
    const result = brokers(graph, { members, top: 120 });
    const reference = new UndirectedGraph();
    for (const node of graph.nodes) reference.addNode(node.id);
    for (const edge of graph.edges) reference.mergeEdge(edge.source, edge.target);
    const expected = betweenness(reference, { normalized: true });
    expect(result.brokers).toHaveLength(120);
    for (const broker of result.brokers) expect(broker.betweenness).toBeCloseTo(expected[broker.node.id] ?? NaN, 9);
  });

  it('keeps to the members given, such as a community', () => {
    const result = brokers(twoCliques(), { members: ['a1', 'a2', 'a3', 'b1'] });
    expect(result.scopeSize).toBe(4);
    expect(result.brokers[0]?.node.id).toBe('a1');
    expect(result.brokers[0]?.scopeDegree).toBe(3);
    expect(result.brokers[0]?.degree).toBe(5);
  });

  it('samples above the exact cap and says so, still finding the bridge', () => {
    const result = brokers(twoCliques(), { seeds: ['a1'], hops: 2, maxExactNodes: 6, samples: 8, top: 2 });
    expect(result.method).toBe('sampled');
    expect(result.note).toMatch(/estimated from 8 sampled sources/);
    expect(result.brokers.map((broker) => broker.node.id).sort()).toEqual(['a1', 'b1']);
  });

  it('refuses a scope above its caps, ranking by degree only', () => {
    const graph = randomGraph(200, 600, 9);
    const tooBig = brokers(graph, { seeds: ['n0'], hops: 5, maxNodes: 50 });
    expect(tooBig.method).toBe('refused');
    expect(tooBig.note).toMatch(/more than 50 nodes/);
    expect(tooBig.brokers.every((broker) => broker.betweenness === null)).toBe(true);
    const refused = brokers(twoCliques(), { seeds: ['a1'], hops: 2, maxExactNodes: 6, aboveExact: 'refuse' });
    expect(refused.method).toBe('refused');
    expect(refused.brokers[0]?.node.id).toBe('a1');
  });
});
