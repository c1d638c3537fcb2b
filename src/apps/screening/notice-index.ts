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
import type { PolicyMarking } from '../../domain/policy/index.ts';
import {
  distributionOf,
  noticeEntry,
  reaches,
  type NoticeDistribution,
  type ScreeningCaller,
} from '../../domain/notices/index.ts';
import {
  DEFAULT_SCREENING_LIMIT,
  prepareFields,
  ScreeningIndex,
  type PreparedFields,
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
  /**
   * For a notice: its marking, by which law enforcement is shown the hit (the index follows the
   * notice's writes, so it is the marking of the version indexed). One object per distinct marking.
   */
  readonly marking?: PolicyMarking;
}

/** The markings of notices indexed, one object for each distinct one (a million notices share a few). */
const markings = new Map<string, PolicyMarking>();

function interned(envelope: PolicyMarking): PolicyMarking {
  const marking: PolicyMarking = {
    ownerOrganisation: envelope.ownerOrganisation,
    subjectCategory: envelope.subjectCategory,
    purposes: envelope.purposes,
    tlp: envelope.tlp,
    confidentiality: envelope.confidentiality,
    sharingGroups: envelope.sharingGroups,
    fieldRestrictions: envelope.fieldRestrictions,
    recipients: envelope.recipients,
  };
  const key = JSON.stringify(marking);
  const known = markings.get(key);
  if (known !== undefined) return known;
  markings.set(key, marking);
  return marking;
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
    marking: interned(record.envelope),
  };
}

/**
 * What the index holds: the screening index and, for each entry, its notice (or list entry); the
 * version of each notice indexed, the entries of each list, the lists' own thresholds, and how
 * many slots the screening index has used (a replaced or removed entry leaves its slot behind).
 */
class Contents {
  readonly index = new ScreeningIndex();
  readonly notices = new Map<string, NoticeOfHit>();
  noticeVersions = new Map<string, number>();
  readonly listEntries = new Map<string, string[]>();
  readonly listThresholds = new Map<string, number>();
  slots = 0;

  put(entry: ScreeningEntry, notice: NoticeOfHit): void {
    this.index.add(entry);
    this.notices.set(entry.id, notice);
    this.slots += 1;
  }

  take(id: string): void {
    this.index.remove(id);
    this.notices.delete(id);
  }

  /** Whether the slots left behind outnumber the entries (and a floor): time to build afresh. */
  get wasteful(): boolean {
    const left = this.slots - this.index.size;
    return left > COMPACT_LEAST && left > this.index.size;
  }
}

/** Slots left behind by replaced entries that never make the index build afresh. */
const COMPACT_LEAST = 10_000;

/** The live notices and lists, indexed for screening. */
export class NoticeIndex {
  private contents = new Contents();
  private loadedFor = '';
  /** Every change of the contents, one after another. */
  private work: Promise<unknown> = Promise.resolve();
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

  /** Opens the index over a store: the lists and the live notices are loaded before it is returned. */
  static async open(store: Store, clock: () => Date = () => new Date()): Promise<NoticeIndex> {
    const notices = new NoticeIndex(store, clock);
    await notices.serially(() => notices.fill(notices.contents));
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
    for (const { entry, notice } of entries) notices.contents.put(entry, notice);
    return notices;
  }

  /**
   * Reads a list's entries (after an import) and swaps them in for its old ones, and for those of
   * the list it replaces (an import under the same name makes a new list).
   */
  loadList(list: ScreeningList, replacing?: string): Promise<void> {
    return this.serially(async () => {
      if (replacing !== undefined) dropListFrom(this.contents, replacing);
      await this.readList(this.contents, list);
      await this.compactIfWasteful();
    });
  }

  /** Takes a removed (or replaced) list's entries out. */
  dropList(listId: string): Promise<void> {
    return this.serially(async () => {
      dropListFrom(this.contents, listId);
      await this.compactIfWasteful();
    });
  }

  /** How many live notices and list entries are indexed. */
  get size(): number {
    return this.contents.index.size;
  }

  /** How many slots replaced or removed entries have left behind since the index was built. */
  get leftBehind(): number {
    return this.contents.slots - this.contents.index.size;
  }

  /** Reads the live notices again (after any change under way) and swaps them in. */
  reload(): Promise<void> {
    return this.serially(async () => {
      await this.readNotices(this.contents);
      await this.compactIfWasteful();
    });
  }

  /** Waits for any change under way, and loads again if records were written or the day has changed since. */
  async current(): Promise<void> {
    await this.work;
    if (this.fixed) return;
    if (this.stale || this.today() !== this.loadedFor) await this.reload();
  }

  /**
   * Screens a query against the live notices and lists, each hit with its notice (or list
   * entry): only the notices distributed to `caller` (see `domain/notices/distribution.ts`) when
   * it is given.
   */
  async screen(
    query: ScreeningQuery,
    options: ScreenOptions = {},
    caller?: ScreeningCaller,
  ): Promise<{ hit: ScreeningHit; notice: NoticeOfHit }[]> {
    return this.screenPrepared(prepareFields(query), options, caller);
  }

  /** As `screen`, for a query already prepared (whoever also fingerprints it prepares it once). */
  async screenPrepared(
    query: PreparedFields,
    options: ScreenOptions = {},
    caller?: ScreeningCaller,
  ): Promise<{ hit: ScreeningHit; notice: NoticeOfHit }[]> {
    await this.current();
    const { index, notices, listThresholds } = this.contents;
    const limit = options.limit ?? DEFAULT_SCREENING_LIMIT;
    // A list's own threshold applies unless the screening gives one.
    const thresholds = options.threshold === undefined && listThresholds.size > 0 ? listThresholds : undefined;
    const hits = index.screenPrepared(query, {
      ...options,
      ...(thresholds === undefined ? {} : { thresholds }),
      // Notices not distributed to the caller are dropped after ranking: ask for more to keep `limit`.
      ...(caller === undefined ? {} : { limit: limit * 4 }),
    });
    return hits
      .flatMap((hit) => {
        const notice = notices.get(hit.entryId);
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

  /** Runs `task` after every change before it. */
  private serially(task: () => Promise<void>): Promise<void> {
    const next = this.work.then(task);
    this.work = next.catch(() => undefined);
    return next;
  }

  /** Loads every list and the live notices into `contents`. */
  private async fill(contents: Contents): Promise<void> {
    for (const list of await this.store.lists.all()) await this.readList(contents, list);
    await this.readNotices(contents);
  }

  /** Builds the index afresh from the store when replaced entries have left too many slots behind. */
  private async compactIfWasteful(): Promise<void> {
    if (!this.contents.wasteful) return;
    const fresh = new Contents();
    await this.fill(fresh);
    this.contents = fresh;
  }

  private async readList(contents: Contents, list: ScreeningList): Promise<void> {
    const entries: ScreeningEntry[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await this.store.lists.entries(list.id, LIST_PAGE, after);
      entries.push(...page);
      if (page.length < LIST_PAGE) break;
      after = page.at(-1)?.id;
    }
    dropListFrom(contents, list.id);
    const ids: string[] = [];
    for (const entry of entries) {
      const id = `${list.id}/${entry.id}`;
      contents.put(
        { ...entry, id, list: list.id },
        {
          id,
          owner: list.organisationId,
          noticeType: list.name,
          child: false,
          distribution: TO_ALL,
          list: { id: list.id, name: list.name, visibility: list.visibility },
        },
      );
      ids.push(id);
    }
    contents.listEntries.set(list.id, ids);
    if (list.threshold !== null) contents.listThresholds.set(list.id, list.threshold);
  }

  private async readNotices(contents: Contents): Promise<void> {
    // A write during the load marks the index stale again: the next screening loads once more.
    this.stale = false;
    const today = this.today();
    const live: { entry: ScreeningEntry; notice: NoticeOfHit; version: number }[] = [];
    let after: RecordId | undefined;
    for (;;) {
      const page = await this.store.records.page({
        types: ['Notice'],
        limit: PAGE,
        ...(after === undefined ? {} : { after }),
      });
      for (const record of page) {
        const entry = noticeEntry(record, today);
        if (entry !== undefined) live.push({ entry, notice: noticeOfHit(record, entry.list), version: record.version });
      }
      if (page.length < PAGE) break;
      after = page.at(-1)?.id;
    }
    // Swapped in at once, between two screenings: notices gone are removed, new or changed ones
    // (re)added; a notice unchanged since it was indexed is left as it is.
    const versions = new Map(live.map(({ entry, version }) => [entry.id, version]));
    for (const id of contents.noticeVersions.keys()) if (!versions.has(id)) contents.take(id);
    for (const { entry, notice, version } of live) {
      if (contents.noticeVersions.get(entry.id) !== version) contents.put(entry, notice);
    }
    contents.noticeVersions = versions;
    this.loadedFor = today;
  }
}

/** Takes a list's entries out of `contents`. */
function dropListFrom(contents: Contents, listId: string): void {
  for (const id of contents.listEntries.get(listId) ?? []) contents.take(id);
  contents.listEntries.delete(listId);
  contents.listThresholds.delete(listId);
}
