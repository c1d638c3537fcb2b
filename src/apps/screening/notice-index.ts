/**
 * The screening index of the live notices in the store: every published notice before its
 * expiry date, loaded at start and loaded again before the first screening after any write
 * (notices are few beside the records, so the index is rebuilt rather than patched; loading it
 * lazily costs a bulk load of records nothing) and when the day changes (notices expire by date).
 */
import type { Store } from '../../adapters/store/index.ts';
import type { RecordId } from '../../domain/model/ids.ts';
import { noticeEntry } from '../../domain/notices/index.ts';
import {
  ScreeningIndex,
  type ScreeningHit,
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
    if (this.stale || this.today() !== this.loadedFor) await this.reload();
  }

  /** Screens a query against the live notices, each hit with its notice. */
  async screen(
    query: ScreeningQuery,
    options: ScreenOptions = {},
  ): Promise<{ hit: ScreeningHit; notice: NoticeOfHit }[]> {
    await this.current();
    return this.index.screen(query, options).flatMap((hit) => {
      const notice = this.notices.get(hit.entryId);
      return notice === undefined ? [] : [{ hit, notice }];
    });
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
        notices.set(record.id, {
          id: record.id,
          owner: record.envelope.ownerOrganisation,
          noticeType: entry.list,
          child: record.properties['child'] === true,
        });
      }
      if (page.length < PAGE) break;
      after = page.at(-1)?.id;
    }
    this.index = index;
    this.notices = notices;
    this.loadedFor = today;
  }
}
