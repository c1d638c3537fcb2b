/**
 * Communities by Louvain modularity, made deterministic by a seeded random order and by
 * numbering communities largest first.
 *
 * The algorithm runs on flat typed arrays rather than through graphology-communities-louvain:
 * that package needs a graphology graph, and building one of 100,000 nodes and 390,000 links
 * took 2.2–3.5 s here (most of it graphology's per-node neighbour objects and the garbage
 * collector), more than the whole budget. The tests check this implementation against the
 * package's modularity on the same graphs.
 */
import { createRandom } from '../synth/index.ts';
import { compileFilter, type LinkFilter } from './filter.ts';
import type { NetworkGraph } from './graph.ts';

/** Seed, resolution and which links count. */
export interface CommunityOptions extends LinkFilter {
  /** Seed of the random order Louvain visits nodes in: the same seed gives the same communities. Default 1. */
  readonly seed?: number;
  /** Above 1 finds smaller communities, below 1 larger ones. Default 1. */
  readonly resolution?: number;
}

/** A community per node, numbered from 0 by decreasing size. */
export interface Communities {
  readonly communityOf: ReadonlyMap<string, number>;
  /** `sizes[c]` is the number of nodes in community c. */
  readonly sizes: readonly number[];
  readonly count: number;
  /** Newman modularity (at the resolution asked) of the partition on the collapsed graph; 0 without links. */
  readonly modularity: number;
  /** Louvain levels run (each moving nodes, then merging communities into nodes). */
  readonly levels: number;
}

/** Each level stops after this many visits per node, even if nodes still move. */
const MAX_VISITS_PER_NODE = 32;

/** A simple weighted undirected graph in compressed form; `loops[i]` is the weight inside node i, counted both ways. */
interface WeightedGraph {
  readonly size: number;
  readonly offsets: Int32Array;
  readonly neighbours: Int32Array;
  readonly weights: Float64Array;
  readonly loops: Float64Array;
}

/**
 * The graph Louvain runs on: each pair's parallel edges (those the filter allows) collapsed into
 * one link weighing the sum of their weights (1 each when absent; non-positive weights are left
 * out). Nodes the filter does not allow stay, isolated, in communities of their own.
 */
function collapse(graph: NetworkGraph, filter: LinkFilter): WeightedGraph {
  const compiled = compileFilter(graph, filter);
  const size = graph.nodes.length;
  const allowed = Uint8Array.from(graph.nodes, (_, index) => (compiled.nodeAllowed(index) ? 1 : 0));
  const offsets = new Int32Array(size + 1);
  const neighbours = new Int32Array(graph.adjacentNode.length);
  const weights = new Float64Array(graph.adjacentNode.length);
  const weightTo = new Float64Array(size);
  const touched: number[] = [];
  let next = 0;
  for (let u = 0; u < size; u += 1) {
    if (allowed[u] === 1) {
      const end = graph.offsets[u + 1] as number;
      for (let position = graph.offsets[u] as number; position < end; position += 1) {
        const v = graph.adjacentNode[position] as number;
        const edge = graph.adjacentEdge[position] as number;
        if (allowed[v] !== 1 || !compiled.edgeAllowed(edge)) continue;
        const weight = graph.edges[edge]?.weight ?? 1;
        if (!(weight > 0)) continue;
        if (weightTo[v] === 0) touched.push(v);
        weightTo[v] = (weightTo[v] as number) + weight;
      }
      for (const v of touched) {
        neighbours[next] = v;
        weights[next] = weightTo[v] as number;
        weightTo[v] = 0;
        next += 1;
      }
      touched.length = 0;
    }
    offsets[u + 1] = next;
  }
  return { size, offsets, neighbours, weights, loops: new Float64Array(size) };
}

function strengths(level: WeightedGraph): Float64Array {
  const strength = new Float64Array(level.size);
  for (let node = 0; node < level.size; node += 1) {
    let total = level.loops[node] as number;
    for (let position = level.offsets[node] as number; position < (level.offsets[node + 1] as number); position += 1)
      total += level.weights[position] as number;
    strength[node] = total;
  }
  return strength;
}

/** Moves nodes between communities while modularity rises; returns each node's community and whether any moved. */
function moveNodes(
  level: WeightedGraph,
  resolution: number,
  next: () => number,
): { community: Int32Array; moved: boolean } {
  const { size, offsets, neighbours, weights } = level;
  const strength = strengths(level);
  let twiceTotal = 0;
  for (const value of strength) twiceTotal += value;
  const community = Int32Array.from({ length: size }, (_, index) => index);
  const total = Float64Array.from(strength);
  const weightTo = new Float64Array(size);
  const candidates: number[] = [];
  const order = Int32Array.from({ length: size }, (_, index) => index);
  for (let index = size - 1; index > 0; index -= 1) {
    const other = Math.floor(next() * (index + 1));
    const swap = order[index] as number;
    order[index] = order[other] as number;
    order[other] = swap;
  }
  // Fast local moving (Traag 2015): visit every node once in random order, then only the
  // neighbours of nodes that moved, until nothing moves. The cap stops slow drifts along chains.
  const queued = new Uint8Array(size).fill(1);
  const queue = Int32Array.from(order);
  let head = 0;
  let length = size;
  let moved = false;
  for (let visits = 0; length > 0 && visits < MAX_VISITS_PER_NODE * size; visits += 1) {
    const node = queue[head] as number;
    head = (head + 1) % size;
    length -= 1;
    queued[node] = 0;
    const own = community[node] as number;
    const nodeStrength = strength[node] as number;
    if (nodeStrength === 0) continue;
    for (let position = offsets[node] as number; position < (offsets[node + 1] as number); position += 1) {
      const target = community[neighbours[position] as number] as number;
      if (weightTo[target] === 0) candidates.push(target);
      weightTo[target] = (weightTo[target] as number) + (weights[position] as number);
    }
    total[own] = (total[own] as number) - nodeStrength;
    const scale = (resolution * nodeStrength) / twiceTotal;
    let best = own;
    let bestGain = (weightTo[own] as number) - total[own] * scale;
    for (const candidate of candidates) {
      const gain = (weightTo[candidate] as number) - (total[candidate] as number) * scale;
      // Strictly better only, and ties to the lower community number, so that the order alone decides.
      if (gain > bestGain + 1e-12 || (Math.abs(gain - bestGain) <= 1e-12 && best !== own && candidate < best)) {
        best = candidate;
        bestGain = gain;
      }
    }
    for (const candidate of candidates) weightTo[candidate] = 0;
    weightTo[own] = 0;
    candidates.length = 0;
    total[best] = (total[best] as number) + nodeStrength;
    if (best === own) continue;
    community[node] = best;
    moved = true;
    for (let position = offsets[node] as number; position < (offsets[node + 1] as number); position += 1) {
      const neighbour = neighbours[position] as number;
      if (queued[neighbour] === 1 || community[neighbour] === best) continue;
      queued[neighbour] = 1;
      queue[(head + length) % size] = neighbour;
      length += 1;
    }
  }
  return { community, moved };
}

/** Renumbers communities 0..k-1 in order of their first node. */
function renumber(community: Int32Array): { labels: Int32Array; count: number } {
  const map = new Int32Array(community.length).fill(-1);
  let count = 0;
  const labels = community.map((value) => {
    if (map[value] === -1) {
      map[value] = count;
      count += 1;
    }
    return map[value] as number;
  });
  return { labels, count };
}

/** The graph of communities: one node per community, links summed, links inside a community becoming its loop weight. */
function aggregate(level: WeightedGraph, labels: Int32Array, count: number): WeightedGraph {
  const members = new Int32Array(level.size);
  const start = new Int32Array(count + 1);
  for (const label of labels) start[label + 1] = (start[label + 1] as number) + 1;
  for (let index = 0; index < count; index += 1)
    start[index + 1] = (start[index + 1] as number) + (start[index] as number);
  const cursor = start.slice(0, count);
  labels.forEach((label, node) => {
    members[cursor[label] as number] = node;
    cursor[label] = (cursor[label] as number) + 1;
  });
  const offsets = new Int32Array(count + 1);
  const neighbours: number[] = [];
  const weights: number[] = [];
  const loops = new Float64Array(count);
  const weightTo = new Float64Array(count);
  const touched: number[] = [];
  for (let target = 0; target < count; target += 1) {
    for (let member = start[target] as number; member < (start[target + 1] as number); member += 1) {
      const node = members[member] as number;
      loops[target] = (loops[target] as number) + (level.loops[node] as number);
      for (
        let position = level.offsets[node] as number;
        position < (level.offsets[node + 1] as number);
        position += 1
      ) {
        const other = labels[level.neighbours[position] as number] as number;
        const weight = level.weights[position] as number;
        if (other === target) loops[target] = (loops[target] as number) + weight;
        else {
          if (weightTo[other] === 0) touched.push(other);
          weightTo[other] = (weightTo[other] as number) + weight;
        }
      }
    }
    for (const other of touched) {
      neighbours.push(other);
      weights.push(weightTo[other] as number);
      weightTo[other] = 0;
    }
    touched.length = 0;
    offsets[target + 1] = neighbours.length;
  }
  return {
    size: count,
    offsets,
    neighbours: Int32Array.from(neighbours),
    weights: Float64Array.from(weights),
    loops,
  };
}

/** Σ_c [ in_c / 2m − γ (tot_c / 2m)² ] on the collapsed graph. */
function modularityOf(level: WeightedGraph, labels: Int32Array, count: number, resolution: number): number {
  const strength = strengths(level);
  const inside = new Float64Array(count);
  const total = new Float64Array(count);
  let twiceTotal = 0;
  for (let node = 0; node < level.size; node += 1) {
    const label = labels[node] as number;
    total[label] = (total[label] as number) + (strength[node] as number);
    twiceTotal += strength[node] as number;
    inside[label] = (inside[label] as number) + (level.loops[node] as number);
    for (let position = level.offsets[node] as number; position < (level.offsets[node + 1] as number); position += 1)
      if (labels[level.neighbours[position] as number] === label)
        inside[label] = inside[label] + (level.weights[position] as number);
  }
  if (twiceTotal === 0) return 0;
  let modularity = 0;
  for (let label = 0; label < count; label += 1)
    modularity += (inside[label] as number) / twiceTotal - resolution * ((total[label] as number) / twiceTotal) ** 2;
  return modularity;
}

/** Louvain communities of the graph's nodes. */
export function communities(graph: NetworkGraph, options: CommunityOptions = {}): Communities {
  const resolution = options.resolution ?? 1;
  const random = createRandom(options.seed ?? 1);
  const next = () => random.next();
  const original = collapse(graph, options);
  let level = original;
  // membership[i]: node i's node in the current level.
  let membership = Int32Array.from({ length: graph.nodes.length }, (_, index) => index);
  let levels = 0;
  for (;;) {
    const { community, moved } = moveNodes(level, resolution, next);
    levels += 1;
    if (!moved) break;
    const { labels, count } = renumber(community);
    membership = membership.map((node) => labels[node] as number);
    // Moves that merged nothing leave the graph as it was: another level would repeat them.
    if (count === level.size || levels >= 64) break;
    level = aggregate(level, labels, count);
  }
  const { labels, count } = renumber(membership);
  // Largest first, ties by the earliest node, so the numbers do not depend on the visiting order.
  const sizes = new Int32Array(count);
  const first = new Int32Array(count).fill(-1);
  labels.forEach((label, node) => {
    sizes[label] = (sizes[label] as number) + 1;
    if (first[label] === -1) first[label] = node;
  });
  const ranked = Array.from({ length: count }, (_, label) => label).sort(
    (a, b) => (sizes[b] as number) - (sizes[a] as number) || (first[a] as number) - (first[b] as number),
  );
  const rank = new Int32Array(count);
  ranked.forEach((label, position) => (rank[label] = position));
  const communityOf = new Map<string, number>();
  graph.nodes.forEach((node, index) => communityOf.set(node.id, rank[labels[index] as number] as number));
  return {
    communityOf,
    sizes: ranked.map((label) => sizes[label] as number),
    count,
    modularity: modularityOf(original, labels, count, resolution),
    levels,
  };
}
