/**
 * Postal addresses folded for comparison: ASCII, lowercase, street-type abbreviations written
 * out in English, German, French, Spanish, Portuguese and Italian, and postcodes pulled out.
 */
import anyAscii from 'any-ascii';

function pairs(list: string): ReadonlyMap<string, string> {
  return new Map(
    list
      .trim()
      .split(/\s+/u)
      .map((pair): [string, string] => {
        const [short = pair, long = pair] = pair.split(':');
        return [short, long];
      }),
  );
}

/**
 * Abbreviations (two letters or more) and their full words. "st" is handled apart: "Saint"
 * before a name, "Street" at the end of a street name.
 */
export const ADDRESS_ABBREVIATIONS: ReadonlyMap<string, string> = pairs(`
  rd:road ave:avenue av:avenue blvd:boulevard bd:boulevard ln:lane dr:drive ct:court pl:place sq:square
  hwy:highway pkwy:parkway cres:crescent terr:terrace tce:terrace cl:close gdns:gardens mt:mount
  apt:apartment flt:flat fl:floor ste:suite bldg:building no:number nr:number
  ne:northeast nw:northwest se:southeast sw:southwest
  str:strasse
  che:chemin imp:impasse
  avda:avenida ctra:carretera pza:plaza
  pca:praca
  vle:viale pzza:piazza
`);

const STREET_SUFFIX = /^(.{3,})str$/u;

/** A normalised address. */
export interface NormalisedAddress {
  /** Folded words with abbreviations expanded, in order, postcodes included. */
  readonly tokens: readonly string[];
  /** `tokens` joined by spaces. */
  readonly text: string;
  /** Postcodes found, in a canonical spelling (uppercase, one space where the format has one). */
  readonly postcodes: readonly string[];
}

/** Postcode shapes, tried on the folded uppercase text; most specific first. */
const POSTCODE_PATTERNS: readonly { pattern: RegExp; canonical: (match: RegExpExecArray) => string }[] = [
  // United Kingdom: "SW1A 1AA", "M1 1AE".
  { pattern: /\b([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})\b/gu, canonical: (m) => `${m[1] ?? ''} ${m[2] ?? ''}` },
  // Canada: "K1A 0B1".
  { pattern: /\b([A-Z][0-9][A-Z]) ?([0-9][A-Z][0-9])\b/gu, canonical: (m) => `${m[1] ?? ''} ${m[2] ?? ''}` },
  // Netherlands: "1012 AB".
  { pattern: /\b([1-9][0-9]{3}) ?([A-Z]{2})\b/gu, canonical: (m) => `${m[1] ?? ''} ${m[2] ?? ''}` },
  // Poland "00-950", Portugal "1000-001", Brazil "01310-100", Japan "100-0001", US ZIP+4.
  { pattern: /\b([0-9]{2,5})-([0-9]{3,4})\b/gu, canonical: (m) => `${m[1] ?? ''}-${m[2] ?? ''}` },
  // Five digits: US, Germany, France, Spain, Italy and many more.
  { pattern: /\b([0-9]{5})\b/gu, canonical: (m) => m[1] ?? '' },
];
/** Four-digit postcodes (Austria, Switzerland, Belgium, Denmark…) look like house numbers; accepted only at the start of a later comma-separated part or at the end. */
const FOUR_DIGIT_POSTCODE = /(?:^|,)\s*([0-9]{4})\b|\b([0-9]{4})\s*$/gu;

function fold(text: string): string {
  return anyAscii(text.normalize('NFKD').replace(/\p{M}+/gu, ''));
}

/** Postcodes in an address, canonical and without duplicates. */
export function extractPostcodes(text: string): string[] {
  const upper = fold(text).toUpperCase();
  const found: string[] = [];
  let rest = upper;
  for (const { pattern, canonical } of POSTCODE_PATTERNS) {
    rest = rest.replace(pattern, (...args: unknown[]) => {
      const match = args.slice(0, -2) as unknown as RegExpExecArray;
      found.push(canonical(match));
      return ' , ';
    });
  }
  for (const match of rest.matchAll(FOUR_DIGIT_POSTCODE)) {
    const code = match[1] ?? match[2];
    // The first part of an address starts with the house number, never a postcode.
    if (code !== undefined && !(match.index === 0 && match[1] !== undefined)) found.push(code);
  }
  return [...new Set(found)];
}

/**
 * Expands one token in context: "st" is Saint before a word, Street when it ends a part or
 * precedes a number. Single letters ("N", "C/") are left alone: they are as often flat or block
 * letters as directions or "calle", and expanding them by context would not be idempotent.
 */
function expand(token: string, next: string | undefined): string {
  if (token === 'st') return next !== undefined && /^[a-z]/u.test(next) ? 'saint' : 'street';
  const full = ADDRESS_ABBREVIATIONS.get(token);
  if (full !== undefined) return full;
  // German compounds: "Hauptstr." → "hauptstrasse".
  const compound = STREET_SUFFIX.exec(token);
  if (compound) return `${compound[1] ?? ''}strasse`;
  return token;
}

/** Normalises an address for comparison; see {@link NormalisedAddress}. */
export function normaliseAddress(text: string): NormalisedAddress {
  const folded = fold(text).toLowerCase();
  const parts = folded.split(/[,;\n]+/u);
  const tokens: string[] = [];
  for (const part of parts) {
    const words = part
      .replace(/['’]/gu, '')
      .split(/[^a-z0-9]+/u)
      .filter((word) => word !== '');
    words.forEach((word, index) => tokens.push(expand(word, words[index + 1])));
  }
  return { tokens, text: tokens.join(' '), postcodes: extractPostcodes(text) };
}
