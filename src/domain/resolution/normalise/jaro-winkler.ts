/**
 * Jaro and Jaro–Winkler similarity, written here rather than taken from a library because the
 * common packages disagree on long strings (match-window and prefix rules differ) and allocate
 * on every call. This one follows Winkler (1990): match window `floor(max(|a|, |b|) / 2) - 1`,
 * prefix scale 0.1 over at most 4 characters, applied only when the Jaro score exceeds 0.7.
 *
 * Strings are compared by UTF-16 code unit, which is one character for the normalised ASCII
 * names this folder produces. The only memory used is a pair of flag arrays kept between calls
 * and grown when a longer string arrives, so the hot path allocates nothing.
 */

/** Winkler's prefix scale: how much each shared leading character lifts the score. */
export const WINKLER_PREFIX_SCALE = 0.1;
/** The prefix bonus counts at most this many leading characters. */
export const WINKLER_MAX_PREFIX = 4;
/** The prefix bonus is applied only above this Jaro score. */
export const WINKLER_BOOST_THRESHOLD = 0.7;

let matchedInA = new Uint8Array(64);
let matchedInB = new Uint8Array(64);

function ensureCapacity(lengthA: number, lengthB: number): void {
  if (matchedInA.length < lengthA) matchedInA = new Uint8Array(Math.max(lengthA, matchedInA.length * 2));
  if (matchedInB.length < lengthB) matchedInB = new Uint8Array(Math.max(lengthB, matchedInB.length * 2));
}

/** Jaro similarity of two strings, in [0, 1]; 1 for identical strings, 0 when nothing matches. */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const lengthA = a.length;
  const lengthB = b.length;
  if (lengthA === 0 || lengthB === 0) return 0;

  const window = Math.max(0, Math.floor(Math.max(lengthA, lengthB) / 2) - 1);
  ensureCapacity(lengthA, lengthB);
  const flagsA = matchedInA;
  const flagsB = matchedInB;
  flagsA.fill(0, 0, lengthA);
  flagsB.fill(0, 0, lengthB);

  let matches = 0;
  for (let i = 0; i < lengthA; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lengthB - 1, i + window);
    const code = a.charCodeAt(i);
    for (let j = from; j <= to; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === code) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;

  // Count matched characters that appear in a different order; half of them are transpositions.
  let outOfOrder = 0;
  let k = 0;
  for (let i = 0; i < lengthA; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) outOfOrder++;
    k++;
  }
  const transpositions = outOfOrder / 2;
  return (matches / lengthA + matches / lengthB + (matches - transpositions) / matches) / 3;
}

/** Jaro–Winkler similarity of two strings, in [0, 1]: Jaro plus a bonus for a shared prefix. */
export function jaroWinkler(a: string, b: string): number {
  const score = jaro(a, b);
  if (score <= WINKLER_BOOST_THRESHOLD) return score;
  const limit = Math.min(WINKLER_MAX_PREFIX, a.length, b.length);
  let prefix = 0;
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return score + prefix * WINKLER_PREFIX_SCALE * (1 - score);
}
