/**
 * The screening index of the live notices and the external lists in the store: every published
 * notice before its expiry date, read again before the first screening after any write (loading
 * lazily costs a bulk load of records nothing) and when the day changes (notices expire by date);
 * and every entry of every imported list, read at start and again for a list when it is imported
 * or removed. Both live in one index, patched in place: a list of a million entries is not read
 * again because a notice changed.
 */
import type { ListVisibility, ScreeningList, Store } from '../../adapters/store/index.ts';
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
/** List entries read per page. */
const LIST_PAGE = 10_000;

/** What a hit's notice (or list entry) is, beyond its screening fields. */
export interface NoticeOfHit {
  /** The notice's record id; for a list's entry, `<list id>/<entry id>`. */
  readonly id: string;
  readonly owner: string;
  /** The notice type; for a list's entry, the list's name. */
  readonly noticeType: string;
  /** Whether the notice concerns a child (a missing child's hit is urgent). */
  readonly child: boolean;
  /** Whom it is screened for. */
  readonly distribution: NoticeDistribution;
  /** For a list's entry: the list, and whether its hits are shown to whoever screens. */
  readonly list?: { readonly id: string; readonly name: string; readonly visibility: ListVisibility };
}

/** Every member screens against every list. */
const TO_ALL: NoticeDistribution = { scope: 'all_members', sectors: [], groups: [] };

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
  private readonly index = new ScreeningIndex();
  private readonly notices = new Map<string, NoticeOfHit>();
  /** The ids of the notices indexed now (list entries are the rest). */
  private noticeIds = new Set<string>();
  /** The entry ids indexed for each list. */
  private readonly listEntries = new Map<string, string[]>();
  /** The lists that set their own threshold, by list id (their entries' list in the index). */
  private readonly listThresholds = new Map<string, number>();
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
    for (const list of await store.lists.all()) await notices.loadList(list);
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

  /** Reads a list's entries again (after an import) and swaps them in for the old ones. */
  async loadList(list: ScreeningList): Promise<void> {
    const entries: ScreeningEntry[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.store.lists.entries(list.id, LIST_PAGE, after);
      entries.push(...page);
      if (page.length < LIST_PAGE) break;
      after = page.at(-1)?.id;
    }
    this.dropList(list.id);
    const ids: string[] = [];
    for (const entry of entries) {
      const id = `${list.id}/${entry.id}`;
      this.index.add({ ...entry, id, list: list.id });
      this.notices.set(id, {
        id,
        owner: list.organisationId,
        noticeType: list.name,
        child: false,
        distribution: TO_ALL,
        list: { id: list.id, name: list.name, visibility: list.visibility },
      });
      ids.push(id);
    }
    this.listEntries.set(list.id, ids);
    if (list.threshold !== null) this.listThresholds.set(list.id, list.threshold);
  }

  /** Takes a removed list's entries out. */
  dropList(listId: string): void {
    for (const id of this.listEntries.get(listId) ?? []) {
      this.index.remove(id);
      this.notices.delete(id);
    }
    this.listEntries.delete(listId);
    this.listThresholds.delete(listId);
  }

  /** How many live notices and list entries are indexed. */
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
    // A list's own threshold applies unless the screening gives one.
    const thresholds =
      options.threshold === undefined && this.listThresholds.size > 0 ? this.listThresholds : undefined;
    const hits = this.index.screen(query, {
      ...options,
      ...(thresholds === undefined ? {} : { thresholds }),
      ...(caller === undefined ? {} : { limit: limit * 4 }),
    });
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
    const live: { entry: ScreeningEntry; notice: NoticeOfHit }[] = [];
    let after: RecordId | undefined;
    for (;;) {
      const page = await this.store.records.page({
        types: ['Notice'],
        limit: PAGE,
        ...(after === undefined ? {} : { after }),
      });
      for (const record of page) {
        const entry = noticeEntry(record, today);
        if (entry !== undefined) live.push({ entry, notice: noticeOfHit(record, entry.list) });
      }
      if (page.length < PAGE) break;
      after = page.at(-1)?.id;
    }
    // Swapped in at once, between two screenings: notices gone are removed, the others (re)added.
    const ids = new Set(live.map(({ entry }) => entry.id));
    for (const id of this.noticeIds) {
      if (ids.has(id)) continue;
      this.index.remove(id);
      this.notices.delete(id);
    }
    for (const { entry, notice } of live) {
      this.index.add(entry);
      this.notices.set(entry.id, notice);
    }
    this.noticeIds = ids;
    this.loadedFor = today;
  }
}
