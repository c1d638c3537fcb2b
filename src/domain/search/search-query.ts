/**
 * What a reader typed in the search box, read as identifiers and words: an e-mail, an IBAN, a
 * phone however written (spaced, national, with letters for digits, in words: "zero seven nine…"),
 * a code that may be a document number, an account or a reference, and the name words left, folded
 * to Latin from any script by the normalisers resolution uses.
 */
import { normaliseIdentifier } from '../resolution/facts.ts';
import {
  extractPhones,
  isValidIban,
  normaliseEmail,
  normaliseIban,
  normaliseName,
  type NameToken,
} from '../resolution/normalise/index.ts';
import { referenceOf, type SearchIdentifierKind } from './search-entry.ts';

/** The longest query read: what a search box holds. */
export const LONGEST_QUERY = 200;
/** Most words of a query matched (a longer query is a pasted text, not a name). */
const MOST_WORDS = 8;

/** An identifier read in a query: its kind, its normalised value and how it was written. */
export interface QueryIdentifier {
  readonly kind: SearchIdentifierKind;
  readonly value: string;
  readonly written: string;
}

/** A query read: the identifiers in it and its name words (particles and initials kept apart). */
export interface SearchQuery {
  readonly identifiers: readonly QueryIdentifier[];
  readonly words: readonly NameToken[];
}

const EMAIL = /[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]+/gu;
/** A code: letters and digits with at least one digit, as a document, account or reference number is. */
const CODE = /^(?=.*\p{N})[\p{L}\p{N}]{5,34}$/u;

/**
 * Reads a query. `country` is where a phone written without a country code is read (the reader's
 * organisation's country).
 */
export function parseSearchQuery(text: string, country?: string): SearchQuery {
  let rest = text.normalize('NFKC').slice(0, LONGEST_QUERY);
  const identifiers: QueryIdentifier[] = [];
  const add = (kind: SearchIdentifierKind, value: string | null, written: string) => {
    if (value === null || value === '') return;
    if (!identifiers.some((known) => known.kind === kind && known.value === value))
      identifiers.push({ kind, value, written: written.trim() });
  };
  rest = rest.replace(EMAIL, (written) => {
    add('email', normaliseEmail(written), written);
    return ' ';
  });
  // An IBAN is written in groups of four: the whole query first, then each word.
  const whole = normaliseIban(rest);
  if (whole.length >= 15 && isValidIban(whole)) {
    add('iban', whole, rest);
    rest = '';
  }
  for (const phone of extractPhones(rest, country).sort((a, b) => b.start - a.start)) {
    add('phone', phone.e164, phone.text);
    rest = `${rest.slice(0, phone.start)} ${rest.slice(phone.end)}`;
  }
  const words: string[] = [];
  for (const word of rest.split(/\s+/u)) {
    if (word === '') continue;
    if (word.startsWith('@')) {
      add('handle', normaliseIdentifier('handle', word), word);
      continue;
    }
    const compact = word.replace(/[-./]/gu, '');
    const iban = normaliseIban(compact);
    if (iban.length >= 15 && isValidIban(iban)) {
      add('iban', iban, word);
      continue;
    }
    if (CODE.test(compact)) {
      add('document', normaliseIdentifier('document', compact), word);
      add('account', normaliseIdentifier('account', compact), word);
      add('reference', referenceOf(compact), word);
      continue;
    }
    words.push(word);
  }
  const parts = normaliseName(words.join(' ')).parts;
  // Particles ("al", "van") and initials find too much alone: kept only when nothing else is asked.
  const full = parts.filter((part) => !part.particle && !part.initial);
  return {
    identifiers,
    words: (full.length > 0 || identifiers.length > 0 ? full : parts).slice(0, MOST_WORDS),
  };
}
