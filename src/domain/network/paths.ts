/**
 * Shortest paths between two nodes within a depth: by hops (bidirectional breadth-first search,
 * which stays small even when hubs sit in between), or by cost, each hop costing 1 / strength of
 * the tie (the weights of all the allowed parallel edges between the pair, added up).
 */
import { compileFilter, type CompiledFilter, type LinkFilter } from './filter.ts';
import type { NetworkEdge, NetworkGraph, NetworkNode } from './graph.ts';

/** Depth, filter and how many paths to return. */
export interface PathOptions extends LinkFilter {
  /** Longest path considered, in hops. Default 6. */
  readonly maxDepth?: number;
  /** Cheapest path by 1 / strength instead of fewest hops. Default false. */
  readonly weighted?: boolean;
  /** How many of the shortest paths to return (by hops only; weighted returns one). Default 1. */
  readonly maxPaths?: number;
}

/** One path: its nodes in order, the edges joining each consecutive pair (all of them, in graph order). */
export interface NetworkPath {
  readonly nodes: readonly NetworkNode[];
  readonly edges: readonly NetworkEdge[];
  readonly hops: number;
  /** Hops, or the sum of 1 / strength when weighted. */
  readonly cost: number;
}

/** The paths found, fewest hops (or least cost) first; empty when none lies within the depth. */
export interface PathResult {
  readonly found: boolean;
  readonly paths: readonly NetworkPath[];
  /** Endpoints not in the graph. */
  readonly missing: readonly string[];
}

export const DEFAULT_MAX_DEPTH = 6;

/** All allowed edges between u and v, in graph order. */
function edgesBetween(graph: NetworkGraph, filter: CompiledFilter, u: number, v: number): number[] {
  const found: number[] = [];
  const end = graph.offsets[u + 1] as number;
  for (let position = graph.offsets[u] as number; position < end; position += 1)
    if (graph.adjacentNode[position] === v && filter.edgeAllowed(graph.adjacentEdge[position] as number))
      found.push(graph.adjacentEdge[position] as number);
  return found;
}

function strength(graph: NetworkGraph, edges: readonly number[]): number {
  let total = 0;
  for (const edge of edges) {
    const weight = graph.edges[edge]?.weight ?? 1;
    if (weight > 0) total += weight;
  }
  return total;
}

function toPath(
  graph: NetworkGraph,
  filter: CompiledFilter,
  indexes: readonly number[],
  weighted: boolean,
): NetworkPath {
  const edges: NetworkEdge[] = [];
  let cost = 0;
  for (let step = 1; step < indexes.length; step += 1) {
    const between = edgesBetween(graph, filter, indexes[step - 1] as number, indexes[step] as number);
    for (const edge of between) edges.push(graph.edges[edge] as NetworkEdge);
    cost += weighted ? 1 / strength(graph, between) : 1;
  }
  return {
    nodes: indexes.map((index) => graph.nodes[index] as NetworkNode),
    edges,
    hops: indexes.length - 1,
    cost,
  };
}

/** Calls `visit(neighbour)` for each distinct allowed neighbour of u, in graph order. */
function forNeighbours(
  graph: NetworkGraph,
  filter: CompiledFilter,
  u: number,
  endpoint: (index: number) => boolean,
  visit: (v: number) => void,
): void {
  const end = graph.offsets[u + 1] as number;
  for (let position = graph.offsets[u] as number; position < end; position += 1) {
    const v = graph.adjacentNode[position] as number;
    if (filter.edgeAllowed(graph.adjacentEdge[position] as number) && (endpoint(v) || filter.nodeAllowed(v))) visit(v);
  }
}

function fewestHops(
  graph: NetworkGraph,
  filter: CompiledFilter,
  source: number,
  target: number,
  maxDepth: number,
  maxPaths: number,
): number[][] {
  if (source === target) return [[source]];
  const endpoint = (index: number) => index === source || index === target;
  const count = graph.nodes.length;
  const fromSource = new Int32Array(count).fill(-1);
  const fromTarget = new Int32Array(count).fill(-1);
  fromSource[source] = 0;
  fromTarget[target] = 0;
  let sourceFrontier = [source];
  let targetFrontier = [target];
  let sourceDepth = 0;
  let targetDepth = 0;
  let length = -1;
  let lastLevel: number[] = [];
  while (length === -1 && sourceDepth + targetDepth < maxDepth) {
    // Grow the smaller side: through a hub, one side's next level can be thousands of times the other's.
    const forward = sourceFrontier.length <= targetFrontier.length;
    const mine = forward ? fromSource : fromTarget;
    const theirs = forward ? fromTarget : fromSource;
    const depth = (forward ? sourceDepth : targetDepth) + 1;
    const next: number[] = [];
    let nearest = Infinity;
    for (const u of forward ? sourceFrontier : targetFrontier)
      forNeighbours(graph, filter, u, endpoint, (v) => {
        if (mine[v] !== -1) return;
        mine[v] = depth;
        next.push(v);
        if (theirs[v] !== -1) nearest = Math.min(nearest, theirs[v] as number);
      });
    if (forward) {
      sourceFrontier = next;
      sourceDepth = depth;
    } else {
      targetFrontier = next;
      targetDepth = depth;
    }
    lastLevel = next;
    if (nearest !== Infinity) length = depth + nearest;
    if (next.length === 0) break;
  }
  if (length === -1) return [];

  // Every shortest path is a shortest path from the source to a node x with fromSource[x] + fromTarget[x] = length,
  // joined to a shortest path from x to the target: walk each distance down to 0.
  const paths: number[][] = [];
  const walk = (distances: Int32Array, start: number, limit: number): number[][] => {
    const found: number[][] = [];
    const step = (trail: number[]): void => {
      if (found.length >= limit) return;
      const at = trail[trail.length - 1] as number;
      const distance = distances[at] as number;
      if (distance === 0) {
        found.push([...trail]);
        return;
      }
      const seen = new Set<number>();
      forNeighbours(graph, filter, at, endpoint, (v) => {
        if (distances[v] !== distance - 1 || seen.has(v) || found.length >= limit) return;
        seen.add(v);
        trail.push(v);
        step(trail);
        trail.pop();
      });
    };
    step([start]);
    return found;
  };
  // The level grown last holds a node of every shortest path (at its depth from that side).
  const onPath = (x: number) => (fromSource[x] as number) + (fromTarget[x] as number) === length;
  const layer = lastLevel
    .filter((x) => fromTarget[x] !== -1 && fromSource[x] !== -1 && onPath(x))
    .sort((a, b) => a - b);
  for (const x of layer) {
    if (paths.length >= maxPaths) break;
    for (const back of walk(fromSource, x, maxPaths - paths.length)) {
      back.reverse();
      for (const ahead of walk(fromTarget, x, maxPaths - paths.length)) {
        paths.push([...back, ...ahead.slice(1)]);
        if (paths.length >= maxPaths) break;
      }
      if (paths.length >= maxPaths) break;
    }
  }
  return paths;
}

function leastCost(
  graph: NetworkGraph,
  filter: CompiledFilter,
  source: number,
  target: number,
  maxDepth: number,
): number[] | undefined {
  if (source === target) return [source];
  const endpoint = (index: number) => index === source || index === target;
  // Bellman–Ford in rounds: after round k, `cost` holds the cheapest cost with at most k hops, so the
  // depth limit is exact (Dijkstra would find cheaper paths that are too long). Each improvement is
  // kept with its round and parent to read the path back.
  const best = new Map<number, number>([[source, 0]]);
  const history = new Map<number, { round: number; cost: number; parent: number }[]>([
    [source, [{ round: 0, cost: 0, parent: -1 }]],
  ]);
  let frontier = [source];
  for (let round = 1; round <= maxDepth && frontier.length > 0; round += 1) {
    const improved = new Map<number, { cost: number; parent: number }>();
    const bound = best.get(target) ?? Infinity;
    for (const u of frontier) {
      if (u === target) continue;
      const base = best.get(u) as number;
      const ties = new Map<number, number[]>();
      const end = graph.offsets[u + 1] as number;
      for (let position = graph.offsets[u] as number; position < end; position += 1) {
        const v = graph.adjacentNode[position] as number;
        const edge = graph.adjacentEdge[position] as number;
        if (!filter.edgeAllowed(edge) || !(endpoint(v) || filter.nodeAllowed(v))) continue;
        const list = ties.get(v);
        if (list === undefined) ties.set(v, [edge]);
        else list.push(edge);
      }
      for (const [v, edges] of ties) {
        const tie = strength(graph, edges);
        if (tie <= 0) continue;
        const cost = base + 1 / tie;
        if (cost >= bound || cost >= (best.get(v) ?? Infinity) || cost >= (improved.get(v)?.cost ?? Infinity)) continue;
        improved.set(v, { cost, parent: u });
      }
    }
    frontier = [];
    for (const [v, { cost, parent }] of improved) {
      best.set(v, cost);
      const list = history.get(v);
      if (list === undefined) history.set(v, [{ round, cost, parent }]);
      else list.push({ round, cost, parent });
      frontier.push(v);
    }
  }
  if (!best.has(target)) return undefined;
  const path = [target];
  let at = target;
  let round = Infinity;
  while (at !== source) {
    const entries = history.get(at) ?? [];
    const entry = entries.filter((item) => item.round <= round).at(-1);
    if (entry === undefined) throw new Error('broken path history');
    at = entry.parent;
    round = entry.round - 1;
    path.push(at);
  }
  return path.reverse();
}

/** The shortest path(s) from one node to another within `maxDepth` hops. */
export function shortestPaths(graph: NetworkGraph, from: string, to: string, options: PathOptions = {}): PathResult {
  const source = graph.indexOf.get(from);
  const target = graph.indexOf.get(to);
  const missing = [source === undefined ? from : undefined, target === undefined ? to : undefined].filter(
    (item): item is string => item !== undefined,
  );
  if (source === undefined || target === undefined) return { found: false, paths: [], missing };
  const filter = compileFilter(graph, options);
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const weighted = options.weighted ?? false;
  const found = weighted
    ? [leastCost(graph, filter, source, target, maxDepth)].filter((item) => item !== undefined)
    : fewestHops(graph, filter, source, target, maxDepth, Math.max(1, options.maxPaths ?? 1));
  const paths = found.map((indexes) => toPath(graph, filter, indexes, weighted));
  return { found: paths.length > 0, paths, missing };
}
