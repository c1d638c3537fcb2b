/**
 * The screening index of the live notices in the store: every published notice before its
 * expiry date, loaded at start and loaded again before the first screening after any write
 * (notices are few beside the records, so the index is rebuilt rather than patched; loading it
 * lazily costs a bulk load of records nothing) and when the day changes (notices expire by date).
 */
import type { Store } from '../../adapters/store/index.ts';
import type { RecordId } from '../../domain/model/ids.ts';
import type { StoredRecord } from '../../domain/model/record.ts';
import {
  distributionOf,
  noticeEntry,
  reaches,
  type NoticeDistribution,
  type ScreeningCaller,
} from '../../domain/notices/index.ts';
import {
  DEFAULT_SCREENING_LIMIT,
  ScreeningIndex,
  type ScreeningHit,
  type ScreeningEntry,
  type ScreeningQuery,
  type ScreenOptions,
} from '../../domain/screening/index.ts';

/** Notices read per page. */
const PAGE = 1_000;

/** What a hit's notice is, beyond its screening fields. */
export interface NoticeOfHit {
  readonly id: RecordId;
  readonly owner: string;
  readonly noticeType: string;
  /** Whether the notice concerns a child (a missing child's hit is urgent). */
  readonly child: boolean;
  /** Whom it is screened for. */
  readonly distribution: NoticeDistribution;
}

/** What a notice record is as a hit's notice. */
export function noticeOfHit(record: StoredRecord, list: string): NoticeOfHit {
  return {
    id: record.id,
    owner: record.envelope.ownerOrganisation,
    noticeType: list,
    child: record.properties['child'] === true,
    distribution: distributionOf(record.properties),
  };
}

/** The live notices, indexed for screening. */
export class NoticeIndex {
  private index = new ScreeningIndex();
  private notices = new Map<string, NoticeOfHit>();
  private loadedFor = '';
  private loading: Promise<void> | undefined;
  /** Whether records were written since the last load began. */
  private stale = false;
  private readonly unsubscribe: () => void;
  /** Whether the entries were given rather than loaded (see `ofEntries`). */
  private fixed = false;

  private constructor(
    private readonly store: Store,
    private readonly clock: () => Date,
  ) {
    this.unsubscribe = store.records.onWritten(() => {
      this.stale = true;
    });
  }

  /** Opens the index over a store: the live notices are loaded before it is returned. */
  static async open(store: Store, clock: () => Date = () => new Date()): Promise<NoticeIndex> {
    const notices = new NoticeIndex(store, clock);
    await notices.reload();
    return notices;
  }

  /**
   * An index of the given entries that never reads the store (benchmarks of the routes over a
   * generated list): it follows no writes and does not reload.
   */
  static ofEntries(
    store: Store,
    entries: Iterable<{ readonly entry: ScreeningEntry; readonly notice: NoticeOfHit }>,
  ): NoticeIndex {
    const notices = new NoticeIndex(store, () => new Date());
    notices.unsubscribe();
    notices.fixed = true;
    for (const { entry, notice } of entries) {
      notices.index.add(entry);
      notices.notices.set(entry.id, notice);
    }
    return notices;
  }

  /** How many live notices are indexed. */
  get size(): number {
    return this.index.size;
  }

  /** Reads the live notices again (after the load under way, if any) and swaps the index in. */
  reload(): Promise<void> {
    const previous = this.loading ?? Promise.resolve();
    const next = previous.then(() => this.load());
    this.loading = next.finally(() => {
      if (this.loading === next) this.loading = undefined;
    });
    return next;
  }

  /** Waits for any load under way, and loads again if records were written or the day has changed since. */
  async current(): Promise<void> {
    await this.loading;
    if (this.fixed) return;
    if (this.stale || this.today() !== this.loadedFor) await this.reload();
  }

  /**
   * Screens a query against the live notices, each hit with its notice: only the notices
   * distributed to `caller` (see `domain/notices/distribution.ts`) when it is given.
   */
  async screen(
    query: ScreeningQuery,
    options: ScreenOptions = {},
    caller?: ScreeningCaller,
  ): Promise<{ hit: ScreeningHit; notice: NoticeOfHit }[]> {
    await this.current();
    const limit = options.limit ?? DEFAULT_SCREENING_LIMIT;
    // Notices not distributed to the caller are dropped after ranking: ask for more to keep `limit`.
    const hits = this.index.screen(query, caller === undefined ? options : { ...options, limit: limit * 4 });
    return hits
      .flatMap((hit) => {
        const notice = this.notices.get(hit.entryId);
        if (notice === undefined) return [];
        if (caller !== undefined && !reaches(notice.distribution, notice.owner, caller)) return [];
        return [{ hit, notice }];
      })
      .slice(0, limit);
  }

  /** Stops following the store's writes. */
  close(): void {
    this.unsubscribe();
  }

  private today(): string {
    return this.clock().toISOString().slice(0, 10);
  }

  private async load(): Promise<void> {
    // A write during the load marks the index stale again: the next screening loads once more.
    this.stale = false;
    const today = this.today();
    const index = new ScreeningIndex();
    const notices = new Map<string, NoticeOfHit>();
    let after: RecordId | undefined;
    for (;;) {
      const page = await this.store.records.page({
        types: ['Notice'],
        limit: PAGE,
        ...(after === undefined ? {} : { after }),
      });
      for (const record of page) {
        const entry = noticeEntry(record, today);
        if (entry === undefined) continue;
        index.add(entry);
        notices.set(record.id, noticeOfHit(record, entry.list));
      }
      if (page.length < PAGE) break;
      after = page.at(-1)?.id;
    }
    this.index = index;
    this.notices = notices;
    this.loadedFor = today;
  }
}
