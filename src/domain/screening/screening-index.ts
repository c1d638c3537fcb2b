/**
 * An in-memory screening index: entries of lists kept compactly (name tokens and names interned
 * once and referred to by number, each entry's fields in one row of one typed array), found by
 * inverted indices over name tokens (spelling-variant keys, sound-alike codes, consonant
 * skeletons), dates of birth and exact identifiers, then scored in full.
 *
 * A query's candidates are first the entries sharing a pair of its name words (each name is also
 * posted under every pair of its words, by spelling and by sound: short lists even when each word
 * is common), ranked by the pairs' inverse document frequencies and the dates of birth they share.
 * Only when no entry shares a pair are single words looked up: each query token adds its inverse
 * document frequency to the entries it finds (once per token), rarest first, and an entry that
 * cannot reach {@link CANDIDATE_NAME_SHARE} of the query's weight is not scored. A token on more
 * than {@link COMMON_TOKEN_SHARE} of the entries is passed over when the query has a rarer one. The
 * best {@link SCREENING_CANDIDATES} are scored in full, with every entry sharing an identifier.
 *
 * The posting lists are ascending, and a query merges them rather than gathering weights in a
 * table over every slot: on a large index, what costs is memory read out of order, not counting.
 */
import type { NameToken } from '../resolution/normalise/index.ts';
import { ScreeningInputError, type ScreeningEntry, type ScreeningQuery } from './entry.ts';
import { prepareFields, type PreparedFields } from './prepare.ts';
import {
  memoisedNameSimilarity,
  memoisedTokenSimilarity,
  scoreEntryReaching,
  type ScoredEntry,
  type ScreeningFeature,
  type SharedIdentifiers,
} from './score.ts';
import { int32Column, RaggedColumn } from '../typed-column.ts';

/** How many entries, best ranked by their shared tokens, are scored in full per query. */
export const SCREENING_CANDIDATES = 100;

/**
 * The least share of the query's looked-up name weight (the inverse document frequencies of its
 * tokens) a candidate must share to be scored: a name that shares less of the query's rarer words
 * is unlike it.
 */
export const CANDIDATE_NAME_SHARE = 0.4;

/** A token on more than this share of the entries is skipped when the query has a rarer one. */
export const COMMON_TOKEN_SHARE = 0.02;

/** The default threshold of a hit and the default number of hits per query. */
export const DEFAULT_SCREENING_THRESHOLD = 0.85;
export const DEFAULT_SCREENING_LIMIT = 5;

/** A hit: an entry at or above the threshold, with its score and why. */
export interface ScreeningHit {
  readonly entryId: string;
  readonly list: string;
  readonly score: number;
  readonly features: readonly ScreeningFeature[];
}

/** How to screen one query. */
export interface ScreenOptions {
  /** Most hits returned (default 5). */
  readonly limit?: number;
  /** Least score of a hit (default {@link DEFAULT_SCREENING_THRESHOLD}). */
  readonly threshold?: number;
  /** Per list, a threshold that replaces `threshold` for its entries. */
  readonly thresholds?: ReadonlyMap<string, number>;
  /** Only entries of these lists (default: every list). */
  readonly lists?: ReadonlySet<string>;
}

const tokenIdentity = (token: NameToken): string =>
  `${token.text}\u0000${token.key}\u0000${token.skeleton}\u0000${token.script}\u0000${token.initial ? 1 : 0}${token.particle ? 1 : 0}`;

/**
 * An entry's row of the records column: the number of its list, its gender, the number of its
 * names and each name's number, the number of its dates and each date, then its nationalities'
 * numbers. Everything a candidate is scored by is in one row, read from one place in memory.
 */
function recordOf(fields: {
  readonly list: number;
  readonly gender: number;
  readonly names: readonly number[];
  readonly dates: readonly number[];
  readonly nationalities: readonly number[];
}): number[] {
  const { list, gender, names, dates, nationalities } = fields;
  return [list, gender, names.length, ...names, dates.length, ...dates, ...nationalities];
}

/** An index of entries to screen against. */
export class ScreeningIndex {
  private readonly ids: string[] = [];
  private readonly alive = int32Column();
  /** Per slot, the entry's fields as {@link recordOf} writes them. */
  private readonly records = new RaggedColumn();
  private readonly slotOf = new Map<string, number>();
  private readonly lists: string[] = [];
  private readonly listNumber = new Map<string, number>();
  private readonly tokens: NameToken[] = [];
  private readonly tokenNumber = new Map<string, number>();
  /** Each distinct name once, as its interned tokens (namesakes share it), by its token numbers. */
  private readonly nameTokens: (readonly NameToken[])[] = [];
  private readonly nameNumber = new Map<string, number>();
  private readonly codes: string[] = [];
  private readonly codeNumber = new Map<string, number>();
  /** Inverted indices: name-token keys, dates and years of birth → slots. */
  private readonly postings = new Map<string, number[]>();
  /** Exact identifiers: "d:" document number, "p:" phone, "e:" e-mail → slots. */
  private readonly identifiers = new Map<string, number[]>();
  /** Per slot, the document countries by number (to tell a number from another country). */
  private readonly documentCountries = new Map<number, Map<string, string[]>>();
  private live = 0;

  /** The number of live entries. */
  get size(): number {
    return this.live;
  }

  /** Whether an entry with this id is in the index. */
  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** Adds an entry, replacing any entry with its id. */
  add(entry: ScreeningEntry): void {
    if (typeof entry.id !== 'string' || entry.id === '') throw new ScreeningInputError('an entry needs an id');
    if (typeof entry.list !== 'string' || entry.list === '') {
      throw new ScreeningInputError(`entry ${entry.id}: "list" must name the list it belongs to`);
    }
    const prepared = prepareFields(entry);
    if (
      prepared.names.length === 0 &&
      prepared.documents.length === 0 &&
      prepared.phones.length === 0 &&
      prepared.emails.length === 0
    ) {
      throw new ScreeningInputError(
        `entry ${entry.id}: it needs a name, a document number, a phone or an e-mail to be found`,
      );
    }
    this.remove(entry.id);
    const slot = this.ids.length;
    this.ids.push(entry.id);
    this.slotOf.set(entry.id, slot);
    this.alive.push(1);
    this.live += 1;
    const names: number[] = [];
    for (const name of prepared.names) {
      names.push(this.internName(name));
      for (const key of new Set([...name.flatMap(postingKeys), ...pairKeys(name).flat()])) {
        this.post(this.postings, key, slot);
      }
    }
    this.records.append(
      recordOf({
        list: this.intern(this.lists, this.listNumber, entry.list),
        gender: prepared.gender,
        names,
        dates: prepared.dates,
        nationalities: prepared.nationalities.map((code) => this.intern(this.codes, this.codeNumber, code)),
      }),
    );
    for (const key of new Set(prepared.dates.flatMap(dateKeys))) this.post(this.postings, key, slot);
    for (const document of prepared.documents) {
      this.post(this.identifiers, `d:${document.number}`, slot);
      let byNumber = this.documentCountries.get(slot);
      if (byNumber === undefined) this.documentCountries.set(slot, (byNumber = new Map<string, string[]>()));
      byNumber.set(document.number, [...(byNumber.get(document.number) ?? []), document.country]);
    }
    for (const phone of prepared.phones) this.post(this.identifiers, `p:${phone}`, slot);
    for (const email of prepared.emails) this.post(this.identifiers, `e:${email}`, slot);
  }

  /** Removes an entry; false when there was none with this id. Its postings are skipped from then on. */
  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.slotOf.delete(id);
    this.alive.set(slot, 0);
    this.documentCountries.delete(slot);
    this.live -= 1;
    return true;
  }

  /** Whether a slot holds a live entry: every slot does until an entry is removed or replaced. */
  private isAlive(slot: number): boolean {
    return this.live === this.ids.length || this.alive.at(slot) === 1;
  }

  /** Approximate bytes held by the typed columns (the postings and strings come on top). */
  get columnBytes(): number {
    return this.alive.bytes + this.records.bytes;
  }

  /** Screens a query: the hits at or above the threshold, best first, at most `limit`. */
  screen(query: ScreeningQuery, options: ScreenOptions = {}): ScreeningHit[] {
    return this.screenPrepared(prepareFields(query), options);
  }

  /** Screens a query whose fields are already prepared. */
  screenPrepared(query: PreparedFields, options: ScreenOptions = {}): ScreeningHit[] {
    if (
      query.names.length === 0 &&
      query.documents.length === 0 &&
      query.phones.length === 0 &&
      query.emails.length === 0
    ) {
      throw new ScreeningInputError('a query needs a name, a document number, a phone or an e-mail');
    }
    const limit = options.limit ?? DEFAULT_SCREENING_LIMIT;
    const threshold = options.threshold ?? DEFAULT_SCREENING_THRESHOLD;
    const shared = this.sharedIdentifiers(query);
    const candidates = new Set<number>([...this.nameCandidates(query), ...shared.keys()]);
    const hits: ScreeningHit[] = [];
    const similarity = memoisedNameSimilarity(memoisedTokenSimilarity());
    for (const slot of candidates) {
      if (!this.isAlive(slot)) continue;
      const entry = this.entryAt(slot);
      const list = this.lists[entry.list] ?? '';
      if (options.lists !== undefined && !options.lists.has(list)) continue;
      const least = options.thresholds?.get(list) ?? threshold;
      const scored = scoreEntryReaching(query, entry, least, shared.get(slot), similarity);
      if (scored === undefined) continue;
      hits.push({ entryId: this.ids[slot] ?? '', list, score: scored.score, features: scored.features });
    }
    hits.sort((a, b) => b.score - a.score || (a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0));
    return hits.slice(0, limit);
  }

  /** The entry in a slot as the scorer reads it, with the number of its list. */
  private entryAt(slot: number): ScoredEntry & { readonly list: number } {
    const records = this.records;
    const end = records.start(slot + 1);
    let at = records.start(slot);
    const list = records.value(at++);
    const gender = records.value(at++);
    const names: (readonly NameToken[])[] = [];
    for (let left = records.value(at++); left > 0; left--) names.push(this.nameTokens[records.value(at++)] ?? []);
    const dates: number[] = [];
    for (let left = records.value(at++); left > 0; left--) dates.push(records.value(at++));
    const nationalities: string[] = [];
    while (at < end) nationalities.push(this.codes[records.value(at++)] ?? '');
    return { list, names, dates, gender, nationalities };
  }

  /** The slots sharing an identifier with the query, and which. */
  private sharedIdentifiers(query: PreparedFields): Map<number, SharedIdentifiers> {
    const shared = new Map<number, MutableShared>();
    for (const document of query.documents) {
      for (const slot of this.identifiers.get(`d:${document.number}`) ?? []) {
        const countries = this.documentCountries.get(slot)?.get(document.number) ?? [];
        const sameCountry =
          document.country === '' || countries.some((country) => country === '' || country === document.country);
        const value = sharedAt(shared, slot);
        value.document = Math.max(value.document, sameCountry ? 2 : 1) as 0 | 1 | 2;
      }
    }
    for (const phone of query.phones)
      for (const slot of this.identifiers.get(`p:${phone}`) ?? []) sharedAt(shared, slot).phone = true;
    for (const email of query.emails)
      for (const slot of this.identifiers.get(`e:${email}`) ?? []) sharedAt(shared, slot).email = true;
    return shared;
  }

  /** The best-ranked slots by the inverse document frequency of the query tokens they share. */
  private nameCandidates(query: PreparedFields): number[] {
    if (query.names.length === 0) return [];
    // First the entries sharing two words of a name with the query (by spelling or by sound):
    // short lists even when each word is common. Only when none does, the entries sharing a word.
    const pairs = this.pairCandidates(query);
    if (pairs !== undefined) return pairs;
    const common = Math.max(50, Math.floor(this.live * COMMON_TOKEN_SHARE));
    // Each name token of the query: its spelling key's list, with its sound's and skeleton's when
    // those are not common (a short sound code is shared by many names). Its frequency is the
    // longest list kept.
    const terms = query.names.flatMap((name) =>
      name.map((token) => {
        const [key, ...alike] = postingKeys(token).map((each) => this.listAt(each));
        const lists = key === undefined ? [] : [key, ...alike.filter((list) => list.length <= common)];
        return { lists, count: lists.reduce((largest, list) => Math.max(largest, list.length), 0) };
      }),
    );
    const rarest = Math.min(...terms.map((term) => term.count).filter((count) => count > 0));
    // A common name token is passed over when a rarer one finds the entries worth scoring.
    const looked = terms
      .filter(({ count }) => count > 0 && (count <= common || count <= rarest))
      .map(({ lists, count }) => ({ lists, weight: Math.log(1 + this.live / count) }))
      .sort((a, b) => b.weight - a.weight);
    // The weight of every name token of the query that is looked up (the most an entry can share).
    const nameWeight = looked.reduce((sum, term) => sum + term.weight, 0);
    const least = nameWeight * CANDIDATE_NAME_SHARE;
    // Rarest first: once the tokens left weigh less than an entry needs, an entry none of the
    // tokens so far found cannot become a candidate, so the rest (the longer lists) only add
    // weight to the entries already found.
    const finding = findingCount(looked, nameWeight, least);
    const found = mergeTerms(looked.slice(0, finding));
    for (const term of looked.slice(finding)) addWhereListed(found, term);
    // Dates of birth rank the entries the names found (among many namesakes, the one born that day).
    this.rankByDates(query.dates, found);
    // An entry sharing less than a share of the query's name weight cannot have a name like it.
    const chosen = this.keptFound(found, (slot, weight) => weight >= least && this.isAlive(slot));
    return chosen.slots.length > SCREENING_CANDIDATES ? best(chosen, SCREENING_CANDIDATES) : chosen.slots;
  }

  /**
   * The candidates sharing a pair of name words with the query, best ranked by the pairs they
   * share and their dates of birth; undefined when the query's names have fewer than two words or
   * no entry shares a pair.
   */
  private pairCandidates(query: PreparedFields): number[] | undefined {
    const terms = query.names.flatMap((name) =>
      pairKeys(name).map((keys) => {
        const lists = keys.map((key) => this.listAt(key));
        return { lists, count: lists.reduce((largest, list) => Math.max(largest, list.length), 0) };
      }),
    );
    if (!terms.some((term) => term.count > 0)) return undefined;
    const found = mergeTerms(
      terms
        .filter(({ count }) => count > 0)
        .map(({ lists, count }) => ({ lists, weight: Math.log(1 + this.live / count) })),
    );
    // Dates of birth only rank: when every entry found is a candidate, they have nothing to rank.
    if (found.slots.length > SCREENING_CANDIDATES) this.rankByDates(query.dates, found);
    const alive = this.live === this.ids.length ? found : this.keptFound(found, (slot) => this.isAlive(slot));
    const chosen = alive.slots.length > SCREENING_CANDIDATES ? best(alive, SCREENING_CANDIDATES) : alive.slots;
    return chosen.length === 0 ? undefined : chosen;
  }

  /** The slots found (with their weights) that pass a test. */
  private keptFound(found: Found, keep: (slot: number, weight: number) => boolean): Found {
    const slots: number[] = [];
    const weights: number[] = [];
    for (let index = 0; index < found.slots.length; index++) {
      const slot = found.slots[index] ?? 0;
      const weight = found.weights[index] ?? 0;
      if (!keep(slot, weight)) continue;
      slots.push(slot);
      weights.push(weight);
    }
    return { slots, weights };
  }

  /**
   * Adds to the weight of each slot found half the inverse document frequency of each date key of
   * the query (a year, a whole date: {@link dateKeys}) its posting list holds the slot under.
   */
  private rankByDates(dates: readonly number[], found: Found): void {
    for (const key of new Set(dates.flatMap(dateKeys))) {
      const list = this.listAt(key);
      if (list.length > 0)
        addWhereListed(found, { lists: [list], weight: 0.5 * Math.log(1 + this.live / list.length) });
    }
  }

  private listAt(key: string): number[] {
    return this.postings.get(key) ?? [];
  }

  private post(map: Map<string, number[]>, key: string, slot: number): void {
    const list = map.get(key);
    if (list === undefined) map.set(key, [slot]);
    else if (list[list.length - 1] !== slot) list.push(slot);
  }

  private intern(values: string[], numbers: Map<string, number>, value: string): number {
    let number = numbers.get(value);
    if (number === undefined) {
      number = values.length;
      values.push(value);
      numbers.set(value, number);
    }
    return number;
  }

  private internName(name: readonly NameToken[]): number {
    const numbers = name.map((token) => this.internToken(token));
    const identity = numbers.join(' ');
    let number = this.nameNumber.get(identity);
    if (number === undefined) {
      number = this.nameTokens.length;
      this.nameTokens.push(numbers.map((each) => this.tokens[each] as NameToken));
      this.nameNumber.set(identity, number);
    }
    return number;
  }

  private internToken(token: NameToken): number {
    const identity = tokenIdentity(token);
    let number = this.tokenNumber.get(identity);
    if (number === undefined) {
      number = this.tokens.length;
      this.tokens.push(token);
      this.tokenNumber.set(identity, number);
    }
    return number;
  }
}

type MutableShared = { -readonly [K in keyof SharedIdentifiers]: SharedIdentifiers[K] };

/** The identifiers a slot shares with the query so far, added to `shared` at first. */
function sharedAt(shared: Map<number, MutableShared>, slot: number): MutableShared {
  let value = shared.get(slot);
  if (value === undefined) shared.set(slot, (value = { document: 0, phone: false, email: false }));
  return value;
}

/** A term of a search: the lists of slots it finds (each ascending) and the weight it gives each. */
interface Term {
  readonly lists: readonly (readonly number[])[];
  readonly weight: number;
}

/** Slots a search found, ascending, with the weight each gathered (in the same order). */
interface Found {
  readonly slots: number[];
  readonly weights: number[];
}

/**
 * The slots in any list of some terms, ascending, each with the weights of the terms finding it
 * summed in the terms' order (a term counts once however many of its lists hold the slot). The
 * sorted lists are merged: read in order, with no table over every slot to gather weights in.
 */
function mergeTerms(terms: readonly Term[]): Found {
  const lists: (readonly number[])[] = [];
  const termOf: number[] = [];
  terms.forEach((term, number) => {
    for (const list of term.lists) {
      if (list.length === 0) continue;
      lists.push(list);
      termOf.push(number);
    }
  });
  const at = lists.map(() => 0);
  const slots: number[] = [];
  const weights: number[] = [];
  for (;;) {
    let least = Infinity;
    for (let index = 0; index < lists.length; index++) {
      const value = (lists[index] as readonly number[])[at[index] as number];
      if (value !== undefined && value < least) least = value;
    }
    if (least === Infinity) return { slots, weights };
    let weight = 0;
    let counted = -1;
    for (let index = 0; index < lists.length; index++) {
      const position = at[index] as number;
      if ((lists[index] as readonly number[])[position] !== least) continue;
      at[index] = position + 1;
      const term = termOf[index] as number;
      if (term === counted) continue;
      counted = term;
      weight += (terms[term] as Term).weight;
    }
    slots.push(least);
    weights.push(weight);
  }
}

/**
 * How many of some terms, rarest first, find entries: the terms before the weight of the terms
 * left (of `total`) falls below `least`.
 */
function findingCount(terms: readonly Term[], total: number, least: number): number {
  let left = total;
  let count = 0;
  while (count < terms.length && left >= least) {
    left -= terms[count]?.weight ?? 0;
    count += 1;
  }
  return count;
}

/**
 * Adds a term's weight to each slot found that any of its lists holds. Each list is walked along
 * the slots found (both ascending), galloping over the stretches between them: a long list is
 * not read whole for a few slots.
 */
function addWhereListed(found: Found, term: Term): void {
  const listed = new Uint8Array(found.slots.length);
  for (const list of term.lists) {
    let at = 0;
    for (let index = 0; index < found.slots.length && at < list.length; index++) {
      const slot = found.slots[index] as number;
      at = firstAtLeast(list, slot, at);
      if (list[at] === slot) listed[index] = 1;
    }
  }
  for (let index = 0; index < listed.length; index++) {
    if (listed[index] === 1) found.weights[index] = (found.weights[index] ?? 0) + term.weight;
  }
}

/**
 * The first position from `from` of a list of ascending slots whose slot is at least `slot` (the
 * list's length when none is): steps doubling until one passes it, then halving back.
 */
function firstAtLeast(list: readonly number[], slot: number, from: number): number {
  let low = from;
  let high = from;
  for (let step = 1; high < list.length && (list[high] as number) < slot; step *= 2) {
    low = high + 1;
    high += step;
  }
  high = Math.min(high, list.length);
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((list[middle] as number) < slot) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The `count` slots found with the most weight (ties to the earlier slot: the slots found are
 * ascending), in linear time: the count-th largest weight is found by selection, not by sorting.
 */
function best(found: Found, count: number): number[] {
  const cut = kthLargest(Float64Array.from(found.weights), count);
  const above: number[] = [];
  const at: number[] = [];
  for (let index = 0; index < found.slots.length; index++) {
    const value = found.weights[index] ?? 0;
    if (value > cut) above.push(found.slots[index] ?? 0);
    else if (value === cut) at.push(found.slots[index] ?? 0);
  }
  return [...above, ...at.slice(0, count - above.length)];
}

/** The k-th largest of some values (k from 1), by quickselect; the array is reordered. */
export function kthLargest(values: Float64Array, k: number): number {
  let low = 0;
  let high = values.length - 1;
  const target = k - 1;
  while (low < high) {
    const pivot = values[(low + high) >>> 1] ?? 0;
    let i = low;
    let j = high;
    while (i <= j) {
      while ((values[i] ?? 0) > pivot) i += 1;
      while ((values[j] ?? 0) < pivot) j -= 1;
      if (i <= j) {
        const swap = values[i] ?? 0;
        values[i] = values[j] ?? 0;
        values[j] = swap;
        i += 1;
        j -= 1;
      }
    }
    if (target <= j) high = j;
    else if (target >= i) low = i;
    else break;
  }
  return values[target] ?? 0;
}

/** The posting keys of a name token: its variant key, its sound, and its skeleton for vowelless scripts. */
function postingKeys(token: NameToken): string[] {
  if (token.initial || token.particle) return [];
  const keys = [`k:${token.key}`];
  const sound = token.phonetic[0];
  if (sound.length >= 2) keys.push(`s:${sound}`);
  if (token.script === 'abjad' && token.skeleton.length >= 2) keys.push(`c:${token.skeleton}`);
  return keys;
}

/** Most words of one name paired for the index (a name of more words pairs its first ones). */
const PAIRED_WORDS = 6;

/**
 * The pair keys of a name: for each two of its words (particles and initials aside), their
 * spelling keys and, when both have one, their sounds, each in a fixed order.
 */
function pairKeys(name: readonly NameToken[]): string[][] {
  const words = name.filter((token) => !token.initial && !token.particle).slice(0, PAIRED_WORDS);
  const pairs: string[][] = [];
  for (let first = 0; first < words.length; first += 1) {
    for (let second = first + 1; second < words.length; second += 1) {
      const a = words[first] as NameToken;
      const b = words[second] as NameToken;
      if (a.key === b.key) continue;
      const keys = [`K:${a.key < b.key ? `${a.key}|${b.key}` : `${b.key}|${a.key}`}`];
      const [soundA, soundB] = [a.phonetic[0], b.phonetic[0]];
      if (soundA.length >= 2 && soundB.length >= 2) {
        keys.push(`S:${soundA < soundB ? `${soundA}|${soundB}` : `${soundB}|${soundA}`}`);
      }
      pairs.push(keys);
    }
  }
  return pairs;
}

/** The posting keys of a packed date: the whole date when it has a day, and its year. */
function dateKeys(packed: number): string[] {
  const year = Math.floor(packed / 10_000);
  return packed % 100 === 0 ? [`y:${year}`] : [`y:${year}`, `d:${packed}`];
}
