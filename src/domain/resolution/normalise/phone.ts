/**
 * Telephone numbers: E.164 normalisation through `libphonenumber-js` (full metadata, so only
 * numbers valid in their numbering plan pass), and an extractor for numbers hidden in advert
 * text the way traffickers write them: digits as words in several languages, look-alike letters,
 * exotic Unicode digits, keycap emoji and separators spelled out ("2ONE6-SIX2TWO-O4 8 7").
 */
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import type { Branded } from '../../model/ids.ts';

/** A telephone number in E.164 form ("+447911123456"), made only by this module's parsers. */
export type E164Phone = Branded<string, 'E164Phone'>;

/** An ISO 3166-1 alpha-2 code libphonenumber knows, or undefined for any other text. */
function countryOf(code: string | undefined): CountryCode | undefined {
  if (code === undefined) return undefined;
  const upper = code.toUpperCase();
  return isSupportedCountry(upper) ? upper : undefined;
}

const KEYCAP_PARTS = /[\ufe0f\u20e3]/gu;
const DECIMAL_DIGIT = /\p{Nd}/u;

/** Value of a character that stands for one digit or a short digit string; undefined otherwise. */
export function digitsOfCharacter(character: string): string | undefined {
  const codePoint = character.codePointAt(0) ?? 0;
  if (codePoint >= 0x30 && codePoint <= 0x39) return character;
  // Dingbat circled digits have no compatibility decomposition: ❶–❿, ➀–➉, ➊–➓ run 1…10.
  for (const base of [0x2776, 0x2780, 0x278a]) {
    if (codePoint >= base && codePoint < base + 10) return String(codePoint - base + 1);
  }
  if (codePoint >= 0x24f5 && codePoint <= 0x24fe) return String(codePoint - 0x24f5 + 1); // ⓵–⓾
  if (codePoint >= 0x24eb && codePoint <= 0x24f4) return String(codePoint - 0x24eb + 11); // ⓫–⓴
  if (codePoint === 0x24ff) return '0'; // ⓿
  if (DECIMAL_DIGIT.test(character)) {
    // Unicode decimal digits come in runs of ten starting at zero: walk back to the run's start.
    let start = codePoint;
    while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
    return String((codePoint - start) % 10);
  }
  // Full-width, mathematical, circled ①–⑳ and parenthesised ⑴ digits decompose under NFKC.
  const compatible = character.normalize('NFKC');
  if (compatible !== character) {
    const digits = compatible.replace(/[().,\s]/gu, '');
    if (/^[0-9]{1,2}$/u.test(digits)) return digits;
  }
  return undefined;
}

/** Replaces every Unicode digit form (Arabic-Indic, full-width, circled, keycap…) by ASCII digits. */
export function foldDigits(text: string): string {
  let out = '';
  for (const character of text.replace(KEYCAP_PARTS, '')) out += digitsOfCharacter(character) ?? character;
  return out;
}

/**
 * A telephone number in E.164 form, or null when it is not a valid number. Without a `+` or
 * international prefix the number is read in `defaultCountry` (ISO alpha-2); without either,
 * national numbers cannot be placed and give null.
 */
export function normalisePhone(text: string, defaultCountry?: string): E164Phone | null {
  // Possible (the right length for its country), not only valid: a number outside the allocated
  // ranges (unallocated, reserved, fictional) written in a record's phone field still identifies
  // whoever gave it. Numbers read out of free text must be valid (see extractPhones).
  return parsePhone(text, defaultCountry, false);
}

function parsePhone(text: string, defaultCountry: string | undefined, valid: boolean): E164Phone | null {
  const folded = foldDigits(text.normalize('NFKC')).trim();
  const country = countryOf(defaultCountry);
  // Without a country, only an international number ("+…") can be placed: the parser would throw
  // and catch an error for every other (the most of a file's national numbers), slowly.
  if (country === undefined && !folded.includes('+')) return null;
  const phone = parsePhoneNumberFromString(folded, country === undefined ? {} : { defaultCountry: country });
  if ((valid ? phone?.isValid() : phone?.isPossible()) !== true || phone === undefined) return null;
  return phone.number as E164Phone;
}

/** A number read out of free text: valid for its country, so that prose is not taken for phones. */
const validPhone = (text: string, defaultCountry?: string): E164Phone | null => parsePhone(text, defaultCountry, true);

/** A number found in free text. */
export interface ExtractedPhone {
  readonly e164: E164Phone;
  /** The stretch of the original text it was read from (UTF-16 offsets, end exclusive). */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** True when anything but plain digits and separators was decoded (words, look-alikes, exotic digits). */
  readonly obfuscated: boolean;
}

function words(list: string): string[] {
  return list.trim().split(/\s+/u);
}

/** Digit words (folded: lowercase, no diacritics) in English, French, Spanish, Portuguese, German, Italian, Romanian and Russian. */
const DIGIT_WORDS: ReadonlyMap<string, string> = new Map(
  [
    words('zero oh cero null nul nulla ноль нуль'),
    words('one un une uno una um uma eins ein unu один одна'),
    words('two deux dos dois duas zwei zwo due doi doua два две'),
    words('three trois tres drei tre trei три'),
    words('four quatre cuatro quatro vier quattro patru четыре'),
    words('five cinq cinco funf fuenf cinque cinci пять'),
    words('six seis sechs sei sase шесть'),
    words('seven sept siete sete sieben sette sapte семь'),
    words('eight huit ocho oito acht otto opt восемь'),
    words('nine neuf nueve nove neun noua девять'),
  ].flatMap((spellings, digit) => spellings.map((spelling): [string, string] => [spelling, String(digit)])),
);

/** Words that double or triple the digit after them ("double five" → 55). */
const REPEAT_WORDS: ReadonlyMap<string, number> = new Map([
  ['double', 2],
  ['doble', 2],
  ['doppio', 2],
  ['triple', 3],
  ['triplo', 3],
]);

/** Separators written as words ("dash", "tiret", "точка"). */
const SEPARATOR_WORDS: ReadonlySet<string> = new Set(
  words(`
    dash hyphen dot point space slash tiret trait espace guion punto espacio ponto traco hifen
    strich bindestrich punkt trattino cratima liniuta punct тире дефис точка
  `),
);

/** Letters that stand for digits when written against digits ("2O16", "l0"): Latin, Greek and Cyrillic O, l and I. */
const LOOKALIKES: ReadonlyMap<string, string> = new Map([
  ['O', '0'],
  ['o', '0'],
  ['О', '0'],
  ['о', '0'],
  ['Ο', '0'],
  ['ο', '0'],
  ['l', '1'],
  ['I', '1'],
  ['ı', '1'],
]);

const LINE_BREAK = /[\n\r\u2028\u2029]/u;
const SEPARATOR_CHARACTER = /[\s.\-‐-―/\\()[\]{}_*~·•:'"]/u;
const STRONG_SEPARATOR = /[,;|]/u;
const LETTER = /\p{L}/u;
const MARK = /\p{M}/u;

type Item =
  | { kind: 'digits'; digits: string; start: number; end: number; obfuscated: boolean }
  | { kind: 'separator' }
  | { kind: 'strong' }
  | { kind: 'plus'; start: number }
  | { kind: 'repeat'; times: number }
  | { kind: 'break' };

function foldWord(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** Splits a folded word entirely into digit words ("twoone" → "21"); undefined when it cannot. */
function segmentDigitWords(word: string): string | undefined {
  const best: (string | undefined)[] = new Array<string | undefined>(word.length + 1).fill(undefined);
  best[0] = '';
  for (let end = 1; end <= word.length; end++) {
    for (let start = Math.max(0, end - 8); start < end; start++) {
      const before = best[start];
      const digit = DIGIT_WORDS.get(word.slice(start, end));
      if (before !== undefined && digit !== undefined) {
        best[end] = before + digit;
        break;
      }
    }
  }
  return best[word.length];
}

function isDigitCharacter(character: string | undefined): boolean {
  return character !== undefined && digitsOfCharacter(character) !== undefined;
}

/** Reads the text into digit groups, separators and breaks. */
function scan(text: string): Item[] {
  const characters = Array.from(text);
  const offsets: number[] = [];
  let offset = 0;
  for (const character of characters) {
    offsets.push(offset);
    offset += character.length;
  }
  offsets.push(offset);

  const items: Item[] = [];
  let index = 0;
  while (index < characters.length) {
    const character = characters[index] ?? '';
    const start = offsets[index] ?? 0;
    const digit = digitsOfCharacter(character);
    if (digit !== undefined) {
      let digits = '';
      let obfuscated = false;
      let cursor = index;
      for (;;) {
        const current = characters[cursor];
        if (current === '\ufe0f' || current === '\u20e3') {
          obfuscated = true;
          cursor++;
          continue;
        }
        const value = current === undefined ? undefined : digitsOfCharacter(current);
        if (value === undefined) break;
        if (!/[0-9]/u.test(current ?? '')) obfuscated = true;
        digits += value;
        cursor++;
      }
      items.push({ kind: 'digits', digits, start, end: offsets[cursor] ?? offset, obfuscated });
      index = cursor;
      continue;
    }
    if (LETTER.test(character)) {
      let cursor = index;
      while (
        cursor < characters.length &&
        (LETTER.test(characters[cursor] ?? '') || MARK.test(characters[cursor] ?? ''))
      )
        cursor++;
      const word = characters.slice(index, cursor).join('');
      const folded = foldWord(word);
      const gluedBefore = isDigitCharacter(characters[index - 1]);
      const gluedAfter = isDigitCharacter(characters[cursor]);
      const end = offsets[cursor] ?? offset;
      const asWords = segmentDigitWords(folded);
      const lookalikes = Array.from(word, (letter) => LOOKALIKES.get(letter));
      if (asWords !== undefined) {
        items.push({ kind: 'digits', digits: asWords, start, end, obfuscated: true });
      } else if ((gluedBefore || gluedAfter) && lookalikes.every((value) => value !== undefined)) {
        items.push({ kind: 'digits', digits: lookalikes.join(''), start, end, obfuscated: true });
      } else if (SEPARATOR_WORDS.has(folded)) {
        items.push({ kind: 'separator' });
      } else if (REPEAT_WORDS.has(folded)) {
        items.push({ kind: 'repeat', times: REPEAT_WORDS.get(folded) ?? 1 });
      } else if (folded === 'plus') {
        items.push({ kind: 'plus', start });
      } else {
        items.push({ kind: 'break' });
      }
      index = cursor;
      continue;
    }
    if (character === '+') items.push({ kind: 'plus', start });
    else if (LINE_BREAK.test(character)) items.push({ kind: 'break' });
    else if (STRONG_SEPARATOR.test(character)) items.push({ kind: 'strong' });
    else if (SEPARATOR_CHARACTER.test(character) || character === '\ufe0f' || character === '\u20e3')
      items.push({ kind: 'separator' });
    else items.push({ kind: 'break' });
    index++;
  }
  return items;
}

interface DigitGroup {
  digits: string;
  start: number;
  end: number;
  obfuscated: boolean;
}

interface Run {
  plus: boolean;
  start: number;
  groups: DigitGroup[];
}

/** Groups digit items into runs: separated only by separators, a `+` allowed before the first group. */
function runsOf(items: Item[]): Run[] {
  const runs: Run[] = [];
  let current: Run | undefined;
  let pendingPlus: number | undefined;
  let pendingRepeat = 1;
  const close = (): void => {
    if (current && current.groups.length > 0) runs.push(current);
    current = undefined;
    pendingRepeat = 1;
  };
  for (const item of items) {
    switch (item.kind) {
      case 'digits': {
        const digits =
          pendingRepeat > 1 ? item.digits.charAt(0).repeat(pendingRepeat) + item.digits.slice(1) : item.digits;
        const group = { digits, start: item.start, end: item.end, obfuscated: item.obfuscated || pendingRepeat > 1 };
        pendingRepeat = 1;
        if (current === undefined) {
          current = { plus: pendingPlus !== undefined, start: pendingPlus ?? item.start, groups: [] };
          pendingPlus = undefined;
        }
        current.groups.push(group);
        break;
      }
      case 'separator':
        break;
      case 'repeat':
        pendingRepeat = item.times;
        break;
      case 'plus':
        close();
        pendingPlus = item.start;
        break;
      case 'strong':
      case 'break':
        close();
        pendingPlus = undefined;
        break;
    }
  }
  close();
  return runs;
}

/** Fewest and most digits an E.164 number (with or without trunk or international prefix) may have. */
const MIN_DIGITS = 7;
const MAX_DIGITS = 17;

/** Calendar dates written in digits ("2023-05-14", "14/05/2023"), which some numbering plans would accept as numbers. */
const DATE_SHAPE = /^(?:[0-9]{4}[-./][0-9]{1,2}[-./][0-9]{1,2}|[0-9]{1,2}[-./][0-9]{1,2}[-./](?:[0-9]{4}|[0-9]{2}))$/u;

function validate(digits: string, plus: boolean, country: CountryCode | undefined): E164Phone | null {
  if (digits.length < MIN_DIGITS || digits.length > MAX_DIGITS) return null;
  // A number outside the allocated ranges is still taken when written the way phones are (with an
  // international or trunk prefix, ten digits or more): prose rarely writes such runs.
  const lenient = digits.length >= 10 && (plus || digits.startsWith('0'));
  const read = (text: string, inCountry?: CountryCode) =>
    validPhone(text, inCountry) ?? (lenient ? parsePhone(text, inCountry, false) : null);
  if (plus) return read('+' + digits);
  if (digits.startsWith('00')) {
    const international = read('+' + digits.slice(2));
    if (international !== null) return international;
  }
  return country === undefined ? null : read(digits, country);
}

/**
 * Telephone numbers in free text, including obfuscated ones: digits spelled as words (English,
 * French, Spanish, Portuguese, German, Italian, Romanian, Russian), look-alike letters glued to
 * digits (O→0, l/I→1), Arabic-Indic, Persian, full-width, mathematical, circled and keycap
 * digits, and separators as punctuation or words ("dash", "point"). A run is cut by any other
 * word, a line break, a comma or semicolon; from the start of a run the longest valid number is
 * taken, then the next from where it ended, so two numbers separated only by spaces are both
 * found, but digits in the middle of a longer run are never read as a number on their own. Only numbers valid in their
 * numbering plan are returned, and digit runs shaped like calendar dates are skipped: that is
 * what keeps dates, prices and counts in prose out.
 */
export function extractPhones(text: string, defaultCountry?: string): ExtractedPhone[] {
  const country = countryOf(defaultCountry);
  const found: ExtractedPhone[] = [];
  for (const run of runsOf(scan(text))) {
    let first = 0;
    while (first < run.groups.length) {
      let taken = false;
      for (let last = run.groups.length - 1; last >= first; last--) {
        const groups = run.groups.slice(first, last + 1);
        const digits = groups.map((group) => group.digits).join('');
        const plus = run.plus && first === 0;
        const e164 = validate(digits, plus, country);
        if (e164 === null) continue;
        const start = plus ? run.start : (groups[0]?.start ?? run.start);
        const end = groups[groups.length - 1]?.end ?? start;
        const source = text.slice(start, end);
        const obfuscated = groups.some((group) => group.obfuscated);
        if (!obfuscated && DATE_SHAPE.test(source)) continue;
        found.push({ e164, start, end, text: source, obfuscated });
        first = last + 1;
        taken = true;
        break;
      }
      // A number is only read from the start of a run or straight after another number: starting
      // inside a run of digits finds numbers in ISBNs, card and reference numbers.
      if (!taken) break;
    }
  }
  return found;
}
