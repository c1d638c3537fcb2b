/**
 * How different sectors write the same facts: typing slips, names in another order or script,
 * phone numbers in local formats or hidden from advert filters, dates known only in part. Every
 * choice is drawn from the `Random` passed in, so the same seed gives the same noise.
 */
import { MOBILE_PREFIXES, NICKNAMES, type Origin } from './gazetteer.ts';
import { familyNameFirst, latinName } from './names.ts';
import type { Random } from './random.ts';

/** Languages whose number words adverts spell digits in. */
export type NumberWordLanguage = 'en' | 'fr' | 'es';

/** Choices for `obfuscatePhone`. */
export interface ObfuscationOptions {
  /** Languages to spell digits in (default English only). */
  languages?: readonly NumberWordLanguage[];
}

/** An E.164 number taken apart. */
export interface PhoneNumberParts {
  /** The country calling code, without '+'. */
  callingCode: string;
  /** What is dialled before the national number inside the country ('0' mostly, '8' in Russia, none in Spain). */
  trunkPrefix: string;
  /** The national significant number. */
  nationalDigits: string;
}

const QWERTY_NEIGHBOURS: Readonly<Record<string, string>> = {
  a: 'qwsz',
  b: 'vghn',
  c: 'xdfv',
  d: 'serfcx',
  e: 'wsdr',
  f: 'drtgvc',
  g: 'ftyhbv',
  h: 'gyujnb',
  i: 'ujko',
  j: 'huikmn',
  k: 'jiolm',
  l: 'kop',
  m: 'njk',
  n: 'bhjm',
  o: 'iklp',
  p: 'ol',
  q: 'wa',
  r: 'edft',
  s: 'awedxz',
  t: 'rfgy',
  u: 'yhji',
  v: 'cfgb',
  w: 'qase',
  x: 'zsdc',
  y: 'tghu',
  z: 'asx',
};

// Calling codes: '1' and '7' have one digit, those listed here two, all others three (ITU-T E.164 assignments).
const TWO_DIGIT_CALLING_CODES = new Set(
  '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(
    ' ',
  ),
);
// Trunk prefixes other than '0'. Spain, Italy, Greece, Denmark, Norway and Portugal have none,
// nor do Chinese mobiles; Russia dials 8.
const TRUNK_PREFIXES: Readonly<Record<string, string>> = {
  '1': '1',
  '7': '8',
  '30': '',
  '34': '',
  '39': '',
  '45': '',
  '47': '',
  '86': '',
  '351': '',
};
// How each country groups a mobile number written nationally (trunk prefix included).
const NATIONAL_GROUPS: Readonly<Record<string, readonly number[]>> = {
  '7': [1, 3, 3, 2, 2],
  '20': [3, 4, 4],
  '33': [2, 2, 2, 2, 2],
  '34': [3, 3, 3],
  '40': [4, 3, 3],
  '44': [5, 6],
  '63': [4, 3, 4],
  '66': [3, 3, 4],
  '84': [4, 3, 3],
  '86': [3, 4, 4],
  '234': [4, 3, 4],
  '355': [3, 3, 4],
  '359': [4, 3, 3],
  '380': [3, 3, 2, 2],
  '963': [4, 3, 3],
  '964': [4, 3, 4],
};

const NUMBER_WORDS: Readonly<Record<NumberWordLanguage, readonly string[]>> = {
  en: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'],
  fr: ['zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf'],
  es: ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve'],
};
type NameVariantKind = 'unchanged' | 'misspelled' | 'swapped' | 'upper' | 'latin' | 'unaccented' | 'nickname';
type PhoneStyle =
  'e164' | 'international' | 'double-zero' | 'national' | 'national-compact' | 'dotted' | 'dashed' | 'parenthesised';
type DigitDisguise = 'word' | 'keycap' | 'full-width' | 'look-alike';

const KEYCAP = '\uFE0F\u20E3';
const FULL_WIDTH_ZERO = 0xff10;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The text with one typing slip on a letter (dropped, doubled, swapped with its neighbour, or a
 * neighbouring key hit); texts of fewer than four letters are returned as they are.
 */
export function misspell(random: Random, text: string): string {
  const characters = Array.from(text.normalize('NFC'));
  const letters = characters.flatMap((character, index) => (isLetter(character) ? [index] : []));
  if (letters.length < 4) return text;
  // Slips rarely fall on the first letter of a word, which people check.
  const inner = letters.filter((index) => index > 0 && isLetter(characters[index - 1] ?? ''));
  const candidates = inner.length > 0 ? inner : letters;
  const edit = random.pick(['drop', 'double', 'swap', 'neighbour'] as const);
  if (edit === 'drop') {
    const index = random.pick(candidates);
    return characters.filter((_, position) => position !== index).join('');
  }
  if (edit === 'swap') {
    const swappable = candidates.filter((index) => {
      const next = characters[index + 1];
      return next !== undefined && isLetter(next) && next !== characters[index];
    });
    if (swappable.length > 0) {
      const index = random.pick(swappable);
      const swapped = [...characters];
      swapped[index] = characters[index + 1] ?? '';
      swapped[index + 1] = characters[index] ?? '';
      return swapped.join('');
    }
  }
  if (edit === 'neighbour') {
    const typeable = candidates.filter((index) => neighboursOf(characters[index] ?? '') !== undefined);
    if (typeable.length > 0) {
      const index = random.pick(typeable);
      const original = characters[index] ?? '';
      const neighbour = random.pick(Array.from(neighboursOf(original) ?? ''));
      const replaced = [...characters];
      replaced[index] = original === original.toLowerCase() ? neighbour : neighbour.toUpperCase();
      return replaced.join('');
    }
  }
  // Doubling always changes the text, so it stands in when no swap or neighbour key fits.
  const index = random.pick(candidates);
  return characters
    .flatMap((character, position) => (position === index ? [character, character] : [character]))
    .join('');
}

/**
 * The name in the other order: 'Given Family' → 'Family Given', 'Family, Given' → 'Given Family';
 * with `familyFirst`, 'Family Given' → 'Given Family'. One-word names are returned as they are.
 */
export function swapNameOrder(full: string, familyFirst = false): string {
  const comma = full.indexOf(',');
  if (comma >= 0) {
    const family = full.slice(0, comma).trim();
    const given = full.slice(comma + 1).trim();
    return given === '' ? family : `${given} ${family}`;
  }
  const words = full.trim().split(/\s+/u);
  if (words.length < 2) return full;
  return familyFirst ? [...words.slice(1), words[0]].join(' ') : [words.at(-1), ...words.slice(0, -1)].join(' ');
}

/** The text without accents on Latin letters (Nguyễn → Nguyen, Ștefan → Stefan); other scripts untouched. */
export function stripDiacritics(text: string): string {
  // Worlds strip the same few thousand names again and again: remember them.
  const known = unaccented.get(text);
  if (known !== undefined) return known;
  const stripped = text
    .normalize('NFD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .replace(/[Đđ]/gu, (letter) => (letter === 'Đ' ? 'D' : 'd'))
    .normalize('NFC');
  if (unaccented.size >= 50_000) unaccented.clear();
  unaccented.set(text, stripped);
  return stripped;
}

const unaccented = new Map<string, string>();

/**
 * How another record might write the name: unchanged, misspelled, in the other order, in Latin
 * letters (non-Latin origins), without accents (Latin origins), or upper-cased as on a passport.
 */
export function nameVariant(random: Random, full: string, origin: Origin): string {
  const latinScript = origin.script === 'latin';
  const unaccented = stripDiacritics(full);
  const kinds: [NameVariantKind, number][] = [
    ['unchanged', 3],
    ['misspelled', 2],
    ['swapped', 2],
    ['upper', 1],
  ];
  if (!latinScript) kinds.push(['latin', 4]);
  if (latinScript && unaccented !== full) kinds.push(['unaccented', 3]);
  if (nicknamable(full) !== undefined) kinds.push(['nickname', 2]);
  switch (random.weighted(kinds)) {
    case 'misspelled':
      return misspell(random, full);
    case 'swapped':
      // Chinese names have no space to swap at; foreign records swap their Latin form (Wang Wei → Wei Wang).
      return origin.script === 'chinese'
        ? swapNameOrder(latinName(random, full), true)
        : swapNameOrder(full, familyNameFirst(origin));
    case 'upper':
      // Passports print names in Latin capitals, whatever the script at home.
      return (latinScript ? full : latinName(random, full)).toUpperCase();
    case 'latin':
      return latinName(random, full);
    case 'unaccented':
      return unaccented;
    case 'nickname':
      return nicknamed(random, full) ?? full;
    case 'unchanged':
      return full;
  }
}

/** Where in a full name a given name with short forms stands, and its short forms. */
interface Nicknamable {
  readonly words: readonly string[];
  readonly index: number;
  readonly length: number;
  readonly short: readonly string[];
}

function nicknamable(full: string): Nicknamable | undefined {
  const words = full.split(' ');
  for (let index = 0; index < words.length; index += 1) {
    // Two-word given names first (Mary Joy → Joy), then single words.
    for (const length of [2, 1]) {
      if (index + length > words.length) continue;
      const short = NICKNAMES[length === 1 ? (words[index] ?? '') : words.slice(index, index + length).join(' ')];
      if (short !== undefined) return { words, index, length, short };
    }
  }
  return undefined;
}

/** The name with its given name replaced by a short name people use for it, if it has one. */
export function nicknamed(random: Random, full: string): string | undefined {
  const found = nicknamable(full);
  if (found === undefined) return undefined;
  const { words, index, length, short } = found;
  return [...words.slice(0, index), random.pick(short), ...words.slice(index + length)].join(' ');
}

/** A plausible mobile number of the origin country, in E.164 form ('+' and digits). */
export function phoneNumber(random: Random, origin: Origin): string {
  const prefix = random.pick(MOBILE_PREFIXES[origin.country] ?? [String(random.int(1, 9))]);
  let digits = prefix;
  while (digits.length < origin.mobileDigits) digits += String(random.int(0, 9));
  return `${origin.phonePrefix}${digits}`;
}

/** The calling code, trunk prefix and national number of an E.164 number. */
export function splitPhoneNumber(e164: string): PhoneNumberParts {
  if (!/^\+\d{7,15}$/.test(e164)) throw new Error(`not an E.164 number: ${e164}`);
  const digits = e164.slice(1);
  const length =
    digits.startsWith('1') || digits.startsWith('7') ? 1 : TWO_DIGIT_CALLING_CODES.has(digits.slice(0, 2)) ? 2 : 3;
  const callingCode = digits.slice(0, length);
  return { callingCode, trunkPrefix: TRUNK_PREFIXES[callingCode] ?? '0', nationalDigits: digits.slice(length) };
}

/** The number as dialled inside its country: trunk prefix and national number, digits only. */
export function nationalNumber(e164: string): string {
  const { trunkPrefix, nationalDigits } = splitPhoneNumber(e164);
  return trunkPrefix + nationalDigits;
}

/**
 * How people write the number: national format with spaces, a trunk 0 instead of the country
 * code, dots or dashes, parentheses, '00' for '+', or E.164 itself; the digits stay the same.
 */
export function phoneVariant(random: Random, e164: string): string {
  const { callingCode, trunkPrefix, nationalDigits } = splitPhoneNumber(e164);
  const national = trunkPrefix + nationalDigits;
  const nationalGroups = NATIONAL_GROUPS[callingCode] ?? [trunkPrefix.length + 3, 3, 4];
  // Internationally the trunk prefix is dropped from the first group: 07700 900123 → +44 7700 900123.
  const [firstGroup = 0, ...otherGroups] = nationalGroups;
  const internationalGroups = [firstGroup - trunkPrefix.length, ...otherGroups].filter((size) => size > 0);
  const nationalParts = groupDigits(national, nationalGroups);
  const internationalParts = groupDigits(nationalDigits, internationalGroups);
  const style = random.weighted<PhoneStyle>([
    ['e164', 1],
    ['international', 2],
    ['double-zero', 1],
    ['national', 3],
    ['national-compact', 1],
    ['dotted', 1],
    ['dashed', 1],
    ['parenthesised', 1],
  ]);
  switch (style) {
    case 'international':
      return `+${callingCode} ${internationalParts.join(' ')}`;
    case 'double-zero':
      return `00${callingCode} ${internationalParts.join(' ')}`;
    case 'national':
      return nationalParts.join(' ');
    case 'national-compact':
      return national;
    case 'dotted':
      return nationalParts.join('.');
    case 'dashed':
      return random.chance(0.5) ? nationalParts.join('-') : `+${callingCode}-${internationalParts.join('-')}`;
    case 'e164':
      return e164;
    case 'parenthesised': {
      // '+44 (0)7700 900123', '(+33) 6 12 34 56 78' or '+7 (916) 123-45-67'.
      const form = random.int(0, trunkPrefix === '0' ? 2 : 1);
      const [head = '', ...tail] = internationalParts;
      if (form === 2) return `+${callingCode} (0)${internationalParts.join(' ')}`;
      if (form === 1 && tail.length > 0) return `+${callingCode} (${head}) ${tail.join('-')}`;
      return `(+${callingCode}) ${internationalParts.join(' ')}`;
    }
  }
}

/**
 * The number as adverts write it to slip past filters: some digits spelled as words, 'O' for 0 and
 * 'I' or 'l' for 1, keycap emoji (5️⃣), full-width digits (５) and stray separators. Read back with
 * those substitutions undone it holds the digits of the E.164 number or of its national form.
 */
export function obfuscatePhone(random: Random, e164: string, options: ObfuscationOptions = {}): string {
  const languages = options.languages ?? ['en'];
  if (languages.length === 0) throw new Error('obfuscatePhone needs at least one language');
  const international = random.chance(0.5);
  const digits = international ? e164.slice(1) : nationalNumber(e164);
  // One language per advert: adverts are written in one, and 'un' + 'o' would read as 'uno' otherwise.
  const words = NUMBER_WORDS[random.pick(languages)];
  const casing = random.pick(['lower', 'upper', 'title'] as const);
  const separator = random.pick(['-', ' ', '.', '*', '_', '/', ' - ']);
  const density = 0.3 + random.next() * 0.5;
  const obfuscated = Array.from(digits, () => random.chance(density));
  if (!obfuscated.includes(true)) obfuscated[random.int(0, digits.length - 1)] = true;
  const tokens = Array.from(digits, (digit, index) => {
    if (obfuscated[index] !== true) return digit;
    const value = Number(digit);
    const forms: [DigitDisguise, number][] = [
      ['word', 4],
      ['keycap', 1],
      ['full-width', 1],
    ];
    if (value === 0 || value === 1) forms.push(['look-alike', 3]);
    switch (random.weighted(forms)) {
      case 'keycap':
        return digit + KEYCAP;
      case 'full-width':
        return String.fromCharCode(FULL_WIDTH_ZERO + value);
      case 'look-alike':
        return value === 0 ? random.pick(['O', 'o']) : random.pick(['I', 'l']);
      case 'word': {
        const word = words[value] ?? digit;
        if (casing === 'upper') return word.toUpperCase();
        return casing === 'title' ? word.charAt(0).toUpperCase() + word.slice(1) : word;
      }
    }
  });
  const written = tokens.map((token, index) =>
    index < tokens.length - 1 && random.chance(0.25) ? token + separator : token,
  );
  return (international ? random.pick(['+', '+', '']) : '') + written.join('');
}

/**
 * The digits of a text in order, reading full-width and Arabic-Indic digits as digits (so keycap
 * emoji count too). Number words and look-alike letters are not decoded.
 */
export function digitsOf(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u0660-\u0669]/gu, (digit) => String(digit.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/gu, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .replace(/[^0-9]/gu, '');
}

/** The date as a record might know it: in full (YYYY-MM-DD), to the month (YYYY-MM) or the year (YYYY). */
export function partialDate(random: Random, isoDate: string): string {
  if (!ISO_DATE.test(isoDate)) throw new Error(`expected a date as YYYY-MM-DD: ${isoDate}`);
  const precision = random.weighted<'day' | 'month' | 'year'>([
    ['day', 5],
    ['month', 3],
    ['year', 2],
  ]);
  if (precision === 'day') return isoDate;
  return precision === 'month' ? isoDate.slice(0, 7) : isoDate.slice(0, 4);
}

const LETTER = /^\p{L}$/u;

function isLetter(character: string): boolean {
  const code = character.charCodeAt(0);
  // ASCII first: most letters of most names, without the cost of a Unicode property test.
  if (code < 0x80) return character.length === 1 && (code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a;
  return LETTER.test(character);
}

function neighboursOf(letter: string): string | undefined {
  return QWERTY_NEIGHBOURS[stripDiacritics(letter).toLowerCase()];
}

function groupDigits(digits: string, sizes: readonly number[]): string[] {
  const groups: string[] = [];
  let position = 0;
  for (const size of sizes) {
    if (position >= digits.length) break;
    groups.push(digits.slice(position, position + size));
    position += size;
  }
  if (position < digits.length) groups.push(digits.slice(position));
  return groups;
}
