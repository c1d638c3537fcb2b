/**
 * The network of resolved entities and records as the analyses read it: nodes and links held in
 * flat typed arrays (compressed adjacency), built once and never changed.
 *
 * Links are a multigraph: every edge given is kept, so two people who shared a phone and a hotel
 * room are joined by two edges, each with its own kind, time and place. Analyses read links
 * without direction (a payment links payer and payee both ways); `source` and `target` are kept
 * on each edge for display. Analyses that need a simple graph (communities, brokers) collapse
 * parallel edges themselves and say how.
 */

/** A resolved entity or a record: a person, a phone, an advert, a booking… */
export interface NetworkNode {
  readonly id: string;
  /** Entity type, e.g. `Person`, `Phone`, `Advert`. */
  readonly kind: string;
  /** The sector that holds the record; absent on resolved entities that span sectors. */
  readonly sector?: string;
  readonly label?: string;
  /** A flag score in [0, 1] from notices or alerts, where one exists. */
  readonly risk?: number;
  /** A protected victim: may be shown risk, never targeted by an enforcement alert. */
  readonly protected?: boolean;
}

/** A link between two nodes: a phone used, a stay, a payment, an identifier shared… */
export interface NetworkEdge {
  readonly source: string;
  readonly target: string;
  /** Link type, e.g. `uses_phone`, `stayed_at`, `same_identifier`. */
  readonly kind: string;
  /** When the link happened: an ISO date or date-time (read as UTC when it names no offset). */
  readonly at?: string;
  /** Where it happened: a city. */
  readonly place?: string;
  /** Strength of the link (> 0), 1 when absent. */
  readonly weight?: number;
  readonly reason?: string;
}

/** Edges left out when building, and why. */
export interface SkippedEdges {
  /** An endpoint is not among the nodes (for instance a record the reader may not see). */
  readonly unknownEndpoint: number;
  /** Source and target are the same node. */
  readonly selfLoop: number;
}

/** An immutable graph: node `i` is `nodes[i]`, edge `e` is `edges[e]`. */
export interface NetworkGraph {
  readonly nodes: readonly NetworkNode[];
  readonly edges: readonly NetworkEdge[];
  /** Node index by id. */
  readonly indexOf: ReadonlyMap<string, number>;
  /** Node index of each edge's source and target. */
  readonly edgeSource: Int32Array;
  readonly edgeTarget: Int32Array;
  /** Each edge's `at` in milliseconds since the epoch; NaN when absent or unreadable. */
  readonly edgeTime: Float64Array;
  /** Interned kinds: `nodeKinds[nodeKind[i]]` is node i's kind, `edgeKinds[edgeKind[e]]` edge e's. */
  readonly nodeKind: Uint16Array;
  readonly nodeKinds: readonly string[];
  readonly edgeKind: Uint16Array;
  readonly edgeKinds: readonly string[];
  /** Interned sectors: 0 is "no sector", `sectors[nodeSector[i]]` otherwise. */
  readonly nodeSector: Uint16Array;
  readonly sectors: readonly string[];
  /** Node i's links are positions `offsets[i]` to `offsets[i + 1] - 1` of the two arrays below. */
  readonly offsets: Int32Array;
  /** The node at the other end of each link position. */
  readonly adjacentNode: Int32Array;
  /** The edge at each link position. */
  readonly adjacentEdge: Int32Array;
  readonly skipped: SkippedEdges;
  /** Edges whose `at` was given but could not be read as a date. */
  readonly unreadableTimes: number;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const HAS_ZONE = /(?:Z|[+-]\d{2}:?\d{2})$/i;
const DAY_MS = 86_400_000;

/**
 * An ISO date or date-time as milliseconds since the epoch, NaN when unreadable. A date is its
 * first instant in UTC; a date-time without an offset is read as UTC, never as the server's zone,
 * so that the same data gives the same answer everywhere.
 */
export function parseInstant(text: string): number {
  if (DATE_ONLY.test(text)) return Date.parse(`${text}T00:00:00Z`);
  if (text.length > 10 && text[10] === 'T' && !HAS_ZONE.test(text)) return Date.parse(`${text}Z`);
  return Date.parse(text);
}

/** The end of a window: a bare date reaches to the last millisecond of that day. */
export function parseWindowEnd(text: string): number {
  return DATE_ONLY.test(text) ? parseInstant(text) + DAY_MS - 1 : parseInstant(text);
}

function interner(): { ids: Map<string, number>; names: string[]; intern: (name: string) => number } {
  const ids = new Map<string, number>();
  const names: string[] = [];
  return {
    ids,
    names,
    intern(name) {
      let id = ids.get(name);
      if (id === undefined) {
        id = names.length;
        if (id > 0xffff) throw new RangeError('more than 65,536 distinct kinds or sectors');
        ids.set(name, id);
        names.push(name);
      }
      return id;
    },
  };
}

/**
 * A graph of the given nodes and edges. Node ids must be unique (a repeated id is a bug upstream
 * and throws). Edges to unknown nodes and self-loops are left out and counted in `skipped`.
 */
export function buildGraph(nodes: readonly NetworkNode[], edges: readonly NetworkEdge[]): NetworkGraph {
  const nodeCount = nodes.length;
  const indexOf = new Map<string, number>();
  const nodeKind = new Uint16Array(nodeCount);
  const nodeSector = new Uint16Array(nodeCount);
  const nodeKinds = interner();
  const sectors = interner();
  sectors.intern('');
  for (let index = 0; index < nodeCount; index += 1) {
    const node = nodes[index] as NetworkNode;
    if (indexOf.has(node.id)) throw new RangeError(`node ${node.id} is given twice`);
    indexOf.set(node.id, index);
    nodeKind[index] = nodeKinds.intern(node.kind);
    nodeSector[index] = node.sector === undefined ? 0 : sectors.intern(node.sector);
  }

  const kept: NetworkEdge[] = [];
  const sourceList = new Int32Array(edges.length);
  const targetList = new Int32Array(edges.length);
  let unknownEndpoint = 0;
  let selfLoop = 0;
  for (const edge of edges) {
    const source = indexOf.get(edge.source);
    const target = indexOf.get(edge.target);
    if (source === undefined || target === undefined) {
      unknownEndpoint += 1;
      continue;
    }
    if (source === target) {
      selfLoop += 1;
      continue;
    }
    sourceList[kept.length] = source;
    targetList[kept.length] = target;
    kept.push(edge);
  }

  const edgeCount = kept.length;
  const edgeSource = sourceList.slice(0, edgeCount);
  const edgeTarget = targetList.slice(0, edgeCount);
  const edgeKind = new Uint16Array(edgeCount);
  const edgeTime = new Float64Array(edgeCount);
  const edgeKinds = interner();
  const offsets = new Int32Array(nodeCount + 1);
  let unreadableTimes = 0;
  for (let edge = 0; edge < edgeCount; edge += 1) {
    const item = kept[edge] as NetworkEdge;
    edgeKind[edge] = edgeKinds.intern(item.kind);
    const time = item.at === undefined ? Number.NaN : parseInstant(item.at);
    if (item.at !== undefined && Number.isNaN(time)) unreadableTimes += 1;
    edgeTime[edge] = time;
    offsets[(edgeSource[edge] as number) + 1] = (offsets[(edgeSource[edge] as number) + 1] as number) + 1;
    offsets[(edgeTarget[edge] as number) + 1] = (offsets[(edgeTarget[edge] as number) + 1] as number) + 1;
  }
  for (let index = 0; index < nodeCount; index += 1)
    offsets[index + 1] = (offsets[index + 1] as number) + (offsets[index] as number);

  // Counting sort: each node's links in the order the edges were given, so every analysis is deterministic.
  const adjacentNode = new Int32Array(edgeCount * 2);
  const adjacentEdge = new Int32Array(edgeCount * 2);
  const cursor = offsets.slice(0, nodeCount);
  for (let edge = 0; edge < edgeCount; edge += 1) {
    const source = edgeSource[edge] as number;
    const target = edgeTarget[edge] as number;
    let position = cursor[source] as number;
    adjacentNode[position] = target;
    adjacentEdge[position] = edge;
    cursor[source] = position + 1;
    position = cursor[target] as number;
    adjacentNode[position] = source;
    adjacentEdge[position] = edge;
    cursor[target] = position + 1;
  }

  return {
    nodes,
    edges: kept,
    indexOf,
    edgeSource,
    edgeTarget,
    edgeTime,
    nodeKind,
    nodeKinds: nodeKinds.names,
    edgeKind,
    edgeKinds: edgeKinds.names,
    nodeSector,
    sectors: sectors.names,
    offsets,
    adjacentNode,
    adjacentEdge,
    skipped: { unknownEndpoint, selfLoop },
    unreadableTimes,
  };
}

/** Which nodes and edges a subgraph keeps; an absent predicate keeps everything. */
export interface SubgraphFilter {
  readonly node?: (node: NetworkNode) => boolean;
  readonly edge?: (edge: NetworkEdge) => boolean;
}

/** The graph of the nodes kept and the kept edges between them. */
export function subgraph(graph: NetworkGraph, filter: SubgraphFilter): NetworkGraph {
  const keepNode = filter.node;
  const keepEdge = filter.edge;
  const nodes = keepNode === undefined ? graph.nodes : graph.nodes.filter((node) => keepNode(node));
  const kept = keepNode === undefined ? undefined : new Set(nodes.map((node) => node.id));
  const edges = graph.edges.filter(
    (edge) =>
      (kept === undefined || (kept.has(edge.source) && kept.has(edge.target))) &&
      (keepEdge === undefined || keepEdge(edge)),
  );
  return buildGraph(nodes, edges);
}

/** The distinct neighbours of node `index` (parallel edges counted once). */
export function distinctDegree(graph: NetworkGraph, index: number, seen: Int32Array, stamp: number): number {
  let count = 0;
  const end = graph.offsets[index + 1] as number;
  for (let position = graph.offsets[index] as number; position < end; position += 1) {
    const other = graph.adjacentNode[position] as number;
    if (seen[other] !== stamp) {
      seen[other] = stamp;
      count += 1;
    }
  }
  return count;
}
