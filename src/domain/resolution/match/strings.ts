/**
 * String similarity for the hot loop: Jaro-Winkler without allocation (the match flags live in
 * typed arrays reused across calls) and a test for "at most one edit apart".
 */

// Match flags as stamps: a position is flagged in this call when it holds this call's stamp, so
// nothing is cleared between calls (the arrays are wiped only when the stamp wraps around).
let leftFlags = new Int32Array(64);
let rightFlags = new Int32Array(64);
let stamp = 0;

function ensureCapacity(length: number): void {
  if (length <= leftFlags.length) return;
  let size = leftFlags.length;
  while (size < length) size *= 2;
  leftFlags = new Int32Array(size);
  rightFlags = new Int32Array(size);
  stamp = 0;
}

/** Winkler's prefix scale and the Jaro similarity above which the prefix boost applies. */
const PREFIX_SCALE = 0.1;
const BOOST_THRESHOLD = 0.7;

/**
 * Jaro-Winkler similarity in [0, 1] (1 for equal non-empty strings, 0 when either is empty).
 * The Winkler boost (up to 4 common leading characters, scale 0.1) applies above Jaro 0.7, as in
 * Winkler's definition and in DuckDB's `jaro_winkler_similarity`.
 */
export function jaroWinkler(left: string, right: string): number {
  return jaroWinklerAtLeast(left, right, 0);
}

/**
 * Jaro-Winkler similarity when it is at least `minimum`; otherwise some value below `minimum`
 * (often 0). Stops matching characters as soon as too few are left to reach `minimum`, which is
 * most of the time for two unrelated values: the comparison levels only need to know the band.
 */
export function jaroWinklerAtLeast(left: string, right: string, minimum: number): number {
  const leftLength = left.length;
  const rightLength = right.length;
  if (leftLength === 0 || rightLength === 0) return 0;
  if (left === right) return 1;
  const longest = leftLength > rightLength ? leftLength : rightLength;
  ensureCapacity(longest);
  if (stamp === 0x7fffffff) {
    leftFlags.fill(0);
    rightFlags.fill(0);
    stamp = 0;
  }
  stamp += 1;
  const mark = stamp;
  const leftMatched = leftFlags;
  const rightMatched = rightFlags;
  const window = longest > 3 ? (longest >> 1) - 1 : 0;
  // The Jaro similarity needed: the boost lifts a Jaro j above 0.7 to at most j + 0.4 (1 − j).
  const neededJaro = minimum > BOOST_THRESHOLD ? (minimum - 4 * PREFIX_SCALE) / (1 - 4 * PREFIX_SCALE) : minimum;
  // With no transpositions, Jaro is (m/|a| + m/|b| + 1) / 3: the matches m needed for it.
  const neededMatches = neededJaro <= 0 ? 0 : (3 * neededJaro - 1) / (1 / leftLength + 1 / rightLength);
  if (neededMatches > (leftLength < rightLength ? leftLength : rightLength)) return 0;
  // Jaro is symmetric: the shorter string (at most 32 characters) takes the bit masks.
  if (rightLength <= 32 || leftLength <= 32) {
    const jaro =
      rightLength <= leftLength || leftLength > 32
        ? bitParallelJaro(left, right, window, neededMatches, mark)
        : bitParallelJaro(right, left, window, neededMatches, mark);
    if (jaro >= 0) return winkler(left, right, jaro);
  }
  let matches = 0;
  for (let index = 0; index < leftLength; index += 1) {
    if (matches + leftLength - index < neededMatches) return 0;
    const code = left.charCodeAt(index);
    const low = index > window ? index - window : 0;
    const high = index + window < rightLength - 1 ? index + window : rightLength - 1;
    for (let other = low; other <= high; other += 1) {
      if (rightMatched[other] !== mark && right.charCodeAt(other) === code) {
        leftMatched[index] = mark;
        rightMatched[other] = mark;
        matches += 1;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let halfTranspositions = 0;
  let other = 0;
  for (let index = 0; index < leftLength; index += 1) {
    if (leftMatched[index] !== mark) continue;
    while (rightMatched[other] !== mark) other += 1;
    if (left.charCodeAt(index) !== right.charCodeAt(other)) halfTranspositions += 1;
    other += 1;
  }
  return winkler(
    left,
    right,
    (matches / leftLength + matches / rightLength + (matches - halfTranspositions / 2) / matches) / 3,
  );
}

/** Winkler's boost of a Jaro similarity for the common prefix (up to 4 characters). */
function winkler(left: string, right: string, jaro: number): number {
  if (jaro <= BOOST_THRESHOLD) return jaro;
  const leftLength = left.length;
  const rightLength = right.length;
  const limit = leftLength < rightLength ? (leftLength < 4 ? leftLength : 4) : rightLength < 4 ? rightLength : 4;
  let prefix = 0;
  while (prefix < limit && left.charCodeAt(prefix) === right.charCodeAt(prefix)) prefix += 1;
  return jaro + prefix * PREFIX_SCALE * (1 - jaro);
}

// For each ASCII code, the positions it holds in the right string, one bit each (at most 32).
const positions = new Int32Array(128);

/**
 * Jaro similarity with the right string's character positions as bit masks: each left character
 * finds its first unmatched position in the window with a few integer operations, instead of a
 * scan of the window. Gives the same matches as the scan. Returns -1 when a character is not
 * ASCII (the caller scans instead), 0 when too few characters can match to reach `neededMatches`.
 */
function bitParallelJaro(left: string, right: string, window: number, neededMatches: number, mark: number): number {
  const leftLength = left.length;
  const rightLength = right.length;
  for (let index = 0; index < rightLength; index += 1) {
    const code = right.charCodeAt(index);
    if (code >= 128) {
      for (let undo = 0; undo < index; undo += 1) positions[right.charCodeAt(undo)] = 0;
      return -1;
    }
    positions[code] = (positions[code] ?? 0) | (1 << index);
  }
  const leftMatched = leftFlags;
  let matchedRight = 0;
  let matches = 0;
  for (let index = 0; index < leftLength; index += 1) {
    if (matches + leftLength - index < neededMatches) break;
    const code = left.charCodeAt(index);
    if (code >= 128) continue;
    const low = index > window ? index - window : 0;
    const high = index + window < rightLength - 1 ? index + window : rightLength - 1;
    if (low > high) continue;
    const span = high - low + 1;
    const windowMask = (span >= 32 ? -1 : (1 << span) - 1) << low;
    const candidates = (positions[code] ?? 0) & windowMask & ~matchedRight;
    if (candidates !== 0) {
      matchedRight |= candidates & -candidates;
      leftMatched[index] = mark;
      matches += 1;
    }
  }
  for (let index = 0; index < rightLength; index += 1) positions[right.charCodeAt(index)] = 0;
  if (matches === 0 || matches < neededMatches) return 0;
  let halfTranspositions = 0;
  let remaining = matchedRight;
  for (let index = 0; index < leftLength; index += 1) {
    if (leftMatched[index] !== mark) continue;
    const lowest = remaining & -remaining;
    const other = 31 - Math.clz32(lowest);
    remaining ^= lowest;
    if (left.charCodeAt(index) !== right.charCodeAt(other)) halfTranspositions += 1;
  }
  return (matches / leftLength + matches / rightLength + (matches - halfTranspositions / 2) / matches) / 3;
}

/** Jaro-Winkler by scanning each window, with no bit masks: the reference the fast path is tested against. */
export function jaroWinklerByScan(left: string, right: string): number {
  const leftLength = left.length;
  const rightLength = right.length;
  if (leftLength === 0 || rightLength === 0) return 0;
  if (left === right) return 1;
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
  return winkler(
    left,
    right,
    (matches / leftLength + matches / rightLength + (matches - halfTranspositions / 2) / matches) / 3,
  );
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
