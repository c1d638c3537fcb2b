/**
 * Names in the Brahmic scripts of South Asia (Devanagari, Bengali, Gurmukhi, Gujarati, Oriya,
 * Tamil, Telugu, Kannada, Malayalam) romanised as their Latin spellings are usually written.
 *
 * any-ascii reads these scripts letter by letter, and a consonant letter without a vowel sign
 * carries a vowel that is not written: नरेंद्र (Narendra) came out as "nremdr". Here each consonant
 * without a vowel sign or virama gets its inherent "a", left out in the northern scripts where
 * Hindi, Bengali or Punjabi do not speak it (see `dropUnspokenVowels`); an anusvara is "n", or "m"
 * before p, b, m and at a word's end (गांधी is Gandhi); the sibilants श and ष are "sh", च "ch"
 * (Suresh, Shah, Chandra). The nine scripts share one layout (from ISCII): the same letter sits at
 * the same offset in each block.
 */
import anyAscii from 'any-ascii';

/** The first code point of the Brahmic blocks read here, and the one past the last. */
const FIRST_BLOCK = 0x0900;
const PAST_LAST_BLOCK = 0x0d80;
/** Blocks whose languages leave some inherent vowels unspoken (Devanagari to Oriya). */
const PAST_NORTHERN = 0x0b80;
const TAMIL = 0x0b80;

const VIRAMA = 0x4d;
const NUKTA = 0x3c;
const CANDRABINDU = 0x01;
const ANUSVARA = 0x02;
const GURMUKHI = 0x0a00;
const TIPPI = 0x70; // Gurmukhi's other anusvara
const VISARGA = 0x03;
const ZERO_WIDTH = new Set([0x200c, 0x200d]);

/** Consonants whose usual Latin spelling differs from any-ascii's, by offset in the block. */
const CONSONANTS: Readonly<Record<number, string>> = {
  0x1a: 'ch', // च
  0x1b: 'chh', // छ
  0x36: 'sh', // श
  0x37: 'sh', // ष
  0x5c: 'r', // ड़, a flap (चोपड़ा is Chopra)
  0x5d: 'rh', // ढ़
};
/**
 * Consonants with a nukta, as NFKC leaves them (it splits the precomposed ones: ड़ into ड and ़):
 * the flaps, and the sounds of Persian loanwords (ज़ z, फ़ f, ख़ kh, ग़ gh; Gurmukhi ਸ਼ sh).
 */
const WITH_NUKTA: Readonly<Record<number, string>> = {
  0x16: 'kh',
  0x17: 'gh',
  0x1c: 'z',
  0x21: 'r',
  0x22: 'rh',
  0x2b: 'f',
  0x38: 'sh',
};
/** Vowels and vowel signs whose usual spelling differs from any-ascii's: vocalic r (कृष्ण is Krishna). */
const VOWELS: Readonly<Record<number, string>> = { 0x0b: 'ri', 0x43: 'ri' };

/** Whether a code point is in one of the Brahmic blocks romanised here. */
export function isBrahmic(codePoint: number): boolean {
  return codePoint >= FIRST_BLOCK && codePoint < PAST_LAST_BLOCK;
}

const offsetOf = (codePoint: number): number => codePoint & 0x7f;
const isConsonant = (offset: number): boolean =>
  (offset >= 0x15 && offset <= 0x39) || (offset >= 0x58 && offset <= 0x5f);
/** Dependent vowel signs (and the length marks of the southern scripts). */
const isVowelSign = (offset: number): boolean =>
  (offset >= 0x3e && offset <= 0x4c) || (offset >= 0x55 && offset <= 0x57) || offset === 0x62 || offset === 0x63;

/** A piece of a romanised word: a consonant's letters, a vowel written or inherent, or anything else. */
interface Piece {
  readonly text: string;
  readonly kind: 'consonant' | 'vowel' | 'inherent' | 'other';
  /** For an inherent vowel: its consonant ends a cluster (the one before bore a virama). */
  readonly clustered?: boolean;
}

/** One word of a Brahmic script, romanised: lower-case ASCII. */
export function romaniseBrahmic(word: string): string {
  const points = Array.from(word, (character) => character.codePointAt(0) ?? 0).filter(
    (point) => !ZERO_WIDTH.has(point),
  );
  const pieces: Piece[] = [];
  let northern = false;
  for (let index = 0; index < points.length; index += 1) {
    const point = points[index] ?? 0;
    if (!isBrahmic(point)) {
      pieces.push({ text: anyAscii(String.fromCodePoint(point)), kind: 'other' });
      continue;
    }
    const offset = offsetOf(point);
    northern ||= point - offset < PAST_NORTHERN;
    if (offset === VIRAMA || offset === NUKTA) continue;
    if (offset === CANDRABINDU || offset === ANUSVARA || (offset === TIPPI && point - offset === GURMUKHI)) {
      const next = points[index + 1];
      const nextLetter = next !== undefined && isBrahmic(next) ? romaniseConsonant(next) : '';
      pieces.push({ text: nextLetter === '' || /^[pbm]/.test(nextLetter) ? 'm' : 'n', kind: 'consonant' });
      continue;
    }
    if (offset === VISARGA) {
      pieces.push({ text: 'h', kind: 'consonant' });
      continue;
    }
    if (!isConsonant(offset)) {
      const text = VOWELS[offset] ?? anyAscii(String.fromCodePoint(point)).replace(/[^a-z]/gi, '');
      pieces.push({ text, kind: isVowelSign(offset) || /^[aeiou]/i.test(text) ? 'vowel' : 'other' });
      continue;
    }
    // A nukta changes the consonant, not whether a vowel follows.
    let after = index + 1;
    while (after < points.length && offsetOf(points[after] ?? 0) === NUKTA && isBrahmic(points[after] ?? 0)) after += 1;
    pieces.push({
      text: (after > index + 1 ? WITH_NUKTA[offset] : undefined) ?? romaniseConsonant(point),
      kind: 'consonant',
    });
    const next = points[after];
    const signed = next !== undefined && isBrahmic(next) && (isVowelSign(offsetOf(next)) || offsetOf(next) === VIRAMA);
    if (!signed) {
      const previous = points[index - 1];
      const clustered = previous !== undefined && isBrahmic(previous) && offsetOf(previous) === VIRAMA;
      pieces.push({ text: 'a', kind: 'inherent', clustered });
    }
  }
  if (northern) dropUnspokenVowels(pieces);
  return pieces
    .map((piece) => piece.text)
    .join('')
    .toLowerCase();
}

/**
 * The inherent vowels Hindi, Bengali, Punjabi, Gujarati and Oriya do not speak: a word's last
 * (राम is Ram; not after a cluster, नरेंद्र is Narendra, nor in a word of one letter), and, from
 * the end of the word back, one between a vowel and a consonant and a consonant and a vowel
 * (Ohala's rule: ममता is Mamta, तेंदुलकर Tendulkar). Removed from `pieces` in place.
 */
function dropUnspokenVowels(pieces: Piece[]): void {
  const last = pieces.at(-1);
  const consonants = pieces.filter((piece) => piece.kind === 'consonant').length;
  if (last?.kind === 'inherent' && last.clustered !== true && consonants > 1) pieces.pop();
  const spokenVowel = (piece: Piece | undefined) => piece?.kind === 'vowel' || piece?.kind === 'inherent';
  for (let index = pieces.length - 2; index >= 2; index -= 1) {
    const piece = pieces[index];
    if (
      piece?.kind === 'inherent' &&
      pieces[index - 1]?.kind === 'consonant' &&
      spokenVowel(pieces[index - 2]) &&
      pieces[index + 1]?.kind === 'consonant' &&
      spokenVowel(pieces[index + 2])
    ) {
      pieces.splice(index, 1);
    }
  }
}

function romaniseConsonant(point: number): string {
  const offset = offsetOf(point);
  if (!isConsonant(offset)) return '';
  const block = point - offset;
  if (block === TAMIL && offset === 0x1a) return 's'; // ச: Suresh, Selvam
  return CONSONANTS[offset] ?? anyAscii(String.fromCodePoint(point)).replace(/[^a-z]/gi, '');
}
