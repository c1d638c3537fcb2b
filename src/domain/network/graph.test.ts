import { describe, expect, it } from 'vitest';
import { buildGraph, parseInstant, subgraph } from './graph.ts';
import { links, people } from './test-graphs.ts';

describe('building the graph', () => {
  it('keeps every edge, parallel ones included, and lists each at both ends', () => {
    const graph = buildGraph(people('a', 'b', 'c'), links('a-b', 'a-b', 'b-c'));
    expect(graph.edges).toHaveLength(3);
    const neighbours = (id: string) => {
      const index = graph.indexOf.get(id) as number;
      return [...graph.adjacentNode.subarray(graph.offsets[index], graph.offsets[index + 1])].map(
        (other) => graph.nodes[other]?.id,
      );
    };
    expect(neighbours('a')).toEqual(['b', 'b']);
    expect(neighbours('b')).toEqual(['a', 'a', 'c']);
    expect(neighbours('c')).toEqual(['b']);
  });

  it('leaves out and counts edges to unknown nodes and self-loops', () => {
    const graph = buildGraph(people('a', 'b'), links('a-b', 'a-x', 'y-b', 'a-a'));
    expect(graph.edges).toHaveLength(1);
    expect(graph.skipped).toEqual({ unknownEndpoint: 2, selfLoop: 1 });
  });

  it('refuses a node id given twice', () => {
    expect(() => buildGraph(people('a', 'a'), [])).toThrow(/given twice/);
  });

  it('reads times as UTC whatever the server zone, and counts unreadable ones', () => {
    expect(parseInstant('2025-03-04')).toBe(Date.UTC(2025, 2, 4));
    expect(parseInstant('2025-03-04T10:30:00')).toBe(Date.UTC(2025, 2, 4, 10, 30));
    expect(parseInstant('2025-03-04T10:30:00+02:00')).toBe(Date.UTC(2025, 2, 4, 8, 30));
    const graph = buildGraph(people('a', 'b'), [
      { source: 'a', target: 'b', kind: 'associate', at: 'last Tuesday' },
      { source: 'a', target: 'b', kind: 'associate' },
    ]);
    expect(graph.unreadableTimes).toBe(1);
    expect(Number.isNaN(graph.edgeTime[0])).toBe(true);
  });

  it('builds a subgraph of the nodes kept and the kept edges between them', () => {
    const graph = buildGraph(
      [...people('a', 'b'), { id: 'p', kind: 'Phone' }],
      [
        ...links('a-b'),
        { source: 'a', target: 'p', kind: 'uses_phone' },
        { source: 'b', target: 'p', kind: 'uses_phone' },
      ],
    );
    const persons = subgraph(graph, { node: (node) => node.kind === 'Person' });
    expect(persons.nodes.map((node) => node.id)).toEqual(['a', 'b']);
    expect(persons.edges).toHaveLength(1);
    const phones = subgraph(graph, { edge: (edge) => edge.kind === 'uses_phone' });
    expect(phones.nodes).toHaveLength(3);
    expect(phones.edges.map((edge) => edge.source)).toEqual(['a', 'b']);
  });
});
