/**
 * Text values coded once for the hot loop's Jaro-Winkler: each distinct value gets an id, its
 * characters as small symbol codes in one byte array, its set of symbols, and (when it has at most
 * 64 characters) the positions of each symbol as bit masks. Comparing two values then reads typed
 * arrays: no character is decoded from a string and no mask is built per pair, where the string
 * version ({@link jaroWinklerAtLeast}) builds the shorter value's masks on every call.
 *
 * The results are those of `jaroWinklerAtLeast` to the last bit: the same greedy matching (each
 * character of one value takes the lowest free position of its character within the window of
 * the other), the same orientation (the shorter value, at most 32 characters, takes the masks;
 * past 32 on both sides, the right one), the same arithmetic. A masked side without masks (over
 * 64 characters, or holding a character beyond the 63 symbols) is compared as strings. The
 * storage fields are read directly by the hot loop; only `idOf` and `column` write them.
 */
import { int32Column, uint8Column } from '../../typed-column.ts';
import {
  jaroWinklerAtLeast,
  WINKLER_BOOST_THRESHOLD,
  WINKLER_MAX_PREFIX,
  WINKLER_PREFIX_SCALE,
} from '../normalise/jaro-winkler.ts';

/** Symbols a value's characters are coded with (1 to 63; 0 is a character with none). */
const SYMBOLS = 64;
/** The longest value whose positions fit one 32-bit integer a symbol. */
const NARROW_LENGTH = 32;
/** The longest value given bit masks: two 32-bit integers a symbol (the first 32 positions, the rest). */
const MASKED_LENGTH = 64;
/** The positions of the iterated value's matched characters, in order (at most 64 matches). */
const matchedAt = new Int32Array(MASKED_LENGTH);

/** The id of the empty value (a value missing). */
export const EMPTY_ID = 0;

export class CodedValues {
  private readonly ids = new Map<string, number>();
  private readonly texts: string[] = [];
  private readonly symbolOf = new Uint8Array(0x10000);
  private symbolCount = 0;
  private readonly startColumn = int32Column();
  private readonly codeColumn = uint8Column();
  private readonly maskStartColumn = int32Column();
  private readonly maskColumn = int32Column();
  private readonly symbolSetColumn = int32Column();
  // The columns' storage, read directly by the hot loop (taken again whenever a column grows).
  /** Where each value's codes start in `codes`, and (one entry more) where the last ends. */
  starts = this.startColumn.values;
  codes = this.codeColumn.values;
  /**
   * Each value's first position in `masks`, or -1 when it has none: SYMBOLS entries (one per
   * symbol) for a value of at most 32 characters, twice as many for a longer one (its first 32
   * positions, then the rest).
   */
  maskStarts = this.maskStartColumn.values;
  masks = this.maskColumn.values;
  /** Each value's symbols as a set: two integers a value, symbols 1 to 31 and 32 to 63 (a bit each). */
  symbolSets = this.symbolSetColumn.values;
  private readonly columns = new WeakMap<readonly string[], Int32Array>();

  constructor() {
    this.startColumn.push(0);
    this.idOf('');
  }

  /** The ids of a column's values, coded once per column. */
  column(values: readonly string[]): Int32Array {
    let ids = this.columns.get(values);
    if (ids === undefined) {
      ids = Int32Array.from(values, (value) => this.idOf(value));
      this.columns.set(values, ids);
    }
    return ids;
  }

  /** The id of a value (equal values, one id). */
  idOf(value: string): number {
    const known = this.ids.get(value);
    if (known !== undefined) return known;
    const id = this.texts.length;
    this.ids.set(value, id);
    this.texts.push(value);
    let codable = value.length <= MASKED_LENGTH;
    let lowSet = 0;
    let highSet = 0;
    for (let index = 0; index < value.length; index += 1) {
      const symbol = this.symbol(value.charCodeAt(index));
      if (symbol === 0) codable = false;
      else if (symbol < 32) lowSet |= 1 << symbol;
      else highSet |= 1 << (symbol - 32);
      this.codeColumn.push(symbol);
    }
    this.startColumn.push(this.codeColumn.length);
    this.symbolSetColumn.push(lowSet);
    this.symbolSetColumn.push(highSet);
    if (!codable) {
      this.maskStartColumn.push(-1);
      this.takeStorage();
      return id;
    }
    const maskStart = this.maskColumn.length;
    this.maskStartColumn.push(maskStart);
    const entries = value.length <= NARROW_LENGTH ? SYMBOLS : 2 * SYMBOLS;
    for (let entry = 0; entry < entries; entry += 1) this.maskColumn.push(0);
    const codes = this.codeColumn.values;
    const start = this.startColumn.at(id);
    for (let index = 0; index < value.length; index += 1) {
      const slot = maskStart + (codes[start + index] ?? 0) + (index < NARROW_LENGTH ? 0 : SYMBOLS);
      this.maskColumn.set(slot, this.maskColumn.at(slot) | (1 << index));
    }
    this.takeStorage();
    return id;
  }

  private takeStorage(): void {
    this.starts = this.startColumn.values;
    this.codes = this.codeColumn.values;
    this.maskStarts = this.maskStartColumn.values;
    this.masks = this.maskColumn.values;
    this.symbolSets = this.symbolSetColumn.values;
  }

  /** The value of an id. */
  text(id: number): string {
    return this.texts[id] ?? '';
  }

  /** The values coded. */
  get size(): number {
    return this.texts.length;
  }

  private symbol(code: number): number {
    const known = this.symbolOf[code] ?? 0;
    if (known !== 0 || this.symbolCount === SYMBOLS - 1) return known;
    this.symbolCount += 1;
    this.symbolOf[code] = this.symbolCount;
    return this.symbolCount;
  }
}

/**
 * Jaro-Winkler of two coded values when it is at least `minimum`, otherwise some value below it:
 * exactly `jaroWinklerAtLeast` of their texts.
 */
export function codedJaroWinklerAtLeast(coded: CodedValues, left: number, right: number, minimum: number): number {
  if (left === right) return 1;
  const starts = coded.starts;
  const leftStart = starts[left] ?? 0;
  const rightStart = starts[right] ?? 0;
  const leftLength = (starts[left + 1] ?? 0) - leftStart;
  const rightLength = (starts[right + 1] ?? 0) - rightStart;
  if (leftLength === 0 || rightLength === 0) return 0;
  // As jaroWinklerAtLeast: the Jaro similarity the boost needs, and the matches that Jaro needs.
  const boost = WINKLER_MAX_PREFIX * WINKLER_PREFIX_SCALE;
  const neededJaro = minimum > WINKLER_BOOST_THRESHOLD ? (minimum - boost) / (1 - boost) : minimum;
  const neededMatches = neededJaro <= 0 ? 0 : (3 * neededJaro - 1) / (1 / leftLength + 1 / rightLength);
  if (neededMatches > (leftLength < rightLength ? leftLength : rightLength)) return 0;
  if (neededMatches > 0) {
    // Each symbol of one value that the other lacks leaves at least one character unmatched (a
    // character with no symbol is in neither set, so it is not counted: it may still match).
    const sets = coded.symbolSets;
    const leftLow = sets[2 * left] ?? 0;
    const leftHigh = sets[2 * left + 1] ?? 0;
    const rightLow = sets[2 * right] ?? 0;
    const rightHigh = sets[2 * right + 1] ?? 0;
    if (leftLength - bitCount(leftLow & ~rightLow) - bitCount(leftHigh & ~rightHigh) < neededMatches) return 0;
    if (rightLength - bitCount(rightLow & ~leftLow) - bitCount(rightHigh & ~leftHigh) < neededMatches) return 0;
  }
  // The shorter value takes the masks when it has at most 32 characters; when both have more, the
  // right one does (the left one is read in order), as jaroWinklerAtLeast matches them.
  const rightMasked = leftLength > NARROW_LENGTH || rightLength <= leftLength;
  const maskStart = coded.maskStarts[rightMasked ? right : left] ?? -1;
  if (maskStart < 0) return jaroWinklerAtLeast(coded.text(left), coded.text(right), minimum);
  const maskedLength = rightMasked ? rightLength : leftLength;
  const similarity =
    maskedLength <= NARROW_LENGTH
      ? rightMasked
        ? maskedJaro(coded, leftStart, leftLength, rightLength, maskStart, neededMatches)
        : maskedJaro(coded, rightStart, rightLength, leftLength, maskStart, neededMatches)
      : wideMaskedJaro(coded, leftStart, leftLength, rightLength, maskStart, neededMatches);
  if (similarity === 1 || similarity <= WINKLER_BOOST_THRESHOLD) return similarity;
  // The masked value has every character coded, so equal codes are equal characters.
  const codes = coded.codes;
  const shorter = leftLength < rightLength ? leftLength : rightLength;
  const limit = shorter < WINKLER_MAX_PREFIX ? shorter : WINKLER_MAX_PREFIX;
  let prefix = 0;
  while (prefix < limit && codes[leftStart + prefix] === codes[rightStart + prefix]) prefix += 1;
  return similarity + prefix * WINKLER_PREFIX_SCALE * (1 - similarity);
}

/**
 * Jaro of a value read code by code (from `start`, `length` codes) against a value given by its
 * masks (`maskStart`, `maskedLength` characters): 0 when fewer than `neededMatches` match.
 */
function maskedJaro(
  coded: CodedValues,
  start: number,
  length: number,
  maskedLength: number,
  maskStart: number,
  neededMatches: number,
): number {
  const codes = coded.codes;
  const masks = coded.masks;
  const longest = length > maskedLength ? length : maskedLength;
  const window = longest > 3 ? (longest >> 1) - 1 : 0;
  // Past this position a character's window lies beyond the masked value's end.
  const last = maskedLength - 1 + window < length - 1 ? maskedLength - 1 + window : length - 1;
  // The window's positions as a mask moved along: [0, window] first, then growing by one
  // position a character while it starts at 0, then sliding (positions past the masked value's
  // end hold no character, so the mask need not stop there).
  let windowMask = window >= 31 ? -1 : (1 << (window + 1)) - 1;
  let matchedMasked = 0;
  let matches = 0;
  for (let index = 0; index <= last; index += 1) {
    if (matches + length - index < neededMatches) break;
    const candidates = (masks[maskStart + (codes[start + index] ?? 0)] ?? 0) & windowMask & ~matchedMasked;
    if (candidates !== 0) {
      matchedMasked |= candidates & -candidates;
      matchedAt[matches] = index;
      matches += 1;
    }
    windowMask = index < window ? (windowMask << 1) | 1 : windowMask << 1;
  }
  if (matches === 0 || matches < neededMatches) return 0;
  // Transpositions: the k-th matched character of each side, compared through the masks.
  let halfTranspositions = 0;
  let remaining = matchedMasked;
  for (let match = 0; match < matches; match += 1) {
    const lowest = remaining & -remaining;
    remaining ^= lowest;
    const code = codes[start + (matchedAt[match] ?? 0)] ?? 0;
    if (((masks[maskStart + code] ?? 0) & lowest) === 0) halfTranspositions += 1;
  }
  return (matches / length + matches / maskedLength + (matches - (halfTranspositions >> 1)) / matches) / 3;
}

/** {@link maskedJaro} against a value of 33 to 64 characters: each mask in two 32-bit halves. */
function wideMaskedJaro(
  coded: CodedValues,
  start: number,
  length: number,
  maskedLength: number,
  maskStart: number,
  neededMatches: number,
): number {
  const codes = coded.codes;
  const masks = coded.masks;
  const longest = length > maskedLength ? length : maskedLength;
  const window = (longest >> 1) - 1;
  const last = maskedLength - 1 + window < length - 1 ? maskedLength - 1 + window : length - 1;
  // The window's mask as two halves, [0, window] first (window ≥ 15 here).
  let windowLow = window >= 31 ? -1 : (1 << (window + 1)) - 1;
  let windowHigh = window >= 63 ? -1 : window >= 31 ? (1 << (window - 31)) - 1 : 0;
  let matchedLow = 0;
  let matchedHigh = 0;
  let matches = 0;
  for (let index = 0; index <= last; index += 1) {
    if (matches + length - index < neededMatches) break;
    const code = codes[start + index] ?? 0;
    const low = (masks[maskStart + code] ?? 0) & windowLow & ~matchedLow;
    if (low !== 0) {
      matchedLow |= low & -low;
      matchedAt[matches] = index;
      matches += 1;
    } else {
      const high = (masks[maskStart + SYMBOLS + code] ?? 0) & windowHigh & ~matchedHigh;
      if (high !== 0) {
        matchedHigh |= high & -high;
        matchedAt[matches] = index;
        matches += 1;
      }
    }
    windowHigh = (windowHigh << 1) | (windowLow >>> 31);
    windowLow = index < window ? (windowLow << 1) | 1 : windowLow << 1;
  }
  if (matches === 0 || matches < neededMatches) return 0;
  let halfTranspositions = 0;
  let remaining = matchedLow;
  let half = 0;
  for (let match = 0; match < matches; match += 1) {
    if (remaining === 0) {
      remaining = matchedHigh;
      half = SYMBOLS;
    }
    const lowest = remaining & -remaining;
    remaining ^= lowest;
    const code = codes[start + (matchedAt[match] ?? 0)] ?? 0;
    if (((masks[maskStart + half + code] ?? 0) & lowest) === 0) halfTranspositions += 1;
  }
  return (matches / length + matches / maskedLength + (matches - (halfTranspositions >> 1)) / matches) / 3;
}

/** The number of bits set in a 32-bit integer. */
export function bitCount(bits: number): number {
  let count = bits - ((bits >>> 1) & 0x55555555);
  count = (count & 0x33333333) + ((count >>> 2) & 0x33333333);
  return (Math.imul((count + (count >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) | 0;
}
