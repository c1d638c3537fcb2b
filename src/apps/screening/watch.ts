/**
 * Continuous screening: every record written (new, or in a new version) is screened against the
 * live notices distributed to its owner, and a notice when it is published is screened against
 * every record already held. Hits raise alerts (see hit-alerts.ts) deduplicated by notice and
 * record: screening again, or a record written again, never raises the same alert twice. Runs in
 * the server's background, one task at a time; `settle` waits for what is queued.
 *
 * An update of a published notice, or its end, is told to the notice's subscribers.
 */
import type { NewAlert, Store } from '../../adapters/store/index.ts';
import type { RecordId } from '../../domain/model/ids.ts';
import type { Organisation } from '../../domain/model/organisation.ts';
import { NOTICE_TYPES } from '../../domain/model/entities/notice.schema.ts';
import type { StoredRecord } from '../../domain/model/record.ts';
import { noticeEntry, reaches, recordQuery, type ScreeningCaller } from '../../domain/notices/index.ts';
import { ScreeningIndex, type ScreeningHit, type ScreeningQuery } from '../../domain/screening/index.ts';
import type { NoticeChange } from '../notices/index.ts';
import { hitAlerts } from './hit-alerts.ts';
import { noticeOfHit, type NoticeIndex, type NoticeOfHit } from './notice-index.ts';

/** The index's lists that are notices (a notice's list is its type). */
const NOTICE_LISTS: ReadonlySet<string> = new Set(NOTICE_TYPES);

/** Records read per page. */
const PAGE = 500;
/** How long after a write screening starts, so that a burst of batches is screened together. */
const SETTLE_MS = 250;

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
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly unsubscribe: () => void;

  private constructor(
    private readonly store: Store,
    private readonly notices: NoticeIndex,
    private readonly report: WatchReport,
    private readonly clock: () => Date,
  ) {
    this.unsubscribe = store.records.onWritten(() => {
      this.schedule();
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
    watch.schedule();
    return watch;
  }

  /** Learns of a notice's change: a publication screens the records held; subscribers hear of updates. */
  noticeChanged(change: NoticeChange, actor: string): void {
    if (change.to === 'published' && change.from !== 'published') {
      this.enqueue(() => this.sweep(change.notice.id));
    } else if (change.from === 'published') {
      this.enqueue(() => this.tellSubscribers(change, actor));
    }
  }

  /** Waits until everything written or queued so far is screened. */
  async settle(): Promise<void> {
    for (;;) {
      const pending = this.timer;
      if (pending !== undefined) {
        clearTimeout(pending);
        this.timer = undefined;
        this.enqueue(() => this.screenUnscreened());
      }
      await this.queue;
      // Done unless a write was announced while the queue drained.
      if (this.timer === undefined) return;
    }
  }

  /** Stops watching, after the task under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe();
    if (this.timer !== undefined) clearTimeout(this.timer);
    await this.queue;
  }

  private schedule(): void {
    if (this.stopped || this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.enqueue(() => this.screenUnscreened());
    }, SETTLE_MS);
    this.timer.unref();
  }

  private enqueue(task: () => Promise<void>): void {
    if (this.stopped) return;
    this.queue = this.queue.then(task).catch((error: unknown) => {
      this.report.failed(error);
    });
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
