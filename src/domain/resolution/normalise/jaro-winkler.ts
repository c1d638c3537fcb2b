/**
 * Jaro and Jaro–Winkler similarity: the one implementation the normalisers and the record-linkage
 * engine share. Written here rather than taken from a library because the common packages
 * disagree on long strings (match-window and prefix rules differ) and allocate on every call.
 * This one follows Winkler (1990) and his strcmp95, as DuckDB's `jaro_winkler_similarity` does:
 * match window `floor(max(|a|, |b|) / 2) - 1`, transpositions half the matched characters out of
 * order rounded down, prefix scale 0.1 over at most 4 characters, applied only when the Jaro score
 * exceeds 0.7.
 *
 * Strings are compared by UTF-16 code unit, which is one character for the folded ASCII names
 * the normalisers produce. Nothing is allocated per call: for ASCII strings of at most 32
 * characters the shorter one's character positions are bit masks (each character of the other
 * finds its first free position in its window with a few integer operations); otherwise the
 * window is scanned with match flags kept in typed arrays between calls, stamped rather than
 * cleared.
 */

/** Winkler's prefix scale: how much each shared leading character lifts the score. */
export const WINKLER_PREFIX_SCALE = 0.1;
/** The prefix bonus counts at most this many leading characters. */
export const WINKLER_MAX_PREFIX = 4;
/** The prefix bonus is applied only above this Jaro score. */
export const WINKLER_BOOST_THRESHOLD = 0.7;

// Match flags as stamps: a position is flagged in this call when it holds this call's stamp, so
// nothing is cleared between calls (the arrays are wiped only when the stamp wraps around).
let leftFlags = new Int32Array(64);
let rightFlags = new Int32Array(64);
let stamp = 0;

function nextStamp(length: number): number {
  if (length > leftFlags.length) {
    let size = leftFlags.length;
    while (size < length) size *= 2;
    leftFlags = new Int32Array(size);
    rightFlags = new Int32Array(size);
    stamp = 0;
  }
  if (stamp === 0x7fffffff) {
    leftFlags.fill(0);
    rightFlags.fill(0);
    stamp = 0;
  }
  stamp += 1;
  return stamp;
}

/** Jaro similarity of two strings, in [0, 1]; 1 for identical strings (empty ones too), 0 when nothing matches. */
export function jaro(a: string, b: string): number {
  return jaroAtLeast(a, b, 0);
}

/** Jaro–Winkler similarity in [0, 1]: Jaro plus Winkler's bonus for a shared prefix. */
export function jaroWinkler(a: string, b: string): number {
  return jaroWinklerAtLeast(a, b, 0);
}

/**
 * Jaro–Winkler similarity when it is at least `minimum`; otherwise some value below `minimum`
 * (often 0). Stops matching characters as soon as too few are left to reach `minimum`, which is
 * most of the time for two unrelated values: comparison levels only need to know the band.
 */
export function jaroWinklerAtLeast(a: string, b: string, minimum: number): number {
  // The Jaro similarity needed: the boost lifts a Jaro j above 0.7 to at most j + 0.4 (1 − j).
  const boost = WINKLER_MAX_PREFIX * WINKLER_PREFIX_SCALE;
  const neededJaro = minimum > WINKLER_BOOST_THRESHOLD ? (minimum - boost) / (1 - boost) : minimum;
  const similarity = jaroAtLeast(a, b, neededJaro);
  return similarity === 1 ? 1 : winkler(a, b, similarity);
}

/** Winkler's boost of a Jaro similarity for the common prefix (up to 4 characters). */
function winkler(a: string, b: string, similarity: number): number {
  if (similarity <= WINKLER_BOOST_THRESHOLD) return similarity;
  const shorter = a.length < b.length ? a.length : b.length;
  const limit = shorter < WINKLER_MAX_PREFIX ? shorter : WINKLER_MAX_PREFIX;
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix += 1;
  return similarity + prefix * WINKLER_PREFIX_SCALE * (1 - similarity);
}

/** Jaro similarity when it is at least `minimum`, else some value below it (0 when given up early). */
function jaroAtLeast(left: string, right: string, minimum: number): number {
  if (left === right) return 1;
  const leftLength = left.length;
  const rightLength = right.length;
  if (leftLength === 0 || rightLength === 0) return 0;
  const longest = leftLength > rightLength ? leftLength : rightLength;
  const window = longest > 3 ? (longest >> 1) - 1 : 0;
  // With no transpositions, Jaro is (m/|a| + m/|b| + 1) / 3: the matches m needed for `minimum`.
  const neededMatches = minimum <= 0 ? 0 : (3 * minimum - 1) / (1 / leftLength + 1 / rightLength);
  if (neededMatches > (leftLength < rightLength ? leftLength : rightLength)) return 0;
  // Jaro is symmetric: the shorter string (at most 32 characters) takes the bit masks.
  if (rightLength <= 32 || leftLength <= 32) {
    const similarity =
      rightLength <= leftLength || leftLength > 32
        ? bitParallelJaro(left, right, window, neededMatches)
        : bitParallelJaro(right, left, window, neededMatches);
    if (similarity >= 0) return similarity;
  }
  const mark = nextStamp(longest);
  const leftMatched = leftFlags;
  const rightMatched = rightFlags;
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
  return (matches / leftLength + matches / rightLength + (matches - (halfTranspositions >> 1)) / matches) / 3;
}

// For each ASCII code, the positions it holds in the right string, one bit each (at most 32).
const positions = new Int32Array(128);

/**
 * Jaro similarity with the right string's character positions as bit masks: each left character
 * takes the lowest unmatched position of its code in its window, exactly the position a scan of
 * the window finds. The left string's matched positions are bits too when it has at most 32
 * characters (flags otherwise), so the transpositions are counted over the matches alone. Returns
 * -1 when the right string is not ASCII (the caller scans instead), 0 when too few characters can
 * match to reach `neededMatches`.
 */
function bitParallelJaro(left: string, right: string, window: number, neededMatches: number): number {
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
  const wide = leftLength > 32;
  const mark = wide ? nextStamp(leftLength) : 0;
  const leftMatched = leftFlags;
  let matchedLeft = 0;
  let matchedRight = 0;
  let matches = 0;
  // Past this position a left character's window lies beyond the right string's end.
  const last = rightLength - 1 + window < leftLength - 1 ? rightLength - 1 + window : leftLength - 1;
  for (let index = 0; index <= last; index += 1) {
    if (matches + leftLength - index < neededMatches) break;
    const code = left.charCodeAt(index);
    if (code >= 128) continue;
    const low = index > window ? index - window : 0;
    const high = index + window < rightLength - 1 ? index + window : rightLength - 1;
    const span = high - low + 1;
    const windowMask = (span >= 32 ? -1 : (1 << span) - 1) << low;
    const candidates = (positions[code] ?? 0) & windowMask & ~matchedRight;
    if (candidates !== 0) {
      matchedRight |= candidates & -candidates;
      if (wide) leftMatched[index] = mark;
      else matchedLeft |= 1 << index;
      matches += 1;
    }
  }
  for (let index = 0; index < rightLength; index += 1) positions[right.charCodeAt(index)] = 0;
  if (matches === 0 || matches < neededMatches) return 0;
  let halfTranspositions = 0;
  let remaining = matchedRight;
  if (wide) {
    for (let index = 0; index < leftLength; index += 1) {
      if (leftMatched[index] !== mark) continue;
      const lowest = remaining & -remaining;
      remaining ^= lowest;
      if (left.charCodeAt(index) !== right.charCodeAt(31 - Math.clz32(lowest))) halfTranspositions += 1;
    }
  } else {
    let leftRemaining = matchedLeft;
    while (leftRemaining !== 0) {
      const leftLowest = leftRemaining & -leftRemaining;
      const lowest = remaining & -remaining;
      leftRemaining ^= leftLowest;
      remaining ^= lowest;
      if (left.charCodeAt(31 - Math.clz32(leftLowest)) !== right.charCodeAt(31 - Math.clz32(lowest))) {
        halfTranspositions += 1;
      }
    }
  }
  return (matches / leftLength + matches / rightLength + (matches - (halfTranspositions >> 1)) / matches) / 3;
}
