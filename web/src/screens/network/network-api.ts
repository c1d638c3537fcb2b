/**
 * The network API's answers as the screen reads them (see src/apps/server/routes/network.routes.ts),
 * and the query every walk shares: how far, how many, and the filters.
 */
import { SECTORS } from '../../vocabulary.ts';

export { SECTORS };

/** A record of the reader's network; `caption` is null where a field of it is withheld. */
export interface NetworkNode {
  readonly id: string;
  readonly kind: string;
  readonly sector?: string;
  readonly ownerOrganisation: string;
  readonly caption: string | null;
  readonly protected?: boolean;
}

/** Why resolution linked two records: one feature that fired, its level and weight. */
export interface LinkFeature {
  readonly feature: string;
  readonly level: string;
  readonly weight: number;
}

/** A link with its reason. */
export interface NetworkEdge {
  readonly source: string;
  readonly target: string;
  readonly kind: string;
  readonly basis: 'stated' | 'identifier' | 'resolved';
  readonly reason?: string;
  readonly at?: string;
  readonly place?: string;
  readonly recordId?: string;
  readonly probability?: number;
  readonly features?: readonly LinkFeature[];
}

/** An identifier shared too widely to follow (a front desk, a call centre): listed, never drawn. */
export interface Hub {
  readonly kind: string;
  readonly carriers: number;
  readonly records: readonly string[];
}

export interface Network {
  readonly nodes: readonly NetworkNode[];
  readonly edges: readonly NetworkEdge[];
  readonly hubs: readonly Hub[];
  readonly truncated: boolean;
}

export interface IdentifierNetwork extends Network {
  readonly carriers: readonly string[];
}

export interface PathAnswer {
  readonly found: boolean;
  readonly paths: readonly { nodes: readonly string[]; edges: readonly NetworkEdge[]; hops: number }[];
  readonly nodes: readonly NetworkNode[];
}

export interface CommunitiesAnswer {
  readonly modularity: number;
  readonly communities: readonly { id: number; size: number; members: readonly string[] }[];
  readonly truncated: boolean;
}

export interface BrokersAnswer {
  readonly method: string;
  readonly note?: string;
  readonly brokers: readonly { node: NetworkNode; betweenness: number | null; degree: number; scopeDegree: number }[];
  readonly truncated: boolean;
}

export interface RiskAnswer {
  readonly scores: readonly { node: NetworkNode; risk: number; source: string; hops: number }[];
  readonly targets: readonly string[];
  readonly protectedNodes: readonly string[];
}

/** The identifier kinds the API reads. */
export const IDENTIFIER_KINDS = ['phone', 'email', 'document', 'iban', 'account', 'handle', 'image'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** How far and how many, and the filters: shared by the start, every expansion and the analyses. */
export interface WalkOptions {
  readonly hops: number;
  readonly limit: number;
  readonly nodeKinds: readonly string[];
  readonly edgeKinds: readonly string[];
  readonly sectors: readonly string[];
  readonly from: string;
  readonly to: string;
}

export const DEFAULT_WALK: WalkOptions = {
  hops: 2,
  limit: 1000,
  nodeKinds: [],
  edgeKinds: [],
  sectors: [],
  from: '',
  to: '',
};

/** The walk as query parameters (empty filters left out). */
export function walkQuery(options: WalkOptions): Record<string, string | number | readonly string[] | undefined> {
  const listOrNothing = (values: readonly string[]) => (values.length === 0 ? undefined : values.join(','));
  return {
    hops: options.hops,
    limit: options.limit,
    nodeKinds: listOrNothing(options.nodeKinds),
    edgeKinds: listOrNothing(options.edgeKinds),
    sectors: listOrNothing(options.sectors),
    from: options.from === '' ? undefined : options.from,
    to: options.to === '' ? undefined : options.to,
  };
}
