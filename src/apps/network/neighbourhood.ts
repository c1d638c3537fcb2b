/**
 * The network around some records as one reader may see it. Three kinds of link join records:
 * the edges records state (a relationship, a booking's guest), identifiers they share (the same
 * phone, document, account), and resolution's links (the same person). Every link is derived
 * data: it is shown only when every record it rests on is visible to the reader (the stating
 * record and both ends for an edge, both ends for a shared identifier or a resolution link), so a
 * reader never learns of a link through a record they may not see. The records themselves are
 * shown as the policy engine allows: a caption only when no field of the record is hidden.
 */
import type { KeyedIdentifier, Store } from '../../adapters/store/index.ts';
import type { RecordId } from '../../domain/model/ids.ts';
import type { NetworkEdge, NetworkNode } from '../../domain/network/index.ts';
import type { Decision } from '../../domain/policy/index.ts';
import { visibleMarkings, type Access } from '../sharing/record-access.ts';

/** A shared identifier held by more records than this is a hub (a front desk, a call centre): reported, not followed. */
export const HUB_CARRIERS = 25;

/** A record as a node of the reader's network. */
export interface VisibleNode extends NetworkNode {
  readonly id: RecordId;
  readonly ownerOrganisation: string;
  readonly caption: string | null;
  /** The resolved entity the record belongs to (through links the reader may see), if any. */
  readonly entity?: string;
}

/** A link of the reader's network, with why it is there. */
export interface VisibleEdge extends NetworkEdge {
  /** `stated` (a record says so), `identifier` (a shared identifier), `resolved` (resolution). */
  readonly basis: 'stated' | 'identifier' | 'resolved';
  /** The record stating the link, for `stated`. */
  readonly recordId?: RecordId;
  /** The match probability and the features that fired, for `resolved`. */
  readonly probability?: number;
  readonly features?: readonly { feature: string; level: string; weight: number }[];
}

/** A shared identifier not followed because too many records carry it. */
export interface Hub {
  readonly kind: string;
  /** How many records the reader may see carry it. */
  readonly carriers: number;
  /** The reader's records that carry it. */
  readonly records: readonly RecordId[];
}

export interface Neighbourhood {
  readonly nodes: VisibleNode[];
  readonly edges: VisibleEdge[];
  readonly hubs: Hub[];
  /** Whether the node limit stopped the walk before the hops were done. */
  readonly truncated: boolean;
}

export interface WalkOptions {
  readonly hops: number;
  readonly limit: number;
  /** Follow only these link bases (default all). */
  readonly bases?: readonly VisibleEdge['basis'][];
}

interface Head {
  id: RecordId;
  entity_type: string;
  caption: string | null;
  marking_id: string;
  owner_organisation: string;
  sector: string;
  protected_victim: boolean | null;
}

/** What the reader may see of records, by id: their heads, for the visible ones only. */
export class VisibilityLens {
  private readonly heads = new Map<RecordId, Head | null>();

  private constructor(
    private readonly store: Store,
    readonly markings: ReadonlyMap<string, Decision>,
  ) {}

  static async open(store: Store, access: Access): Promise<VisibilityLens> {
    return new VisibilityLens(store, await visibleMarkings(store, access));
  }

  /** Loads what is not known yet of the ids. */
  async load(ids: Iterable<RecordId>): Promise<void> {
    const wanted = [...new Set(ids)].filter((id) => !this.heads.has(id));
    if (wanted.length === 0) return;
    const rows = await this.store.database.query<Head>(
      `SELECT r.id, r.entity_type, r.caption, r.marking_id, r.owner_organisation, m.sector, p.protected_victim
       FROM records r JOIN markings m ON m.id = r.marking_id LEFT JOIN entity_person p ON p.record_id = r.id
       WHERE r.id = ANY($1::uuid[])`,
      [wanted],
    );
    for (const id of wanted) this.heads.set(id, null);
    for (const row of rows) this.heads.set(row.id, this.markings.has(row.marking_id) ? row : null);
  }

  /** Whether the reader may see the record (after `load`). */
  visible(id: RecordId): boolean {
    return (this.heads.get(id) ?? null) !== null;
  }

  /** The record as a node, or undefined when the reader may not see it. */
  node(id: RecordId): VisibleNode | undefined {
    const head = this.heads.get(id) ?? null;
    if (head === null) return undefined;
    const hidden = (this.markings.get(head.marking_id)?.hiddenFields.length ?? 0) > 0;
    return {
      id,
      kind: head.entity_type,
      sector: head.sector,
      ownerOrganisation: head.owner_organisation,
      // A caption is built from fields; when any field is hidden, it may give that field away.
      caption: hidden ? null : head.caption,
      ...(head.caption === null || hidden ? {} : { label: head.caption }),
      ...(head.protected_victim === true ? { protected: true } : {}),
    };
  }
}

const identifierKey = (identifier: KeyedIdentifier) => `${identifier.kind}\u0000${identifier.hash}`;

/**
 * Walks the reader's network from the seeds, hop by hop, following every link the reader may see,
 * until `hops` are done or `limit` nodes are reached. Seeds the reader may not see are dropped.
 */
export async function walkNeighbourhood(
  store: Store,
  lens: VisibilityLens,
  seeds: readonly RecordId[],
  options: WalkOptions,
): Promise<Neighbourhood> {
  const bases = new Set(options.bases ?? ['stated', 'identifier', 'resolved']);
  await lens.load(seeds);
  const reached = new Set(seeds.filter((id) => lens.visible(id)));
  const edges = new Map<string, VisibleEdge>();
  const hubs = new Map<string, { kind: string; carriers: number; records: Set<RecordId> }>();
  const different = new Set<string>();
  let frontier = [...reached];
  let truncated = false;

  const addEdge = (key: string, edge: VisibleEdge) => {
    if (!edges.has(key)) edges.set(key, edge);
  };

  for (let hop = 0; hop < options.hops && frontier.length > 0; hop += 1) {
    const next = new Set<RecordId>();
    const candidateEdges: { key: string; edge: VisibleEdge; needs: RecordId[]; whenWhereOf?: RecordId }[] = [];

    if (bases.has('stated')) {
      for (const edge of await store.resolution.edgesTouching(frontier)) {
        candidateEdges.push({
          key: `s\u0000${edge.recordId}\u0000${edge.source}\u0000${edge.target}\u0000${edge.kind}`,
          edge: {
            source: edge.source,
            target: edge.target,
            kind: edge.kind,
            basis: 'stated',
            recordId: edge.recordId,
            ...(edge.at === null ? {} : { at: edge.at }),
            ...(edge.place === null ? {} : { place: edge.place }),
            reason: edge.kind,
          },
          needs: [edge.recordId, edge.source, edge.target],
        });
      }
    }
    if (bases.has('identifier')) {
      const own = await store.resolution.identifiersOf(frontier);
      const wanted = new Map<string, KeyedIdentifier>();
      // Identifiers only: blocking keys (a name with a year of birth) find candidates, they link nothing.
      for (const list of own.values())
        for (const identifier of list)
          if (identifier.kind !== 'block') wanted.set(identifierKey(identifier), identifier);
      const carriers = await store.resolution.carriers([...wanted.values()]);
      const byValue = new Map<string, { kind: string; carriers: number; records: RecordId[] }>();
      for (const row of carriers) {
        const key = `${row.kind}\u0000${row.hash}`;
        const entry = byValue.get(key) ?? { kind: row.kind, carriers: row.carriers, records: [] };
        entry.records.push(row.recordId);
        byValue.set(key, entry);
      }
      // Counts and links are of the records the reader may see: a hidden carrier is not even counted.
      await lens.load(carriers.map((row) => row.recordId));
      for (const [key, value] of byValue) {
        const visible = value.records.filter((id) => lens.visible(id));
        const mine = visible.filter((id) => reached.has(id));
        if (value.carriers > HUB_CARRIERS) {
          const hub = hubs.get(key) ?? { kind: value.kind, carriers: visible.length, records: new Set<RecordId>() };
          for (const id of mine) hub.records.add(id);
          hubs.set(key, hub);
          continue;
        }
        for (const from of mine) {
          for (const to of visible) {
            if (to === from) continue;
            const [a, b] = from < to ? [from, to] : [to, from];
            candidateEdges.push({
              key: `i\u0000${key}\u0000${a}\u0000${b}`,
              edge: {
                source: a,
                target: b,
                kind: `same_${value.kind}`,
                basis: 'identifier',
                reason: `same ${value.kind} (on ${visible.length} records you may see)`,
              },
              needs: [a, b],
              // The link happened when and where the record it reaches did (an advert, a stay).
              whenWhereOf: to,
            });
          }
        }
      }
    }
    if (bases.has('resolved')) {
      for (const judgement of await store.resolution.judgementsTouching(frontier)) {
        const pair = `${judgement.recordA}\u0000${judgement.recordB}`;
        if (judgement.verdict === 'different') {
          different.add(pair);
          continue;
        }
        candidateEdges.push({
          key: `r\u0000${pair}`,
          edge: {
            source: judgement.recordA,
            target: judgement.recordB,
            kind: 'same_entity',
            basis: 'resolved',
            weight: 1,
            probability: 1,
            reason: `judged the same by an analyst of ${judgement.organisationId}`,
          },
          needs: [judgement.recordA, judgement.recordB],
        });
      }
      for (const link of await store.resolution.linksTouching(frontier)) {
        if (different.has(`${link.recordA}\u0000${link.recordB}`)) continue;
        candidateEdges.push({
          key: `r\u0000${link.recordA}\u0000${link.recordB}`,
          edge: {
            source: link.recordA,
            target: link.recordB,
            kind: 'same_entity',
            basis: 'resolved',
            weight: link.probability,
            probability: link.probability,
            features: link.features,
            reason: `resolved as the same (p=${link.probability.toFixed(3)})`,
          },
          needs: [link.recordA, link.recordB],
        });
      }
    }

    await lens.load(candidateEdges.flatMap((candidate) => candidate.needs));
    const times = await store.resolution.whenWhere(
      candidateEdges.flatMap((candidate) => (candidate.whenWhereOf === undefined ? [] : [candidate.whenWhereOf])),
    );
    for (const { key, edge: stated, needs, whenWhereOf } of candidateEdges) {
      if (!needs.every((id) => lens.visible(id))) continue;
      const when = whenWhereOf === undefined ? undefined : times.get(whenWhereOf);
      const edge: VisibleEdge = {
        ...stated,
        ...(when?.at == null ? {} : { at: when.at }),
        ...(when?.place == null ? {} : { place: when.place }),
      };
      const ends = [edge.source as RecordId, edge.target as RecordId];
      const newEnds = ends.filter((id) => !reached.has(id) && !next.has(id));
      if (reached.size + next.size + newEnds.length > options.limit) {
        truncated = true;
        continue;
      }
      for (const id of newEnds) next.add(id);
      addEdge(key, edge);
    }
    for (const id of next) reached.add(id);
    frontier = [...next];
  }

  const nodes = [...reached].flatMap((id) => {
    const node = lens.node(id);
    return node === undefined ? [] : [node];
  });
  return {
    nodes,
    edges: [...edges.values()].filter(
      (edge) => reached.has(edge.source as RecordId) && reached.has(edge.target as RecordId),
    ),
    hubs: [...hubs.values()].map((hub) => ({ kind: hub.kind, carriers: hub.carriers, records: [...hub.records] })),
    truncated,
  };
}

/** The records the reader may see carrying an identifier value (normalised and keyed as the index holds it). */
export async function carriersOf(store: Store, lens: VisibilityLens, identifier: KeyedIdentifier): Promise<RecordId[]> {
  const rows = await store.resolution.carriers([identifier]);
  await lens.load(rows.map((row) => row.recordId));
  return rows.map((row) => row.recordId).filter((id) => lens.visible(id));
}
