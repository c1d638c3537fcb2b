/**
 * Movement: where a node (a phone) or a set of nodes (an advert network) was, in time order, read
 * from the links that carry both a place and a time. Consecutive links in the same place collapse
 * into one stay, so a week of adverts in Leeds is one line, not forty.
 */
import { compileFilter, type LinkFilter } from './filter.ts';
import type { NetworkGraph } from './graph.ts';

/** One stay: a place, the first and last time seen there, and how many links say so. */
export interface Stay {
  readonly place: string;
  /** The `at` of the first link of the stay, as given. */
  readonly from: string;
  /** The `at` of the last link of the stay, as given. */
  readonly to: string;
  readonly count: number;
}

/** The itinerary, and what could not be placed on it. */
export interface Movement {
  readonly itinerary: readonly Stay[];
  /** Links with a place but no readable time: not on the itinerary. */
  readonly undated: number;
  /** Ids asked for that are not in the graph. */
  readonly missing: readonly string[];
}

/** The itinerary of one node or a set of nodes, from their links with a place and a time. */
export function movement(graph: NetworkGraph, ids: string | readonly string[], filter: LinkFilter = {}): Movement {
  const compiled = compileFilter(graph, filter);
  const wanted = typeof ids === 'string' ? [ids] : ids;
  const missing: string[] = [];
  const edges = new Set<number>();
  let undated = 0;
  for (const id of wanted) {
    const node = graph.indexOf.get(id);
    if (node === undefined) {
      missing.push(id);
      continue;
    }
    for (let position = graph.offsets[node] as number; position < (graph.offsets[node + 1] as number); position += 1) {
      const edge = graph.adjacentEdge[position] as number;
      // A link between two members of the set is one event, seen from both ends: count it once.
      if (edges.has(edge) || graph.edges[edge]?.place === undefined || !compiled.edgeAllowed(edge)) continue;
      edges.add(edge);
      if (Number.isNaN(graph.edgeTime[edge])) undated += 1;
    }
  }
  const events = [...edges]
    .filter((edge) => !Number.isNaN(graph.edgeTime[edge]))
    .map((edge) => ({ edge, time: graph.edgeTime[edge] as number, place: graph.edges[edge]?.place as string }))
    // Same instant: by place, then graph order, so that the itinerary does not depend on the input's order of ids.
    .sort((a, b) => a.time - b.time || (a.place < b.place ? -1 : a.place > b.place ? 1 : 0) || a.edge - b.edge);
  const itinerary: { place: string; from: string; to: string; count: number }[] = [];
  for (const event of events) {
    const at = graph.edges[event.edge]?.at as string;
    const last = itinerary.at(-1);
    if (last?.place === event.place) {
      last.to = at;
      last.count += 1;
    } else itinerary.push({ place: event.place, from: at, to: at, count: 1 });
  }
  return { itinerary, undated, missing };
}
