/**
 * Comparisons: named features, one per field role, each with comparison levels from "exact" to
 * "else" (Splink-style), evaluated on prepared values into small integer level codes. Level 0 is
 * always "null" (a value missing on either side): it carries no weight.
 */
import { doubleMetaphone } from 'double-metaphone';
import { InternedStrings } from '../../interned.ts';
import { bitCount, CodedValues, codedJaroWinklerAtLeast, EMPTY_ID } from './coded-values.ts';
import type { PreparedRecords } from './prepare.ts';
import type { FieldRole } from './roles.ts';
import { initialMayStandFor } from './nicknames.ts';
import { oneEditApart, withinEdits } from './strings.ts';

/** How a comparison reads and compares its values. */
export type ComparisonKind = 'name' | 'text' | 'code' | 'identifier' | 'phone' | 'email' | 'date' | 'category';

/** A comparison as data: which role, how, its level labels and whether exact matches are weighed by frequency. */
export interface Comparison {
  /** The feature's name (the role it compares). */
  readonly name: FieldRole;
  readonly kind: ComparisonKind;
  /** Level labels by code: 0 is always `null`, 1 always `exact`, the last always `else`. */
  readonly levels: readonly string[];
  /** Jaro-Winkler thresholds of the similarity levels, for `name` and `text` comparisons. */
  readonly thresholds: readonly number[];
  /** For a name part: the other part a swapped name is looked for in (given name ↔ surname). */
  readonly swappedWith?: FieldRole;
  /**
   * For a surname: the part a surname is looked for in on the other record, as a family name kept
   * beside a new one (Susan Meyer and Susan Meyer Thomas, whose Meyer reads as a middle name).
   */
  readonly keptIn?: FieldRole;
  /** Exact matches on a common value weigh less (term-frequency adjustment). */
  readonly termFrequency: boolean;
  /**
   * For a `text` comparison: a level, below the similarity levels, where every word of the shorter
   * value is in the longer one, in any order (one typo a word allowed): "405 Lexington Avenue"
   * within "Chrysler Building, 405 Lexington Avenue".
   */
  readonly wordsWithin?: boolean;
}

const ADDRESS_LEVELS = [
  'null',
  'exact',
  'jaro-winkler ≥ 0.9',
  'jaro-winkler ≥ 0.8',
  'the words of one within the other',
  'else',
] as const;

/** The level code every comparison gives when a value is missing on either side. */
export const NULL_LEVEL = 0;
/** The level code of an exact match. */
export const EXACT_LEVEL = 1;

/** Given and middle names: letters alike count only when the names could be one mistyped, sounded out or cut short. */
const isGivenName = (role: FieldRole): boolean => role === 'given_name' || role === 'middle_name';

function nameComparison(
  name: FieldRole,
  swappedWith: FieldRole | undefined,
  termFrequency: boolean,
  keptIn?: FieldRole,
): Comparison {
  const thresholds = [0.95, 0.88, 0.7];
  const given = isGivenName(name);
  return {
    name,
    kind: 'name',
    thresholds,
    ...(swappedWith === undefined ? {} : { swappedWith }),
    ...(keptIn === undefined ? {} : { keptIn }),
    levels: [
      'null',
      'exact',
      'jaro-winkler ≥ 0.95',
      given ? 'jaro-winkler ≥ 0.88, a typo or alike in sound' : 'jaro-winkler ≥ 0.88',
      ...(swappedWith === undefined ? [] : [`swapped with ${swappedWith}`]),
      ...(keptIn === undefined ? [] : [`kept as the other's ${keptIn}`]),
      given ? 'jaro-winkler ≥ 0.7 and a typo, or alike in sound' : 'jaro-winkler ≥ 0.7, or alike in sound',
      'initial',
      'else',
    ],
    termFrequency,
  };
}

function textComparison(name: FieldRole, thresholds: readonly number[]): Comparison {
  return {
    name,
    kind: 'text',
    thresholds,
    levels: ['null', 'exact', ...thresholds.map((threshold) => `jaro-winkler ≥ ${threshold}`), 'else'],
    termFrequency: true,
  };
}

function simple(name: FieldRole, kind: ComparisonKind, middle: readonly string[], termFrequency: boolean): Comparison {
  return { name, kind, thresholds: [], levels: ['null', 'exact', ...middle, 'else'], termFrequency };
}

/** The comparison used for each role when it is present; full names are compared part by part. */
export function comparisonFor(role: FieldRole, roles: ReadonlySet<FieldRole>): Comparison | undefined {
  const named = (other: FieldRole) => (roles.has(other) || roles.has('full_name') ? other : undefined);
  switch (role) {
    case 'full_name':
      return undefined;
    case 'given_name':
      return nameComparison('given_name', named('surname'), true);
    case 'surname':
      return nameComparison('surname', named('given_name'), true, named('middle_name'));
    case 'middle_name':
      return nameComparison('middle_name', undefined, true);
    case 'date_of_birth':
      return simple(
        'date_of_birth',
        'date',
        ['one part differs or day and month swapped', 'partial, the parts both state agree', 'within a year'],
        false,
      );
    case 'gender':
      return simple('gender', 'category', [], false);
    case 'address':
      return { ...textComparison('address', [0.9, 0.8]), levels: ADDRESS_LEVELS, wordsWithin: true };
    case 'city':
    case 'region':
    case 'country':
    case 'nationality':
    case 'occupation':
    case 'place_of_birth':
      return textComparison(role, [0.88]);
    case 'postcode':
    case 'street_number':
      return simple(role, 'code', ['one edit'], true);
    case 'phone':
      return simple('phone', 'phone', ['same last 7 digits', 'one edit'], true);
    case 'email':
      return simple('email', 'email', ['same user name', 'jaro-winkler ≥ 0.88'], true);
    case 'document_number':
    case 'national_id':
      return simple(role, 'identifier', ['one edit'], true);
  }
}

/** The comparisons for the roles a data set has, in a fixed order; a full name adds the name parts. */
export function comparisonsFor(roles: ReadonlySet<FieldRole>): Comparison[] {
  const present = new Set(roles);
  if (present.has('full_name')) {
    present.add('given_name');
    present.add('surname');
    present.add('middle_name');
  }
  const comparisons: Comparison[] = [];
  for (const role of present) {
    const comparison = comparisonFor(role, present);
    if (comparison !== undefined) comparisons.push(comparison);
  }
  const order = (comparison: Comparison) => ROLE_ORDER.indexOf(comparison.name);
  return comparisons.sort((a, b) => order(a) - order(b));
}

const ROLE_ORDER: readonly FieldRole[] = [
  'given_name',
  'middle_name',
  'surname',
  'date_of_birth',
  'gender',
  'nationality',
  'place_of_birth',
  'address',
  'street_number',
  'postcode',
  'city',
  'region',
  'country',
  'phone',
  'email',
  'document_number',
  'national_id',
  'occupation',
];

/** A comparison bound to the prepared columns it reads. */
export interface BoundComparison {
  readonly comparison: Comparison;
  readonly kind: ComparisonKind;
  readonly values: readonly string[];
  /** The coded values Jaro-Winkler reads (one set per prepared records), and each record's value id in it. */
  readonly coded: CodedValues;
  readonly ids: Int32Array;
  readonly swappedIds: Int32Array | undefined;
  /** For a surname: each record's value id of the part a surname kept beside a new one reads as. */
  readonly keptIds: Int32Array | undefined;
  readonly thresholds: Float64Array;
  readonly last: number;
  /** For a name part: whether one crossing of the parts is a swap (the given name), or both are needed (the surname). */
  readonly swapsOnOneCrossing: boolean;
  /** For a comparison with a level of words within one another: a value's words, by its id in `coded`. */
  readonly words: ((id: number) => readonly string[]) | undefined;
  /**
   * For a given or middle name: whether letters alike count only when the names could be one
   * mistyped, sounded out or cut short (see `typoOrSoundAlike`).
   */
  readonly givenNames: boolean;
  /** For a name: the values' sounds (their words' Double Metaphone codes), by id in `coded`. */
  readonly sounds: Sounds | undefined;
}

/**
 * The kinds as the literals the hot loop compares with. A model read back from storage or sent to
 * another thread carries copies of these strings, and V8 compares a copy with a literal character
 * by character (a literal with a literal is one pointer test): binding takes the literal again.
 */
const KINDS: Readonly<Record<ComparisonKind, ComparisonKind>> = {
  name: 'name',
  text: 'text',
  code: 'code',
  identifier: 'identifier',
  phone: 'phone',
  email: 'email',
  date: 'date',
  category: 'category',
};

/** The coded values of each set of prepared records, shared by every binding to it. */
const codedOf = new WeakMap<PreparedRecords, CodedValues>();
/** The sounds of each set of coded values, shared by every name comparison bound to it. */
const soundsByCoded = new WeakMap<CodedValues, Sounds>();
const NO_IDS = new Int32Array(0);
/** Kinds whose values Jaro-Winkler compares: their columns are coded. */
const SIMILARITY_KINDS: ReadonlySet<ComparisonKind> = new Set(['name', 'text', 'email']);

/** Binds comparisons to a set of prepared records. */
export function bindComparisons(comparisons: readonly Comparison[], records: PreparedRecords): BoundComparison[] {
  const empty: string[] = new Array<string>(records.size).fill('');
  let coded = codedOf.get(records);
  if (coded === undefined) {
    coded = new CodedValues();
    codedOf.set(records, coded);
  }
  const codedValues = coded;
  return comparisons.map((comparison) => {
    const values = records.text.get(comparison.name) ?? empty;
    const swapped =
      comparison.swappedWith === undefined ? undefined : (records.text.get(comparison.swappedWith) ?? empty);
    const similarity = SIMILARITY_KINDS.has(comparison.kind);
    return {
      comparison,
      kind: KINDS[comparison.kind],
      values,
      coded: codedValues,
      ids: similarity ? codedValues.column(values) : NO_IDS,
      swappedIds: similarity && swapped !== undefined ? codedValues.column(swapped) : undefined,
      keptIds:
        similarity && comparison.keptIn !== undefined
          ? codedValues.column(records.text.get(comparison.keptIn) ?? empty)
          : undefined,
      thresholds: Float64Array.from(comparison.thresholds),
      last: comparison.levels.length - 1,
      swapsOnOneCrossing: comparison.name === 'given_name',
      words: comparison.wordsWithin === true ? wordsByValue(codedValues) : undefined,
      givenNames: isGivenName(comparison.name),
      sounds: comparison.kind === 'name' ? soundsOf(codedValues) : undefined,
    };
  });
}

/** Most edits between two names below the top similarity level for their likeness to be a typo. */
const TYPO_EDITS = 2;

/**
 * Whether two names alike in letters (Jaro-Winkler) could be one name mistyped, written as it
 * sounds or cut short: at most {@link TYPO_EDITS} edits apart (a swap of neighbours one edit), one
 * Double Metaphone code, or one the beginning of the other. Names that share a beginning and end
 * differently (Darla, Darlene and Darletta; Mark and Marsha) are as alike to Jaro-Winkler as a
 * typo, but they are different names: sisters, twins.
 */
function typoOrSoundAlike(bound: BoundComparison, leftId: number, rightId: number): boolean {
  const { coded } = bound;
  const left = coded.text(leftId);
  const right = coded.text(rightId);
  return (
    (fewSymbolsApart(coded, leftId, rightId) && withinEdits(left, right, TYPO_EDITS)) ||
    bound.sounds?.alike(leftId, rightId) === true ||
    shortened(left, right)
  );
}

/**
 * Whether each value lacks at most {@link TYPO_EDITS} of the other's symbols: every symbol one
 * lacks takes an edit, so values further apart are no typo (told before the edit distance).
 */
function fewSymbolsApart(coded: CodedValues, leftId: number, rightId: number): boolean {
  const sets = coded.symbolSets;
  const leftLow = sets[2 * leftId] ?? 0;
  const leftHigh = sets[2 * leftId + 1] ?? 0;
  const rightLow = sets[2 * rightId] ?? 0;
  const rightHigh = sets[2 * rightId + 1] ?? 0;
  return (
    bitCount(leftLow & ~rightLow) + bitCount(leftHigh & ~rightHigh) <= TYPO_EDITS &&
    bitCount(rightLow & ~leftLow) + bitCount(rightHigh & ~leftHigh) <= TYPO_EDITS
  );
}

/** Shortest beginning of a name that stands for it cut short ("Pat" for "Patrick"). */
const MIN_SHORTENED = 3;

/**
 * Whether one name is the other cut short, at a word's end or within it: "anna" and "anna maria",
 * "rosemary" and "rosemary a", "pat" and "patrick", or with a typo in the words they share.
 */
function shortened(left: string, right: string): boolean {
  const [shorter, longer] = left.length <= right.length ? [left, right] : [right, left];
  if (shorter.length < MIN_SHORTENED) return false;
  if (longer.startsWith(shorter)) return true;
  const shorterWords = shorter.split(' ');
  const longerWords = longer.split(' ');
  if (shorterWords.length === longerWords.length) return false;
  const [fewer, more] =
    shorterWords.length < longerWords.length ? [shorterWords, longerWords] : [longerWords, shorterWords];
  return withinEdits(fewer.join(' '), more.slice(0, fewer.length).join(' '), TYPO_EDITS);
}

function nameLevel(bound: BoundComparison, leftId: number, rightId: number, left: number, right: number): number {
  const { thresholds, coded } = bound;
  const similarity = codedJaroWinklerAtLeast(coded, leftId, rightId, thresholds[2] ?? 0);
  if (similarity >= (thresholds[0] ?? 1)) return 2;
  // Given names alike in letters below the top level count only as a typo, a sound-alike or a name
  // cut short (surnames and organisations' names have too many spellings for that); a sound-alike
  // counts at the lowest similarity level however unlike in letters (Keeley and Kaylee).
  const alike =
    similarity < (thresholds[2] ?? 1) ? undefined : !bound.givenNames || typoOrSoundAlike(bound, leftId, rightId);
  if (similarity >= (thresholds[1] ?? 1) && alike === true) return 3;
  let level = 4;
  const swappedIds = bound.swappedIds;
  if (swappedIds !== undefined) {
    // The two crossings: this part of each record against the other part of the other record. A
    // full swap crosses both ways and counts on both name parts; one name word in common between
    // two people ("Isaac James" and "James Dixon") crosses one way and counts on the given name
    // only, not twice. Either way round the pair scores the same.
    const close = thresholds[1] ?? 1;
    const leftOther = swappedIds[left] ?? EMPTY_ID;
    const rightOther = swappedIds[right] ?? EMPTY_ID;
    // When the other parts already agree in place (Mark Miller and Millie Miller), a given name
    // like the other's surname is a coincidence, not a swap: no crossing is looked for.
    const otherAgrees =
      bound.swapsOnOneCrossing &&
      leftOther !== EMPTY_ID &&
      rightOther !== EMPTY_ID &&
      codedJaroWinklerAtLeast(coded, leftOther, rightOther, close) >= close;
    if (!otherAgrees) {
      const crossRight = rightOther !== EMPTY_ID && codedJaroWinklerAtLeast(coded, leftId, rightOther, close) >= close;
      if (crossRight !== bound.swapsOnOneCrossing) {
        // Given name: not yet crossed, look the other way; surname: crossed, look the other way too.
        if (leftOther !== EMPTY_ID && codedJaroWinklerAtLeast(coded, leftOther, rightId, close) >= close) return level;
      } else if (crossRight) {
        return level;
      }
    }
    level += 1;
  }
  const keptIds = bound.keptIds;
  if (keptIds !== undefined) {
    // One surname is the other record's middle name, word for word: kept beside a new surname.
    if (leftId === keptIds[right] || rightId === keptIds[left]) return level;
    level += 1;
  }
  if (alike ?? bound.sounds?.alike(leftId, rightId) === true) return level;
  // An initial against a name it begins (or, for a given name, one of its diminutives begins).
  const leftValue = coded.text(leftId);
  const rightValue = coded.text(rightId);
  if ((leftValue.length === 1 || rightValue.length === 1) && leftValue.charCodeAt(0) === rightValue.charCodeAt(0)) {
    return level + 1;
  }
  if (
    bound.givenNames &&
    (leftValue.length === 1
      ? initialMayStandFor(leftValue, rightValue)
      : rightValue.length === 1 && initialMayStandFor(rightValue, leftValue))
  ) {
    return level + 1;
  }
  return level + 2;
}

function textLevel(bound: BoundComparison, leftId: number, rightId: number): number {
  const { thresholds, coded } = bound;
  const similarity = codedJaroWinklerAtLeast(coded, leftId, rightId, thresholds[thresholds.length - 1] ?? 0);
  for (let index = 0; index < thresholds.length; index += 1) {
    if (similarity >= (thresholds[index] ?? 1)) return index + 2;
  }
  const words = bound.words;
  if (
    words !== undefined &&
    mayBeWithin(coded, leftId, rightId, words) &&
    wordsOfOneWithin(words(leftId), words(rightId))
  ) {
    return bound.last - 1;
  }
  return bound.last;
}

/** Words of two characters or more that are shared before "within" is looked for. */
const MIN_WORDS_WITHIN = 2;

/**
 * Whether every word of the value with fewer words is in the other, in any order, a word matching
 * when equal or one edit apart ("hughs" and "hughes"); at least two words are needed.
 */
export function wordsWithin(left: string, right: string): boolean {
  return wordsOfOneWithin(left.split(' '), right.split(' '));
}

/** {@link wordsWithin} on the values' words (the hot loop splits each value once). */
function wordsOfOneWithin(a: readonly string[], b: readonly string[]): boolean {
  const fewer = a.length <= b.length ? a : b;
  const more = a.length <= b.length ? b : a;
  if (fewer.length < MIN_WORDS_WITHIN) return false;
  for (const word of fewer) {
    let found = false;
    for (const other of more) {
      if (other === word || (word.length > 3 && oneEditApart(word, other))) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

/** A value's sound not worked out yet, and a value without one. */
const UNKNOWN_SOUND = 0;
const NO_SOUND = 1;

/**
 * The sounds of a set of coded values, by id: each value's words' Double Metaphone codes joined by
 * spaces, primary and alternate, worked out once per value when first asked for. Each distinct
 * code is numbered, so that two sounds compare as two integers. Initials and numbers have no sound
 * (J and G share a code, but an initial is no sound): "john a" sounds as "john".
 */
export class Sounds {
  /** By value id, the number of its primary and of its alternate code (or UNKNOWN_SOUND, NO_SOUND). */
  private readonly primaries: number[] = [];
  private readonly alternates: number[] = [];
  /** The codes by number: 0 stands for a sound not worked out (no code holds a NUL), 1 for none. */
  private readonly codes = new InternedStrings();

  constructor(private readonly coded: CodedValues) {
    this.codes.number('\u0000'); // UNKNOWN_SOUND
    this.codes.number(''); // NO_SOUND
  }

  /** The value's codes, primary and alternate ('' when it has none). */
  of(id: number): readonly [string, string] {
    this.know(id);
    const codes = this.codes.values;
    return [codes[this.primaries[id] ?? NO_SOUND] ?? '', codes[this.alternates[id] ?? NO_SOUND] ?? ''];
  }

  /** Whether two values sound alike: one of their codes is the same. */
  alike(leftId: number, rightId: number): boolean {
    this.know(leftId);
    this.know(rightId);
    const leftPrimary = this.primaries[leftId] ?? NO_SOUND;
    const rightPrimary = this.primaries[rightId] ?? NO_SOUND;
    if (leftPrimary === NO_SOUND || rightPrimary === NO_SOUND) return false;
    const leftAlternate = this.alternates[leftId] ?? NO_SOUND;
    const rightAlternate = this.alternates[rightId] ?? NO_SOUND;
    return (
      leftPrimary === rightPrimary ||
      leftPrimary === rightAlternate ||
      leftAlternate === rightPrimary ||
      (leftAlternate !== NO_SOUND && leftAlternate === rightAlternate)
    );
  }

  private know(id: number): void {
    const { primaries, alternates } = this;
    // Filled up to the id, so the arrays stay packed (a sparse array is a slow dictionary).
    while (primaries.length <= id) {
      primaries.push(UNKNOWN_SOUND);
      alternates.push(UNKNOWN_SOUND);
    }
    if (primaries[id] !== UNKNOWN_SOUND) return;
    const codes = this.coded
      .text(id)
      .split(' ')
      .filter((word) => word.length > 1 && /[a-z]/.test(word))
      .map((word) => doubleMetaphone(word));
    const joined = (side: 0 | 1) =>
      codes.length === 0 || codes.every((code) => code[side] === '') ? '' : codes.map((code) => code[side]).join(' ');
    primaries[id] = this.codes.number(joined(0));
    alternates[id] = this.codes.number(joined(1));
  }
}

/** The sounds of a set of coded values, one table per set. */
function soundsOf(coded: CodedValues): Sounds {
  let sounds = soundsByCoded.get(coded);
  if (sounds === undefined) {
    sounds = new Sounds(coded);
    soundsByCoded.set(coded, sounds);
  }
  return sounds;
}

/**
 * Each value's words by its id, split once per value; equal words are one string object, so an
 * equal word is one pointer test.
 */
function wordsByValue(coded: CodedValues): (id: number) => readonly string[] {
  const byId: (readonly string[] | undefined)[] = [];
  const known = new Map<string, string>();
  return (id) => {
    let words = byId[id];
    if (words === undefined) {
      words = coded
        .text(id)
        .split(' ')
        .map((word) => {
          const same = known.get(word);
          if (same !== undefined) return same;
          known.set(word, word);
          return word;
        });
      byId[id] = words;
    }
    return words;
  };
}

/**
 * Whether the words of one value may lie within the other's, told from their symbols: a word
 * within the other value is equal to one of its words or one edit from it, so it brings at most one
 * character the other value lacks, and only when longer than three letters. Rules out most pairs
 * of unrelated addresses before their words are compared.
 */
function mayBeWithin(
  coded: CodedValues,
  leftId: number,
  rightId: number,
  words: (id: number) => readonly string[],
): boolean {
  const left = words(leftId);
  const right = words(rightId);
  const [fewerId, moreId, fewer] = left.length <= right.length ? [leftId, rightId, left] : [rightId, leftId, right];
  const sets = coded.symbolSets;
  const lacked =
    bitCount((sets[2 * fewerId] ?? 0) & ~(sets[2 * moreId] ?? 0)) +
    bitCount((sets[2 * fewerId + 1] ?? 0) & ~(sets[2 * moreId + 1] ?? 0));
  if (lacked === 0) return true;
  let edits = 0;
  for (const word of fewer) if (word.length > 3) edits += 1;
  return lacked <= edits;
}

/** Whether two identifiers (each possibly several, space-separated) share one. */
function shareIdentifier(left: string, right: string): boolean {
  if (left.indexOf(' ') === -1 && right.indexOf(' ') === -1) return false;
  const rightParts = right.split(' ');
  return left.split(' ').some((part) => rightParts.includes(part));
}

/** Whether two identifiers (each possibly several) have one pair of parts one edit apart. */
function identifiersOneEditApart(left: string, right: string): boolean {
  if (left.indexOf(' ') === -1 && right.indexOf(' ') === -1) return oneEditApart(left, right);
  const rightParts = right.split(' ');
  return left.split(' ').some((part) => rightParts.some((other) => oneEditApart(part, other)));
}

const PHONE_SUFFIX = 7;

function phoneLevel(left: string, right: string): number {
  if (left.length >= PHONE_SUFFIX && right.length >= PHONE_SUFFIX) {
    let same = true;
    for (let offset = 1; offset <= PHONE_SUFFIX; offset += 1) {
      if (left.charCodeAt(left.length - offset) !== right.charCodeAt(right.length - offset)) {
        same = false;
        break;
      }
    }
    if (same) return 2;
  }
  return oneEditApart(left, right) ? 3 : 4;
}

function emailLevel(bound: BoundComparison, leftId: number, rightId: number): number {
  const left = bound.coded.text(leftId);
  const right = bound.coded.text(rightId);
  const leftAt = left.indexOf('@');
  const rightAt = right.indexOf('@');
  if (leftAt > 0 && leftAt === rightAt && left.startsWith(right.slice(0, rightAt + 1))) return 2;
  return codedJaroWinklerAtLeast(bound.coded, leftId, rightId, 0.88) >= 0.88 ? 3 : 4;
}

function dateLevel(records: PreparedRecords, left: number, right: number): number {
  const { year, month, day, dayNumber } = records.dates;
  const leftYear = year[left] ?? 0;
  const rightYear = year[right] ?? 0;
  if (leftYear === 0 || rightYear === 0) return NULL_LEVEL;
  const leftMonth = month[left] ?? 0;
  const rightMonth = month[right] ?? 0;
  const leftDay = day[left] ?? 0;
  const rightDay = day[right] ?? 0;
  const leftWhole = leftMonth !== 0 && leftDay !== 0;
  const rightWhole = rightMonth !== 0 && rightDay !== 0;
  if (leftYear === rightYear && leftMonth === rightMonth && leftDay === rightDay) return leftWhole ? EXACT_LEVEL : 3;
  if (!leftWhole || !rightWhole) {
    // A partial date is compatible when every part both state agrees (1974 and 1974-12-08, or 1974
    // and 1974, but not 1974-08 and 1974-12-08): the same year is far weaker evidence than the same
    // day, so two partial dates that are equal are not "exact". Otherwise they are apart, within a
    // year when the years are equal.
    const agrees =
      leftYear === rightYear &&
      (leftMonth === 0 || rightMonth === 0 || leftMonth === rightMonth) &&
      (leftDay === 0 || rightDay === 0 || leftDay === rightDay);
    return agrees ? 3 : leftYear === rightYear ? 4 : 5;
  }
  const differing =
    (leftYear === rightYear ? 0 : 1) + (leftMonth === rightMonth ? 0 : 1) + (leftDay === rightDay ? 0 : 1);
  if (differing === 1) return 2;
  if (leftYear === rightYear && leftMonth === rightDay && leftDay === rightMonth) return 2;
  const apart = Math.abs((dayNumber[left] ?? 0) - (dayNumber[right] ?? 0));
  return apart <= 366 ? 4 : 5;
}

/** The level of one comparison for the pair (left, right) of prepared records. */
export function compareLevel(bound: BoundComparison, records: PreparedRecords, left: number, right: number): number {
  const kind = bound.kind;
  if (kind === 'date') return dateLevel(records, left, right);
  if (kind === 'name' || kind === 'text' || kind === 'email') {
    // Compared by their coded values: an id each, the empty value's id when missing.
    const leftId = bound.ids[left] ?? EMPTY_ID;
    const rightId = bound.ids[right] ?? EMPTY_ID;
    if (leftId === EMPTY_ID || rightId === EMPTY_ID) return NULL_LEVEL;
    if (leftId === rightId) return EXACT_LEVEL;
    if (kind === 'name') return nameLevel(bound, leftId, rightId, left, right);
    if (kind === 'text') return textLevel(bound, leftId, rightId);
    return emailLevel(bound, leftId, rightId);
  }
  const leftValue = bound.values[left] ?? '';
  const rightValue = bound.values[right] ?? '';
  if (leftValue === '' || rightValue === '') return NULL_LEVEL;
  if (leftValue === rightValue) return EXACT_LEVEL;
  switch (kind) {
    case 'code':
      return oneEditApart(leftValue, rightValue) ? 2 : 3;
    case 'identifier':
      if (shareIdentifier(leftValue, rightValue)) return EXACT_LEVEL;
      return identifiersOneEditApart(leftValue, rightValue) ? 2 : 3;
    case 'phone':
      return phoneLevel(leftValue, rightValue);
    case 'category':
      return bound.last;
  }
}

/** Writes the comparison vector (one level code per comparison) of a pair into `out` at `offset`. */
export function compareInto(
  bound: readonly BoundComparison[],
  records: PreparedRecords,
  left: number,
  right: number,
  out: Uint8Array,
  offset: number,
): void {
  for (let index = 0; index < bound.length; index += 1) {
    out[offset + index] = compareLevel(bound[index] as BoundComparison, records, left, right);
  }
}
