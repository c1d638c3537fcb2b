/**
 * Expansion: the neighbourhood of one or more seeds, breadth first, hop by hop, through the links
 * a filter allows, stopped at a node limit so that a hub (a hotel's front-desk phone) cannot pull
 * in half the graph unnoticed.
 */
import { compileFilter, type LinkFilter } from './filter.ts';
import type { NetworkEdge, NetworkGraph, NetworkNode } from './graph.ts';

/** How far to expand, through which links, and how many nodes at most. */
export interface ExpandOptions extends LinkFilter {
  /** Hops from the seeds (0 returns the seeds alone). */
  readonly hops: number;
  /** Most nodes returned, seeds included. Default 1,000. */
  readonly limit?: number;
}

/** The nodes reached, the allowed edges among them, and whether the limit cut the expansion. */
export interface Expansion {
  /** In breadth-first order: seeds first, then each hop. */
  readonly nodes: readonly NetworkNode[];
  /** The edges the filter allows between nodes reached, in the order the graph holds them. */
  readonly edges: readonly NetworkEdge[];
  /** Hops from the nearest seed, by node id. */
  readonly hopsById: ReadonlyMap<string, number>;
  /** True when nodes within reach were left out because of the limit. */
  readonly truncated: boolean;
  /** Seeds that are not in the graph. */
  readonly missingSeeds: readonly string[];
}

/** Node indexes of an expansion, for analyses that continue on them. */
export interface IndexExpansion {
  readonly order: readonly number[];
  readonly hops: Int32Array;
  readonly truncated: boolean;
  readonly missingSeeds: readonly string[];
}

export const DEFAULT_EXPAND_LIMIT = 1_000;

/** The breadth-first expansion as node indexes, `hops[i]` being -1 for nodes not reached. */
export function expandIndexes(graph: NetworkGraph, seeds: readonly string[], options: ExpandOptions): IndexExpansion {
  const limit = options.limit ?? DEFAULT_EXPAND_LIMIT;
  const filter = compileFilter(graph, options);
  const hops = new Int32Array(graph.nodes.length).fill(-1);
  const order: number[] = [];
  const missingSeeds: string[] = [];
  let truncated = false;
  for (const seed of seeds) {
    const index = graph.indexOf.get(seed);
    if (index === undefined) missingSeeds.push(seed);
    else if (hops[index] === -1) {
      if (order.length >= limit) truncated = true;
      else {
        hops[index] = 0;
        order.push(index);
      }
    }
  }
  const { offsets, adjacentNode, adjacentEdge } = graph;
  let head = 0;
  outer: while (head < order.length) {
    const node = order[head] as number;
    head += 1;
    const distance = hops[node] as number;
    if (distance >= options.hops) break;
    const end = offsets[node + 1] as number;
    for (let position = offsets[node] as number; position < end; position += 1) {
      const other = adjacentNode[position] as number;
      if (hops[other] !== -1 || !filter.edgeAllowed(adjacentEdge[position] as number) || !filter.nodeAllowed(other))
        continue;
      if (order.length >= limit) {
        truncated = true;
        break outer;
      }
      hops[other] = distance + 1;
      order.push(other);
    }
  }
  return { order, hops, truncated, missingSeeds };
}

/** The allowed edges between reached nodes, each once, in graph order. */
export function inducedEdges(graph: NetworkGraph, order: readonly number[], reached: Int32Array, filter: LinkFilter) {
  const compiled = compileFilter(graph, filter);
  const found: number[] = [];
  for (const node of order) {
    const end = graph.offsets[node + 1] as number;
    for (let position = graph.offsets[node] as number; position < end; position += 1) {
      const edge = graph.adjacentEdge[position] as number;
      // Each edge sits at both its ends: take it at its source only.
      if (graph.edgeSource[edge] !== node || reached[graph.edgeTarget[edge] as number] === -1) continue;
      if (compiled.edgeAllowed(edge)) found.push(edge);
    }
  }
  return found.sort((a, b) => a - b);
}

/** Expands from the seeds by `hops`, breadth first, within the filter and the node limit. */
export function expand(graph: NetworkGraph, seeds: readonly string[], options: ExpandOptions): Expansion {
  const { order, hops, truncated, missingSeeds } = expandIndexes(graph, seeds, options);
  const hopsById = new Map<string, number>();
  const nodes = order.map((index) => {
    const node = graph.nodes[index] as NetworkNode;
    hopsById.set(node.id, hops[index] as number);
    return node;
  });
  const edges = inducedEdges(graph, order, hops, options).map((edge) => graph.edges[edge] as NetworkEdge);
  return { nodes, edges, hopsById, truncated, missingSeeds };
}
