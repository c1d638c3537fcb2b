/**
 * Blocking: the union of several rules, each a key (or keys) computed from a record's prepared
 * values; records sharing a key become candidate pairs, each pair emitted once.
 */
import { doubleMetaphone } from 'double-metaphone';
import type { PreparedRecords } from './prepare.ts';
import type { FieldRole } from './roles.ts';

/**
 * A blocking rule: a name, the roles it needs and its key ('' when the record has none), or its
 * keys when a record has several (records sharing any key are paired).
 */
export interface BlockingRule {
  readonly name: string;
  readonly roles: readonly FieldRole[];
  readonly key: (records: PreparedRecords, index: number) => string | readonly string[];
}

function column(records: PreparedRecords, role: FieldRole, index: number): string {
  return records.text.get(role)?.[index] ?? '';
}

function both(first: string, second: string): string {
  return first === '' || second === '' ? '' : `${first}|${second}`;
}

function year(records: PreparedRecords, index: number): string {
  const value = records.dates.year[index] ?? 0;
  return value === 0 ? '' : String(value);
}

function wholeDate(records: PreparedRecords, index: number): string {
  const { year: years, month, day } = records.dates;
  const y = years[index] ?? 0;
  const m = month[index] ?? 0;
  const d = day[index] ?? 0;
  return y === 0 || m === 0 || d === 0 ? '' : `${y}-${m}-${d}`;
}

const phoneticCache = new Map<string, string>();

/** The primary Double Metaphone code of a name's first word ('' for none). */
function phonetic(name: string): string {
  if (name === '') return '';
  let code = phoneticCache.get(name);
  if (code === undefined) {
    code = doubleMetaphone(name.split(' ')[0] ?? '')[0];
    if (phoneticCache.size > 100_000) phoneticCache.clear();
    phoneticCache.set(name, code);
  }
  return code;
}

function firstWord(text: string): string {
  const space = text.indexOf(' ');
  return space === -1 ? text : text.slice(0, space);
}

/** The three ways a whole date keeps two of its parts: year-month, month-day, year-day ('' for none). */
function datePairs(records: PreparedRecords, index: number): readonly string[] {
  const { year: years, month, day } = records.dates;
  const y = years[index] ?? 0;
  const m = month[index] ?? 0;
  const d = day[index] ?? 0;
  if (y === 0 || m === 0 || d === 0) return [];
  return [`${y}-${m}-`, `-${m}-${d}`, `${y}--${d}`];
}

// The name words of every record, computed once per set of prepared records (several rules use them).
const nameWordsCache = new WeakMap<PreparedRecords, readonly (readonly string[])[]>();

/** Every word of a record's name parts (given, middle, surname), once each. */
function nameWords(records: PreparedRecords, index: number): readonly string[] {
  let all = nameWordsCache.get(records);
  if (all === undefined) {
    const columns = (['given_name', 'middle_name', 'surname'] as const).map((role) => records.text.get(role));
    all = Array.from({ length: records.size }, (_, record) => {
      const words = new Set<string>();
      for (const values of columns) {
        const value = values?.[record] ?? '';
        if (value !== '') for (const word of value.split(' ')) words.add(word);
      }
      return [...words];
    });
    nameWordsCache.set(records, all);
  }
  return all[index] ?? [];
}

const given = (records: PreparedRecords, index: number) => column(records, 'given_name', index);
const surname = (records: PreparedRecords, index: number) => column(records, 'surname', index);

function rule(name: string, roles: readonly FieldRole[], key: BlockingRule['key']): BlockingRule {
  return { name, roles, key };
}

/** The default rules; each is used when the data set has all the roles it needs. */
export const DEFAULT_BLOCKING_RULES: readonly BlockingRule[] = [
  rule('national_id', ['national_id'], (records, index) => column(records, 'national_id', index)),
  rule('document_number', ['document_number'], (records, index) => column(records, 'document_number', index)),
  rule('email', ['email'], (records, index) => column(records, 'email', index)),
  rule('e-mail user name', ['email'], (records, index) => {
    const email = column(records, 'email', index);
    const at = email.indexOf('@');
    return at > 0 ? email.slice(0, at) : '';
  }),
  rule('phone (last 7 digits)', ['phone'], (records, index) => {
    const phone = column(records, 'phone', index);
    return phone.length >= 7 ? phone.slice(-7) : '';
  }),
  rule('date of birth + postcode', ['date_of_birth', 'postcode'], (records, index) =>
    both(wholeDate(records, index), column(records, 'postcode', index)),
  ),
  rule('date of birth + given initial', ['date_of_birth', 'given_name'], (records, index) =>
    both(wholeDate(records, index), given(records, index).slice(0, 1)),
  ),
  rule('date of birth + surname initial', ['date_of_birth', 'surname'], (records, index) =>
    both(wholeDate(records, index), surname(records, index).slice(0, 1)),
  ),
  rule('postcode + street number', ['postcode', 'street_number'], (records, index) =>
    both(column(records, 'postcode', index), column(records, 'street_number', index)),
  ),
  rule('address + street number', ['address', 'street_number'], (records, index) =>
    both(column(records, 'address', index), column(records, 'street_number', index)),
  ),
  rule('given name + surname, either order, phonetic', ['given_name', 'surname'], (records, index) => {
    const first = phonetic(given(records, index));
    const second = phonetic(surname(records, index));
    return first < second ? both(first, second) : both(second, first);
  }),
  rule('city + date of birth', ['city', 'date_of_birth'], (records, index) =>
    both(column(records, 'city', index), wholeDate(records, index)),
  ),
  rule('city + street number', ['city', 'street_number'], (records, index) =>
    both(column(records, 'city', index), column(records, 'street_number', index)),
  ),
  rule('first word of address + city', ['address', 'city'], (records, index) =>
    both(firstWord(column(records, 'address', index)), column(records, 'city', index)),
  ),
  rule('first word of address + a name word', ['address', 'given_name', 'surname'], (records, index) => {
    const word = firstWord(column(records, 'address', index));
    return [both(word, given(records, index)), both(word, surname(records, index))];
  }),
  rule('first word of address + street number', ['address', 'street_number'], (records, index) =>
    both(firstWord(column(records, 'address', index)), column(records, 'street_number', index)),
  ),
  rule('date of birth + street number', ['date_of_birth', 'street_number'], (records, index) =>
    both(wholeDate(records, index), column(records, 'street_number', index)),
  ),
  rule('name initials, either order + postcode', ['given_name', 'surname', 'postcode'], (records, index) => {
    const first = given(records, index).slice(0, 1);
    const second = surname(records, index).slice(0, 1);
    const initials = first < second ? both(first, second) : both(second, first);
    return both(initials, column(records, 'postcode', index));
  }),
  rule('surname + given initial', ['surname', 'given_name'], (records, index) =>
    both(surname(records, index), given(records, index).slice(0, 1)),
  ),
  // A date mistyped in one part, and a name known on one record only: records that share a name
  // word and two of the three parts of a date, or just a whole date (a block of a date is small:
  // births spread over tens of thousands of days), are compared.
  rule('date of birth', ['date_of_birth'], (records, index) => wholeDate(records, index)),
  rule('address', ['address'], (records, index) => column(records, 'address', index)),
  rule('a name word + two parts of the date of birth', ['date_of_birth'], (records, index) => {
    const pairs = datePairs(records, index);
    return nameWords(records, index).flatMap((word) => pairs.map((pair) => `${word}|${pair}`));
  }),
  rule('a name word + year of birth', ['date_of_birth'], (records, index) => {
    const birthYear = year(records, index);
    return birthYear === '' ? '' : nameWords(records, index).map((word) => `${word}|${birthYear}`);
  }),
  rule('a name word + city', ['city'], (records, index) => {
    const city = column(records, 'city', index);
    return city === '' ? '' : nameWords(records, index).map((word) => `${word}|${city}`);
  }),
  rule('a name word + postcode', ['postcode'], (records, index) => {
    const postcode = column(records, 'postcode', index);
    return postcode === '' ? '' : nameWords(records, index).map((word) => `${word}|${postcode}`);
  }),
  rule('e-mail domain + a name word', ['email'], (records, index) => {
    const email = column(records, 'email', index);
    const at = email.indexOf('@');
    if (at <= 0) return '';
    const domain = email.slice(at + 1);
    return nameWords(records, index).map((word) => `${word}|${domain}`);
  }),
];

/** The default rules whose roles a data set has (a full name stands for the name parts). */
export function blockingRulesFor(roles: ReadonlySet<FieldRole>): BlockingRule[] {
  const has = (role: FieldRole) =>
    roles.has(role) ||
    (roles.has('full_name') && (role === 'given_name' || role === 'surname' || role === 'middle_name'));
  return DEFAULT_BLOCKING_RULES.filter((candidate) => candidate.roles.every(has));
}

/** Whether pairs are looked for within one input (dedupe) or only across two (link). */
export type LinkMode = 'dedupe' | 'link';

/** What blocking found: the candidate pairs (left < right by index) and what each rule added. */
export interface CandidatePairs {
  readonly count: number;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly rules: readonly { name: string; pairs: number; skippedBlocks: number }[];
  /** For each pair, the rules that found it: bit r for rule r (rules past the 31st share bit 31). */
  readonly ruleMasks: Uint32Array;
}

/** Options of candidate generation. */
export interface BlockingOptions {
  readonly mode: LinkMode;
  /** A block with more records than this is skipped (a key shared so widely identifies nobody). */
  readonly maxBlockSize: number;
  /** Only pairs whose later record is at or after this index (to link records added to earlier ones). */
  readonly from?: number;
}

/** The default largest block. */
export const DEFAULT_MAX_BLOCK_SIZE = 1_000;

/**
 * Blocks up to this size pair every two records; a larger block (a common name in a large
 * population: its pairs grow with the square of the population) pairs each record only with the
 * {@link SORTED_BLOCK_WINDOW} records after it in an order that brings one person's records
 * together: by date of birth, or by name when the rule already keys on the date.
 */
export const SORTED_BLOCK_SIZE = 50;

/** How many neighbours each record of a large block is paired with. */
export const SORTED_BLOCK_WINDOW = 15;

/** The order of a large block: which records it can place, and how it sorts them. */
interface BlockOrder {
  placed(records: PreparedRecords, index: number): boolean;
  sort(records: PreparedRecords, indices: number[]): void;
}

const dateNumber = (records: PreparedRecords, index: number): number =>
  (records.dates.year[index] ?? 0) * 10_000 + (records.dates.month[index] ?? 0) * 100 + (records.dates.day[index] ?? 0);

const BY_DATE: BlockOrder = {
  placed: (records, index) => (records.dates.year[index] ?? 0) !== 0,
  sort: (records, indices) => indices.sort((a, b) => dateNumber(records, a) - dateNumber(records, b) || a - b),
};

const nameKey = (records: PreparedRecords, index: number): string =>
  `${surname(records, index)} ${given(records, index)}`;

const BY_NAME: BlockOrder = {
  placed: (records, index) => surname(records, index) !== '' || given(records, index) !== '',
  sort: (records, indices) => {
    const keys = new Map(indices.map((index) => [index, nameKey(records, index)]));
    indices.sort((a, b) => {
      const left = keys.get(a) ?? '';
      const right = keys.get(b) ?? '';
      return left < right ? -1 : left > right ? 1 : a - b;
    });
  },
};

/** A rule keyed on the date of birth orders its large blocks by name; any other, by date of birth. */
function orderFor(rule: BlockingRule): BlockOrder {
  return rule.roles.includes('date_of_birth') ? BY_NAME : BY_DATE;
}

/**
 * A set of pair keys (non-negative integers below 2^53) by open addressing in a typed array: a
 * JavaScript Set holds at most 2^24 entries, fewer than the candidate pairs of a million records.
 */
class PairSet {
  private slots = new Float64Array(1 << 16);
  private indices = new Int32Array(1 << 16);
  private mask = (1 << 16) - 1;
  private size = 0;

  /** Adds the key with its pair's index; returns -1 when added, or the index it already had. */
  add(key: number, index: number): number {
    if (this.size * 2 >= this.slots.length) this.grow();
    const stored = key + 1;
    let slot = this.slotOf(stored);
    for (;;) {
      const value = this.slots[slot] as number;
      if (value === 0) {
        this.slots[slot] = stored;
        this.indices[slot] = index;
        this.size += 1;
        return -1;
      }
      if (value === stored) return this.indices[slot] as number;
      slot = (slot + 1) & this.mask;
    }
  }

  private slotOf(stored: number): number {
    // Mixes the high and low 32 bits (Murmur-style) into a slot.
    let hash = Math.imul((stored % 4294967296) ^ Math.floor(stored / 4294967296), 0x9e3779b1);
    hash ^= hash >>> 15;
    hash = Math.imul(hash, 0x85ebca6b);
    hash ^= hash >>> 13;
    return (hash >>> 0) & this.mask;
  }

  private grow(): void {
    const old = this.slots;
    const oldIndices = this.indices;
    this.slots = new Float64Array(old.length * 2);
    this.indices = new Int32Array(old.length * 2);
    this.mask = this.slots.length - 1;
    for (let position = 0; position < old.length; position += 1) {
      const stored = old[position] as number;
      if (stored === 0) continue;
      let slot = this.slotOf(stored);
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = stored;
      this.indices[slot] = oldIndices[position] as number;
    }
  }
}

/** The candidate pairs of the union of the rules, each pair once. */
export function candidatePairs(
  records: PreparedRecords,
  rules: readonly BlockingRule[],
  options: BlockingOptions,
): CandidatePairs {
  const from = options.from ?? 0;
  const size = records.size;
  let capacity = 1024;
  let left = new Int32Array(capacity);
  let right = new Int32Array(capacity);
  let masks = new Uint32Array(capacity);
  let count = 0;
  // Pairs already emitted, as left · size + right (exact below 2^53 for any realistic size).
  const seen = new PairSet();
  const summary: { name: string; pairs: number; skippedBlocks: number }[] = [];
  const sources = records.sources;
  for (const [ruleIndex, blockingRule] of rules.entries()) {
    const bit = (1 << Math.min(ruleIndex, 31)) >>> 0;
    const blocks = new Map<string, number[]>();
    for (let index = 0; index < size; index += 1) {
      const keys = blockingRule.key(records, index);
      for (const key of typeof keys === 'string' ? [keys] : keys) {
        if (key === '') continue;
        const block = blocks.get(key);
        if (block === undefined) blocks.set(key, [index]);
        else if (block[block.length - 1] !== index) block.push(index);
      }
    }
    let added = 0;
    let skipped = 0;
    const emit = (a: number, b: number): void => {
      const i = a < b ? a : b;
      const j = a < b ? b : a;
      if (j < from) return;
      if (options.mode === 'link' && sources[i] === sources[j]) return;
      const earlier = seen.add(i * size + j, count);
      if (earlier !== -1) {
        masks[earlier] = ((masks[earlier] as number) | bit) >>> 0;
        return;
      }
      if (count === capacity) {
        capacity *= 2;
        const grownLeft = new Int32Array(capacity);
        grownLeft.set(left);
        left = grownLeft;
        const grownRight = new Int32Array(capacity);
        grownRight.set(right);
        right = grownRight;
        const grownMasks = new Uint32Array(capacity);
        grownMasks.set(masks);
        masks = grownMasks;
      }
      left[count] = i;
      right[count] = j;
      masks[count] = bit;
      count += 1;
      added += 1;
    };
    const order = orderFor(blockingRule);
    for (const block of blocks.values()) {
      if (block.length < 2) continue;
      if (block.length > options.maxBlockSize) {
        skipped += 1;
        continue;
      }
      if (block.length <= SORTED_BLOCK_SIZE) {
        // Indices are in ascending order: a record before `from` pairs only with later ones.
        for (let second = 1; second < block.length; second += 1) {
          const j = block[second] as number;
          if (j < from) continue;
          for (let first = 0; first < second; first += 1) emit(block[first] as number, j);
        }
        continue;
      }
      // A large block: each record is paired with its neighbours in the rule's order, and records
      // the order cannot place (no date of birth, no name) with every record of the block.
      const placed: number[] = [];
      const unplaced: number[] = [];
      for (const index of block) (order.placed(records, index) ? placed : unplaced).push(index);
      order.sort(records, placed);
      for (let position = 0; position < placed.length; position += 1) {
        const end = Math.min(placed.length, position + 1 + SORTED_BLOCK_WINDOW);
        for (let next = position + 1; next < end; next += 1) emit(placed[position] as number, placed[next] as number);
      }
      for (let position = 0; position < unplaced.length; position += 1) {
        const index = unplaced[position] as number;
        for (const other of placed) emit(index, other);
        for (let next = position + 1; next < unplaced.length; next += 1) emit(index, unplaced[next] as number);
      }
    }
    summary.push({ name: blockingRule.name, pairs: added, skippedBlocks: skipped });
  }
  return {
    count,
    left: left.subarray(0, count),
    right: right.subarray(0, count),
    rules: summary,
    ruleMasks: masks.subarray(0, count),
  };
}
