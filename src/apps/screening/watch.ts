/**
 * Continuous screening: every record written (new, or in a new version) is screened against the
 * live notices distributed to its owner, and a notice when it is published is screened against
 * every record already held. Hits raise alerts (see hit-alerts.ts) deduplicated by notice and
 * record: screening again, or a record written again, never raises the same alert twice. Runs in
 * the server's background, one task at a time; `settle` waits for what is queued.
 *
 * An update of a published notice, or its end, is told to the notice's subscribers.
 *
 * Entities as resolution groups them are screened too: what their records say together (a name
 * from a booking, a date of birth from a passenger list) may find a notice no record finds alone.
 * Only such hits are raised (deduplicated by notice and entity), to the same people as a record's
 * hit, and only on notices distributed to every organisation holding the records pooled. A
 * protected victim's record is never pooled. And an organisation subscribed to a record hears when
 * records it may see are linked to it (joined to its entity): never of one it may not see.
 */
import { createHash } from 'node:crypto';
import type { NewAlert, ResolvedEntity, Store } from '../../adapters/store/index.ts';
import type { RecordId } from '../../domain/model/ids.ts';
import type { Organisation } from '../../domain/model/organisation.ts';
import { NOTICE_TYPES } from '../../domain/model/entities/notice.schema.ts';
import type { StoredRecord } from '../../domain/model/record.ts';
import { mergedQuery, noticeEntry, reaches, recordQuery, type ScreeningCaller } from '../../domain/notices/index.ts';
import { organisationMaySee } from '../../domain/policy/index.ts';
import { ScreeningIndex, type ScreeningHit, type ScreeningQuery } from '../../domain/screening/index.ts';
import { BackgroundTasks } from '../background-tasks.ts';
import type { NoticeChange } from '../notices/index.ts';
import type { Regrouped } from '../resolution/resolver.ts';
import { hitAlerts } from './hit-alerts.ts';
import { noticeOfHit, type NoticeIndex, type NoticeOfHit } from './notice-index.ts';

/** The index's lists that are notices (a notice's list is its type). */
const NOTICE_LISTS: ReadonlySet<string> = new Set(NOTICE_TYPES);

/** Records read per page. */
const PAGE = 500;
/** Entities of more records than this are not pooled (resolution keeps people's entities far smaller). */
const MOST_POOLED = 50;

/** What the watch tells the server's log. */
export interface WatchReport {
  screened(records: number, alerts: number): void;
  failed(error: unknown): void;
}

/** The members and their groups, read once per task. */
interface Directory {
  readonly members: readonly Organisation[];
  readonly byId: ReadonlyMap<string, Organisation>;
  callerOf(organisationId: string): Promise<ScreeningCaller | undefined>;
}

/** Continuous screening over a store and its live-notice index. */
export class ScreeningWatch {
  private readonly tasks: BackgroundTasks;
  private readonly unsubscribe: () => void;

  private constructor(
    private readonly store: Store,
    private readonly notices: NoticeIndex,
    private readonly report: WatchReport,
    private readonly clock: () => Date,
  ) {
    this.tasks = new BackgroundTasks(
      () => this.screenUnscreened(),
      (error) => {
        report.failed(error);
      },
    );
    this.unsubscribe = store.records.onWritten(() => {
      this.tasks.announce();
    });
  }

  /** Starts watching: what is unscreened now is screened shortly. */
  static start(
    store: Store,
    notices: NoticeIndex,
    report: WatchReport,
    clock: () => Date = () => new Date(),
  ): ScreeningWatch {
    const watch = new ScreeningWatch(store, notices, report, clock);
    watch.tasks.announce();
    return watch;
  }

  /** Learns of a notice's change: a publication screens the records held; subscribers hear of updates. */
  noticeChanged(change: NoticeChange, actor: string): void {
    if (change.to === 'published' && change.from !== 'published') {
      this.tasks.enqueue(() => this.sweep(change.notice.id));
    } else if (change.from === 'published') {
      this.tasks.enqueue(() => this.tellSubscribers(change, actor));
    }
  }

  /** Learns of entities grouped again: their records are screened together, subscribers told of new links. */
  entitiesRegrouped(regrouped: Regrouped): void {
    if (regrouped.entities.length > 0) this.tasks.enqueue(() => this.screenEntities(regrouped));
  }

  /** Waits until everything written or queued so far is screened. */
  settle(): Promise<void> {
    return this.tasks.settle();
  }

  /** Stops watching, after the task under way. */
  async stop(): Promise<void> {
    this.unsubscribe();
    await this.tasks.stop();
  }

  /** Screens every record not screened in its current version against the live notices. */
  private async screenUnscreened(): Promise<void> {
    const directory = await this.directory();
    let after: RecordId | undefined;
    for (;;) {
      const page = await this.store.notices.unscreened(PAGE, after);
      if (page.length === 0) return;
      after = page.at(-1)?.id;
      const records = await this.store.records.getMany(page.map((row) => row.id));
      const alerts: NewAlert[] = [];
      for (const record of records) {
        const query = recordQuery(record, directory.byId.get(record.envelope.ownerOrganisation)?.country);
        const caller = await directory.callerOf(record.envelope.ownerOrganisation);
        if (query === undefined || caller === undefined) continue;
        // Continuous screening watches for notices; external lists are screened on request.
        for (const { hit, notice } of await this.notices.screen(query, { lists: NOTICE_LISTS }, caller)) {
          alerts.push(...(await this.alertsOf(hit, notice, record, query, directory)));
        }
      }
      const raised = await this.raise(alerts, records);
      await this.store.notices.markScreened(page);
      this.report.screened(records.length, raised);
      if (page.length < PAGE) return;
    }
  }

  /** Screens every record held against one notice, just published. */
  private async sweep(noticeId: RecordId): Promise<void> {
    const record = await this.store.records.get(noticeId);
    const entry = record === undefined ? undefined : noticeEntry(record, this.clock().toISOString().slice(0, 10));
    if (record === undefined || entry === undefined) return;
    const notice = noticeOfHit(record, entry.list);
    const index = new ScreeningIndex();
    index.add(entry);
    const directory = await this.directory();
    let after: RecordId | undefined;
    let screened = 0;
    let raised = 0;
    for (;;) {
      const page = await this.store.records.page({ limit: PAGE, ...(after === undefined ? {} : { after }) });
      const alerts: NewAlert[] = [];
      for (const held of page) {
        const caller = await directory.callerOf(held.envelope.ownerOrganisation);
        if (caller === undefined || !reaches(notice.distribution, notice.owner, caller)) continue;
        const query = recordQuery(held, directory.byId.get(held.envelope.ownerOrganisation)?.country);
        if (query === undefined) continue;
        screened += 1;
        for (const hit of index.screen(query))
          alerts.push(...(await this.alertsOf(hit, notice, held, query, directory)));
      }
      raised += await this.raise(alerts, []);
      if (page.length < PAGE) break;
      after = page.at(-1)?.id;
    }
    this.report.screened(screened, raised);
  }

  /** Screens entities' records together, and tells subscribers of their records of new links. */
  private async screenEntities({ entities, before }: Regrouped): Promise<void> {
    const directory = await this.directory();
    const pooled = entities.filter((entity) => entity.members.length <= MOST_POOLED);
    const ids = pooled.flatMap((entity) => entity.members);
    const records = new Map((await this.store.records.getMany(ids)).map((record) => [record.id as string, record]));
    const subscribed = await this.store.notices.subscribers(ids);
    const alerts: NewAlert[] = [];
    for (const entity of pooled) {
      const held = entity.members.flatMap((id) => records.get(id) ?? []);
      alerts.push(...(await this.entityHits(entity, held, directory)));
      alerts.push(...(await this.linked(entity, held, before, subscribed, directory)));
    }
    this.report.screened(ids.length, await this.raise(alerts, []));
  }

  /** The alerts of the hits an entity's records find together and none finds alone. */
  private async entityHits(
    entity: ResolvedEntity,
    held: readonly StoredRecord[],
    directory: Directory,
  ): Promise<NewAlert[]> {
    const pooled = held.flatMap((record) => {
      if (record.envelope.subjectCategory === 'victim') return [];
      const query = recordQuery(record, directory.byId.get(record.envelope.ownerOrganisation)?.country);
      return query === undefined ? [] : [{ record, query }];
    });
    if (pooled.length < 2) return [];
    const holders = [...new Set(pooled.map(({ record }) => record.envelope.ownerOrganisation))];
    const callers = await Promise.all(holders.map((holder) => directory.callerOf(holder)));
    const query = mergedQuery(pooled.map((each) => each.query));
    const found = await this.notices.screen(query, { lists: NOTICE_LISTS });
    if (found.length === 0) return [];
    const alone = new Set<string>();
    for (const each of pooled) {
      for (const { notice } of await this.notices.screen(each.query, { lists: NOTICE_LISTS })) alone.add(notice.id);
    }
    const alerts: NewAlert[] = [];
    for (const { hit, notice } of found) {
      if (alone.has(notice.id)) continue;
      if (!callers.every((caller) => caller !== undefined && reaches(notice.distribution, notice.owner, caller))) {
        continue;
      }
      const subscribers = (await this.store.notices.subscribers([notice.id])).get(notice.id) ?? [];
      for (const holder of holders) {
        const organisation = directory.byId.get(holder);
        if (organisation === undefined) continue;
        alerts.push(
          ...hitAlerts(
            hit,
            notice,
            {
              organisation,
              reference: `HIT-E${entity.id.slice(0, 8).toUpperCase()}`,
              dedupKey: `entity:${entity.id}`,
              recordId: entity.members[0] ?? null,
              details: {
                screened: query,
                entity: {
                  id: entity.id,
                  records: pooled.map(({ record }) => ({
                    id: record.id,
                    type: record.type,
                    heldBy: record.envelope.ownerOrganisation,
                    sector: record.envelope.sector,
                  })),
                },
              },
            },
            directory.members,
            subscribers,
          ),
        );
      }
    }
    // The owner (and an authority of two holders) is told once.
    return [...new Map(alerts.map((alert) => [`${alert.organisationId}\u0000${alert.dedupKey}`, alert])).values()];
  }

  /**
   * The alerts to organisations subscribed to an entity's records of the records newly joined to
   * it (not in the subscribed record's entity before), naming only those the organisation may see
   * (for some purpose, at the lowest clearance): none is raised for links it may not see.
   */
  private async linked(
    entity: ResolvedEntity,
    held: readonly StoredRecord[],
    before: ReadonlyMap<RecordId, string>,
    subscribed: ReadonlyMap<string, readonly string[]>,
    directory: Directory,
  ): Promise<NewAlert[]> {
    const alerts: NewAlert[] = [];
    for (const record of held) {
      const subscribers = subscribed.get(record.id) ?? [];
      if (subscribers.length === 0) continue;
      const was = before.get(record.id);
      const joined = held.filter(
        (other) => other.id !== record.id && (was === undefined || before.get(other.id) !== was),
      );
      for (const organisationId of subscribers) {
        const organisation = directory.byId.get(organisationId);
        const caller = await directory.callerOf(organisationId);
        if (organisation === undefined || caller === undefined) continue;
        const holder = { organisationId, organisationType: organisation.organisationType, sector: organisation.sector };
        const seen = joined.filter((other) => organisationMaySee({ ...holder, groups: caller.groups }, other.envelope));
        if (seen.length === 0) continue;
        const names = seen.map((other) => other.id).sort();
        alerts.push({
          organisationId,
          kind: 'entity_linked',
          urgency: 'routine',
          dedupKey: `entity_linked:${record.id}:${createHash('sha256').update(names.join(',')).digest('hex').slice(0, 32)}`,
          reference: `LINK-${record.id.slice(0, 8).toUpperCase()}`,
          recordId: record.id,
          raisedBy: record.envelope.ownerOrganisation,
          details: {
            record: record.id,
            entity: entity.id,
            linked: seen.map((other) => ({ id: other.id, type: other.type, heldBy: other.envelope.ownerOrganisation })),
          },
        });
      }
    }
    return alerts;
  }

  private async alertsOf(
    hit: ScreeningHit,
    notice: NoticeOfHit,
    record: StoredRecord,
    query: ScreeningQuery,
    directory: Directory,
  ): Promise<NewAlert[]> {
    const holder = directory.byId.get(record.envelope.ownerOrganisation);
    // A protected victim's record is screened only to find a missing person: it never raises an
    // alert on a wanted or any other notice, whatever its names match.
    const victim = record.envelope.subjectCategory === 'victim';
    if (holder === undefined || (victim && notice.noticeType !== 'missing_person')) return [];
    const subscribers = (await this.store.notices.subscribers([notice.id])).get(notice.id) ?? [];
    return hitAlerts(
      hit,
      notice,
      {
        organisation: holder,
        reference: `HIT-${record.id.slice(0, 8).toUpperCase()}`,
        dedupKey: `record:${record.id}`,
        recordId: record.id,
        details: {
          screened: query,
          record: { id: record.id, type: record.type, heldBy: holder.id, sector: record.envelope.sector },
        },
        victim,
      },
      directory.members,
      subscribers,
    );
  }

  /** Raises alerts; the ledger records the screening of `records` (by id) and each disclosure. */
  private async raise(alerts: readonly NewAlert[], records: readonly StoredRecord[]): Promise<number> {
    if (alerts.length === 0) return 0;
    const raised = await this.store.alerts.raise(alerts, {
      actor: 'system:screening',
      organisation: null,
      action: 'consult',
      requestId: null,
      purpose: 'screening',
      objectIds:
        records.length > 0 ? records.map((record) => record.id) : [...new Set(alerts.map((a) => a.recordId ?? ''))],
      outcome: 'ok',
      detail: 'continuous screening',
    });
    return raised.length;
  }

  /** Tells a notice's subscribers of its update or its end. */
  private async tellSubscribers(change: NoticeChange, actor: string): Promise<void> {
    const subscribers = (await this.store.notices.subscribers([change.notice.id])).get(change.notice.id) ?? [];
    const version = change.notice.version;
    await this.store.alerts.raise(
      subscribers
        .filter((organisationId) => organisationId !== change.notice.envelope.ownerOrganisation)
        .map((organisationId) => ({
          organisationId,
          kind: 'notice_updated' as const,
          urgency: 'routine' as const,
          dedupKey: `notice_updated:${change.notice.id}:${version}`,
          reference: `NOTICE-${change.notice.id.slice(0, 8).toUpperCase()}`,
          recordId: change.notice.id,
          raisedBy: change.notice.envelope.ownerOrganisation,
          details: { notice: change.notice.id, status: change.to, changed: change.changed, by: actor },
        })),
      undefined,
    );
  }

  private async directory(): Promise<Directory> {
    const members = await this.store.organisations.list();
    const byId = new Map(members.map((member) => [member.id, member]));
    const callers = new Map<string, Promise<ScreeningCaller | undefined>>();
    return {
      members,
      byId,
      callerOf: (organisationId) => {
        let caller = callers.get(organisationId);
        if (caller === undefined) {
          const member = byId.get(organisationId);
          caller =
            member === undefined
              ? Promise.resolve(undefined)
              : this.store.groups.listFor(organisationId).then((groups) => ({
                  organisationId,
                  sector: member.sector,
                  groups: groups.map((group) => group.id),
                }));
          callers.set(organisationId, caller);
        }
        return caller;
      },
    };
  }
}
