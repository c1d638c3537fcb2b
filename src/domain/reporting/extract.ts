/**
 * What triage reads out of a tip's free text: phones (obfuscated ones included), e-mail addresses,
 * links, social-media handles, vehicle plates, sums of money, places and the names of people, in
 * English, Spanish, French and Arabic. Tips come from anyone, so the text is hostile input: every
 * scan here is linear in the text (no regular expression can backtrack without bound), the text
 * read is capped, each kind of entity is capped, and nothing throws.
 */
import { findAmounts } from './extract/amounts.ts';
import { SPELLED_AT, SPELLED_DOT, findEmails, findLinks } from './extract/contacts.ts';
import { findHandles } from './extract/handles.ts';
import { findNames } from './extract/names.ts';
import { masked, phonesIn } from './extract/phones.ts';
import { DEFAULT_GAZETTEER, type Gazetteer, type PlaceEntry, findPlaces, placeIndex } from './extract/places.ts';
import { findPlates } from './extract/plates.ts';
import { MAX_ENTITIES_PER_KIND, MAX_EXTRACT_CHARACTERS, addUnique, safely } from './extract/text.ts';

export { DEFAULT_GAZETTEER, type Gazetteer, type GazetteerPlace } from './extract/places.ts';
export { foldText, MAX_ENTITIES_PER_KIND, MAX_EXTRACT_CHARACTERS, wordForms } from './extract/text.ts';

/** What was found in a tip's text, each list without repeats, in the order first seen. */
export interface ExtractedEntities {
  /** Telephone numbers: the text as written (compatibility-normalised) and the E.164 form. */
  readonly phones: readonly { raw: string; e164: string }[];
  /** E-mail addresses in canonical form (lower case, sub-address tags removed). */
  readonly emails: readonly string[];
  /** http(s) URLs and bare domains ("site.com/ad/123"), with the host without "www.". */
  readonly links: readonly { url: string; host: string }[];
  /** "@name", "instagram: name", t.me/name and wa.me/NUMBER (whose numbers are also phones). */
  readonly handles: readonly { platform: string | null; handle: string }[];
  /** Vehicle registration plates, upper case without spaces or dashes. */
  readonly plates: readonly string[];
  /** Sums of money: the text as written, the value in minor units (hundredths), the ISO 4217 code when known. */
  readonly amounts: readonly { raw: string; minor: number; currency: string | null }[];
  /** Places of the gazetteer named in the text. */
  readonly places: readonly { name: string; country: string }[];
  /** Candidate names of people, as written. */
  readonly names: readonly string[];
}

/** How extraction reads a tip. */
export interface ExtractOptions {
  /** Where national phone numbers (without + or 00) are read, ISO 3166-1 alpha-2. */
  readonly defaultCountry?: string;
  /** The places to look for; the default is the synthetic world's cities with their exonyms. */
  readonly gazetteer?: Gazetteer;
}

/** What triage reads out of a tip's text; never throws, reads at most the first 20,000 characters. */
export function extractEntities(text: string, options: ExtractOptions = {}): ExtractedEntities {
  const read = typeof text === 'string' ? text.slice(0, MAX_EXTRACT_CHARACTERS) : '';
  let normal: string;
  try {
    normal = read.normalize('NFKC').slice(0, MAX_EXTRACT_CHARACTERS * 2);
  } catch {
    normal = read;
  }
  const defaultCountry = options.defaultCountry;
  const index =
    safely(() => [placeIndex(options.gazetteer ?? DEFAULT_GAZETTEER)])[0] ?? new Map<string, PlaceEntry[]>();
  const spelled = safely(() => [normal.replace(SPELLED_AT, '@').replace(SPELLED_DOT, '.')])[0] ?? normal;

  const emailScan = safely(() => [findEmails(spelled)])[0] ?? { emails: [], spans: [] };
  const linkScan = safely(() => [findLinks(spelled)])[0] ?? { links: [], spans: [] };
  const handleScan = safely(() => [findHandles(spelled, linkScan.links, defaultCountry)])[0] ?? {
    handles: [],
    phones: [],
  };

  const phones: { raw: string; e164: string }[] = [];
  const seenPhones = new Set<string>();
  for (const phone of handleScan.phones) addUnique(phones, seenPhones, phone.e164, phone);
  const free = masked(spelled, [...emailScan.spans, ...linkScan.spans]);
  for (const phone of safely(() => phonesIn(free, defaultCountry, MAX_ENTITIES_PER_KIND))) {
    if (!addUnique(phones, seenPhones, phone.e164, { raw: phone.text.trim(), e164: phone.e164 })) break;
  }

  const phoneDigits = phones.map((phone) => phone.e164.slice(1));
  return {
    phones,
    emails: emailScan.emails,
    links: linkScan.links,
    handles: handleScan.handles,
    plates: safely(() => findPlates(free, phoneDigits)),
    amounts: safely(() => findAmounts(normal)),
    places: safely(() => findPlaces(normal, index)),
    names: safely(() => findNames(normal, index)),
  };
}
