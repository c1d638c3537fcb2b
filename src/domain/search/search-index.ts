/**
 * The search index: every record's words and identifiers in memory, found by one box.
 *
 * Words are folded to Latin by the name normaliser and interned once in a dictionary; a query word
 * finds the dictionary's words that are the same, the same name spelt otherwise (the variant
 * table), the same consonants when either side came from a script without vowels (Arabic, Hebrew:
 * "محمد" and "Mohammed"), one edit away (a deletion neighbourhood: "Mohamed", "Mokhammed" from
 * Cyrillic), alike in sound, or longer words it begins (typeahead: "moha"). Each kind of match has a
 * quality; a record's score is the share of the query's weight (rarer words weigh more) its words
 * match, by quality, a little more when they make up all of its shortest name. Identifiers are
 * found exactly. Every hit says which word or identifier matched which, how, and in which field.
 *
 * The policy engine is asked before anything is counted: once per distinct marking per query. A
 * record the reader may not see is skipped where its posting is read; a record of which a field
 * is hidden from the reader is matched only on its other fields, and shown without a caption.
 */
import { decide, type PolicyMarking, type Purpose, type Subject } from '../policy/index.ts';
import type { NameToken } from '../resolution/normalise/index.ts';
import { normaliseName } from '../resolution/normalise/index.ts';
import { InternedStrings } from '../interned.ts';
import { float64Column, int32Column, RaggedColumn, uint8Column } from '../typed-column.ts';
import type { SearchEntry, SearchIdentifierKind } from './search-entry.ts';
import type { SearchQuery } from './search-query.ts';

/** How a query word matched a record's word, and what each kind of match is worth. */
export const WORD_MATCHES = {
  exact: 1,
  variant: 0.95,
  transliteration: 0.9,
  spelling: 0.8,
  phonetic: 0.75,
  prefix: 0.7,
} as const;
export type WordMatch = keyof typeof WORD_MATCHES;

/** What a record's identifier match is worth beside its words' when a query has both. */
export const IDENTIFIER_SHARE = 0.7;
/** Most dictionary words a query's prefix stands for (the most frequent are kept). */
export const PREFIX_EXPANSIONS = 2_000;
/** Shortest query word read as a prefix, and as one edit away. */
const SHORTEST_PREFIX = 2;
const SHORTEST_FUZZY = 4;
/** Words of a record beyond these are not indexed (a title is a few words; a pasted text is not a name). */
const MOST_WORDS_PER_TEXT = 12;

/** Why a record was found: a word or an identifier of the query, what it matched, how and where. */
export interface SearchReason {
  readonly kind: 'word' | 'identifier';
  /** A word match's kind, or the identifier's kind. */
  readonly how: WordMatch | SearchIdentifierKind;
  /** The query's word (folded) or identifier (normalised). */
  readonly query: string;
  /** The record's word (folded) or identifier (normalised). */
  readonly matched: string;
  /** The property of the record it matched in. */
  readonly field: string;
}

/** A record found. */
export interface SearchHit {
  readonly id: string;
  readonly kind: string;
  /** Null when a field of the record is hidden from the reader (a caption could give it away). */
  readonly caption: string | null;
  readonly sector: string;
  readonly ownerOrganisation: string;
  readonly tlp: PolicyMarking['tlp'];
  /** In [0, 1]. */
  readonly score: number;
  readonly reasons: readonly SearchReason[];
}

/** What a search is narrowed to; every filter is optional and they all hold together. */
export interface SearchFilters {
  readonly kinds?: readonly string[];
  readonly sectors?: readonly string[];
  readonly countries?: readonly string[];
  /** Epoch milliseconds: the record's time (what it says, else when it was collected) in [from, to]. */
  readonly from?: number;
  readonly to?: number;
  readonly tlp?: readonly NonNullable<PolicyMarking['tlp']>[];
}

/** Who searches, for what, how narrowly, and how many hits they want. */
export interface SearchOptions {
  readonly subject: Subject;
  readonly purpose: Purpose;
  readonly filters?: SearchFilters;
  readonly limit: number;
}

/** The best hits, and how many records the reader may see match in all. */
export interface SearchOutcome {
  readonly hits: readonly SearchHit[];
  readonly total: number;
}

/** Rows of pairs of numbers: (word, property) per record, (country, property) per record. */
class PairRows extends RaggedColumn {
  /** Whether some pair of a row passes `test`. */
  some(row: number, test: (first: number, second: number) => boolean): boolean {
    const end = this.start(row + 1);
    for (let at = this.start(row); at < end; at += 2) if (test(this.value(at), this.value(at + 1))) return true;
    return false;
  }

  /** Calls `visit` with each pair of a row. */
  each(row: number, visit: (first: number, second: number) => void): void {
    const end = this.start(row + 1);
    for (let at = this.start(row); at < end; at += 2) visit(this.value(at), this.value(at + 1));
  }
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** The strings one deletion away from a word. */
function deletions(word: string): string[] {
  const found = new Set<string>();
  for (let at = 0; at < word.length; at++) found.add(word.slice(0, at) + word.slice(at + 1));
  return [...found];
}

/** Whether two words are at most one edit apart: an insertion, deletion, substitution or swap of neighbours. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const restA = endA - start;
  const restB = endB - start;
  if (restA + restB <= 1) return true;
  if (restA === 1 && restB === 1) return true;
  // A swap of two neighbours: "mohammde" and "mohammed".
  return restA === 2 && restB === 2 && a[start] === b[start + 1] && a[start + 1] === b[start];
}

/**
 * The words of every record once, with the lookups a query word expands through: by spelling,
 * variant key, consonant skeleton, sound, deletion neighbourhood and prefix.
 */
class Dictionary {
  readonly words = new InternedStrings();
  readonly parts: NameToken[] = [];
  /** Per word, how many postings it has (its document frequency, with replaced records' still counted). */
  readonly frequency: number[] = [];
  private readonly byKey = new Map<string, number[]>();
  private readonly bySkeleton = new Map<string, number[]>();
  /** The words from scripts without vowels, by skeleton. */
  private readonly abjadBySkeleton = new Map<string, number[]>();
  private readonly bySound = new Map<string, number[]>();
  private readonly byDeletion = new Map<string, number[]>();
  private sorted: number[] | undefined;

  intern(part: NameToken): number {
    const known = this.words.find(part.text);
    if (known !== undefined) return known;
    const number = this.words.number(part.text);
    this.parts.push(part);
    this.frequency.push(0);
    if (part.key !== part.text) push(this.byKey, part.key, number);
    if (part.skeleton.length >= 2) {
      push(this.bySkeleton, part.skeleton, number);
      if (part.script === 'abjad') push(this.abjadBySkeleton, part.skeleton, number);
    }
    const [primary, alternate] = part.phonetic;
    if (primary.length >= 2) push(this.bySound, primary, number);
    if (alternate.length >= 2 && alternate !== primary) push(this.bySound, alternate, number);
    if (part.text.length >= SHORTEST_FUZZY - 1 && !/^\d+$/u.test(part.text)) {
      for (const deleted of deletions(part.text)) push(this.byDeletion, deleted, number);
    }
    this.sorted = undefined;
    return number;
  }

  /** The dictionary's words a query word stands for, each with its best kind of match, best first. */
  expand(query: NameToken): [number, WordMatch][] {
    const found = new Map<number, WordMatch>();
    const offer = (number: number | undefined, match: WordMatch) => {
      if (number === undefined) return;
      const known = found.get(number);
      if (known === undefined || WORD_MATCHES[known] < WORD_MATCHES[match]) found.set(number, match);
    };
    const exact = this.words.find(query.text);
    offer(exact, 'exact');
    const single = query.text.length < SHORTEST_PREFIX || query.initial;
    if (!single) {
      // Words with the same variant key: the word itself may be a key ("muhammad"), or have one.
      const key = this.words.find(query.key);
      if (key !== undefined && this.parts[key]?.key === query.key) offer(key, 'variant');
      for (const number of this.byKey.get(query.key) ?? []) offer(number, 'variant');
      const numeric = /^\d+$/u.test(query.text);
      if (!numeric && query.skeleton.length >= 2) {
        const alike = query.script === 'abjad' ? this.bySkeleton : this.abjadBySkeleton;
        for (const number of alike.get(query.skeleton) ?? []) offer(number, 'transliteration');
      }
      if (!numeric && query.text.length >= SHORTEST_FUZZY) {
        const near = [...(this.byDeletion.get(query.text) ?? [])];
        for (const deleted of deletions(query.text)) {
          const word = this.words.find(deleted);
          if (word !== undefined) near.push(word);
          near.push(...(this.byDeletion.get(deleted) ?? []));
        }
        for (const number of near) {
          const word = this.words.values[number];
          if (word !== undefined && oneEditApart(word, query.text)) offer(number, 'spelling');
        }
      }
      if (!numeric && query.text.length >= 3) {
        for (const sound of new Set(query.phonetic)) {
          if (sound.length < 2) continue;
          for (const number of this.bySound.get(sound) ?? []) offer(number, 'phonetic');
        }
      }
      for (const number of this.prefixed(query.text)) offer(number, 'prefix');
    }
    return [...found].sort((a, b) => WORD_MATCHES[b[1]] - WORD_MATCHES[a[1]]);
  }

  /** The words that begin with `prefix` and are longer, the most frequent if there are too many. */
  private prefixed(prefix: string): number[] {
    const sorted = (this.sorted ??= this.words.values
      .map((_, number) => number)
      .sort((a, b) => compare(this.words.values[a] ?? '', this.words.values[b] ?? '')));
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(this.words.values[sorted[middle] ?? 0] ?? '', prefix) < 0) low = middle + 1;
      else high = middle;
    }
    const found: number[] = [];
    for (let at = low; at < sorted.length; at++) {
      const number = sorted[at] ?? 0;
      const word = this.words.values[number] ?? '';
      if (!word.startsWith(prefix)) break;
      if (word.length > prefix.length) found.push(number);
    }
    if (found.length <= PREFIX_EXPANSIONS) return found;
    return found.sort((a, b) => (this.frequency[b] ?? 0) - (this.frequency[a] ?? 0)).slice(0, PREFIX_EXPANSIONS);
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** What the policy engine decided of a marking for this query: hidden, visible whole, or without some fields. */
const UNKNOWN = 0;
const HIDDEN = 1;
const WHOLE = 2;
const PARTIAL = 3;

/** A query's view of the markings: decided once each, as they are met. */
interface Judged {
  readonly states: Uint8Array;
  /** Per marking with hidden fields, the numbers of the properties hidden. */
  readonly hidden: Map<number, Set<number>>;
}

/** Per-query scratch, reused across queries (searches are synchronous: one at a time). */
class Scratch {
  stamp = new Int32Array(0);
  admitted = new Uint8Array(0);
  score = new Float32Array(0);
  matched = new Uint8Array(0);
  lastWord = new Uint8Array(0);
  identifier = new Int32Array(0);
  epoch = 0;

  ensure(size: number): void {
    if (this.stamp.length >= size) return;
    const capacity = Math.max(size, this.stamp.length * 2, 1024);
    const grow = <A extends Int32Array | Uint8Array | Float32Array>(old: A, make: (n: number) => A): A => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.stamp = grow(this.stamp, (n) => new Int32Array(n));
    this.admitted = grow(this.admitted, (n) => new Uint8Array(n));
    this.score = grow(this.score, (n) => new Float32Array(n));
    this.matched = grow(this.matched, (n) => new Uint8Array(n));
    this.lastWord = grow(this.lastWord, (n) => new Uint8Array(n));
    this.identifier = grow(this.identifier, (n) => new Int32Array(n));
  }
}

/** Slot admission codes within a query: not yet judged, refused, admitted. */
const NOT_JUDGED = 0;
const REFUSED = 1;
const ADMITTED = 2;

/** An in-memory index of records for the search box. */
export class SearchIndex {
  private readonly dictionary = new Dictionary();
  private readonly properties = new InternedStrings();
  private readonly kinds = new InternedStrings();
  private readonly sectors = new InternedStrings();
  private readonly countries = new InternedStrings();
  private readonly markings: PolicyMarking[] = [];
  private readonly markingNumbers = new Map<string, number>();

  private readonly ids: string[] = [];
  private readonly captions: (string | null)[] = [];
  private readonly slotOf = new Map<string, number>();
  private readonly alive = uint8Column();
  private readonly ownersAlone = uint8Column();
  private readonly kindOf = int32Column();
  private readonly sectorOf = int32Column();
  private readonly markingOf = int32Column();
  /** Word count of the record's shortest text with words (0: none). */
  private readonly shortest = uint8Column();
  private readonly atOf = float64Column();
  private readonly atProperty = int32Column();
  private readonly collectedOf = float64Column();
  private readonly wordRows = new PairRows();
  private readonly countryRows = new PairRows();
  /** Per dictionary word, its postings as (slot, property) pairs, slots ascending. */
  private readonly postings: number[][] = [];
  /** Per identifier (`kind:value`), its postings as (slot, property) pairs. */
  private readonly identifiers = new Map<string, number[]>();
  private live = 0;
  private readonly scratch = new Scratch();
  /** Texts normalised lately: records repeat names ("Lucy Johnson" in five sectors). */
  private readonly normalised = new Map<string, readonly NameToken[]>();

  /** How many records are indexed. */
  get size(): number {
    return this.live;
  }

  /** How many slots replaced or removed records have left behind (their postings are skipped). */
  get leftBehind(): number {
    return this.ids.length - this.live;
  }

  /** How many distinct words the dictionary holds. */
  get words(): number {
    return this.dictionary.words.values.length;
  }

  /** Approximate bytes of the typed columns (postings, maps and strings come on top). */
  get columnBytes(): number {
    return (
      this.alive.bytes +
      this.ownersAlone.bytes +
      this.kindOf.bytes +
      this.sectorOf.bytes +
      this.markingOf.bytes +
      this.shortest.bytes +
      this.atOf.bytes +
      this.atProperty.bytes +
      this.collectedOf.bytes +
      this.wordRows.bytes +
      this.countryRows.bytes
    );
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** Adds a record, replacing any with its id. */
  add(entry: SearchEntry): void {
    this.remove(entry.id);
    const slot = this.ids.length;
    this.ids.push(entry.id);
    this.captions.push(entry.caption);
    this.slotOf.set(entry.id, slot);
    this.alive.push(1);
    this.ownersAlone.push(entry.ownersAlone ? 1 : 0);
    this.kindOf.push(this.kinds.number(entry.kind));
    this.sectorOf.push(this.sectors.number(entry.sector));
    this.markingOf.push(this.markingNumber(entry.marking));
    this.live += 1;

    const words: number[] = [];
    let shortest = 0;
    const seen = new Set<string>();
    for (const { text, property } of entry.texts) {
      const parts = this.partsOf(text).slice(0, MOST_WORDS_PER_TEXT);
      const full = parts.filter((part) => !part.particle && !part.initial).length;
      if (full > 0 && (shortest === 0 || full < shortest)) shortest = full;
      const propertyNumber = this.properties.number(property);
      for (const part of parts) {
        const key = `${part.text}\u0000${property}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const word = this.dictionary.intern(part);
        words.push(word, propertyNumber);
        const list = this.postings[word];
        if (list === undefined) this.postings[word] = [slot, propertyNumber];
        else list.push(slot, propertyNumber);
        this.dictionary.frequency[word] = (this.dictionary.frequency[word] ?? 0) + 1;
      }
    }
    this.wordRows.append(words);
    this.shortest.push(Math.min(255, shortest));
    for (const { kind, value, property } of entry.identifiers) {
      const key = `${kind}:${value}`;
      const pair = [slot, this.properties.number(property)];
      const list = this.identifiers.get(key);
      if (list === undefined) this.identifiers.set(key, pair);
      else if (list[list.length - 2] !== slot || list[list.length - 1] !== pair[1]) list.push(...pair);
    }
    this.countryRows.append(
      entry.countries.flatMap(({ code, property }) => [this.countries.number(code), this.properties.number(property)]),
    );
    const at = entry.at === null ? Number.NaN : Date.parse(entry.at.value);
    this.atOf.push(at);
    this.atProperty.push(entry.at === null || Number.isNaN(at) ? -1 : this.properties.number(entry.at.property));
    this.collectedOf.push(Date.parse(entry.collectedAt));
  }

  /** Removes a record; false when there was none with this id. Its postings are skipped from then on. */
  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.slotOf.delete(id);
    this.alive.set(slot, 0);
    // Nothing of a removed record is kept readable: its caption goes now, its postings are dead slots.
    this.captions[slot] = null;
    this.live -= 1;
    return true;
  }

  /** The records a reader may see that match a query, best first, and how many there are. */
  search(query: SearchQuery, options: SearchOptions): SearchOutcome {
    const words = query.words;
    if (words.length === 0 && query.identifiers.length === 0) return { hits: [], total: 0 };
    const scratch = this.scratch;
    scratch.ensure(this.ids.length);
    scratch.epoch += 1;
    if (scratch.epoch === 0x7fffffff) {
      scratch.stamp.fill(0);
      scratch.epoch = 1;
    }
    const epoch = scratch.epoch;
    const judged: Judged = { states: new Uint8Array(this.markings.length), hidden: new Map() };
    const admit = this.admission(options, judged);
    const touched: number[] = [];
    const touch = (slot: number): boolean => {
      if (scratch.stamp[slot] !== epoch) {
        scratch.stamp[slot] = epoch;
        scratch.admitted[slot] = NOT_JUDGED;
        scratch.score[slot] = 0;
        scratch.matched[slot] = 0;
        scratch.lastWord[slot] = 0;
        scratch.identifier[slot] = -1;
      }
      if (scratch.admitted[slot] === NOT_JUDGED) {
        const admitted = admit(slot);
        scratch.admitted[slot] = admitted ? ADMITTED : REFUSED;
        if (admitted) touched.push(slot);
      }
      return scratch.admitted[slot] === ADMITTED;
    };
    const hiddenAt = (slot: number, property: number): boolean =>
      judged.hidden.get(this.markingOf.at(slot))?.has(property) === true;

    // Identifiers: exact, on fields the reader may see.
    query.identifiers.forEach((identifier, number) => {
      const list = this.identifiers.get(`${identifier.kind}:${identifier.value}`) ?? [];
      for (let at = 0; at < list.length; at += 2) {
        const slot = list[at] ?? 0;
        const property = list[at + 1] ?? 0;
        if (!touch(slot) || hiddenAt(slot, property)) continue;
        if (scratch.identifier[slot] === -1) scratch.identifier[slot] = number * 65_536 + property;
      }
    });

    // Words: each query word through its expansions, best kind of match first, counted once per record.
    const expansions = words.map((word) => this.dictionary.expand(word));
    const weights = expansions.map((expanded) => {
      let postings = 0;
      for (const [word] of expanded) postings += this.dictionary.frequency[word] ?? 0;
      return Math.log(1 + Math.max(1, this.live) / Math.max(1, Math.min(postings, this.live)));
    });
    const totalWeight = weights.reduce((sum, weight) => sum + weight, 0);
    expansions.forEach((expanded, index) => {
      const weight = weights[index] ?? 0;
      const mark = index + 1;
      for (const [word, match] of expanded) {
        const quality = WORD_MATCHES[match] * weight;
        const list = this.postings[word] ?? [];
        for (let at = 0; at < list.length; at += 2) {
          const slot = list[at] ?? 0;
          if (scratch.stamp[slot] === epoch && scratch.lastWord[slot] === mark) continue;
          if (!touch(slot) || hiddenAt(slot, list[at + 1] ?? 0)) continue;
          scratch.lastWord[slot] = mark;
          scratch.score[slot] = (scratch.score[slot] ?? 0) + quality;
          scratch.matched[slot] = (scratch.matched[slot] ?? 0) + 1;
        }
      }
    });

    // Every word must match (one may be missing from a longer query), or an identifier.
    const required = words.length <= 2 ? words.length : words.length - 1;
    const both = words.length > 0 && query.identifiers.length > 0;
    const best = new TopHits(options.limit);
    let total = 0;
    for (const slot of touched) {
      const matched = scratch.matched[slot] ?? 0;
      const byIdentifier = scratch.identifier[slot] !== -1;
      const byWords = words.length > 0 && matched >= required;
      if (!byIdentifier && !byWords) continue;
      let wordScore = 0;
      if (matched > 0 && totalWeight > 0) {
        const shortest = this.shortest.at(slot);
        const cover = shortest === 0 ? 1 : Math.min(1, matched / shortest);
        wordScore = ((scratch.score[slot] ?? 0) / totalWeight) * (0.85 + 0.15 * cover);
      }
      const score = !both
        ? byIdentifier
          ? 1
          : wordScore
        : (byIdentifier ? IDENTIFIER_SHARE : 0) + (1 - IDENTIFIER_SHARE) * wordScore;
      total += 1;
      best.offer(slot, score, this.timeOf(slot, judged));
    }
    const hits = best
      .sorted((slot) => this.ids[slot] ?? '')
      .map(({ slot, score }) => this.hitAt(slot, score, query, expansions, judged));
    return { hits, total };
  }

  /** The record in a slot as a hit, with its reasons. */
  private hitAt(
    slot: number,
    score: number,
    query: SearchQuery,
    expansions: readonly [number, WordMatch][][],
    judged: Judged,
  ): SearchHit {
    const marking = this.markings[this.markingOf.at(slot)] as PolicyMarking;
    const markingNumber = this.markingOf.at(slot);
    const hidden = judged.hidden.get(markingNumber);
    const reasons: SearchReason[] = [];
    const identifier = this.scratch.identifier[slot] ?? -1;
    if (identifier !== -1) {
      const found = query.identifiers[Math.floor(identifier / 65_536)];
      if (found !== undefined) {
        reasons.push({
          kind: 'identifier',
          how: found.kind,
          query: found.value,
          matched: found.value,
          field: this.properties.values[identifier % 65_536] ?? '',
        });
      }
    }
    expansions.forEach((expanded, index) => {
      const matches = new Map(expanded);
      let bestMatch: { word: number; property: number; match: WordMatch } | undefined;
      this.wordRows.each(slot, (word, property) => {
        if (hidden?.has(property) === true) return;
        const match = matches.get(word);
        if (match === undefined) return;
        if (bestMatch === undefined || WORD_MATCHES[match] > WORD_MATCHES[bestMatch.match])
          bestMatch = { word, property, match };
      });
      const word = query.words[index];
      if (bestMatch !== undefined && word !== undefined) {
        reasons.push({
          kind: 'word',
          how: bestMatch.match,
          query: word.text,
          matched: this.dictionary.words.values[bestMatch.word] ?? '',
          field: this.properties.values[bestMatch.property] ?? '',
        });
      }
    });
    return {
      id: this.ids[slot] ?? '',
      kind: this.kinds.values[this.kindOf.at(slot)] ?? '',
      caption: judged.states[markingNumber] === WHOLE ? (this.captions[slot] ?? null) : null,
      sector: this.sectors.values[this.sectorOf.at(slot)] ?? '',
      ownerOrganisation: marking.ownerOrganisation,
      tlp: marking.tlp,
      score: Math.round(score * 1000) / 1000,
      reasons,
    };
  }

  /** The record's time as the reader may see it: what it says, unless that field is hidden, else when it was collected. */
  private timeOf(slot: number, judged: Judged): number {
    const at = this.atOf.at(slot);
    const property = this.atProperty.at(slot);
    if (property >= 0 && !Number.isNaN(at) && judged.hidden.get(this.markingOf.at(slot))?.has(property) !== true)
      return at;
    return this.collectedOf.at(slot);
  }

  /**
   * Whether a slot may be counted in a query: alive, visible to the reader under the policy engine
   * (asked once per marking), not a notice its owner alone may see, and within the filters, judged
   * only on what the reader may see of it.
   */
  private admission(options: SearchOptions, judged: Judged): (slot: number) => boolean {
    const { subject, purpose } = options;
    const filters = options.filters ?? {};
    const numbersOf = (names: InternedStrings, values: readonly string[] | undefined) =>
      values === undefined ? undefined : new Set(values.flatMap((value) => names.find(value) ?? []));
    const kinds = numbersOf(this.kinds, filters.kinds);
    const sectors = numbersOf(this.sectors, filters.sectors);
    const countries = numbersOf(this.countries, filters.countries);
    const tlp = filters.tlp === undefined ? undefined : new Set<string>(filters.tlp);
    const from = filters.from ?? -Infinity;
    const to = filters.to ?? Infinity;
    const timed = filters.from !== undefined || filters.to !== undefined;
    const stateOf = (number: number): number => {
      let state = judged.states[number] ?? UNKNOWN;
      if (state !== UNKNOWN) return state;
      const marking = this.markings[number] as PolicyMarking;
      const decision = decide(subject, purpose, marking);
      if (!decision.visible) state = HIDDEN;
      else if (decision.hiddenFields.length === 0) state = WHOLE;
      else {
        state = PARTIAL;
        judged.hidden.set(number, new Set(decision.hiddenFields.flatMap((field) => this.properties.find(field) ?? [])));
      }
      judged.states[number] = state;
      return state;
    };
    return (slot) => {
      if (this.alive.at(slot) !== 1) return false;
      if (kinds !== undefined && !kinds.has(this.kindOf.at(slot))) return false;
      if (sectors !== undefined && !sectors.has(this.sectorOf.at(slot))) return false;
      const markingNumber = this.markingOf.at(slot);
      const marking = this.markings[markingNumber] as PolicyMarking;
      if (tlp !== undefined && (marking.tlp === null || !tlp.has(marking.tlp))) return false;
      // The policy engine, before anything of the record counts.
      if (stateOf(markingNumber) === HIDDEN) return false;
      if (this.ownersAlone.at(slot) === 1 && marking.ownerOrganisation !== subject.organisationId) return false;
      const hidden = judged.hidden.get(markingNumber);
      if (countries !== undefined) {
        const named = this.countryRows.some(
          slot,
          (country, property) => countries.has(country) && hidden?.has(property) !== true,
        );
        if (!named) return false;
      }
      if (timed) {
        const time = this.timeOf(slot, judged);
        if (!(time >= from && time <= to)) return false;
      }
      return true;
    };
  }

  private markingNumber(marking: PolicyMarking): number {
    const key = JSON.stringify([
      marking.ownerOrganisation,
      marking.subjectCategory,
      marking.purposes,
      marking.tlp,
      marking.confidentiality,
      marking.sharingGroups,
      marking.fieldRestrictions,
      marking.recipients,
    ]);
    let number = this.markingNumbers.get(key);
    if (number === undefined) {
      number = this.markings.length;
      this.markings.push(marking);
      this.markingNumbers.set(key, number);
    }
    return number;
  }

  /** A text's words, normalised once for every record that repeats it. */
  private partsOf(text: string): readonly NameToken[] {
    let parts = this.normalised.get(text);
    if (parts === undefined) {
      parts = normaliseName(text).parts;
      // A bounded memo: cleared when full (records come in bursts of the same names).
      if (this.normalised.size >= 100_000) this.normalised.clear();
      this.normalised.set(text, parts);
    }
    return parts;
  }
}

/** The best `limit` slots by score, then by time (latest first), then by id. */
class TopHits {
  private readonly kept: { slot: number; score: number; time: number }[] = [];
  constructor(private readonly limit: number) {}

  offer(slot: number, score: number, time: number): void {
    const kept = this.kept;
    if (this.limit <= 0) return;
    if (kept.length === this.limit) {
      const last = kept[kept.length - 1];
      if (last !== undefined && (score < last.score || (score === last.score && time <= last.time))) return;
    }
    let at = kept.length;
    while (at > 0) {
      const before = kept[at - 1];
      if (before === undefined || before.score > score || (before.score === score && before.time >= time)) break;
      at--;
    }
    kept.splice(at, 0, { slot, score, time });
    if (kept.length > this.limit) kept.pop();
  }

  /** The slots kept, best first; equal score and time in id order. */
  sorted(idOf: (slot: number) => string): { slot: number; score: number }[] {
    return [...this.kept].sort((a, b) => b.score - a.score || b.time - a.time || compare(idOf(a.slot), idOf(b.slot)));
  }
}
