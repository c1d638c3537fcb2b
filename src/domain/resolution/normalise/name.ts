/**
 * Person names in any script, folded to comparable ASCII tokens, and a similarity between two
 * names that survives reordering, initials, transliteration variants and Arabic spelling.
 *
 * The pipeline: NFKC → split into runs of one script → transliterate each run (our own tables
 * for Arabic and Hebrew and the Brahmic scripts of South Asia, `transliteration` for Han, Hangul
 * and kana, `any-ascii` for the rest, after stripping the accents of alphabets but not the vowel
 * signs of the scripts of Southeast Asia) → lowercase ASCII tokens → drop honorifics → bind
 * "Abd" to the following word → describe each token (variant key, consonant skeleton, phonetic
 * code).
 *
 * Scripts that leave short vowels unwritten (Arabic, Hebrew, Thai…) transliterate to vowelless
 * strings in every library ("محمد" → "mhmd"), so tokens from them are compared by consonant
 * skeleton against the other side's skeleton, never by plain string distance alone.
 */
import anyAscii from 'any-ascii';
import { doubleMetaphone } from 'double-metaphone';
import { distance as levenshtein } from 'fastest-levenshtein';
import { transliterate } from 'transliteration';
import { isBrahmic, romaniseBrahmic } from './brahmic.ts';
import { jaroWinkler } from './jaro-winkler.ts';
import {
  ABD_PREFIXES,
  ABD_WORDS,
  ARABIC_ARTICLES,
  HONORIFICS,
  KOREAN_SURNAME_SPELLINGS,
  NAME_VARIANTS,
  PARTICLES,
} from './name-tables.ts';

/**
 * Where a token came from, which decides how it may be compared: `abjad` tokens (Arabic,
 * Hebrew, Syriac, Thaana, Thai, Lao) lack written vowels; `syllabic` tokens are one Han or
 * Hangul syllable, or a kana run; `alphabetic` is everything else (Latin, Cyrillic, Greek…).
 */
export type NameScriptFamily = 'alphabetic' | 'abjad' | 'syllabic';

/** One word of a normalised name with everything the comparator needs about it. */
export interface NameToken {
  /** Folded ASCII form: lowercase `[a-z0-9]+`. */
  readonly text: string;
  /** Canonical spelling from the name-variant table ("mohamed" → "muhammad"), else `text`. */
  readonly key: string;
  /** Consonant skeleton: vowels and the semivowels w/v/y (after the first letter) dropped, consonants grouped. */
  readonly skeleton: string;
  /** Double Metaphone codes (primary, alternate); empty for initials and numbers. */
  readonly phonetic: readonly [string, string];
  /** A single letter standing for a name ("J." in "J. Smith"). */
  readonly initial: boolean;
  /** A connecting word ("bin", "al", "van", "de") that weighs little in comparison. */
  readonly particle: boolean;
  readonly script: NameScriptFamily;
}

/** A person name after normalisation. Arrays are parallel to `tokens` unless stated. */
export interface NormalisedName {
  /** Folded tokens in written order, honorifics removed. */
  readonly tokens: readonly string[];
  /** `tokens` joined by single spaces; normalising it again gives the same tokens. */
  readonly ascii: string;
  /** `tokens` sorted and joined: the same for any order of the name parts. */
  readonly sortedKey: string;
  /** Variant-table keys per token. */
  readonly keys: readonly string[];
  /** Consonant skeletons per token. */
  readonly skeletons: readonly string[];
  /** The single-letter tokens (not parallel to `tokens`). */
  readonly initials: readonly string[];
  /** Primary Double Metaphone code per token ('' for initials and numbers). */
  readonly phonetic: readonly string[];
  /** Honorifics that were removed, folded (not parallel to `tokens`). */
  readonly honorifics: readonly string[];
  /** The full description of every token. */
  readonly parts: readonly NameToken[];
}

type RunScript = 'arabic' | 'hebrew' | 'vowelless' | 'brahmic' | 'han' | 'hangul' | 'kana' | 'other';

interface RawToken {
  text: string;
  script: NameScriptFamily;
  /** Set for abjad tokens, whose skeleton is taken from the original letters. */
  skeleton?: string;
}

function runScriptOf(codePoint: number): RunScript {
  if (
    (codePoint >= 0x0600 && codePoint <= 0x06ff) ||
    (codePoint >= 0x0750 && codePoint <= 0x077f) ||
    (codePoint >= 0x08a0 && codePoint <= 0x08ff) ||
    (codePoint >= 0xfb50 && codePoint <= 0xfdff) ||
    (codePoint >= 0xfe70 && codePoint <= 0xfeff)
  )
    return 'arabic';
  if ((codePoint >= 0x0590 && codePoint <= 0x05ff) || (codePoint >= 0xfb1d && codePoint <= 0xfb4f)) return 'hebrew';
  if (
    (codePoint >= 0x0700 && codePoint <= 0x074f) || // Syriac
    (codePoint >= 0x0780 && codePoint <= 0x07bf) || // Thaana
    (codePoint >= 0x0e00 && codePoint <= 0x0eff) // Thai, Lao
  )
    return 'vowelless';
  if (isBrahmic(codePoint)) return 'brahmic';
  if (
    (codePoint >= 0x3400 && codePoint <= 0x4dbf) ||
    (codePoint >= 0x4e00 && codePoint <= 0x9fff) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0x20000 && codePoint <= 0x2ffff)
  )
    return 'han';
  if (
    (codePoint >= 0xac00 && codePoint <= 0xd7af) ||
    (codePoint >= 0x1100 && codePoint <= 0x11ff) ||
    (codePoint >= 0x3130 && codePoint <= 0x318f)
  )
    return 'hangul';
  if ((codePoint >= 0x3040 && codePoint <= 0x30ff) || (codePoint >= 0x31f0 && codePoint <= 0x31ff)) return 'kana';
  return 'other';
}

const APOSTROPHES = new Set(["'", '’', 'ʼ', '`', '´', 'ʻ', '‘', 'ʿ', 'ʾ']);
const WORD_CHARACTER = /[\p{L}\p{N}]/u;
const COMBINING_MARK = /\p{M}/u;
const COMBINING_MARKS = /\p{M}+/gu;
/**
 * The combining accents of alphabets (the general diacritic blocks: é, ü, ş decomposed). Not every
 * combining mark: the vowel signs of Devanagari, Bengali, Tamil, Thai, Khmer, Myanmar… are marks
 * too, and dropping them leaves "राम" as "rm" and "សុខ" as "skh" where any-ascii reads "ram", "sokh".
 */
function isAccent(mark: string): boolean {
  const code = mark.codePointAt(0) ?? 0;
  return (
    (code >= 0x0300 && code <= 0x036f) ||
    (code >= 0x1ab0 && code <= 0x1aff) ||
    (code >= 0x1dc0 && code <= 0x1dff) ||
    (code >= 0x20d0 && code <= 0x20ff) ||
    (code >= 0xfe20 && code <= 0xfe2f)
  );
}
const COMBINING_MARK_EACH = /\p{M}/gu;
const NON_ALPHANUMERIC = /[^a-z0-9]+/u;

/** Splits text into runs of word characters of one script; apostrophes join, everything else separates. */
function scriptRuns(text: string): { script: RunScript; text: string }[] {
  const runs: { script: RunScript; text: string }[] = [];
  let current: { script: RunScript; text: string } | undefined;
  for (const character of text) {
    if (COMBINING_MARK.test(character)) {
      if (current) current.text += character;
      continue;
    }
    if (APOSTROPHES.has(character)) continue;
    if (!WORD_CHARACTER.test(character)) {
      current = undefined;
      continue;
    }
    const script = runScriptOf(character.codePointAt(0) ?? 0);
    // Each Han character and Hangul syllable is its own token: they are written without spaces.
    if (current && current.script === script && script !== 'han' && script !== 'hangul') {
      current.text += character;
    } else {
      current = { script, text: character };
      runs.push(current);
    }
  }
  return runs;
}

/**
 * Lowercase ASCII from text of any script but those with tables of their own: accents stripped,
 * then `any-ascii` for the rest (ß, ø, Cyrillic, Greek, and the vowel signs of Brahmic scripts).
 */
function foldAlphabetic(text: string): string {
  return anyAscii(
    text.normalize('NFKD').replace(COMBINING_MARK_EACH, (mark) => (isAccent(mark) ? '' : mark)),
  ).toLowerCase();
}

// Arabic: our own table, because the libraries render ʿayn as a backtick and drop long vowels inconsistently.
const ARABIC_LETTERS: Readonly<Record<string, string>> = {
  ا: 'a',
  أ: 'a',
  إ: 'i',
  آ: 'a',
  ٱ: 'a',
  ء: '',
  ؤ: '',
  ئ: '',
  ب: 'b',
  ت: 't',
  ث: 'th',
  ج: 'j',
  ح: 'h',
  خ: 'kh',
  د: 'd',
  ذ: 'dh',
  ر: 'r',
  ز: 'z',
  س: 's',
  ش: 'sh',
  ص: 's',
  ض: 'd',
  ط: 't',
  ظ: 'z',
  ع: 'a',
  غ: 'gh',
  ف: 'f',
  ق: 'q',
  ك: 'k',
  ک: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ه: 'h',
  ة: 'a',
  ى: 'a',
  پ: 'p',
  چ: 'ch',
  ژ: 'zh',
  گ: 'g',
  ڤ: 'v',
};
/** Arabic letters to skeleton classes; '.' marks a vowel carrier, dropped later. */
const ARABIC_SKELETON: Readonly<Record<string, string>> = {
  ا: '.',
  أ: '.',
  إ: '.',
  آ: '.',
  ٱ: '.',
  ء: '.',
  ؤ: '.',
  ئ: '.',
  ى: '.',
  ة: '.',
  ع: '.',
  ب: 'b',
  پ: 'f',
  ت: 't',
  ث: 't',
  ط: 't',
  ج: 'j',
  غ: 'j',
  گ: 'j',
  ژ: 'j',
  ح: 'h',
  ه: 'h',
  خ: 'k',
  ق: 'k',
  ك: 'k',
  ک: 'k',
  د: 'd',
  ذ: 'd',
  ض: 'd',
  ر: 'r',
  ز: 'z',
  ظ: 'z',
  س: 's',
  ش: 's',
  ص: 's',
  ف: 'f',
  ڤ: 'f',
  ل: 'l',
  م: 'm',
  ن: 'n',
  و: 'w',
  ي: 'y',
  ی: 'y',
  چ: 'c',
};
const ARABIC_VOWEL_SIGNS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/gu;
const ARABIC_ARTICLE = 'ال';

function romaniseArabic(word: string): string {
  let out = '';
  let index = 0;
  for (const letter of word) {
    if (letter === 'و') out += index === 0 ? 'w' : 'u';
    else if (letter === 'ي' || letter === 'ی') out += index === 0 ? 'y' : 'i';
    else out += ARABIC_LETTERS[letter] ?? foldAlphabetic(letter);
    index++;
  }
  return out;
}

// Hebrew: final he is usually a vowel letter (Moshe); vav and yod are semivowels like Arabic waw and ya.
const HEBREW_SKELETON: Readonly<Record<string, string>> = {
  א: '.',
  ע: '.',
  ב: 'b',
  ג: 'j',
  ד: 'd',
  ה: 'h',
  ו: 'w',
  ז: 'z',
  ח: 'h',
  ט: 't',
  י: 'y',
  כ: 'k',
  ך: 'k',
  ל: 'l',
  מ: 'm',
  ם: 'm',
  נ: 'n',
  ן: 'n',
  ס: 's',
  פ: 'f',
  ף: 'f',
  צ: 's',
  ץ: 's',
  ק: 'k',
  ר: 'r',
  ש: 's',
  ת: 't',
};

/** Drops vowel markers and non-initial semivowels from a class sequence, after merging repeats. */
function finishSkeleton(classes: string[]): string {
  let out = '';
  let previous = '';
  for (let index = 0; index < classes.length; index++) {
    const symbol = classes[index] ?? '';
    if (symbol === previous) continue;
    previous = symbol;
    if (symbol === '.') continue;
    if ((symbol === 'w' || symbol === 'y') && index > 0) continue;
    out += symbol;
  }
  return out;
}

function lettersSkeleton(word: string, table: Readonly<Record<string, string>>, finalHeIsVowel: boolean): string {
  const letters = Array.from(word);
  const classes = letters.map((letter, index) => {
    if (finalHeIsVowel && letter === 'ה' && index === letters.length - 1) return '.';
    return table[letter] ?? '';
  });
  return finishSkeleton(classes.filter((symbol) => symbol !== ''));
}

const LATIN_DIGRAPHS: Readonly<Record<string, string>> = {
  sh: 's',
  ch: 'c',
  kh: 'k',
  gh: 'j',
  th: 't',
  dh: 'd',
  ph: 'f',
  zh: 'j',
  ck: 'k',
};
const LATIN_CLASSES: Readonly<Record<string, string>> = {
  a: '.',
  e: '.',
  i: '.',
  o: '.',
  u: '.',
  b: 'b',
  p: 'f',
  f: 'f',
  c: 'k',
  k: 'k',
  q: 'k',
  g: 'j',
  j: 'j',
  d: 'd',
  t: 't',
  h: 'h',
  l: 'l',
  m: 'm',
  n: 'n',
  r: 'r',
  s: 's',
  z: 'z',
  v: 'w',
  w: 'w',
  y: 'y',
};

/**
 * Consonant skeleton of a folded Latin token, in the same classes as the Arabic and Hebrew
 * tables: "mohammed" → "mhmd", "youssef" → "ysf", "hussein" → "hsn".
 */
export function latinSkeleton(token: string): string {
  const classes: string[] = [];
  for (let index = 0; index < token.length; index++) {
    const digraph = LATIN_DIGRAPHS[token.slice(index, index + 2)];
    if (digraph !== undefined) {
      classes.push(digraph);
      index++;
      continue;
    }
    const letter = token.charAt(index);
    if (letter === 'x') classes.push('k', 's');
    else classes.push(LATIN_CLASSES[letter] ?? letter);
  }
  return finishSkeleton(classes);
}

function splitFolded(text: string, script: NameScriptFamily, skeleton?: string): RawToken[] {
  const pieces = text.split(NON_ALPHANUMERIC).filter((piece) => piece !== '');
  if (pieces.length === 1 && skeleton !== undefined) return [{ text: pieces[0] ?? '', script, skeleton }];
  return pieces.map((piece) =>
    script === 'abjad' ? { text: piece, script, skeleton: latinSkeleton(piece) } : { text: piece, script },
  );
}

function tokensOfRun(run: { script: RunScript; text: string }): RawToken[] {
  switch (run.script) {
    case 'arabic': {
      let word = run.text.replace(ARABIC_VOWEL_SIGNS, '');
      const tokens: RawToken[] = [];
      if (word.startsWith(ARABIC_ARTICLE) && Array.from(word).length > 3) {
        tokens.push({ text: 'al', script: 'abjad', skeleton: 'l' });
        word = word.slice(ARABIC_ARTICLE.length);
      }
      return [...tokens, ...splitFolded(romaniseArabic(word), 'abjad', lettersSkeleton(word, ARABIC_SKELETON, false))];
    }
    case 'hebrew': {
      const word = run.text.replace(COMBINING_MARKS, '');
      return splitFolded(
        foldAlphabetic(word).replace(/['`]/gu, ''),
        'abjad',
        lettersSkeleton(word, HEBREW_SKELETON, true),
      );
    }
    case 'vowelless': {
      const text = foldAlphabetic(run.text).replace(/['`]/gu, '');
      return splitFolded(text, 'abjad');
    }
    case 'brahmic':
      return splitFolded(romaniseBrahmic(run.text), 'alphabetic');
    case 'han':
    case 'kana':
      // Kanji are read with Mandarin readings here: Japanese readings need a dictionary we do not ship.
      return splitFolded(transliterate(run.text).toLowerCase(), 'syllabic');
    case 'hangul':
      return splitFolded(transliterate(run.text).toLowerCase(), 'syllabic').map((token) => ({
        ...token,
        text: KOREAN_SURNAME_SPELLINGS.get(token.text) ?? token.text,
      }));
    case 'other':
      return splitFolded(foldAlphabetic(run.text).replace(/['`]/gu, ''), 'alphabetic');
  }
}

/** Removes honorifics (and an article directly before one, as in "al-Sheikh"), unless nothing would remain. */
function removeHonorifics(tokens: RawToken[]): { kept: RawToken[]; removed: string[] } {
  const drop = new Set<number>();
  tokens.forEach((token, index) => {
    if (!HONORIFICS.has(token.text)) return;
    drop.add(index);
    const before = tokens[index - 1];
    if (before && (before.text === 'al' || before.text === 'el')) drop.add(index - 1);
  });
  if (drop.size === 0 || drop.size === tokens.length) return { kept: tokens, removed: [] };
  return {
    kept: tokens.filter((_, index) => !drop.has(index)),
    removed: tokens.filter((token, index) => drop.has(index) && HONORIFICS.has(token.text)).map((token) => token.text),
  };
}

/** Rewrites a one-word "ʿAbd" compound to `abd` + rest ("abdulrahman" → "abdrahman"), to a fixed point. */
function canonicalAbd(text: string): string {
  let current = text;
  for (;;) {
    const prefix = ABD_PREFIXES.find(
      (candidate) => current.startsWith(candidate) && current.length - candidate.length >= 3,
    );
    const next = prefix === undefined ? current : 'abd' + current.slice(prefix.length);
    if (next === current) return current;
    current = next;
  }
}

/** Strips an article glued to the start of the word after "Abd" ("allah" → "lah", "elaziz" → "aziz"). */
function stripGluedArticle(text: string): string {
  for (const article of ['al', 'el', 'ul']) {
    if (text.startsWith(article) && text.length - article.length >= 3) return text.slice(article.length);
  }
  return text;
}

/** Binds "Abd" to the following word, skipping a detached article between them. */
function bindAbd(tokens: RawToken[]): RawToken[] {
  const out: RawToken[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (token === undefined) continue;
    let next = tokens[index + 1];
    if (!ABD_WORDS.has(token.text) || next === undefined) {
      out.push(token);
      continue;
    }
    let consumed = 1;
    const afterArticle = tokens[index + 2];
    if (ARABIC_ARTICLES.has(next.text) && afterArticle !== undefined) {
      next = afterArticle;
      consumed = 2;
    }
    const text = 'abd' + stripGluedArticle(next.text);
    const abjad = token.script === 'abjad' || next.script === 'abjad';
    out.push(
      abjad
        ? {
            text,
            script: 'abjad',
            skeleton: (token.skeleton ?? latinSkeleton(token.text)) + (next.skeleton ?? latinSkeleton(next.text)),
          }
        : { text, script: token.script },
    );
    index += consumed;
  }
  return out.map((token) => {
    const text = canonicalAbd(token.text);
    return text === token.text ? token : { ...token, text };
  });
}

const ONLY_DIGITS = /^[0-9]+$/u;
const NO_PHONETIC: readonly [string, string] = ['', ''];

function describe(token: RawToken): NameToken {
  const numeric = ONLY_DIGITS.test(token.text);
  const initial = token.text.length === 1 && !numeric && token.script === 'alphabetic';
  return {
    text: token.text,
    key: initial ? token.text : (NAME_VARIANTS.get(token.text) ?? token.text),
    skeleton: token.skeleton ?? latinSkeleton(token.text),
    phonetic: initial || numeric ? NO_PHONETIC : doubleMetaphone(token.text),
    initial,
    particle: PARTICLES.has(token.text),
    script: token.script,
  };
}

/** Normalises a person name written in any script; see {@link NormalisedName} for what it yields. */
export function normaliseName(text: string): NormalisedName {
  const raw = scriptRuns(text.normalize('NFKC')).flatMap(tokensOfRun);
  const { kept, removed } = removeHonorifics(raw);
  const parts = bindAbd(kept).map(describe);
  const tokens = parts.map((part) => part.text);
  return {
    tokens,
    ascii: tokens.join(' '),
    sortedKey: [...tokens].sort().join(' '),
    keys: parts.map((part) => part.key),
    skeletons: parts.map((part) => part.skeleton),
    initials: parts.filter((part) => part.initial).map((part) => part.text),
    phonetic: parts.map((part) => part.phonetic[0]),
    honorifics: removed,
    parts,
  };
}

/** Scores and weights used by {@link nameSimilarity}; exported so they are documented and testable. */
export const NAME_SIMILARITY_SETTINGS = {
  /** An initial against a full token starting with that letter. */
  initialMatch: 0.9,
  /** Two tokens with the same consonant skeleton, when one of them came from a vowelless script. */
  skeletonMatch: 0.95,
  /** Jaro–Winkler of two skeletons is scaled by this (skeletons are short and coarse). */
  skeletonScale: 0.9,
  /** Two tokens with the same Double Metaphone code: sound-alike, but weak evidence on its own. */
  phoneticMatch: 0.8,
  /** Token pairs scoring below this are not aligned: they count as different words. */
  tokenFloor: 0.8,
  /**
   * Tokens left over on both sides are words the names disagree on ("Castro" against
   * "Castillo"); each leftover pair weighs this much against the score.
   */
  conflictWeight: 1,
  /**
   * Tokens left over on one side only are extra names (a middle name, a patronymic); each
   * weighs this much: a fuller name still matches its shorter form.
   */
  extraWeight: 0.25,
  /** Weight of a particle ("bin", "van") relative to a full token. */
  particleWeight: 0.3,
  /** Weight of an initial relative to a full token. */
  initialWeight: 0.5,
  /** Applied when no full word of one name aligns with a full word of the other (only initials or particles agree). */
  noFullWordScale: 0.5,
} as const;

/**
 * Spelling similarity of two folded words: the mean of Jaro–Winkler (forgiving of typos near the
 * end) and a Levenshtein ratio (strict about the number of edits), so that different surnames
 * sharing a prefix ("Castro" / "Castillo") do not look alike.
 */
function spellingSimilarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 1;
  return (jaroWinkler(a, b) + 1 - levenshtein(a, b) / longest) / 2;
}

/** Similarity of two name tokens in [0, 1]. */
export function tokenSimilarity(a: NameToken, b: NameToken): number {
  const settings = NAME_SIMILARITY_SETTINGS;
  if (a.initial || b.initial) {
    if (a.initial && b.initial) return a.text === b.text ? 1 : 0;
    const [initial, full] = a.initial ? [a, b] : [b, a];
    return full.text.startsWith(initial.text) || full.key.startsWith(initial.text) ? settings.initialMatch : 0;
  }
  if (a.key === b.key) return 1;
  if (ONLY_DIGITS.test(a.text) || ONLY_DIGITS.test(b.text)) return 0;
  let score = spellingSimilarity(a.text, b.text);
  if (a.key !== a.text || b.key !== b.text) score = Math.max(score, spellingSimilarity(a.key, b.key));
  if ((a.script === 'abjad' || b.script === 'abjad') && a.skeleton !== '' && b.skeleton !== '') {
    score = Math.max(
      score,
      a.skeleton === b.skeleton ? settings.skeletonMatch : settings.skeletonScale * jaroWinkler(a.skeleton, b.skeleton),
    );
  }
  const [primaryA, alternateA] = a.phonetic;
  const [primaryB, alternateB] = b.phonetic;
  if (
    primaryA !== '' &&
    primaryB !== '' &&
    (primaryA === primaryB || alternateA === alternateB || primaryA === alternateB || alternateA === primaryB)
  ) {
    score = Math.max(score, settings.phoneticMatch);
  }
  return score;
}

function weightOf(token: NameToken): number {
  if (token.particle) return NAME_SIMILARITY_SETTINGS.particleWeight;
  if (token.initial) return NAME_SIMILARITY_SETTINGS.initialWeight;
  return 1;
}

function isFullWord(token: NameToken): boolean {
  return !token.initial && !token.particle;
}

/**
 * Joins adjacent tokens of `tokens` whose concatenation is a token of `other`, so that
 * "Jin Ping" meets "Jinping" and "Mohammad Hasni" meets "Mohammadhasni" as one word.
 */
function joinSplitWords(tokens: readonly NameToken[], other: readonly NameToken[]): readonly NameToken[] {
  const wanted = new Set(other.filter((token) => !token.initial).map((token) => token.text));
  if (wanted.size === 0) return tokens;
  const out: NameToken[] = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    const next = tokens[index + 1];
    if (token === undefined) continue;
    if (
      next !== undefined &&
      !token.initial &&
      !next.initial &&
      wanted.has(token.text + next.text) &&
      !wanted.has(token.text)
    ) {
      out.push(
        describe({
          text: token.text + next.text,
          script: token.script === next.script ? token.script : 'alphabetic',
          ...(token.script === 'abjad' && next.script === 'abjad' ? { skeleton: token.skeleton + next.skeleton } : {}),
        }),
      );
      index++;
    } else {
      out.push(token);
    }
  }
  return out;
}

/**
 * Weighted token alignment. Pairs are taken greedily, best first, each token used once, and only
 * above the token floor. Score = similarity-weighted cover of the aligned pairs, divided by the
 * aligned weight plus the disagreement: leftovers on both sides count as conflicting words,
 * leftovers on one side only as (cheap) extra names.
 */
function alignmentScore(
  a: readonly NameToken[],
  b: readonly NameToken[],
  similarity: (a: NameToken, b: NameToken) => number,
): number {
  const settings = NAME_SIMILARITY_SETTINGS;
  const pairs: { score: number; i: number; j: number }[] = [];
  a.forEach((tokenA, i) => {
    b.forEach((tokenB, j) => {
      const score = similarity(tokenA, tokenB);
      if (score >= settings.tokenFloor) pairs.push({ score, i, j });
    });
  });
  pairs.sort((x, y) => y.score - x.score || x.i - y.i || x.j - y.j);
  const usedA = new Set<number>();
  const usedB = new Set<number>();
  let covered = 0;
  let alignedWeight = 0;
  let fullWordAligned = false;
  for (const pair of pairs) {
    const tokenA = a[pair.i];
    const tokenB = b[pair.j];
    if (tokenA === undefined || tokenB === undefined || usedA.has(pair.i) || usedB.has(pair.j)) continue;
    usedA.add(pair.i);
    usedB.add(pair.j);
    const weight = weightOf(tokenA) + weightOf(tokenB);
    covered += pair.score * weight;
    alignedWeight += weight;
    if (isFullWord(tokenA) && isFullWord(tokenB)) fullWordAligned = true;
  }
  const leftoverA = a.reduce((sum, token, i) => (usedA.has(i) ? sum : sum + weightOf(token)), 0);
  const leftoverB = b.reduce((sum, token, j) => (usedB.has(j) ? sum : sum + weightOf(token)), 0);
  const conflicting = Math.min(leftoverA, leftoverB);
  const extra = Math.abs(leftoverA - leftoverB);
  const denominator = alignedWeight + 2 * conflicting * settings.conflictWeight + extra * settings.extraWeight;
  if (denominator === 0) return 0;
  const score = covered / denominator;
  return fullWordAligned ? score : score * settings.noFullWordScale;
}

/**
 * Similarity of two person names in [0, 1], by weighted token alignment: order-free; initials,
 * variant spellings, consonant skeletons (for vowelless scripts) and sound-alikes count; words
 * split or joined differently are rejoined first. A fuller name scores high against its shorter
 * form; names that disagree on a word score low. 0 when either name has no tokens.
 */
export function nameSimilarity(a: string | NormalisedName, b: string | NormalisedName): number {
  const left = typeof a === 'string' ? normaliseName(a) : a;
  const right = typeof b === 'string' ? normaliseName(b) : b;
  return tokensSimilarity(left.parts, right.parts);
}

/**
 * {@link nameSimilarity} of two names given as their tokens (a screening index keeps tokens, not
 * names). `similarity` compares two tokens: {@link tokenSimilarity}, or a memo of it when one name
 * is compared with many that share tokens.
 */
export function tokensSimilarity(
  left: readonly NameToken[],
  right: readonly NameToken[],
  similarity: (a: NameToken, b: NameToken) => number = tokenSimilarity,
): number {
  if (left.length === 0 || right.length === 0) return 0;
  const leftParts = joinSplitWords(left, right);
  const rightParts = joinSplitWords(right, leftParts);
  return Math.min(1, alignmentScore(leftParts, rightParts, similarity));
}
