/**
 * Reading records on behalf of someone: every read (one record, a page, an export) goes through
 * the policy engine, removes the fields the reader may not see, and is recorded in the ledger
 * (which records were consulted or disclosed, for what purpose, by whom). A record the reader may
 * not see and a record that does not exist give the same answer.
 */
import { credentialLive, type Credential, type Store } from '../../adapters/store/index.ts';
import type { LedgerEvent } from '../../domain/audit/index.ts';
import type { RecordId } from '../../domain/model/ids.ts';
import type { StoredRecord } from '../../domain/model/record.ts';
import { isOwnersAlone } from '../../domain/notices/index.ts';
import { decide, presentAs, type Decision, type Purpose, type Subject } from '../../domain/policy/index.ts';

/** Who reads, for what, in which request. */
export interface Access {
  readonly subject: Subject;
  readonly purpose: Purpose;
  /** How the ledger names the reader: `key:<id>`, `user:<id>`, `system:<what>`. */
  readonly actor: string;
  readonly requestId: string | null;
  /**
   * The API key or user the request was authenticated as, checked again when the read is recorded:
   * a read recorded after a revocation is refused. Absent for the command line.
   */
  readonly credential?: Credential;
}

/** The credential was revoked (or its user disabled) while the read was under way: nothing is returned. */
export class AccessRevoked extends Error {}

/** A page of records as the reader may see them. */
export interface SharedPage {
  readonly records: readonly StoredRecord[];
  /** The id to continue after, or null at the end. */
  readonly next: RecordId | null;
}

/** The markings a subject may see records under, with what each hides, for one purpose. */
export async function visibleMarkings(store: Store, access: Access): Promise<Map<string, Decision>> {
  const visible = new Map<string, Decision>();
  for (const { id, marking } of await store.records.markingsReaching(
    access.subject.organisationId,
    access.subject.userId,
  )) {
    const decision = decide(access.subject, access.purpose, marking);
    if (decision.visible) visible.set(id, decision);
  }
  return visible;
}

/**
 * One record, or undefined when it does not exist or may not be seen: the same to the reader. It is
 * read behind the database's wall, under the markings the policy engine allows (`visibleMarkings`);
 * the engine then decides on the record itself, as for a page.
 */
export async function readRecord(
  store: Store,
  access: Access,
  id: RecordId,
  markings?: Map<string, Decision>,
): Promise<StoredRecord | undefined> {
  const visible = markings ?? (await visibleMarkings(store, access));
  const stored =
    visible.size === 0 ? undefined : await store.records.readUnder([...visible.keys()], (reader) => reader.get(id));
  const decision = stored === undefined ? undefined : decide(access.subject, access.purpose, stored.envelope);
  const shared = stored === undefined || decision === undefined ? undefined : shareable(access, decision, stored);
  await recordGuarded(store, access, [
    {
      actor: access.actor,
      organisation: access.subject.organisationId,
      action: 'consult',
      requestId: access.requestId,
      purpose: access.purpose,
      objectIds: [id],
      outcome: shared === undefined ? 'denied' : 'ok',
      detail: stored === undefined ? await refusalReason(store, access, id) : (decision?.reason ?? null),
    },
  ]);
  return shared;
}

/**
 * Several records, each as the reader may see it, read behind the database's wall in one go: those
 * the reader may not see, or that do not exist, are left out alike. The records shown are recorded
 * in the ledger as consulted, those refused as denied, for `detail` (what asked for them: a case…).
 */
export async function readRecords(
  store: Store,
  access: Access,
  ids: readonly RecordId[],
  detail: string,
  markings?: Map<string, Decision>,
): Promise<Map<RecordId, StoredRecord>> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return new Map();
  const visible = markings ?? (await visibleMarkings(store, access));
  const stored =
    visible.size === 0
      ? []
      : await store.records.readUnder([...visible.keys()], async (reader) => {
          const found: StoredRecord[] = [];
          for (const id of wanted) {
            const record = await reader.get(id);
            if (record !== undefined) found.push(record);
          }
          return found;
        });
  const shown = new Map<RecordId, StoredRecord>();
  for (const record of stored) {
    const shared = shareable(access, decide(access.subject, access.purpose, record.envelope), record);
    if (shared !== undefined) shown.set(record.id, shared);
  }
  const refused = wanted.filter((id) => !shown.has(id));
  const event = {
    actor: access.actor,
    organisation: access.subject.organisationId,
    action: 'consult' as const,
    requestId: access.requestId,
    purpose: access.purpose,
  };
  await recordGuarded(store, access, [
    { ...event, objectIds: [...shown.keys()], outcome: 'ok', detail: `${shown.size} records for ${detail}` },
    ...(refused.length === 0
      ? []
      : [
          {
            ...event,
            objectIds: refused,
            outcome: 'denied' as const,
            detail: `${refused.length} refused for ${detail}`,
          },
        ]),
  ]);
  return shown;
}

/**
 * Why a record the wall did not return was refused, for the ledger only: absent, or the engine's
 * reason (read from the record's marking, never its content).
 */
async function refusalReason(store: Store, access: Access, id: RecordId): Promise<string | null> {
  const marking = await store.records.markingOf(id);
  return marking === undefined ? 'absent' : decide(access.subject, access.purpose, marking).reason;
}

/**
 * A record as the reader may see it, or undefined: as the policy engine decides, except that a
 * notice not published (a draft, one in review, one cancelled) is its owner's alone.
 */
function shareable(access: Access, decision: Decision, record: StoredRecord): StoredRecord | undefined {
  if (isOwnersAlone(record) && record.envelope.ownerOrganisation !== access.subject.organisationId) return undefined;
  return presentAs(decision, record);
}

/** A page of the records the reader may see, in id order. */
export async function readPage(
  store: Store,
  access: Access,
  query: { readonly types?: readonly string[]; readonly after?: RecordId; readonly limit: number },
  markings?: Map<string, Decision>,
): Promise<SharedPage> {
  const visible = markings ?? (await visibleMarkings(store, access));
  const markingIds = [...visible.keys()];
  const page =
    visible.size === 0
      ? []
      : await store.records.readUnder(markingIds, (reader) => reader.page({ ...query, markingIds }));
  const records = page.flatMap((record) => {
    const shared = shareable(access, decide(access.subject, access.purpose, record.envelope), record);
    return shared === undefined ? [] : [shared];
  });
  await recordReads(store, access, 'consult', records);
  return { records, next: page.length === query.limit ? (page.at(-1)?.id ?? null) : null };
}

/** Every record the reader may see, page by page, each page recorded as disclosed. */
export async function* exportPages(
  store: Store,
  access: Access,
  query: { readonly types?: readonly string[] },
  pageSize = 1_000,
): AsyncGenerator<readonly StoredRecord[]> {
  const visible = await visibleMarkings(store, access);
  const markingIds = [...visible.keys()];
  let after: RecordId | undefined;
  for (;;) {
    const page =
      visible.size === 0
        ? []
        : await store.records.readUnder(markingIds, (reader) =>
            reader.page({ ...query, ...(after === undefined ? {} : { after }), limit: pageSize, markingIds }),
          );
    const records = page.flatMap((record) => {
      const shared = shareable(access, decide(access.subject, access.purpose, record.envelope), record);
      return shared === undefined ? [] : [shared];
    });
    await recordReads(store, access, 'disclose', records);
    if (records.length > 0) yield records;
    if (page.length < pageSize) return;
    after = page.at(-1)?.id;
  }
}

/**
 * Records reads in the ledger, and checks under the ledger's lock that the reader's credential is
 * still good: since revocations are recorded under the same lock, no read is recorded (and so none
 * returned) after a revocation is.
 */
export async function recordGuarded(store: Store, access: Access, events: readonly LedgerEvent[]): Promise<void> {
  const credential = access.credential;
  await store.ledger.appendNow(
    events,
    credential === undefined
      ? undefined
      : async (sql) => {
          if (!(await credentialLive(sql, credential))) throw new AccessRevoked();
        },
  );
}

async function recordReads(
  store: Store,
  access: Access,
  action: 'consult' | 'disclose',
  records: readonly StoredRecord[],
): Promise<void> {
  await recordGuarded(store, access, [
    {
      actor: access.actor,
      organisation: access.subject.organisationId,
      action,
      requestId: access.requestId,
      purpose: access.purpose,
      objectIds: records.map((record) => record.id),
      outcome: 'ok',
      detail: `${records.length} records`,
    },
  ]);
}
