/**
 * The network analyses as a reader asks for them: each walks the reader's visible network around
 * some records (neighbourhood.ts), runs the analysis on it (domain/network), and records in the
 * ledger which records the answer shows. Nothing outside what the reader may see takes part:
 * a path, a community or a risk score never passes through a record the reader may not see.
 */
import type { Store } from '../../adapters/store/index.ts';
import type { LedgerEvent } from '../../domain/audit/index.ts';
import type { RecordId } from '../../domain/model/ids.ts';
import {
  brokers,
  buildGraph,
  communities,
  expand,
  movement,
  sharedIdentifiers,
  shortestPaths,
  spreadRisk,
  type BrokerResult,
  type LinkFilter,
  type Movement,
  type NetworkGraph,
} from '../../domain/network/index.ts';
import { normaliseIdentifier, type IdentifierKind } from '../../domain/resolution/facts.ts';
import type { Access } from '../sharing/record-access.ts';
import {
  carriersOf,
  VisibilityLens,
  walkNeighbourhood,
  type Hub,
  type Neighbourhood,
  type VisibleEdge,
  type VisibleNode,
} from './neighbourhood.ts';

/** The most nodes any one answer walks. */
export const MAX_NODES = 5_000;

/** A part of the reader's network: its records, its links and the hubs not followed. */
export interface NetworkView {
  readonly nodes: readonly VisibleNode[];
  readonly edges: readonly VisibleEdge[];
  readonly hubs: readonly Hub[];
  readonly truncated: boolean;
}

/** What the reader asks to be walked: from where, how far, how much, and which links. */
export interface WalkRequest {
  readonly seeds: readonly RecordId[];
  readonly hops: number;
  readonly limit: number;
  readonly filter?: LinkFilter;
}

async function consulted(store: Store, access: Access, ids: readonly string[], detail: string): Promise<void> {
  const event: LedgerEvent = {
    actor: access.actor,
    organisation: access.subject.organisationId,
    action: 'consult',
    requestId: access.requestId,
    purpose: access.purpose,
    objectIds: [...ids],
    outcome: 'ok',
    detail,
  };
  await store.ledger.appendNow([event]);
}

/** The reader's network within `hops` of the seeds, walked with room for the analyses' filters. */
async function walk(
  store: Store,
  access: Access,
  request: WalkRequest,
): Promise<{ lens: VisibilityLens; seen: Neighbourhood; graph: NetworkGraph }> {
  const lens = await VisibilityLens.open(store, access);
  const seen = await walkNeighbourhood(store, lens, request.seeds, {
    hops: request.hops,
    limit: Math.min(MAX_NODES, Math.max(request.limit * 4, request.limit)),
  });
  return { lens, seen, graph: buildGraph(seen.nodes, seen.edges) };
}

const nodesOf = (graph: NetworkGraph, ids: Iterable<string>): VisibleNode[] => {
  const nodes: VisibleNode[] = [];
  for (const id of ids) {
    const index = graph.indexOf.get(id);
    const node = index === undefined ? undefined : graph.nodes[index];
    if (node !== undefined) nodes.push(node as VisibleNode);
  }
  return nodes;
};

/** Expands the reader's network from the seeds, filtered by node kind, link kind, time and sector. */
export async function expandNetwork(store: Store, access: Access, request: WalkRequest): Promise<NetworkView> {
  const { seen, graph } = await walk(store, access, request);
  const expansion = expand(graph, request.seeds, { hops: request.hops, limit: request.limit, ...request.filter });
  const view: NetworkView = {
    nodes: expansion.nodes as VisibleNode[],
    edges: expansion.edges as VisibleEdge[],
    hubs: seen.hubs,
    truncated: expansion.truncated || seen.truncated,
  };
  await consulted(
    store,
    access,
    view.nodes.map((node) => node.id),
    'network_expand',
  );
  return view;
}

/**
 * The reader's records carrying an identifier (a phone, a document number…), and the network
 * around them: the people, documents, accounts, adverts and stays tied to it, each link with why.
 */
export async function identifierNetwork(
  store: Store,
  access: Access,
  identifier: { kind: IdentifierKind; value: string },
  request: Omit<WalkRequest, 'seeds'>,
): Promise<(NetworkView & { carriers: readonly RecordId[] }) | undefined> {
  const normalised = normaliseIdentifier(identifier.kind, identifier.value);
  if (normalised === null) return undefined;
  const lens = await VisibilityLens.open(store, access);
  const records = await carriersOf(store, lens, {
    kind: identifier.kind,
    hash: store.resolution.keyed(identifier.kind, normalised),
  });
  if (records.length === 0) {
    await consulted(store, access, [], 'network_identifier');
    return { nodes: [], edges: [], hubs: [], truncated: false, carriers: [] };
  }
  const view = await expandNetwork(store, access, { ...request, seeds: records });
  return { ...view, carriers: records };
}

/** Shortest paths between two records through the reader's network. */
export async function pathBetween(
  store: Store,
  access: Access,
  from: RecordId,
  to: RecordId,
  options: { maxHops: number; filter?: LinkFilter },
) {
  const { graph } = await walk(store, access, { seeds: [from], hops: options.maxHops, limit: MAX_NODES });
  const result = graph.indexOf.has(to)
    ? shortestPaths(graph, from, to, { maxDepth: options.maxHops, maxPaths: 3, ...options.filter })
    : { found: false, paths: [], missing: [to] };
  const ids = new Set(result.paths.flatMap((path) => path.nodes.map((node) => node.id)));
  await consulted(store, access, [...ids], 'network_path');
  return { found: result.found, paths: result.paths, nodes: nodesOf(graph, ids) };
}

/** Communities (Louvain) in the reader's network around the seeds. */
export async function communitiesAround(store: Store, access: Access, request: WalkRequest) {
  const { graph, seen } = await walk(store, access, request);
  const found = communities(graph, { ...request.filter });
  const members = new Map<number, string[]>();
  for (const node of graph.nodes) {
    const community = found.communityOf.get(node.id);
    if (community === undefined) continue;
    members.set(community, [...(members.get(community) ?? []), node.id]);
  }
  await consulted(
    store,
    access,
    graph.nodes.map((node) => node.id),
    'network_communities',
  );
  return {
    modularity: found.modularity,
    communities: [...members.entries()]
      .map(([id, ids]) => ({ id, size: ids.length, members: ids }))
      .sort((a, b) => b.size - a.size),
    nodes: graph.nodes as VisibleNode[],
    truncated: seen.truncated,
  };
}

/** Brokers (betweenness on the bounded neighbourhood) in the reader's network around the seeds. */
export async function brokersAround(
  store: Store,
  access: Access,
  request: WalkRequest,
  top: number,
): Promise<{ result: BrokerResult; nodes: VisibleNode[]; truncated: boolean }> {
  const { graph, seen } = await walk(store, access, request);
  const result = brokers(graph, { members: graph.nodes.map((node) => node.id), top, ...request.filter });
  const ids = result.brokers.map((broker) => broker.node.id);
  await consulted(store, access, ids, 'network_brokers');
  return { result, nodes: nodesOf(graph, ids), truncated: seen.truncated };
}

/** Identifiers shared by several of the reader's records around the seeds, and the hubs. */
export async function sharedAround(store: Store, access: Access, request: WalkRequest, minHolders: number) {
  const { graph, seen } = await walk(store, access, request);
  const shared = sharedIdentifiers(graph, { minHolders, ...request.filter });
  const ids = new Set(shared.clusters.flatMap((cluster) => [cluster.identifier.id, ...cluster.holders]));
  await consulted(store, access, [...ids], 'network_shared_identifiers');
  return { clusters: shared.clusters, hubs: shared.hubs, identifierHubs: seen.hubs, nodes: nodesOf(graph, ids) };
}

/**
 * Risk spread from the notices in the reader's network around the seeds: each node's score and the
 * notice it came from. Protected victims are listed apart and never among the targets.
 */
export async function riskAround(store: Store, access: Access, request: WalkRequest) {
  const { graph } = await walk(store, access, request);
  const flags = graph.nodes.filter((node) => node.kind === 'Notice').map((node) => ({ id: node.id, score: 1 }));
  const result = spreadRisk(graph, { flags });
  const ids = new Set([
    ...result.scores.map((score) => score.node.id),
    ...result.protectedNodes.map((score) => score.node.id),
  ]);
  await consulted(store, access, [...ids], 'network_risk');
  return { ...result, nodes: nodesOf(graph, ids) };
}

/**
 * Where records (a phone, an advert network) were over time: the records within one link of them
 * (the adverts carrying the phone, the stays of its user) as the reader may see them, each where
 * and when it happened, in time order, consecutive ones in one place taken together.
 */
export async function movementOf(
  store: Store,
  access: Access,
  seeds: readonly RecordId[],
  filter?: LinkFilter,
): Promise<Movement & { nodes: VisibleNode[] }> {
  const { graph } = await walk(store, access, { seeds, hops: 1, limit: MAX_NODES });
  const ids = graph.nodes.map((node) => node.id as RecordId);
  const times = await store.resolution.whenWhere(ids);
  // One node standing for the whole set, linked to each record where and when that record happened.
  const whole = 'movement';
  const star = buildGraph(
    [{ id: whole, kind: 'set' }, ...graph.nodes],
    ids.flatMap((id) => {
      const when = times.get(id);
      return when?.at == null || when.place == null
        ? []
        : [{ source: whole, target: id, kind: 'happened', at: when.at, place: when.place }];
    }),
  );
  const result = movement(star, whole, filter);
  await consulted(store, access, ids, 'network_movement');
  return { ...result, nodes: graph.nodes as VisibleNode[] };
}
