/**
 * An in-memory screening index: entries of lists kept compactly (name tokens interned once and
 * referred to by number, every variable-length field in one typed array), found by inverted
 * indices over name tokens (spelling-variant keys, sound-alike codes, consonant skeletons), dates
 * of birth and exact identifiers, then scored in full.
 *
 * A query's candidates are first the entries sharing a pair of its name words (each name is also
 * posted under every pair of its words, by spelling and by sound: short lists even when each word
 * is common), ranked by the pairs' inverse document frequencies and the dates of birth they share.
 * Only when no entry shares a pair are single words looked up: each query token adds its inverse
 * document frequency to the entries it finds (once per token), rarest first, and an entry that
 * cannot reach {@link CANDIDATE_NAME_SHARE} of the query's weight is not scored. A token on more
 * than {@link COMMON_TOKEN_SHARE} of the entries is passed over when the query has a rarer one. The
 * best {@link SCREENING_CANDIDATES} are scored in full, with every entry sharing an identifier.
 */
import type { NameToken } from '../resolution/normalise/index.ts';
import { ScreeningInputError, type ScreeningEntry, type ScreeningQuery } from './entry.ts';
import { prepareFields, type PreparedFields } from './prepare.ts';
import { memoisedTokenSimilarity, scoreEntry, type ScreeningFeature, type SharedIdentifiers } from './score.ts';

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

/** A growable array of 32-bit integers. */
class Int32Column {
  private values = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length] = value;
    this.length += 1;
  }

  at(index: number): number {
    return this.values[index] ?? 0;
  }

  slice(from: number, to: number): Int32Array {
    return this.values.subarray(from, to);
  }

  set(index: number, value: number): void {
    this.values[index] = value;
  }

  /** The bytes held. */
  get bytes(): number {
    return this.values.byteLength;
  }
}

/** Variable-length rows of integers: one column of values, one of row starts. */
class RaggedColumn {
  private readonly values = new Int32Column();
  private readonly starts = new Int32Column();

  constructor() {
    this.starts.push(0);
  }

  /** Appends a row; rows are numbered from 0 in the order they are appended. */
  append(row: readonly number[]): void {
    for (const value of row) this.values.push(value);
    this.starts.push(this.values.length);
  }

  row(index: number): Int32Array {
    return this.values.slice(this.starts.at(index), this.starts.at(index + 1));
  }

  get bytes(): number {
    return this.values.bytes + this.starts.bytes;
  }
}

/** Names are kept as token numbers, names separated by this. */
const NAME_BREAK = -1;

const tokenIdentity = (token: NameToken): string =>
  `${token.text}\u0000${token.key}\u0000${token.skeleton}\u0000${token.script}\u0000${token.initial ? 1 : 0}${token.particle ? 1 : 0}`;

/** An index of entries to screen against. */
export class ScreeningIndex {
  private readonly ids: string[] = [];
  private readonly listOf = new Int32Column();
  private readonly alive = new Int32Column();
  private readonly genders = new Int32Column();
  private readonly names = new RaggedColumn();
  private readonly dates = new RaggedColumn();
  private readonly nationalities = new RaggedColumn();
  private readonly slotOf = new Map<string, number>();
  private readonly lists: string[] = [];
  private readonly listNumber = new Map<string, number>();
  private readonly tokens: NameToken[] = [];
  private readonly tokenNumber = new Map<string, number>();
  private readonly codes: string[] = [];
  private readonly codeNumber = new Map<string, number>();
  /** Inverted indices: name-token keys, dates and years of birth → slots. */
  private readonly postings = new Map<string, number[]>();
  /** Exact identifiers: "d:" document number, "p:" phone, "e:" e-mail → slots. */
  private readonly identifiers = new Map<string, number[]>();
  /** Per slot, the document countries by number (to tell a number from another country). */
  private readonly documentCountries = new Map<number, Map<string, string[]>>();
  private live = 0;
  // Per-query scratch, sized to the slots.
  private accumulated = new Float64Array(0);
  private stamps = new Int32Array(0);
  private stamp = 0;

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
    this.listOf.push(this.intern(this.lists, this.listNumber, entry.list));
    this.alive.push(1);
    this.genders.push(prepared.gender);
    this.live += 1;
    const row: number[] = [];
    for (const name of prepared.names) {
      if (row.length > 0) row.push(NAME_BREAK);
      for (const token of name) row.push(this.internToken(token));
      for (const key of new Set([...name.flatMap(postingKeys), ...pairKeys(name).flat()])) {
        this.post(this.postings, key, slot);
      }
    }
    this.names.append(row);
    this.dates.append(prepared.dates);
    for (const key of new Set(prepared.dates.flatMap(dateKeys))) this.post(this.postings, key, slot);
    this.nationalities.append(prepared.nationalities.map((code) => this.intern(this.codes, this.codeNumber, code)));
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

  /** Approximate bytes held by the typed columns (the postings and strings come on top). */
  get columnBytes(): number {
    return (
      this.listOf.bytes +
      this.alive.bytes +
      this.genders.bytes +
      this.names.bytes +
      this.dates.bytes +
      this.nationalities.bytes
    );
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
    const similarity = memoisedTokenSimilarity();
    for (const slot of candidates) {
      if (this.alive.at(slot) !== 1) continue;
      const list = this.lists[this.listOf.at(slot)] ?? '';
      if (options.lists !== undefined && !options.lists.has(list)) continue;
      const scored = scoreEntry(query, this.entryAt(slot), shared.get(slot), similarity);
      if (scored.score < (options.thresholds?.get(list) ?? threshold)) continue;
      hits.push({ entryId: this.ids[slot] ?? '', list, score: scored.score, features: scored.features });
    }
    hits.sort((a, b) => b.score - a.score || (a.entryId < b.entryId ? -1 : a.entryId > b.entryId ? 1 : 0));
    return hits.slice(0, limit);
  }

  private entryAt(slot: number) {
    const row = this.names.row(slot);
    const names: NameToken[][] = [[]];
    for (const value of row) {
      if (value === NAME_BREAK) names.push([]);
      else names[names.length - 1]?.push(this.tokens[value] as NameToken);
    }
    return {
      names: names.filter((name) => name.length > 0),
      dates: Array.from(this.dates.row(slot)),
      gender: this.genders.at(slot),
      nationalities: Array.from(this.nationalities.row(slot), (code) => this.codes[code] ?? ''),
    };
  }

  /** The slots sharing an identifier with the query, and which. */
  private sharedIdentifiers(query: PreparedFields): Map<number, SharedIdentifiers> {
    const shared = new Map<number, { document: 0 | 1 | 2; phone: boolean; email: boolean }>();
    const of = (slot: number) => {
      let value = shared.get(slot);
      if (value === undefined) shared.set(slot, (value = { document: 0, phone: false, email: false }));
      return value;
    };
    for (const document of query.documents) {
      for (const slot of this.identifiers.get(`d:${document.number}`) ?? []) {
        const countries = this.documentCountries.get(slot)?.get(document.number) ?? [];
        const sameCountry =
          document.country === '' || countries.some((country) => country === '' || country === document.country);
        const value = of(slot);
        value.document = Math.max(value.document, sameCountry ? 2 : 1) as 0 | 1 | 2;
      }
    }
    for (const phone of query.phones)
      for (const slot of this.identifiers.get(`p:${phone}`) ?? []) of(slot).phone = true;
    for (const email of query.emails)
      for (const slot of this.identifiers.get(`e:${email}`) ?? []) of(slot).email = true;
    return shared;
  }

  /** The best-ranked slots by the inverse document frequency of the query tokens they share. */
  private nameCandidates(query: PreparedFields): number[] {
    if (query.names.length === 0) return [];
    const slots = this.ids.length;
    if (this.accumulated.length < slots) {
      this.accumulated = new Float64Array(Math.max(slots, this.accumulated.length * 2));
      this.stamps = new Int32Array(this.accumulated.length);
    }
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
    const touched: number[] = [];
    // Rarest first: once the tokens left weigh less than an entry needs, an entry none of the
    // tokens so far found cannot become a candidate, so the rest (the longer lists) only add
    // weight to the entries already found.
    let left = nameWeight;
    for (const { lists, weight } of looked) {
      this.accumulate(lists, weight, left >= least ? touched : undefined, touched);
      left -= weight;
    }
    // Dates of birth rank the entries the names found (among many namesakes, the one born that day).
    for (const key of new Set(query.dates.flatMap(dateKeys))) {
      const list = this.listAt(key);
      if (list.length > 0) this.accumulate([list], 0.5 * Math.log(1 + this.live / list.length), undefined, touched);
    }
    // An entry sharing less than a share of the query's name weight cannot have a name like it.
    const chosen: number[] = [];
    for (const slot of touched) {
      if ((this.accumulated[slot] ?? 0) >= least && this.alive.at(slot) === 1) chosen.push(slot);
    }
    const best = chosen.length > SCREENING_CANDIDATES ? this.best(chosen, SCREENING_CANDIDATES) : chosen;
    for (const slot of touched) this.accumulated[slot] = 0;
    return best;
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
    const touched: number[] = [];
    for (const { lists, count } of terms) {
      if (count > 0) this.accumulate(lists, Math.log(1 + this.live / count), touched);
    }
    for (const key of new Set(query.dates.flatMap(dateKeys))) {
      const list = this.listAt(key);
      if (list.length > 0) this.accumulate([list], 0.5 * Math.log(1 + this.live / list.length), undefined, touched);
    }
    const alive = touched.filter((slot) => this.alive.at(slot) === 1);
    const best = alive.length > SCREENING_CANDIDATES ? this.best(alive, SCREENING_CANDIDATES) : alive;
    for (const slot of touched) this.accumulated[slot] = 0;
    return best.length === 0 ? undefined : best;
  }

  /**
   * Adds `weight` once to each slot in any of `lists`. New slots are recorded in `touching`; with
   * none given, only slots already touched gain weight: then, when the lists are much longer than
   * the slots already found (`found`), each of those is looked up in the sorted lists instead.
   */
  private accumulate(
    lists: readonly (readonly number[])[],
    weight: number,
    touching: number[] | undefined,
    found?: readonly number[],
  ): void {
    this.stamp += 1;
    const length = lists.reduce((sum, list) => sum + list.length, 0);
    if (touching === undefined && found !== undefined && found.length * 16 < length) {
      for (const slot of found) {
        if (lists.some((list) => sortedHas(list, slot)))
          this.accumulated[slot] = (this.accumulated[slot] ?? 0) + weight;
      }
      return;
    }
    for (const list of lists) {
      for (const slot of list) {
        if (this.stamps[slot] === this.stamp) continue;
        this.stamps[slot] = this.stamp;
        if (this.accumulated[slot] === 0) {
          if (touching === undefined) continue;
          touching.push(slot);
        }
        this.accumulated[slot] = (this.accumulated[slot] ?? 0) + weight;
      }
    }
  }

  /**
   * The `count` slots with the most accumulated weight (ties to the earlier slot), in linear time:
   * the count-th largest weight is found by selection, not by sorting every slot.
   */
  private best(slots: readonly number[], count: number): number[] {
    const values = Float64Array.from(slots, (slot) => this.accumulated[slot] ?? 0);
    const cut = kthLargest(values, count);
    const above: number[] = [];
    const at: number[] = [];
    for (const slot of slots) {
      const value = this.accumulated[slot] ?? 0;
      if (value > cut) above.push(slot);
      else if (value === cut) at.push(slot);
    }
    at.sort((a, b) => a - b);
    return [...above, ...at.slice(0, count - above.length)];
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

/** Whether a list of ascending slots holds a slot (binary search). */
function sortedHas(list: readonly number[], slot: number): boolean {
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = list[middle] ?? 0;
    if (value === slot) return true;
    if (value < slot) low = middle + 1;
    else high = middle - 1;
  }
  return false;
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
