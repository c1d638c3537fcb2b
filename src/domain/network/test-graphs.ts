/** Small hand-built graphs and a random one, shared by this folder's tests. */
import fc from 'fast-check';
import { buildGraph, type NetworkEdge, type NetworkGraph, type NetworkNode } from './graph.ts';

/** Nodes of one kind from ids. */
export function people(...ids: string[]): NetworkNode[] {
  return ids.map((id) => ({ id, kind: 'Person' }));
}

/** An `associate` edge per pair `a-b`. */
export function links(...pairs: string[]): NetworkEdge[] {
  return pairs.map((pair) => {
    const [source = '', target = ''] = pair.split('-');
    return { source, target, kind: 'associate' };
  });
}

/** Two cliques of five (a1..a5, b1..b5) joined by one bridge a1–b1. */
export function twoCliques(): NetworkGraph {
  const ids = ['a', 'b'].flatMap((side) => [1, 2, 3, 4, 5].map((index) => `${side}${index}`));
  const pairs: string[] = [];
  for (const side of ['a', 'b'])
    for (let i = 1; i <= 5; i += 1) for (let j = i + 1; j <= 5; j += 1) pairs.push(`${side}${i}-${side}${j}`);
  pairs.push('a1-b1');
  return buildGraph(people(...ids), links(...pairs));
}

/** A random simple-ish graph: `n` people and the given index pairs. */
export const arbitraryGraph = fc
  .integer({ min: 1, max: 30 })
  .chain((size) =>
    fc.record({
      size: fc.constant(size),
      pairs: fc.array(
        fc.tuple(fc.nat(size - 1), fc.nat(size - 1), fc.constantFrom('associate', 'uses_phone', 'paid')),
        {
          maxLength: 80,
        },
      ),
    }),
  )
  .map(({ size, pairs }) =>
    buildGraph(
      Array.from({ length: size }, (_, index) => ({ id: `n${index}`, kind: index % 3 === 0 ? 'Phone' : 'Person' })),
      pairs.map(([source, target, kind]) => ({ source: `n${source}`, target: `n${target}`, kind })),
    ),
  );
