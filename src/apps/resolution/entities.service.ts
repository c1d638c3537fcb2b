/**
 * Resolved entities as a reader sees them, and analysts' judgements on them. An entity is shown
 * through the links the reader may see: the records reached from one record along resolution
 * links whose two records are both visible (a link through a hidden record is not followed, so
 * it does not join what the reader sees). Judgements are made only on records the reader may see;
 * each is stored apart, recorded in the ledger as a combination, and regroups the entities at once.
 */
import type { Judgement, Store } from '../../adapters/store/index.ts';
import type { LedgerEvent } from '../../domain/audit/index.ts';
import type { RecordId } from '../../domain/model/ids.ts';
import { VisibilityLens, walkNeighbourhood, type VisibleEdge, type VisibleNode } from '../network/neighbourhood.ts';
import type { Access } from '../sharing/record-access.ts';
import type { Resolver } from './resolver.ts';

/** The most records one entity view walks. */
const ENTITY_LIMIT = 500;
/** The most records one split separates (each from every other member). */
export const MAX_SPLIT = 100;

export interface EntityView {
  readonly recordId: RecordId;
  readonly records: readonly VisibleNode[];
  readonly links: readonly VisibleEdge[];
  readonly judgements: readonly Judgement[];
  readonly truncated: boolean;
}

/** The entity of a record as the reader may see it; undefined when the record is not visible. */
export async function entityView(store: Store, access: Access, recordId: RecordId): Promise<EntityView | undefined> {
  const lens = await VisibilityLens.open(store, access);
  await lens.load([recordId]);
  if (!lens.visible(recordId)) return undefined;
  const walked = await walkNeighbourhood(store, lens, [recordId], {
    hops: 50,
    limit: ENTITY_LIMIT,
    bases: ['resolved'],
  });
  const ids = walked.nodes.map((node) => node.id);
  const inView = new Set<string>(ids);
  const judgements = (await store.resolution.judgementsTouching(ids)).filter(
    (judgement) => inView.has(judgement.recordA) && inView.has(judgement.recordB),
  );
  await store.ledger.appendNow([
    {
      actor: access.actor,
      organisation: access.subject.organisationId,
      action: 'consult',
      requestId: access.requestId,
      purpose: access.purpose,
      objectIds: ids,
      outcome: 'ok',
      detail: 'entity',
    },
  ]);
  return {
    recordId,
    records: walked.nodes,
    links: walked.edges,
    judgements,
    truncated: walked.truncated,
  };
}

/** A judgement as an analyst makes it. */
export interface JudgementRequest {
  readonly recordA: RecordId;
  readonly recordB: RecordId;
  readonly verdict: 'same' | 'different';
  readonly reason: string;
}

const combineEvent = (access: Access, ids: readonly RecordId[], detail: string): LedgerEvent => ({
  actor: access.actor,
  organisation: access.subject.organisationId,
  action: 'combine',
  requestId: access.requestId,
  purpose: access.purpose,
  objectIds: [...ids],
  outcome: 'ok',
  detail,
});

/**
 * Stores an analyst's judgement on two records the reader may both see, and regroups their
 * entities. False (nothing done) when either record is not visible: the same as absent.
 */
export async function judge(
  store: Store,
  resolver: Resolver,
  access: Access,
  request: JudgementRequest,
): Promise<boolean> {
  const lens = await VisibilityLens.open(store, access);
  await lens.load([request.recordA, request.recordB]);
  if (!lens.visible(request.recordA) || !lens.visible(request.recordB) || request.recordA === request.recordB) {
    return false;
  }
  await store.resolution.judge(
    [
      {
        recordA: request.recordA,
        recordB: request.recordB,
        verdict: request.verdict,
        reason: request.reason,
        organisationId: access.subject.organisationId,
        decidedBy: access.actor,
      },
    ],
    combineEvent(access, [request.recordA, request.recordB], `judged_${request.verdict}`),
  );
  await resolver.regroup([request.recordA, request.recordB]);
  return true;
}

/**
 * Splits records off the entity of `recordId`: each is judged different from every other member
 * the reader sees, so no later run joins them again. False when the record is not visible or a
 * record to split off is not a visible member of its entity.
 */
export async function split(
  store: Store,
  resolver: Resolver,
  access: Access,
  recordId: RecordId,
  apart: readonly RecordId[],
  reason: string,
): Promise<boolean> {
  const view = await entityView(store, access, recordId);
  if (view === undefined) return false;
  const members = new Set<string>(view.records.map((record) => record.id));
  if (apart.length === 0 || !apart.every((id) => members.has(id))) return false;
  const leaving = new Set<string>(apart);
  const staying = view.records.map((record) => record.id).filter((id) => !leaving.has(id));
  if (staying.length === 0) return false;
  await store.resolution.judge(
    apart.flatMap((a) =>
      staying.map((b) => ({
        recordA: a,
        recordB: b,
        verdict: 'different' as const,
        reason,
        organisationId: access.subject.organisationId,
        decidedBy: access.actor,
      })),
    ),
    combineEvent(access, [...apart, ...staying], 'split'),
  );
  await resolver.regroup([...apart, ...staying]);
  return true;
}
