/**
 * Shared identifiers: a phone, an e-mail address, a document or an account linked to several
 * people or adverts. How many share it decides what it means: three to thirty adverts on one phone
 * is the pattern of a controller posting for several victims; a thousand guests on one phone is a
 * hotel's front desk. Both are reported, apart, so that hubs neither drown the clusters nor hide.
 */
import { compileFilter, type LinkFilter } from './filter.ts';
import type { NetworkGraph, NetworkNode } from './graph.ts';

/** Which nodes are identifiers, who holds them, and where a cluster becomes a hub. */
export interface SharedIdentifierOptions extends LinkFilter {
  /** Node kinds that are identifiers. Default Phone, Email, IdentityDocument, BankAccount, OnlineAccount. */
  readonly identifierKinds?: readonly string[];
  /** Node kinds that count as holders. Default Person, Advert. */
  readonly holderKinds?: readonly string[];
  /** Fewest distinct holders to report. Default 2. */
  readonly minHolders?: number;
  /** More distinct holders than this makes a hub; per identifier kind, or one number for all. Default 30. */
  readonly hubAbove?: number | Readonly<Record<string, number>>;
}

/** An identifier and the distinct holders linked to it. */
export interface SharedIdentifier {
  readonly identifier: NetworkNode;
  /** Distinct holders. */
  readonly count: number;
  /** Distinct holders by kind, e.g. `{ Advert: 12, Person: 1 }`. */
  readonly byKind: Readonly<Record<string, number>>;
  /** The holders' ids in graph order (for clusters; hubs carry the count and kinds only). */
  readonly holders: readonly string[];
}

/** Small suspicious clusters and hubs, each by decreasing count, then graph order. */
export interface SharedIdentifiers {
  readonly clusters: readonly SharedIdentifier[];
  readonly hubs: readonly SharedIdentifier[];
}

export const DEFAULT_IDENTIFIER_KINDS = ['Phone', 'Email', 'IdentityDocument', 'BankAccount', 'OnlineAccount'];
export const DEFAULT_HOLDER_KINDS = ['Person', 'Advert'];
export const DEFAULT_HUB_ABOVE = 30;

/** The identifiers linked to at least `minHolders` distinct holders, as clusters or hubs. */
export function sharedIdentifiers(graph: NetworkGraph, options: SharedIdentifierOptions = {}): SharedIdentifiers {
  const identifierKinds = new Set(options.identifierKinds ?? DEFAULT_IDENTIFIER_KINDS);
  const holderKinds = new Set(options.holderKinds ?? DEFAULT_HOLDER_KINDS);
  const minHolders = options.minHolders ?? 2;
  const hubAbove = options.hubAbove ?? DEFAULT_HUB_ABOVE;
  const threshold = (kind: string) => (typeof hubAbove === 'number' ? hubAbove : (hubAbove[kind] ?? DEFAULT_HUB_ABOVE));
  const filter = compileFilter(graph, options);
  const isIdentifier = graph.nodeKinds.map((kind) => identifierKinds.has(kind));
  const isHolder = graph.nodeKinds.map((kind) => holderKinds.has(kind));
  const stamp = new Int32Array(graph.nodes.length).fill(-1);
  const clusters: SharedIdentifier[] = [];
  const hubs: SharedIdentifier[] = [];
  for (let node = 0; node < graph.nodes.length; node += 1) {
    if (isIdentifier[graph.nodeKind[node] as number] !== true) continue;
    const holders: number[] = [];
    for (let position = graph.offsets[node] as number; position < (graph.offsets[node + 1] as number); position += 1) {
      const other = graph.adjacentNode[position] as number;
      if (stamp[other] === node || isHolder[graph.nodeKind[other] as number] !== true) continue;
      if (!filter.edgeAllowed(graph.adjacentEdge[position] as number) || !filter.nodeAllowed(other)) continue;
      stamp[other] = node;
      holders.push(other);
    }
    if (holders.length < minHolders) continue;
    const identifier = graph.nodes[node] as NetworkNode;
    const byKind: Record<string, number> = {};
    for (const holder of holders) {
      const kind = graph.nodeKinds[graph.nodeKind[holder] as number] as string;
      byKind[kind] = (byKind[kind] ?? 0) + 1;
    }
    const hub = holders.length > threshold(identifier.kind);
    const ids = hub ? [] : holders.sort((a, b) => a - b).map((holder) => graph.nodes[holder]?.id as string);
    (hub ? hubs : clusters).push({ identifier, count: holders.length, byKind, holders: ids });
  }
  const order = (a: SharedIdentifier, b: SharedIdentifier) =>
    b.count - a.count ||
    (graph.indexOf.get(a.identifier.id) as number) - (graph.indexOf.get(b.identifier.id) as number);
  return { clusters: clusters.sort(order), hubs: hubs.sort(order) };
}
