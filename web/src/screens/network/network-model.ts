/**
 * The graph the screen draws: one graphology graph, kept for the screen's life and updated in
 * place as answers arrive (sigma redraws from its events; React never renders a node), with the
 * colours and sizes of records and links.
 */
import Graph from 'graphology';
import type { Hub, Network, NetworkEdge, NetworkNode } from './network-api.ts';

export interface NodeAttributes {
  x: number;
  y: number;
  size: number;
  kind: string;
  caption: string | null;
  ownerOrganisation: string;
  sector: string | null;
  protected: boolean;
}

export interface EdgeAttributes extends NetworkEdge {
  size: number;
}

export type NetworkGraph = Graph<NodeAttributes, EdgeAttributes>;

/** An empty graph: undirected, several links (of different kinds) allowed between two records. */
export function createNetworkGraph(): NetworkGraph {
  return new Graph<NodeAttributes, EdgeAttributes>({ type: 'undirected', multi: true, allowSelfLoops: false });
}

/** One key per link, whichever way round the API gives its ends. */
export function edgeKey(edge: Pick<NetworkEdge, 'source' | 'target' | 'kind'>): string {
  const [first, second] = edge.source < edge.target ? [edge.source, edge.target] : [edge.target, edge.source];
  return `${first}|${second}|${edge.kind}`;
}

// Distinct on white, dark enough to read as shapes; the rest share grey.
const KIND_COLOURS: Readonly<Record<string, string>> = {
  Person: '#1f5fbf',
  Advert: '#c2410c',
  Booking: '#15803d',
  Trip: '#65a30d',
  BankAccount: '#7e22ce',
  PaymentInstrument: '#a21caf',
  Payment: '#9d174d',
  OnlineAccount: '#0e7490',
  Phone: '#475569',
  Email: '#4d7c0f',
  IdentityDocument: '#854d0e',
  Address: '#0369a1',
  Organization: '#be123c',
  Site: '#115e59',
};
const OTHER_KIND = '#6b7280';

/** A record type's colour in the graph and its legend. */
export function kindColour(kind: string): string {
  return KIND_COLOURS[kind] ?? OTHER_KIND;
}

/** The record types with a colour of their own, for the legend. */
export const COLOURED_KINDS = Object.keys(KIND_COLOURS);

const COMMUNITY_COLOURS = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#9467bd',
  '#ff7f0e',
  '#8c564b',
  '#e377c2',
  '#17becf',
  '#7f7f00',
  '#393b79',
];
/** Communities beyond the coloured ones. */
export const OTHER_COMMUNITY = '#b0b4ba';

/** The colour of the community ranked `rank` by size (0 is the largest). */
export function communityColour(rank: number): string {
  return COMMUNITY_COLOURS[rank] ?? OTHER_COMMUNITY;
}

/** How many communities get a colour of their own. */
export const COLOURED_COMMUNITIES = COMMUNITY_COLOURS.length;

/** Ring colours: risk from notices in three bands, and protected victims. */
export const RING = { high: '#b91c1c', medium: '#ea580c', low: '#ca8a04', protected: '#0284c7' } as const;

/** The band of a risk score. */
export function riskBand(risk: number): 'high' | 'medium' | 'low' {
  if (risk >= 0.5) return 'high';
  if (risk >= 0.2) return 'medium';
  return 'low';
}

export const EDGE_COLOURS: Readonly<Record<NetworkEdge['basis'], string>> = {
  stated: '#9ca3af',
  identifier: '#c8a27a',
  resolved: '#8b5cf6',
};

function sizeOf(degree: number): number {
  return Math.min(16, 3 + Math.sqrt(degree) * 1.6);
}

function spread(): number {
  return (Math.random() - 0.5) * 2;
}

/**
 * Adds the records and links of an answer not yet in the graph; a new record starts beside a
 * neighbour already placed, so the layout has little left to do. Returns how many records came.
 */
export function mergeNetwork(graph: NetworkGraph, network: Pick<Network, 'nodes' | 'edges'>): number {
  const before = graph.order;
  const radius = Math.max(10, Math.sqrt(graph.order + network.nodes.length) * 4);
  const fresh: NetworkNode[] = [];
  for (const node of network.nodes) {
    if (graph.hasNode(node.id)) continue;
    fresh.push(node);
    graph.addNode(node.id, {
      x: Number.NaN,
      y: Number.NaN,
      size: 3,
      kind: node.kind,
      caption: node.caption,
      ownerOrganisation: node.ownerOrganisation,
      sector: node.sector ?? null,
      protected: node.protected === true,
    });
  }
  for (const edge of network.edges) {
    const key = edgeKey(edge);
    if (graph.hasEdge(key) || !graph.hasNode(edge.source) || !graph.hasNode(edge.target)) continue;
    if (edge.source === edge.target) continue;
    graph.addUndirectedEdgeWithKey(key, edge.source, edge.target, { ...edge, size: edge.basis === 'resolved' ? 2 : 1 });
  }
  for (const node of fresh) {
    const placed = graph.findNeighbor(node.id, (_neighbour, attributes) => !Number.isNaN(attributes.x));
    const anchor = placed === undefined ? undefined : graph.getNodeAttributes(placed);
    graph.mergeNodeAttributes(
      node.id,
      anchor === undefined
        ? { x: spread() * radius, y: spread() * radius }
        : { x: anchor.x + spread() * 2, y: anchor.y + spread() * 2 },
    );
  }
  // No hints: sigma must index the new records (a hint of "size only" would repaint unindexed ones).
  graph.updateEachNodeAttributes((node, attributes) => ({ ...attributes, size: sizeOf(graph.degree(node)) }));
  return graph.order - before;
}

/** Merges hubs already known with new ones (the same identifier reported twice counts once). */
export function mergeHubs(known: readonly Hub[], added: readonly Hub[]): Hub[] {
  const byKey = new Map<string, Hub>();
  for (const hub of [...known, ...added]) {
    byKey.set(`${hub.kind}|${hub.carriers}|${[...hub.records].sort().join(',')}`, hub);
  }
  return [...byKey.values()];
}
