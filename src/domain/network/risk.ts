/**
 * Risk spread from flagged nodes (a notice, an alert) along links, decaying with each hop by an
 * attenuation per link kind, for a few hops at most. A node's risk is the best product of flag
 * score and attenuations over the paths reaching it (so it lies in [0, 1] and never grows with
 * distance), and it names the flag it came from.
 *
 * Protected victims may be shown the risk that reaches them, but they are never targets: the
 * result lists them apart, and by default risk does not travel onward through them, so that being
 * exploited alongside someone does not make a victim a bridge of suspicion to their family.
 */
import { compileFilter, type LinkFilter } from './filter.ts';
import type { NetworkGraph, NetworkNode } from './graph.ts';

/** A flagged node and how strongly (in (0, 1]). */
export interface RiskFlag {
  readonly id: string;
  readonly score: number;
}

/** Flags, attenuations, reach and the alert threshold. */
export interface RiskOptions extends LinkFilter {
  /** The flagged nodes. Default: every node whose `risk` is above 0 (scores above 1 count as 1). */
  readonly flags?: readonly RiskFlag[];
  /** Share of risk a link of each kind passes on, in [0, 1]. Merged over the defaults. */
  readonly attenuation?: Readonly<Record<string, number>>;
  /** Share passed on by kinds not listed. Default 0.5. */
  readonly defaultAttenuation?: number;
  /** Most hops from a flag. Default 3. */
  readonly maxHops?: number;
  /**
   * A node with more distinct neighbours than this (a hotel's phone) passes on only
   * `hubDegree / degree` of its risk, so that it does not spread suspicion to everyone it touches. Default 50.
   */
  readonly hubDegree?: number;
  /** Risk from which a node is a target of an alert. Default 0.3. */
  readonly alertAbove?: number;
  /** Whether risk travels onward through protected nodes. Default false. */
  readonly throughProtected?: boolean;
}

/** The risk of one node, with where it came from. */
export interface NodeRisk {
  readonly node: NetworkNode;
  readonly risk: number;
  /** The flag the risk came from. */
  readonly source: string;
  /** Hops from that flag along the best path (0 for a flag itself). */
  readonly hops: number;
  readonly flagged: boolean;
  readonly protected: boolean;
}

/** Every node reached, the targets an alert may name, and the protected nodes that must not be named. */
export interface RiskResult {
  /** Every node with risk above 0, highest first, then graph order. */
  readonly scores: readonly NodeRisk[];
  /** Nodes reached from a flag (not flags themselves) with risk ≥ `alertAbove`, never protected. */
  readonly targets: readonly NodeRisk[];
  /** Protected nodes with risk above 0: for display only, never targets. */
  readonly protectedNodes: readonly NodeRisk[];
}

/** Attenuation per link kind: identity links pass nearly all, a stay at the same hotel little. */
export const DEFAULT_ATTENUATION: Readonly<Record<string, number>> = {
  resolved_as: 1,
  same_identifier: 0.9,
  uses_phone: 0.8,
  advertised_by: 0.8,
  paid: 0.6,
  associate: 0.6,
  travelled_on: 0.4,
  booked: 0.4,
  stayed_at: 0.3,
};

/** Spreads risk from the flags over the graph. */
export function spreadRisk(graph: NetworkGraph, options: RiskOptions = {}): RiskResult {
  const filter = compileFilter(graph, options);
  const attenuationByKind = { ...DEFAULT_ATTENUATION, ...options.attenuation };
  const fallback = options.defaultAttenuation ?? 0.5;
  const clamp = (value: number) => (Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0);
  const attenuation = Float64Array.from(graph.edgeKinds, (kind) => clamp(attenuationByKind[kind] ?? fallback));
  const maxHops = options.maxHops ?? 3;
  const hubDegree = options.hubDegree ?? 50;
  const throughProtected = options.throughProtected ?? false;
  const flags =
    options.flags ??
    graph.nodes.filter((node) => (node.risk ?? 0) > 0).map((node) => ({ id: node.id, score: node.risk ?? 0 }));

  const size = graph.nodes.length;
  const risk = new Float64Array(size);
  const source = new Int32Array(size).fill(-1);
  const hops = new Int32Array(size);
  const flagged = new Uint8Array(size);
  let frontier: number[] = [];
  for (const flag of flags) {
    const index = graph.indexOf.get(flag.id);
    const score = clamp(flag.score);
    if (index === undefined || score <= 0) continue;
    flagged[index] = 1;
    if (score > (risk[index] as number)) {
      if (source[index] === -1) frontier.push(index);
      risk[index] = score;
      source[index] = index;
    }
  }

  // Rounds of relaxation: after round k every node holds its best risk over paths of at most k hops.
  const degreeCache = new Map<number, number>();
  const passOn = (node: number): number => {
    let degree = degreeCache.get(node);
    if (degree === undefined) {
      const seen = new Set<number>();
      for (let position = graph.offsets[node] as number; position < (graph.offsets[node + 1] as number); position += 1)
        seen.add(graph.adjacentNode[position] as number);
      degree = seen.size;
      degreeCache.set(node, degree);
    }
    return degree > hubDegree ? hubDegree / degree : 1;
  };
  for (let round = 1; round <= maxHops && frontier.length > 0; round += 1) {
    const improved = new Map<number, { risk: number; source: number }>();
    for (const node of frontier) {
      if (!throughProtected && graph.nodes[node]?.protected === true) continue;
      const base = (risk[node] as number) * passOn(node);
      for (
        let position = graph.offsets[node] as number;
        position < (graph.offsets[node + 1] as number);
        position += 1
      ) {
        const edge = graph.adjacentEdge[position] as number;
        const other = graph.adjacentNode[position] as number;
        if (!filter.edgeAllowed(edge) || !filter.nodeAllowed(other)) continue;
        const value = base * (attenuation[graph.edgeKind[edge] as number] as number);
        if (value <= (risk[other] as number) || value <= (improved.get(other)?.risk ?? 0)) continue;
        improved.set(other, { risk: value, source: source[node] as number });
      }
    }
    frontier = [];
    for (const [node, best] of improved) {
      risk[node] = best.risk;
      source[node] = best.source;
      hops[node] = round;
      frontier.push(node);
    }
  }

  const scores: NodeRisk[] = [];
  for (let node = 0; node < size; node += 1) {
    if ((risk[node] as number) <= 0) continue;
    const item = graph.nodes[node] as NetworkNode;
    scores.push({
      node: item,
      risk: risk[node] as number,
      source: graph.nodes[source[node] as number]?.id as string,
      hops: hops[node] as number,
      flagged: flagged[node] === 1,
      protected: item.protected === true,
    });
  }
  scores.sort(
    (a, b) => b.risk - a.risk || (graph.indexOf.get(a.node.id) as number) - (graph.indexOf.get(b.node.id) as number),
  );
  const alertAbove = options.alertAbove ?? 0.3;
  return {
    scores,
    // A security decision: a protected node is never a target, whatever its risk or flag.
    targets: scores.filter((item) => !item.protected && !item.flagged && item.risk >= alertAbove),
    protectedNodes: scores.filter((item) => item.protected),
  };
}
