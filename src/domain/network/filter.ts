/**
 * The filter every traversal accepts (node kinds, edge kinds, sectors, a time window), compiled
 * once into small lookup tables over the graph's interned kinds so that checking a link costs two
 * array reads.
 */
import { type NetworkGraph, parseInstant, parseWindowEnd } from './graph.ts';

/** Which links a traversal may follow and which nodes it may enter; absent means no restriction. */
export interface LinkFilter {
  /** Node kinds that may be entered (seeds and path endpoints are always allowed). */
  readonly nodeKinds?: readonly string[];
  /** Edge kinds that may be followed. */
  readonly edgeKinds?: readonly string[];
  /** Sectors whose records may be entered; nodes without a sector (resolved entities spanning sectors) always may. */
  readonly sectors?: readonly string[];
  /** Earliest `at` of a link followed (inclusive). */
  readonly from?: string;
  /** Latest `at` of a link followed (inclusive; a bare date includes the whole day). */
  readonly to?: string;
  /**
   * Whether links without an `at` are followed when a window is set. Default true: identity links
   * (`resolved_as`, `same_identifier`) carry no time and hold whatever the window.
   */
  readonly includeUndated?: boolean;
}

/** A filter compiled against one graph. */
export interface CompiledFilter {
  nodeAllowed(index: number): boolean;
  edgeAllowed(edge: number): boolean;
}

function mask(names: readonly string[], allowed: readonly string[] | undefined): Uint8Array | undefined {
  if (allowed === undefined) return undefined;
  const wanted = new Set(allowed);
  return Uint8Array.from(names, (name) => (wanted.has(name) ? 1 : 0));
}

/** Compiles a filter for a graph; throws on an unreadable window bound. */
export function compileFilter(graph: NetworkGraph, filter: LinkFilter = {}): CompiledFilter {
  const nodeKinds = mask(graph.nodeKinds, filter.nodeKinds);
  const edgeKinds = mask(graph.edgeKinds, filter.edgeKinds);
  const sectors = mask(graph.sectors, filter.sectors);
  if (sectors !== undefined) sectors[0] = 1;
  const from = filter.from === undefined ? -Infinity : parseInstant(filter.from);
  const to = filter.to === undefined ? Infinity : parseWindowEnd(filter.to);
  if (Number.isNaN(from) || Number.isNaN(to)) throw new RangeError('the time window is not an ISO date or date-time');
  const windowed = filter.from !== undefined || filter.to !== undefined;
  const includeUndated = filter.includeUndated ?? true;
  const { nodeKind, nodeSector, edgeKind, edgeTime } = graph;
  return {
    nodeAllowed: (index) =>
      (nodeKinds === undefined || nodeKinds[nodeKind[index] as number] === 1) &&
      (sectors === undefined || sectors[nodeSector[index] as number] === 1),
    edgeAllowed(edge) {
      if (edgeKinds !== undefined && edgeKinds[edgeKind[edge] as number] !== 1) return false;
      if (!windowed) return true;
      const time = edgeTime[edge] as number;
      if (Number.isNaN(time)) return includeUndated;
      return time >= from && time <= to;
    },
  };
}
