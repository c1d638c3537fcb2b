/**
 * The search box over the store: an index of every record, built from the store (at start in the
 * server, at the first search otherwise) and kept current by following the ledger, which records
 * every write and every erasure in commit order (`collect`, `alter`, `erase` with the records'
 * ids). Before each search the entries since the last one read are applied; in the server a write
 * also schedules that soon, and a slow round does it when nobody searches, so that an erased record
 * leaves memory within a minute. Each search is judged by the policy engine (in the index, per
 * marking, before anything counts) and recorded in the ledger as a consultation of the records it
 * returned.
 */
import { credentialLive, type Store } from '../../adapters/store/index.ts';
import type { LedgerEntry } from '../../domain/audit/index.ts';
import type { RecordId } from '../../domain/model/ids.ts';
import type { StoredRecord } from '../../domain/model/record.ts';
import {
  parseSearchQuery,
  SearchIndex,
  searchEntryOf,
  type SearchEntry,
  type SearchFilters,
  type SearchHit,
} from '../../domain/search/index.ts';
import { AccessRevoked, type Access } from '../sharing/index.ts';

/** Records read per page while building. */
const PAGE = 1_000;
/** Ledger entries read per page while catching up. */
const LEDGER_PAGE = 1_000;
/** How long after a write the index catches up when nobody searches, and how often it looks anyway. */
const SETTLE_MS = 250;
const ROUND_MS = 60_000;
/** Slots left behind by replaced or erased records that never make the index build afresh. */
const COMPACT_LEAST = 10_000;

const RECORD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u;

/** A search as a reader asks it. */
export interface SearchRequest {
  readonly text: string;
  readonly filters?: SearchFilters;
  readonly limit: number;
  /** Where a phone written without a country code is read: the reader's organisation's country. */
  readonly country?: string;
}

/** What a search answers. */
export interface SearchAnswer {
  readonly results: readonly SearchHit[];
  /** How many records the reader may see match in all. */
  readonly total: number;
  /** Whether there were more than the results. */
  readonly truncated: boolean;
}

/** Told when following the store fails (the next search tries again). */
export type SearchFailure = (error: unknown) => void;

/** The search index over the store, and searches on it. */
export class SearchService {
  private index = new SearchIndex();
  /** The last ledger entry applied. */
  private seq = 0;
  /** Whether the index has been built from the store. */
  private built = false;
  /** Every change of the index, one after another. */
  private work: Promise<unknown> = Promise.resolve();
  /** A catch-up queued and not yet started, which any caller may share. */
  private queued: Promise<void> | undefined;
  private readonly countries = new Map<string, string | undefined>();
  private readonly stops: (() => void)[] = [];
  private closed = false;

  private constructor(
    private readonly store: Store,
    private readonly fixed: boolean,
    private readonly failed: SearchFailure,
  ) {}

  /**
   * A service over the store. Its index is built by the first search (or at once when it follows
   * the store); with `follow`, it also catches up shortly after each write and every minute, so that
   * nothing erased lingers in memory while nobody searches (the server's). Without, it catches up
   * only when searched (an app built for a test).
   */
  static start(
    store: Store,
    options: { readonly follow?: boolean; readonly failed?: SearchFailure } = {},
  ): SearchService {
    const service = new SearchService(store, false, options.failed ?? (() => undefined));
    if (options.follow === true) {
      service.follow();
      service.current().catch(service.failed);
    }
    return service;
  }

  /** A service over given entries that never reads the store's records (benchmarks): it follows nothing. */
  static ofEntries(store: Store, entries: Iterable<SearchEntry>): SearchService {
    const service = new SearchService(store, true, () => undefined);
    service.built = true;
    for (const entry of entries) service.index.add(entry);
    return service;
  }

  /** How many records are indexed. */
  get size(): number {
    return this.index.size;
  }

  /** The index (benchmarks read its figures). */
  get searchIndex(): SearchIndex {
    return this.index;
  }

  /**
   * The records matching a query that the reader may see for the purpose declared, best first, with
   * why each matched; recorded in the ledger (the ids returned, never the query).
   */
  async search(access: Access, request: SearchRequest): Promise<SearchAnswer> {
    if (!this.fixed) await this.current();
    const query = parseSearchQuery(request.text, request.country);
    const { hits, total } = this.index.search(query, {
      subject: access.subject,
      purpose: access.purpose,
      limit: request.limit,
      ...(request.filters === undefined ? {} : { filters: request.filters }),
    });
    await this.recordConsultation(access, hits, total);
    return { results: hits, total, truncated: total > hits.length };
  }

  /** Applies whatever the ledger has recorded since the last catch-up (after any change under way). */
  current(): Promise<void> {
    if (this.queued === undefined) {
      const run = this.work.then(() => {
        this.queued = undefined;
        return this.catchUp();
      });
      this.queued = run;
      this.work = run.catch(() => undefined);
    }
    return this.queued;
  }

  /** Stops following the store, once any change under way is done. */
  async close(): Promise<void> {
    this.closed = true;
    for (const stop of this.stops.splice(0)) stop();
    await this.work;
  }

  /** Catches up shortly after each write, and every minute for erasures no write announces. */
  private follow(): void {
    let timer: NodeJS.Timeout | undefined;
    const soon = () => {
      if (this.closed || timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        if (!this.closed) this.current().catch(this.failed);
      }, SETTLE_MS);
      timer.unref();
    };
    const unsubscribe = this.store.records.onWritten(soon);
    const round = setInterval(soon, ROUND_MS);
    round.unref();
    this.stops.push(() => {
      unsubscribe();
      clearInterval(round);
      if (timer !== undefined) clearTimeout(timer);
    });
  }

  /** A fresh index of every record, and the ledger entry it is current to (entries after it may be applied again). */
  private async build(): Promise<{ index: SearchIndex; seq: number }> {
    // The head first: a write committed while the pages are read is applied again after, which is harmless.
    const { seq } = await this.store.ledger.head();
    const index = new SearchIndex();
    let after: RecordId | undefined;
    for (;;) {
      const page = await this.store.records.page({ limit: PAGE, ...(after === undefined ? {} : { after }) });
      for (const entry of await this.entriesOf(page)) index.add(entry);
      if (page.length < PAGE) break;
      after = page.at(-1)?.id;
    }
    return { index, seq };
  }

  /** Builds the index at first; then applies the ledger's record writes and erasures since the last entry applied. */
  private async catchUp(): Promise<void> {
    if (this.closed) return;
    if (!this.built) {
      const { index, seq } = await this.build();
      this.index = index;
      this.seq = seq;
      this.built = true;
    }
    for (;;) {
      const entries = await this.store.ledger.read(this.seq, LEDGER_PAGE);
      await this.apply(entries);
      const last = entries.at(-1);
      if (last !== undefined) this.seq = last.seq;
      if (entries.length < LEDGER_PAGE) break;
    }
    if (this.index.leftBehind > Math.max(COMPACT_LEAST, this.index.size)) {
      const { index, seq } = await this.build();
      this.index = index;
      this.seq = seq;
      await this.catchUp();
    }
  }

  private async apply(entries: readonly LedgerEntry[]): Promise<void> {
    const changed = new Set<RecordId>();
    for (const entry of entries) {
      if (entry.outcome !== 'ok') continue;
      if (entry.action !== 'collect' && entry.action !== 'alter' && entry.action !== 'erase') continue;
      for (const id of entry.objectIds) if (RECORD_ID.test(id)) changed.add(id as RecordId);
    }
    const ids = [...changed];
    for (let start = 0; start < ids.length; start += PAGE) {
      const batch = ids.slice(start, start + PAGE);
      const records = await this.store.records.getMany(batch);
      // An id read back as no record was erased (or never a record): nothing of it stays.
      const found = new Set<string>(records.map((record) => record.id));
      for (const id of batch) if (!found.has(id)) this.index.remove(id);
      for (const entry of await this.entriesOf(records)) this.index.add(entry);
    }
  }

  private async entriesOf(records: readonly StoredRecord[]): Promise<SearchEntry[]> {
    for (const owner of new Set(records.map((record) => record.envelope.ownerOrganisation))) {
      if (!this.countries.has(owner)) this.countries.set(owner, (await this.store.organisations.get(owner))?.country);
    }
    return records.map((record) => searchEntryOf(record, this.countries.get(record.envelope.ownerOrganisation)));
  }

  /**
   * Records the search as a consultation of the records returned (ids and counts only: a query
   * may be a name), and checks under the ledger's lock that the reader's credential is still good,
   * as every read does (apps/sharing): nothing is returned after a revocation is recorded.
   */
  private async recordConsultation(access: Access, hits: readonly SearchHit[], total: number): Promise<void> {
    const credential = access.credential;
    await this.store.ledger.appendNow(
      [
        {
          actor: access.actor,
          organisation: access.subject.organisationId,
          action: 'consult',
          requestId: access.requestId,
          purpose: access.purpose,
          objectIds: hits.map((hit) => hit.id),
          outcome: 'ok',
          detail: `search: ${hits.length} of ${total} records`,
        },
      ],
      credential === undefined
        ? undefined
        : async (sql) => {
            if (!(await credentialLive(sql, credential))) throw new AccessRevoked();
          },
    );
  }
}
