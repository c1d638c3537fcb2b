/**
 * Brokers: the nodes most shortest paths run through (betweenness centrality, Brandes), with their
 * degree, in a bounded part of the graph only — the neighbourhood of some seeds or a given set of
 * nodes such as a community. Exact betweenness costs nodes × links: 55 s on 10,000 / 40,000 in
 * graphology, so a scope above `maxExactNodes` is sampled (or refused), and one above `maxNodes`
 * is always refused. The result says which.
 */
import { createRandom } from '../synth/index.ts';
import { expandIndexes } from './expand.ts';
import { compileFilter, type LinkFilter } from './filter.ts';
import { distinctDegree, type NetworkGraph, type NetworkNode } from './graph.ts';

/** The scope (seeds and hops, or members) and its limits. */
export interface BrokerOptions extends LinkFilter {
  /** Expand from these nodes… */
  readonly seeds?: readonly string[];
  /** …by this many hops. Default 2. */
  readonly hops?: number;
  /** Or take exactly these nodes (a community, a case). Used instead of seeds when given. */
  readonly members?: readonly string[];
  /** Most brokers returned. Default 10. */
  readonly top?: number;
  /** Largest scope computed exactly. Default 3,000 nodes. */
  readonly maxExactNodes?: number;
  /** Above `maxExactNodes`: estimate from sampled sources, or refuse. Default `sample`. */
  readonly aboveExact?: 'sample' | 'refuse';
  /** Sources sampled when estimating. Default 256. */
  readonly samples?: number;
  /** Largest scope looked at at all. Default 30,000 nodes. */
  readonly maxNodes?: number;
  /** Seed of the sampling. Default 1. */
  readonly seed?: number;
}

/** A node ranked as a broker. */
export interface Broker {
  readonly node: NetworkNode;
  /** Normalised betweenness in [0, 1] within the scope (estimated when sampled); null when not computed. */
  readonly betweenness: number | null;
  /** Distinct neighbours within the scope. */
  readonly scopeDegree: number;
  /** Distinct neighbours in the whole graph. */
  readonly degree: number;
}

/** Brokers of a scope, and how they were computed. */
export interface BrokerResult {
  /** `exact`, `sampled` (estimated from `samples` sources), or `refused` (ranked by degree only). */
  readonly method: 'exact' | 'sampled' | 'refused';
  /** Nodes in the scope; for a refused neighbourhood, the `maxNodes` it was cut at. */
  readonly scopeSize: number;
  /** Why a scope was sampled or refused. */
  readonly note?: string;
  /** By betweenness, or by scope degree when refused; ties by degree, then graph order. */
  readonly brokers: readonly Broker[];
}

/** Brandes' accumulation from the given sources over a simple undirected graph; raw pair counts. */
function brandes(offsets: Int32Array, neighbours: Int32Array, sources: Iterable<number>): Float64Array {
  const size = offsets.length - 1;
  const centrality = new Float64Array(size);
  const distance = new Int32Array(size);
  const paths = new Float64Array(size);
  const dependency = new Float64Array(size);
  const stack = new Int32Array(size);
  const queue = new Int32Array(size);
  for (const source of sources) {
    distance.fill(-1);
    paths.fill(0);
    dependency.fill(0);
    distance[source] = 0;
    paths[source] = 1;
    let head = 0;
    let tail = 0;
    let height = 0;
    queue[tail++] = source;
    while (head < tail) {
      const node = queue[head++] as number;
      stack[height++] = node;
      const next = (distance[node] as number) + 1;
      for (let position = offsets[node] as number; position < (offsets[node + 1] as number); position += 1) {
        const other = neighbours[position] as number;
        if (distance[other] === -1) {
          distance[other] = next;
          queue[tail++] = other;
        }
        if (distance[other] === next) paths[other] = (paths[other] as number) + (paths[node] as number);
      }
    }
    while (height > 0) {
      const node = stack[--height] as number;
      const before = (distance[node] as number) - 1;
      for (let position = offsets[node] as number; position < (offsets[node + 1] as number); position += 1) {
        const other = neighbours[position] as number;
        if (distance[other] === before)
          dependency[other] =
            (dependency[other] as number) +
            ((paths[other] as number) / (paths[node] as number)) * (1 + (dependency[node] as number));
      }
      if (node !== source) centrality[node] = (centrality[node] as number) + (dependency[node] as number);
    }
  }
  return centrality;
}

/** The scope's nodes, or a refusal when it is larger than `maxNodes`. */
function scopeOf(graph: NetworkGraph, options: BrokerOptions, maxNodes: number): { nodes: number[]; cut: boolean } {
  if (options.members !== undefined) {
    const nodes = [...new Set(options.members.map((id) => graph.indexOf.get(id)))]
      .filter((index) => index !== undefined)
      .sort((a, b) => a - b);
    return { nodes, cut: nodes.length > maxNodes };
  }
  const expansion = expandIndexes(graph, options.seeds ?? [], { ...options, hops: options.hops ?? 2, limit: maxNodes });
  return { nodes: [...expansion.order], cut: expansion.truncated };
}

/** The top brokers of a bounded scope. */
export function brokers(graph: NetworkGraph, options: BrokerOptions): BrokerResult {
  const top = options.top ?? 10;
  const maxExact = options.maxExactNodes ?? 3_000;
  const maxNodes = options.maxNodes ?? 30_000;
  const { nodes, cut } = scopeOf(graph, options, maxNodes);
  const filter = compileFilter(graph, options);

  // The scope as a simple graph: local numbering, parallel edges and disallowed links left out.
  const local = new Int32Array(graph.nodes.length).fill(-1);
  nodes.forEach((node, index) => (local[node] = index));
  const offsets = new Int32Array(nodes.length + 1);
  const neighbours: number[] = [];
  const seen = new Int32Array(nodes.length).fill(-1);
  nodes.forEach((node, index) => {
    for (let position = graph.offsets[node] as number; position < (graph.offsets[node + 1] as number); position += 1) {
      const other = local[graph.adjacentNode[position] as number] as number;
      if (other === -1 || seen[other] === index || !filter.edgeAllowed(graph.adjacentEdge[position] as number))
        continue;
      seen[other] = index;
      neighbours.push(other);
    }
    offsets[index + 1] = neighbours.length;
  });
  const adjacency = Int32Array.from(neighbours);

  let method: BrokerResult['method'] = 'exact';
  let note: string | undefined;
  let centrality: Float64Array | undefined;
  const size = nodes.length;
  if (cut) {
    method = 'refused';
    note = `the scope has more than ${maxNodes} nodes: ranked by degree only`;
  } else if (size > maxExact && (options.aboveExact ?? 'sample') === 'refuse') {
    method = 'refused';
    note = `the scope has ${size} nodes, above the ${maxExact} computed exactly: ranked by degree only`;
  } else if (size > maxExact) {
    method = 'sampled';
    const samples = Math.min(options.samples ?? 256, size);
    const random = createRandom(options.seed ?? 1);
    const order = Int32Array.from({ length: size }, (_, index) => index);
    for (let index = 0; index < samples; index += 1) {
      const other = index + Math.floor(random.next() * (size - index));
      const swap = order[index] as number;
      order[index] = order[other] as number;
      order[other] = swap;
    }
    note = `the scope has ${size} nodes, above the ${maxExact} computed exactly: betweenness estimated from ${samples} sampled sources`;
    centrality = brandes(offsets, adjacency, order.subarray(0, samples));
    const scale = size / samples;
    for (let index = 0; index < size; index += 1) centrality[index] = (centrality[index] as number) * scale;
  } else {
    centrality = brandes(
      offsets,
      adjacency,
      Array.from({ length: size }, (_, index) => index),
    );
  }

  // Each pair is counted from both ends: divide by 2 (n − 1)(n − 2) / 2 for a fraction of all pairs.
  const pairs = (size - 1) * (size - 2);
  const scratch = new Int32Array(graph.nodes.length);
  const ranked = nodes.map((node, index) => ({
    node: graph.nodes[node] as NetworkNode,
    order: node,
    betweenness: centrality === undefined ? null : pairs > 0 ? Math.min(1, (centrality[index] as number) / pairs) : 0,
    scopeDegree: (offsets[index + 1] as number) - (offsets[index] as number),
    degree: distinctDegree(graph, node, scratch, index + 1),
  }));
  ranked.sort(
    (a, b) =>
      (b.betweenness ?? 0) - (a.betweenness ?? 0) ||
      b.scopeDegree - a.scopeDegree ||
      b.degree - a.degree ||
      a.order - b.order,
  );
  return {
    method,
    scopeSize: size,
    ...(note === undefined ? {} : { note }),
    brokers: ranked.slice(0, top).map(({ node, betweenness, scopeDegree, degree }) => ({
      node,
      betweenness,
      scopeDegree,
      degree,
    })),
  };
}
