/**
 * String similarity for the hot loop: Jaro-Winkler (one implementation, shared with the
 * normalisers, allocation-free) and a test for "at most one edit apart".
 */
import { WINKLER_BOOST_THRESHOLD, WINKLER_MAX_PREFIX, WINKLER_PREFIX_SCALE } from '../normalise/jaro-winkler.ts';

export { jaro, jaroWinkler, jaroWinklerAtLeast } from '../normalise/jaro-winkler.ts';

/** Jaro-Winkler by scanning each window, with no bit masks: the reference the fast path is tested against. */
export function jaroWinklerByScan(left: string, right: string): number {
  const leftLength = left.length;
  const rightLength = right.length;
  if (left === right) return 1;
  if (leftLength === 0 || rightLength === 0) return 0;
  const longest = leftLength > rightLength ? leftLength : rightLength;
  const window = longest > 3 ? (longest >> 1) - 1 : 0;
  const leftMatched = new Uint8Array(leftLength);
  const rightMatched = new Uint8Array(rightLength);
  let matches = 0;
  for (let index = 0; index < leftLength; index += 1) {
    const low = Math.max(0, index - window);
    const high = Math.min(rightLength - 1, index + window);
    for (let other = low; other <= high; other += 1) {
      if (rightMatched[other] === 0 && right[other] === left[index]) {
        leftMatched[index] = 1;
        rightMatched[other] = 1;
        matches += 1;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let halfTranspositions = 0;
  let other = 0;
  for (let index = 0; index < leftLength; index += 1) {
    if (leftMatched[index] === 0) continue;
    while (rightMatched[other] === 0) other += 1;
    if (left[index] !== right[other]) halfTranspositions += 1;
    other += 1;
  }
  const similarity =
    (matches / leftLength + matches / rightLength + (matches - (halfTranspositions >> 1)) / matches) / 3;
  if (similarity <= WINKLER_BOOST_THRESHOLD) return similarity;
  let prefix = 0;
  while (prefix < Math.min(WINKLER_MAX_PREFIX, leftLength, rightLength) && left[prefix] === right[prefix]) prefix += 1;
  return similarity + prefix * WINKLER_PREFIX_SCALE * (1 - similarity);
}

/**
 * Whether two different strings are one edit apart: one character inserted, deleted or replaced,
 * or two neighbouring characters swapped (the commonest typing slips). Equal strings are not.
 */
export function oneEditApart(left: string, right: string): boolean {
  const leftLength = left.length;
  const rightLength = right.length;
  if (leftLength === rightLength) {
    let first = -1;
    for (let index = 0; index < leftLength; index += 1) {
      if (left.charCodeAt(index) === right.charCodeAt(index)) continue;
      if (first !== -1) {
        // A second difference: only a swap of neighbours is still one edit.
        return (
          index === first + 1 &&
          left.charCodeAt(first) === right.charCodeAt(index) &&
          left.charCodeAt(index) === right.charCodeAt(first) &&
          left.slice(index + 1) === right.slice(index + 1)
        );
      }
      first = index;
    }
    return first !== -1;
  }
  if (leftLength - rightLength !== 1 && rightLength - leftLength !== 1) return false;
  const [long, short] = leftLength > rightLength ? [left, right] : [right, left];
  let skipped = false;
  let shortIndex = 0;
  for (let longIndex = 0; longIndex < long.length; longIndex += 1) {
    if (shortIndex < short.length && long.charCodeAt(longIndex) === short.charCodeAt(shortIndex)) {
      shortIndex += 1;
    } else if (skipped) {
      return false;
    } else {
      skipped = true;
    }
  }
  return true;
}

/** The distance matrix of {@link withinEdits}, grown as needed and reused. */
let editRows = new Int32Array(0);
/** For {@link withinEdits}: the last row where each character (by UTF-16 code) was seen, 0 when not. */
const lastRowOf = new Int32Array(0x10000);

/**
 * Whether two strings are at most `edits` edits apart, an edit being one character inserted,
 * deleted or replaced, or two neighbours swapped, in any order: the Damerau–Levenshtein distance
 * (unrestricted, as DuckDB's `damerau_levenshtein`: "mia" to "maxi" is a swap and an insertion).
 */
export function withinEdits(left: string, right: string, edits: number): boolean {
  const leftLength = left.length;
  const rightLength = right.length;
  if (Math.abs(leftLength - rightLength) > edits) return false;
  if (left === right) return true;
  // Lowrance and Wagner's algorithm, with a border row and column of "infinity".
  const width = rightLength + 2;
  const cells = (leftLength + 2) * width;
  if (editRows.length < cells) editRows = new Int32Array(cells * 2);
  const rows = editRows;
  const infinity = leftLength + rightLength;
  rows[0] = infinity;
  for (let row = 0; row <= leftLength; row += 1) {
    rows[(row + 1) * width] = infinity;
    rows[(row + 1) * width + 1] = row;
  }
  for (let column = 0; column <= rightLength; column += 1) {
    rows[column + 1] = infinity;
    rows[width + column + 1] = column;
  }
  let within = true;
  for (let row = 1; row <= leftLength; row += 1) {
    const leftCode = left.charCodeAt(row - 1);
    let lastMatchColumn = 0;
    let best = rows[(row + 1) * width + 1] as number;
    for (let column = 1; column <= rightLength; column += 1) {
      const rightCode = right.charCodeAt(column - 1);
      const swapRow = lastRowOf[rightCode] as number;
      const swapColumn = lastMatchColumn;
      let cost = 1;
      if (leftCode === rightCode) {
        cost = 0;
        lastMatchColumn = column;
      }
      const distance = Math.min(
        (rows[row * width + column] as number) + cost,
        (rows[(row + 1) * width + column] as number) + 1,
        (rows[row * width + column + 1] as number) + 1,
        (rows[swapRow * width + swapColumn] as number) + (row - swapRow - 1) + 1 + (column - swapColumn - 1),
      );
      rows[(row + 1) * width + column + 1] = distance;
      if (distance < best) best = distance;
    }
    lastRowOf[leftCode] = row;
    // No later row is below this one's least distance: a row all past the bound ends the test.
    if (best > edits) {
      within = false;
      break;
    }
  }
  if (within) within = (rows[(leftLength + 1) * width + rightLength + 1] as number) <= edits;
  for (let row = 0; row < leftLength; row += 1) lastRowOf[left.charCodeAt(row)] = 0;
  return within;
}
