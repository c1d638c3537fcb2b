/**
 * Network analysis over resolved entities and records: building the graph, expansion, paths,
 * communities, brokers, shared identifiers, risk spread and movement. Pure functions over an
 * immutable graph; what a reader may see is decided before the graph is built.
 */
export { buildGraph, parseInstant, subgraph } from './graph.ts';
export type { NetworkEdge, NetworkGraph, NetworkNode, SkippedEdges, SubgraphFilter } from './graph.ts';
export type { LinkFilter } from './filter.ts';
export { DEFAULT_EXPAND_LIMIT, expand, type ExpandOptions, type Expansion } from './expand.ts';
export { DEFAULT_MAX_DEPTH, shortestPaths, type NetworkPath, type PathOptions, type PathResult } from './paths.ts';
export { communities, type Communities, type CommunityOptions } from './communities.ts';
export { brokers, type Broker, type BrokerOptions, type BrokerResult } from './brokers.ts';
export {
  DEFAULT_HOLDER_KINDS,
  DEFAULT_HUB_ABOVE,
  DEFAULT_IDENTIFIER_KINDS,
  sharedIdentifiers,
  type SharedIdentifier,
  type SharedIdentifierOptions,
  type SharedIdentifiers,
} from './shared-identifiers.ts';
export {
  DEFAULT_ATTENUATION,
  spreadRisk,
  type NodeRisk,
  type RiskFlag,
  type RiskOptions,
  type RiskResult,
} from './risk.ts';
export { movement, type Movement, type Stay } from './movement.ts';
