/**
 * Blocking: the union of several rules, each a key (or keys) computed from a record's prepared
 * values; records sharing a key become candidate pairs, each pair emitted once.
 */
import { doubleMetaphone } from 'double-metaphone';
import type { PreparedRecords } from './prepare.ts';
import type { FieldRole } from './roles.ts';
import { int32Column } from '../../typed-column.ts';

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

/** The numbers in a record's address and its postcode, once each (leading zeros kept: postcodes). */
function addressNumbers(records: PreparedRecords, index: number): readonly string[] {
  const numbers = new Set<string>();
  for (const role of ['address', 'postcode'] as const) {
    for (const word of column(records, role, index).split(' ')) if (/^\d+$/.test(word)) numbers.add(word);
  }
  return [...numbers];
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
  // Names missing or mistyped on one record and the date mistyped in one part: the town and two
  // parts of the date of birth.
  rule('city + two parts of the date of birth', ['city', 'date_of_birth'], (records, index) => {
    const city = column(records, 'city', index);
    return city === '' ? '' : datePairs(records, index).map((pair) => `${city}|${pair}`);
  }),
  rule('a name word + city', ['city'], (records, index) => {
    const city = column(records, 'city', index);
    return city === '' ? '' : nameWords(records, index).map((word) => `${word}|${city}`);
  }),
  rule('a name word + postcode', ['postcode'], (records, index) => {
    const postcode = column(records, 'postcode', index);
    return postcode === '' ? '' : nameWords(records, index).map((word) => `${word}|${postcode}`);
  }),
  // Addresses written two ways ("133 New Bridge Road, Chinatown Point, 059413" and "Chinatown
  // Point, 133 New Bridge Road") keep their numbers: a house number or a postcode, wherever it
  // stands, and a name word in common make a pair.
  rule('a name word + a number of the address', ['address'], (records, index) => {
    const numbers = addressNumbers(records, index);
    return numbers.length === 0
      ? ''
      : nameWords(records, index).flatMap((word) => numbers.map((number) => `${word}|${number}`));
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
  /** Blocks above this size pair each record with its neighbours only (default {@link SORTED_BLOCK_SIZE}). */
  readonly sortedBlockSize?: number;
  /** How many neighbours (default {@link SORTED_BLOCK_WINDOW}). */
  readonly sortedBlockWindow?: number;
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
 * One rule's blocks as arrays. An entry is one record in one block; entries are in record order,
 * so a record's entries are `entries[entryStart[r] .. entryStart[r + 1])`. Each block lists its
 * entries (placed ones in the block's order, then the unplaced), and each entry knows its position
 * in its block.
 */
interface RuleBlocks {
  readonly entryStart: Int32Array;
  readonly entryBlock: Int32Array;
  readonly entryRecord: Int32Array;
  readonly entryPosition: Int32Array;
  readonly blockStart: Int32Array;
  /** Record indices of each block's members, in the block's order. */
  readonly blockMembers: Int32Array;
  /** How many of each block's members are placed (the rest follow them); the block's size when it is not sorted. */
  readonly blockPlaced: Int32Array;
  /** Whether the block pairs neighbours only (it is larger than the sorted-block size). */
  readonly blockSorted: Uint8Array;
  /** Blocks above the largest block size: their entries are dropped. */
  readonly skippedBlocks: number;
}

function blocksOf(
  records: PreparedRecords,
  blockingRule: BlockingRule,
  maxBlockSize: number,
  sortedBlockSize: number,
): RuleBlocks {
  const size = records.size;
  const ids = new Map<string, number>();
  const rawStart = new Int32Array(size + 1);
  const rawBlock = int32Column();
  for (let index = 0; index < size; index += 1) {
    rawStart[index] = rawBlock.length;
    const keys = blockingRule.key(records, index);
    for (const key of typeof keys === 'string' ? [keys] : keys) {
      if (key === '') continue;
      let id = ids.get(key);
      if (id === undefined) {
        id = ids.size;
        ids.set(key, id);
      }
      // A record is in a block once, however many of its keys lead there.
      let known = false;
      for (let entry = rawStart[index] as number; entry < rawBlock.length; entry += 1) {
        if (rawBlock.values[entry] === id) known = true;
      }
      if (!known) rawBlock.push(id);
    }
  }
  rawStart[size] = rawBlock.length;
  const blockCount = ids.size;
  ids.clear();
  const rawSizes = new Int32Array(blockCount);
  for (let entry = 0; entry < rawBlock.length; entry += 1) {
    const block = rawBlock.values[entry] as number;
    rawSizes[block] = (rawSizes[block] as number) + 1;
  }
  // Blocks of one record pair nobody, and blocks above the largest size are skipped: both are left
  // out, and the blocks kept are numbered again.
  const renumbered = new Int32Array(blockCount).fill(-1);
  let kept = 0;
  let skippedBlocks = 0;
  for (let block = 0; block < blockCount; block += 1) {
    const count = rawSizes[block] as number;
    if (count > maxBlockSize) skippedBlocks += 1;
    else if (count >= 2) {
      renumbered[block] = kept;
      kept += 1;
    }
  }
  const entryStart = new Int32Array(size + 1);
  const entryBlock = int32Column();
  const entryRecord = int32Column();
  for (let index = 0; index < size; index += 1) {
    entryStart[index] = entryBlock.length;
    for (let raw = rawStart[index] as number; raw < (rawStart[index + 1] as number); raw += 1) {
      const block = renumbered[rawBlock.values[raw] as number] as number;
      if (block === -1) continue;
      entryBlock.push(block);
      entryRecord.push(index);
    }
  }
  entryStart[size] = entryBlock.length;
  const entries = entryBlock.length;
  const blockStart = new Int32Array(kept + 1);
  for (let entry = 0; entry < entries; entry += 1) {
    const block = entryBlock.values[entry] as number;
    blockStart[block + 1] = (blockStart[block + 1] as number) + 1;
  }
  for (let block = 0; block < kept; block += 1) {
    blockStart[block + 1] = (blockStart[block + 1] as number) + (blockStart[block] as number);
  }
  // Each block's entries in record order (entries are in record order already).
  const blockEntries = new Int32Array(entries);
  const fill = blockStart.slice(0, kept);
  for (let entry = 0; entry < entries; entry += 1) {
    const block = entryBlock.values[entry] as number;
    blockEntries[fill[block] as number] = entry;
    fill[block] = (fill[block] as number) + 1;
  }
  const blockMembers = new Int32Array(entries);
  const blockPlaced = new Int32Array(kept);
  const blockSorted = new Uint8Array(kept);
  const entryPosition = new Int32Array(entries);
  const order = orderFor(blockingRule);
  for (let block = 0; block < kept; block += 1) {
    const start = blockStart[block] as number;
    const end = blockStart[block + 1] as number;
    if (end - start <= sortedBlockSize) {
      blockPlaced[block] = end - start;
      for (let position = start; position < end; position += 1) {
        const entry = blockEntries[position] as number;
        blockMembers[position] = entryRecord.values[entry] as number;
        entryPosition[entry] = position - start;
      }
      continue;
    }
    // A large block: its placed records in the rule's order, then those it cannot place.
    blockSorted[block] = 1;
    const placed: number[] = [];
    const unplaced: number[] = [];
    const entryOf = new Map<number, number>();
    for (let position = start; position < end; position += 1) {
      const entry = blockEntries[position] as number;
      const record = entryRecord.values[entry] as number;
      entryOf.set(record, entry);
      (order.placed(records, record) ? placed : unplaced).push(record);
    }
    order.sort(records, placed);
    blockPlaced[block] = placed.length;
    let position = start;
    for (const record of [...placed, ...unplaced]) {
      blockMembers[position] = record;
      entryPosition[entryOf.get(record) as number] = position - start;
      position += 1;
    }
  }
  return {
    entryStart,
    entryBlock: entryBlock.values.subarray(0, entries),
    entryRecord: entryRecord.values.subarray(0, entries),
    entryPosition,
    blockStart,
    blockMembers,
    blockPlaced,
    blockSorted,
    skippedBlocks,
  };
}

/**
 * The candidate pairs of the union of the rules, each pair once. Each rule's blocks are built
 * first; then, record by record, the record is paired with the earlier records it shares a block
 * with (a large block: only its neighbours in the block's order, and the records the order cannot
 * place with every record of the block), a pair found by several rules kept once with all of their
 * bits. The pairs come out by the block that found them first.
 */
export function candidatePairs(
  records: PreparedRecords,
  rules: readonly BlockingRule[],
  options: BlockingOptions,
): CandidatePairs {
  const from = options.from ?? 0;
  const sortedBlockSize = options.sortedBlockSize ?? SORTED_BLOCK_SIZE;
  const window = options.sortedBlockWindow ?? SORTED_BLOCK_WINDOW;
  const size = records.size;
  const sources = records.sources;
  const link = options.mode === 'link';
  const blocks = rules.map((blockingRule) => blocksOf(records, blockingRule, options.maxBlockSize, sortedBlockSize));
  const added = new Array<number>(rules.length).fill(0);
  // Blocks numbered across the rules: the block in which each pair was first found.
  const blockOffset = new Int32Array(rules.length + 1);
  blocks.forEach((rule, index) => {
    blockOffset[index + 1] = (blockOffset[index] as number) + rule.blockPlaced.length;
  });
  const foundIn = int32Column();
  const left = int32Column();
  const right = int32Column();
  let masks = new Uint32Array(1024);
  // For the record being paired: the record each earlier one was last paired with, and that pair's index.
  const pairedWith = new Int32Array(size).fill(-1);
  const pairIndex = new Int32Array(size);
  for (let record = from; record < size; record += 1) {
    const source = sources[record];
    for (let ruleIndex = 0; ruleIndex < rules.length; ruleIndex += 1) {
      const bit = (1 << Math.min(ruleIndex, 31)) >>> 0;
      const rule = blocks[ruleIndex] as RuleBlocks;
      const members = rule.blockMembers;
      const offset = blockOffset[ruleIndex] as number;
      for (let entry = rule.entryStart[record] as number; entry < (rule.entryStart[record + 1] as number); entry += 1) {
        const block = rule.entryBlock[entry] as number;
        const start = rule.blockStart[block] as number;
        const end = rule.blockStart[block + 1] as number;
        const placedEnd = start + (rule.blockPlaced[block] as number);
        const position = start + (rule.entryPosition[entry] as number);
        // A block paired whole: every other record. A large block: the placed neighbours within the
        // window (or, for a record the order cannot place, every record), then every unplaced one.
        const whole = rule.blockSorted[block] === 0 || position >= placedEnd;
        const low = whole ? start : Math.max(start, position - window);
        // The records after the window and before the unplaced ones are skipped.
        const gapStart = whole ? end : Math.min(placedEnd, position + window + 1);
        const gapEnd = whole ? end : placedEnd;
        for (let member = low; member < end; member = member + 1 === gapStart ? gapEnd : member + 1) {
          const other = members[member] as number;
          if (other >= record || (link && sources[other] === source)) continue;
          if (pairedWith[other] === record) {
            const index = pairIndex[other] as number;
            masks[index] = ((masks[index] as number) | bit) >>> 0;
            continue;
          }
          pairedWith[other] = record;
          pairIndex[other] = left.length;
          if (left.length === masks.length) {
            const grown = new Uint32Array(masks.length * 2);
            grown.set(masks);
            masks = grown;
          }
          masks[left.length] = bit;
          left.push(other);
          right.push(record);
          foundIn.push(offset + block);
          added[ruleIndex] = (added[ruleIndex] as number) + 1;
        }
      }
    }
  }
  const count = left.length;
  // The pairs in the order of the blocks that found them: the records of one block are compared
  // together, while they are in the processor's cache (in the order above, by their later record,
  // comparing them took half as long again).
  const blockCount = blockOffset[rules.length] as number;
  const start = new Int32Array(blockCount + 1);
  for (let pair = 0; pair < count; pair += 1) {
    const block = foundIn.values[pair] as number;
    start[block + 1] = (start[block + 1] as number) + 1;
  }
  for (let block = 0; block < blockCount; block += 1)
    start[block + 1] = (start[block + 1] as number) + (start[block] as number);
  const byBlock = new Int32Array(count);
  for (let pair = 0; pair < count; pair += 1) {
    const block = foundIn.values[pair] as number;
    byBlock[start[block] as number] = pair;
    start[block] = (start[block] as number) + 1;
  }
  foundIn.values = new Int32Array(0);
  const reorder = <T extends Int32Array | Uint32Array>(values: T, out: T): T => {
    for (let position = 0; position < count; position += 1)
      out[position] = values[byBlock[position] as number] as number;
    return out;
  };
  return {
    count,
    left: reorder(left.values, new Int32Array(count)),
    right: reorder(right.values, new Int32Array(count)),
    rules: rules.map((blockingRule, index) => ({
      name: blockingRule.name,
      pairs: added[index] as number,
      skippedBlocks: (blocks[index] as RuleBlocks).skippedBlocks,
    })),
    ruleMasks: reorder(masks, new Uint32Array(count)),
  };
}
