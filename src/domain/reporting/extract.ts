/**
 * What triage reads out of a tip's free text: phones (obfuscated ones included), e-mail addresses,
 * links, social-media handles, vehicle plates, sums of money, places and the names of people, in
 * English, Spanish, French and Arabic. Tips come from anyone, so the text is hostile input: every
 * scan here is linear in the text (no regular expression can backtrack without bound), the text
 * read is capped, each kind of entity is capped, and nothing throws.
 */
import { CITIES } from '../synth/gazetteer.ts';
import {
  extractPhones,
  foldDigits,
  normaliseEmail,
  normalisePhone,
  type ExtractedPhone,
} from '../resolution/normalise/index.ts';

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

/** A place a gazetteer knows: its name, its country (ISO 3166-1 alpha-2) and other names it goes by. */
export interface GazetteerPlace {
  readonly name: string;
  readonly country: string;
  /** Other spellings and names in other languages ("Londres", "لندن"); matches report `name`. */
  readonly aliases?: readonly string[];
}

/** The places extraction looks for; deployments pass their own. */
export interface Gazetteer {
  readonly places: readonly GazetteerPlace[];
}

/** How extraction reads a tip. */
export interface ExtractOptions {
  /** Where national phone numbers (without + or 00) are read, ISO 3166-1 alpha-2. */
  readonly defaultCountry?: string;
  /** The places to look for; the default is the synthetic world's cities with their exonyms. */
  readonly gazetteer?: Gazetteer;
}

/** Characters of a tip read; the rest is ignored, so that a hostile text cannot make triage slow. */
export const MAX_EXTRACT_CHARACTERS = 20_000;

/** Most entities of one kind kept; a tip naming more is not describing one situation. */
export const MAX_ENTITIES_PER_KIND = 50;

// ---------------------------------------------------------------------------------------------
// Folding
// ---------------------------------------------------------------------------------------------

/** Tatweel and the small waw and yaa of Quranic spelling, which Unicode does not class as combining marks. */
const ARABIC_EXTRAS = /[\u0640\u06e5\u06e6]/gu;
const COMBINING_MARKS = /\p{M}+/gu;
const DIGIT_LIKE = /[\p{Nd}\p{No}]/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/**
 * Text folded for matching: lower case, accents and Arabic diacritics removed, Arabic letter
 * variants unified (alef forms, final yaa, taa marbuta), digits of every script as ASCII, and any
 * run of punctuation or space as one space.
 */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(ARABIC_EXTRAS, '')
    .replace(/\u0649/gu, '\u064a')
    .replace(/\u0629/gu, '\u0647')
    .replace(DIGIT_LIKE, (character) => foldDigits(character))
    .replace(NOT_WORD, ' ')
    .trim();
}

const ARABIC_LETTER = /\p{Script=Arabic}/u;
const ARABIC_PREFIXES = new Set(['\u0648', '\u0641', '\u0628', '\u0644', '\u0643']); // و ف ب ل ك

/**
 * A folded word and the forms it has without Arabic one-letter prefixes ("and", "with", "to",
 * "like"), which Arabic writes joined to the next word: "بلندن" is "in London".
 */
export function wordForms(word: string): string[] {
  const forms = [word];
  if (!ARABIC_LETTER.test(word)) return forms;
  const first = word.charAt(0);
  if (ARABIC_PREFIXES.has(first) && word.length >= 4) {
    forms.push(word.slice(1));
    const second = word.charAt(1);
    if ((first === '\u0648' || first === '\u0641') && ARABIC_PREFIXES.has(second) && word.length >= 5) {
      forms.push(word.slice(2));
    }
  }
  return forms;
}

/** Runs `read`, giving an empty list if it throws: one kind going wrong must not lose the others. */
function safely<T>(read: () => T[]): T[] {
  try {
    return read();
  } catch {
    return [];
  }
}

/** Adds to a list keyed for repeats, up to the cap; false once the list is full. */
function addUnique<T>(list: T[], seen: Set<string>, key: string, value: T): boolean {
  if (list.length >= MAX_ENTITIES_PER_KIND) return false;
  if (!seen.has(key)) {
    seen.add(key);
    list.push(value);
  }
  return list.length < MAX_ENTITIES_PER_KIND;
}

// ---------------------------------------------------------------------------------------------
// E-mail addresses and links
// ---------------------------------------------------------------------------------------------

/** "name [at] site [dot] com", as people write addresses to get past filters. */
const SPELLED_AT = /[ \t]{0,2}[[({][ \t]{0,2}(?:at|arroba|arobase)[ \t]{0,2}[\])}][ \t]{0,2}/giu;
const SPELLED_DOT = /[ \t]{0,2}[[({][ \t]{0,2}(?:dot|punto|point)[ \t]{0,2}[\])}][ \t]{0,2}/giu;

const LOCAL_CHARACTER = /[A-Za-z0-9._%+'-]/u;
const DOMAIN_CHARACTER = /[\p{L}\p{N}.-]/u;

interface Span {
  readonly start: number;
  readonly end: number;
}

function findEmails(text: string): { emails: string[]; spans: Span[] } {
  const emails: string[] = [];
  const seen = new Set<string>();
  const spans: Span[] = [];
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start < 64 && LOCAL_CHARACTER.test(text.charAt(start - 1))) start--;
    let end = at + 1;
    while (end < text.length && end - at <= 253 && DOMAIN_CHARACTER.test(text.charAt(end))) end++;
    while (end > at + 1 && /[.-]/u.test(text.charAt(end - 1))) end--;
    while (start < at && text.charAt(start) === '.') start++;
    if (start === at || end === at + 1) continue;
    const email = normaliseEmail(text.slice(start, end));
    if (email === null) continue;
    spans.push({ start, end });
    if (!addUnique(emails, seen, email, email)) break;
  }
  return { emails, spans };
}

/** Top-level domains accepted for a domain written without "http" or "www.": common ones, so "e.g." or "file.txt" are not links. */
const BARE_DOMAIN_TLDS: ReadonlySet<string> = new Set(
  `com net org info biz io co me tv app xyz online site top club live life link shop store website space fun pro
   mobi name cc ws us uk eu es fr de it nl be pt ro bg ru ua pl cz sk hu gr tr ae sa qa ng ph th vn cn ch at se
   dk fi ie ca au nz in za ma eg ly sy iq al rs lb jo tn dz mx ar br cl cat ly ee lt lv hr si ba mk md by kz`
    .trim()
    .split(/\s+/u),
);

const URL_TOKEN = /[^\s<>"'`{}|\\^«»“”‘’()[\]]+/gu;
const SCHEME = /^https?:\/\//iu;
const BARE_DOMAIN = /^(?:[a-z0-9-]{1,63}\.){1,8}([a-z]{2,24})(?=$|[/:?#])/iu;

function findLinks(text: string): { links: { url: string; host: string }[]; spans: Span[] } {
  const links: { url: string; host: string }[] = [];
  const seen = new Set<string>();
  const spans: Span[] = [];
  for (const match of text.matchAll(URL_TOKEN)) {
    let token = match[0];
    const start = match.index;
    if (token.length > 2_000 || !token.includes('.')) continue;
    token = token.replace(/[.,;:!?…]+$/u, '');
    let address: string;
    if (SCHEME.test(token)) address = token;
    else if (/^www\./iu.test(token)) address = `http://${token}`;
    else {
      const domain = BARE_DOMAIN.exec(token);
      const tld = domain?.[1]?.toLowerCase();
      if (domain === null || tld === undefined || !BARE_DOMAIN_TLDS.has(tld)) continue;
      address = `http://${token}`;
    }
    // An address with "@" before its path is an e-mail (or credentials), read elsewhere.
    const beforePath = address.slice(address.indexOf('//') + 2).split(/[/?#]/u)[0] ?? '';
    if (beforePath.includes('@')) continue;
    let url: URL;
    try {
      url = new URL(address);
    } catch {
      continue;
    }
    const labels = url.hostname.split('.');
    if (labels.length < 2 || labels.some((label) => label === '' || label.startsWith('-') || label.endsWith('-')))
      continue;
    if (/^[0-9.]+$/u.test(url.hostname) && labels.length !== 4) continue;
    const host = url.hostname.replace(/^www\./u, '');
    spans.push({ start, end: start + match[0].length });
    if (!addUnique(links, seen, url.href, { url: url.href, host })) break;
  }
  return { links, spans };
}

// ---------------------------------------------------------------------------------------------
// Handles
// ---------------------------------------------------------------------------------------------

/** Names people give platforms in tips, folded, and the platform they mean. */
const PLATFORM_WORDS: ReadonlyMap<string, string> = new Map([
  ['instagram', 'instagram'],
  ['insta', 'instagram'],
  ['ig', 'instagram'],
  ['telegram', 'telegram'],
  ['tg', 'telegram'],
  ['snapchat', 'snapchat'],
  ['snap', 'snapchat'],
  ['tiktok', 'tiktok'],
  ['twitter', 'twitter'],
  ['onlyfans', 'onlyfans'],
  ['facebook', 'facebook'],
  ['fb', 'facebook'],
  ['kik', 'kik'],
  ['wechat', 'wechat'],
  ['signal', 'signal'],
  ['skype', 'skype'],
  ['whatsapp', 'whatsapp'],
  ['انستغرام', 'instagram'],
  ['انستقرام', 'instagram'],
  ['تلغرام', 'telegram'],
  ['تيليجرام', 'telegram'],
  ['سناب', 'snapchat'],
  ['تيك توك', 'tiktok'],
  ['فيسبوك', 'facebook'],
  ['واتساب', 'whatsapp'],
]);

/** Hosts whose first path segment is an account, and the platform. */
const PROFILE_HOSTS: ReadonlyMap<string, string> = new Map([
  ['instagram.com', 'instagram'],
  ['t.me', 'telegram'],
  ['telegram.me', 'telegram'],
  ['tiktok.com', 'tiktok'],
  ['twitter.com', 'twitter'],
  ['x.com', 'twitter'],
  ['facebook.com', 'facebook'],
  ['fb.com', 'facebook'],
  ['m.facebook.com', 'facebook'],
  ['onlyfans.com', 'onlyfans'],
  ['snapchat.com', 'snapchat'],
]);

/** First path segments that are pages of the platform, not accounts. */
const NOT_ACCOUNTS: ReadonlySet<string> = new Set(
  'p reel reels tv explore stories share joinchat s c add addchat home login search hashtag watch groups events pages profile.php'.split(
    ' ',
  ),
);

const HANDLE = /^[a-z0-9_](?:[a-z0-9_.]{0,28}[a-z0-9_])?$/u;
const MENTION = /(?<![\p{L}\p{N}_.@/])@([A-Za-z0-9_.]{2,30})(?![A-Za-z0-9_@])/gu;
const LABELLED_HANDLE =
  /(?<![\p{L}\p{N}])(instagram|insta|ig|telegram|tg|snapchat|snap|tiktok|twitter|onlyfans|facebook|fb|kik|wechat|signal|skype)[ \t]{0,3}[:：=][ \t]{0,3}@?([A-Za-z0-9_.]{2,30})(?![A-Za-z0-9_@])/giu;

/** A handle as platforms compare them (lower case, no surrounding dots), or null when it cannot be one. */
function cleanHandle(text: string): string | null {
  const handle = text.toLowerCase().replace(/^\.+|\.+$/gu, '');
  if (!HANDLE.test(handle) || /^[0-9]+$/u.test(handle)) return null;
  // "@gmail.com" is half an e-mail address, not an account.
  const last = handle.split('.').at(-1) ?? '';
  if (handle.includes('.') && BARE_DOMAIN_TLDS.has(last)) return null;
  return handle;
}

/** The platform named in the few words before a mention in its clause ("my insta @name"), if any. */
function platformBefore(text: string, index: number): string | null {
  const clause =
    text
      .slice(Math.max(0, index - 30), index)
      .split(/[,;.!?\n\u060c]/u)
      .at(-1) ?? '';
  const words = foldText(clause).split(' ').slice(-3).reverse();
  for (const word of words) {
    const platform = PLATFORM_WORDS.get(word);
    if (platform !== undefined) return platform;
  }
  return null;
}

function findHandles(
  text: string,
  links: readonly { url: string; host: string }[],
  defaultCountry: string | undefined,
): { handles: { platform: string | null; handle: string }[]; phones: { raw: string; e164: string }[] } {
  const found: { platform: string | null; handle: string }[] = [];
  const phones: { raw: string; e164: string }[] = [];
  for (const link of links) {
    let url: URL;
    try {
      url = new URL(link.url);
    } catch {
      continue;
    }
    const segments = url.pathname.split('/').filter((segment) => segment !== '');
    const first = segments[0];
    if (first === undefined) continue;
    if (link.host === 'wa.me' || link.host === 'api.whatsapp.com') {
      const digits = link.host === 'wa.me' ? first : (url.searchParams.get('phone') ?? '');
      const e164 = /^\+?[0-9]{7,15}$/u.test(digits)
        ? normalisePhone(`+${digits.replace('+', '')}`, defaultCountry)
        : null;
      if (e164 !== null) {
        phones.push({ raw: link.url, e164 });
        found.push({ platform: 'whatsapp', handle: e164 });
      }
      continue;
    }
    const platform = PROFILE_HOSTS.get(link.host);
    if (platform === undefined || NOT_ACCOUNTS.has(first.toLowerCase()) || first.startsWith('+')) continue;
    const account = platform === 'snapchat' && first === 'add' ? segments[1] : first;
    const handle = account === undefined ? null : cleanHandle(account.replace(/^@/u, ''));
    if (handle !== null) found.push({ platform, handle });
  }
  for (const match of text.matchAll(LABELLED_HANDLE)) {
    const handle = cleanHandle(match[2] ?? '');
    if (handle !== null) found.push({ platform: PLATFORM_WORDS.get((match[1] ?? '').toLowerCase()) ?? null, handle });
    if (found.length > MAX_ENTITIES_PER_KIND * 4) break;
  }
  for (const match of text.matchAll(MENTION)) {
    const handle = cleanHandle(match[1] ?? '');
    if (handle !== null) found.push({ platform: platformBefore(text, match.index), handle });
    if (found.length > MAX_ENTITIES_PER_KIND * 4) break;
  }
  // The same account seen with and without its platform is one account: keep the named one.
  const named = new Set(found.filter((entry) => entry.platform !== null).map((entry) => entry.handle));
  const handles: { platform: string | null; handle: string }[] = [];
  const seen = new Set<string>();
  for (const entry of found) {
    if (entry.platform === null && named.has(entry.handle)) continue;
    if (!addUnique(handles, seen, `${entry.platform ?? ''}:${entry.handle}`, entry)) break;
  }
  return { handles, phones };
}

// ---------------------------------------------------------------------------------------------
// Phones
// ---------------------------------------------------------------------------------------------

/** Characters that always end a phone number in `extractPhones`, so cutting the text there changes nothing. */
const PHONE_BREAKS = /[\n\r\u2028\u2029,;|!?@#$%&=<>\u060c\u061b\u061f]/gu;
/** Longer stretches are read in overlapping windows: reading one long run is quadratic in its length. */
const PHONE_WINDOW = 256;
const PHONE_STEP = 128;
/** How far a window edge moves to fall on a space rather than inside a word. */
const PHONE_SLACK = 16;

function edge(text: string, position: number, forward: boolean): number {
  if (position <= 0) return 0;
  if (position >= text.length) return text.length;
  for (let offset = 0; offset <= PHONE_SLACK; offset++) {
    const candidate = forward ? position + offset : position - offset;
    if (candidate > 0 && candidate < text.length && /\s/u.test(text.charAt(candidate))) return candidate;
  }
  // No space near: cut where it falls, but never between the halves of a surrogate pair.
  const code = text.charCodeAt(position);
  return code >= 0xdc00 && code <= 0xdfff ? position - 1 : position;
}

/** `extractPhones` over pieces of bounded length; numbers up to about a hundred characters long are all found. */
function phonesIn(text: string, defaultCountry: string | undefined, limit: number): ExtractedPhone[] {
  const found: ExtractedPhone[] = [];
  const seen = new Set<string>();
  const take = (phones: ExtractedPhone[]): boolean => {
    for (const phone of phones) {
      if (!seen.has(phone.e164)) {
        seen.add(phone.e164);
        found.push(phone);
      }
      if (found.length >= limit) return false;
    }
    return true;
  };
  for (const segment of text.split(PHONE_BREAKS)) {
    if (!/[\p{N}\p{L}]/u.test(segment)) continue;
    if (segment.length <= PHONE_WINDOW) {
      if (!take(extractPhones(segment, defaultCountry))) break;
      continue;
    }
    let full = false;
    for (let start = 0; start < segment.length && !full; start += PHONE_STEP) {
      const from = edge(segment, start, true);
      const to = edge(segment, start + PHONE_WINDOW, false);
      if (to > from) full = !take(extractPhones(segment.slice(from, to), defaultCountry));
      if (start + PHONE_WINDOW >= segment.length) break;
    }
    if (full) break;
  }
  return found;
}

/** The text with the given spans replaced by line breaks, so that no number is read inside them. */
function masked(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  const ordered = [...spans].sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = 0;
  for (const span of ordered) {
    if (span.start < cursor) {
      cursor = Math.max(cursor, span.end);
      continue;
    }
    out += text.slice(cursor, span.start) + '\n';
    cursor = span.end;
  }
  return out + text.slice(cursor);
}

// ---------------------------------------------------------------------------------------------
// Amounts
// ---------------------------------------------------------------------------------------------

/** Currency words, symbols and codes (folded where words), and the ISO 4217 code, or null when the word names several currencies. */
const CURRENCY_WORDS: ReadonlyMap<string, string | null> = new Map<string, string | null>([
  ...['€', 'eur', 'euro', 'euros', 'يورو'].map((word): [string, string] => [word, 'EUR']),
  ...['$', 'us$', 'usd', 'dollar', 'dollars', 'dolar', 'dolares', 'دولار', 'دولارا', 'دولارات'].map(
    (word): [string, string] => [word, 'USD'],
  ),
  ...[
    '£',
    'gbp',
    'pound',
    'pounds',
    'quid',
    'libra esterlina',
    'libras esterlinas',
    'livre sterling',
    'livres sterling',
    'جنيه استرليني',
  ].map((word): [string, string] => [word, 'GBP']),
  ...[
    ['lei', 'RON'],
    ['leu', 'RON'],
    ['leva', 'BGN'],
    ['naira', 'NGN'],
    ['baht', 'THB'],
    ['hryvnia', 'UAH'],
    ['hryvnias', 'UAH'],
    ['roubles', 'RUB'],
    ['rubles', 'RUB'],
    ['rublos', 'RUB'],
    ['yuan', 'CNY'],
    ['₺', 'TRY'],
    ['₽', 'RUB'],
    ['₴', 'UAH'],
    ['₦', 'NGN'],
    ['₱', 'PHP'],
    ['฿', 'THB'],
  ].map(([word, code]): [string, string] => [word ?? '', code ?? '']),
  ...[
    'libra',
    'libras',
    'livre',
    'livres',
    'dirham',
    'dirhams',
    'riyal',
    'riyals',
    'dinar',
    'dinars',
    'peso',
    'pesos',
    'lira',
    'liras',
    'lire',
    'franc',
    'francs',
    'franco',
    'francos',
    '¥',
    'جنيه',
    'جنيهات',
    'درهم',
    'دراهم',
    'ريال',
    'ريالات',
    'دينار',
    'دنانير',
    'ليرة',
    'ليره',
  ].map((word): [string, null] => [word, null]),
]);

/** ISO 4217 codes read when written in capitals ("AED 500"); "EUR", "USD" and "GBP" are read in any case. */
const CURRENCY_CODES: ReadonlySet<string> = new Set(
  'EUR USD GBP AED SAR QAR MAD EGP TRY RON BGN UAH RUB NGN PHP THB CHF CNY VND RSD HUF LYD IQD SYP JOD KWD BHD OMR TND DZD LBP PLN CZK SEK NOK DKK'.split(
    ' ',
  ),
);

const ANY_DIGIT = '[0-9\\u0660-\\u0669\\u06f0-\\u06f9]';
const GROUP_SEPARATOR = '[.,\\u066b\\u066c\\u00a0\\u202f ]';
const DECIMAL_SEPARATOR = '[.,\\u066b]';
const NUMBER = `${ANY_DIGIT}{1,3}(?:${GROUP_SEPARATOR}${ANY_DIGIT}{3}){1,4}(?:${DECIMAL_SEPARATOR}${ANY_DIGIT}{1,2})?|${ANY_DIGIT}{1,12}(?:${DECIMAL_SEPARATOR}${ANY_DIGIT}{1,2})?`;
const SYMBOL = '€|\\$|£|₺|₽|₴|₦|₱|฿|¥';
const CODE = '[A-Za-z]{3}';
const MULTIPLIER = '[kK]|mil|mille';
/** "€500", "US$ 1,200", "EUR 2.000". */
const PREFIXED_AMOUNT = new RegExp(
  `(?<![\\p{L}\\p{N}])(US\\$|${SYMBOL}|${CODE})[ \\t\\u00a0]{0,2}(${NUMBER})(?:[ \\t]?(${MULTIPLIER})(?![\\p{L}]))?(?![\\p{N}])`,
  'gu',
);
/**
 * "500 euros", "2.000 EUR", "300 dólares", "500 €", "٥٠٠ دولار", "2k €", "5 mil euros": a number and
 * the one or two words after it, which are then looked up (so accents and Arabic marks do not matter).
 */
const SUFFIXED_AMOUNT = new RegExp(
  `(?<![\\p{N}.,\\u066b\\u066c])(${NUMBER})(?:[ \\t\\u00a0]{0,2}(${MULTIPLIER})(?![\\p{L}]))?[ \\t\\u00a0]{0,2}(${SYMBOL}|[\\p{L}\\p{M}]{1,24}(?:[ \\t]{1,2}[\\p{L}\\p{M}]{1,24})?)`,
  'giu',
);

/** The value of a written number: the last separator followed by one or two digits is the decimal point. */
function numberValue(written: string): number {
  const digits = foldDigits(written);
  const match = /^(.*)[.,\u066b]([0-9]{1,2})$/u.exec(digits);
  const whole = (match?.[1] ?? digits).replace(/[^0-9]/gu, '');
  const fraction = match?.[2] ?? '';
  return Number(whole) + (fraction === '' ? 0 : Number(fraction) / 10 ** fraction.length);
}

function currencyOf(written: string): { known: boolean; code: string | null } {
  const trimmed = written.trim();
  if (/^[A-Za-z]{3}$/u.test(trimmed)) {
    const upper = trimmed.toUpperCase();
    const anyCase = upper === 'EUR' || upper === 'USD' || upper === 'GBP';
    if (CURRENCY_CODES.has(upper) && (anyCase || trimmed === upper)) return { known: true, code: upper };
  }
  const folded = /^(?:US)?\p{Sc}$/u.test(trimmed) ? trimmed.toLowerCase() : foldText(trimmed);
  if (!CURRENCY_WORDS.has(folded)) return { known: false, code: null };
  return { known: true, code: CURRENCY_WORDS.get(folded) ?? null };
}

function findAmounts(text: string): { raw: string; minor: number; currency: string | null }[] {
  const amounts: { raw: string; minor: number; currency: string | null }[] = [];
  const seen = new Set<string>();
  const consider = (
    raw: string,
    number: string,
    multiplier: string | undefined,
    currency: { code: string | null },
  ): boolean => {
    const minor = Math.round(numberValue(number) * (multiplier === undefined ? 1 : 1_000) * 100);
    if (!Number.isSafeInteger(minor) || minor <= 0) return true;
    return addUnique(amounts, seen, `${minor}:${currency.code ?? ''}`, {
      raw: raw.trim(),
      minor,
      currency: currency.code,
    });
  };
  for (const match of text.matchAll(PREFIXED_AMOUNT)) {
    const currency = currencyOf(match[1] ?? '');
    if (currency.known && !consider(match[0], match[2] ?? '', match[3], currency)) return amounts;
  }
  for (const match of text.matchAll(SUFFIXED_AMOUNT)) {
    // Two words when they name the currency together ("libras esterlinas"), else the first alone.
    const words = match[3] ?? '';
    const first = words.split(/[ \t]+/u)[0] ?? '';
    const both = currencyOf(words);
    const currency = both.known ? both : currencyOf(first);
    if (!currency.known) continue;
    const raw = both.known ? match[0] : match[0].slice(0, match[0].length - words.length + first.length);
    if (!consider(raw, match[1] ?? '', match[2], currency)) return amounts;
  }
  return amounts;
}

// ---------------------------------------------------------------------------------------------
// Plates
// ---------------------------------------------------------------------------------------------

/** Plate formats: Great Britain, France and Italy, dashed European, Belgium, Spain (consonants only), Romania, Germany. */
const PLATE_FORMAT = [
  '[A-Z]{2}[0-9]{2} ?[A-Z]{3}',
  '[A-Z]{2}[- ]?[0-9]{3}[- ]?[A-Z]{2}',
  '[A-Z]{1,3}-[0-9]{1,4}-[A-Z]{1,3}',
  '[0-9]-[A-Z]{3}-[0-9]{3}',
  '[0-9]{4}[- ]?[BCDFGHJKLMNPRSTVWXYZ]{3}',
  '(?:B|[A-Z]{2})[- ][0-9]{2,3}[- ][A-Z]{3}',
  '[A-ZÄÖÜ]{1,3}-[A-Z]{1,2} ?[0-9]{1,4}',
].join('|');
/** Plates read without a cue word: written in capitals, bounded by non-letters. */
const PLATE_FORMATS = new RegExp(`(?<![\\p{L}\\p{N}-])(?:${PLATE_FORMAT})(?![\\p{L}\\p{N}-])`, 'gu');
const WHOLE_PLATE = new RegExp(`^(?:${PLATE_FORMAT})$`, 'u');
/** A number and a unit ("10pm", "30mph", "2nd"), which a cue word may come before but is no plate. */
const NUMBER_AND_UNIT = /^[0-9]+(?:am|pm|h|hr|hrs|hs|mph|kmh|km|kg|mg|min|mins|st|nd|rd|th|er|e|eme|ieme|ans|anos)$/iu;

/** Words after which a plate is written, in the four languages (and the form labels). */
const PLATE_CUES =
  /(?<![\p{L}])(number plate|licen[cs]e plate|registration|reg|plates?|vehicles?|cars?|vans?|trucks?|lorry|matr[ií]culas?|placas?|patente|veh[ií]culos?|coches?|furgonetas?|camionetas?|plaques?|immatriculation|immatricul[ée]e?s?|v[ée]hicules?|voitures?|camionnettes?|لوحة|اللوحة|لوحه|نمرة|سيارة|السيارة|سياره)(?![\p{L}])/giu;

/** Words between a cue and the plate ("plate number is …", "matrícula de …"), folded. */
const PLATE_FILLERS: ReadonlySet<string> = new Set(
  'number no nr num n is was with reg registration de la el le du del numero its ist رقم هي هو رقمها'.split(' '),
);

/** Short words that end a plate read after a cue, so that "AB12 and" is not read as one plate. */
const PLATE_STOPS: ReadonlySet<string> = new Set(
  'and the was are with in on at to for his her our que qui les los las une una uno con y et en la le de del un is it or ou o'.split(
    ' ',
  ),
);

const YEAR = /^(?:19|20)[0-9]{2}$/u;

function plateOf(written: string): string {
  return written.toUpperCase().replace(/[\s-]+/gu, '');
}

/** Whether a plate read by format is something else: a currency code after a number ("1500 GBP"), a year. */
function notAPlate(plate: string): boolean {
  const letters = plate.replace(/[0-9]/gu, '');
  const digits = plate.replace(/[^0-9]/gu, '');
  if (letters === '') return YEAR.test(digits);
  return /^[0-9]+[A-Z]{3}$/u.test(plate) && CURRENCY_CODES.has(letters);
}

function findPlates(text: string, phoneDigits: readonly string[]): string[] {
  const plates: string[] = [];
  const seen = new Set<string>();
  for (const match of text.matchAll(PLATE_FORMATS)) {
    const plate = plateOf(match[0]);
    if (notAPlate(plate)) continue;
    if (!addUnique(plates, seen, plate, plate)) return plates;
  }
  for (const cue of text.matchAll(PLATE_CUES)) {
    // A plate is read up to the end of its clause: "plaque AB-123-CD, 500 €" is one plate and a sum.
    const after =
      text.slice(cue.index + cue[0].length, cue.index + cue[0].length + 48).split(/[,;!?\n\u060c]/u)[0] ?? '';
    const tokens = after.split(/[\s:#()"'.]+/u).filter((token) => token !== '');
    let index = 0;
    while (index < tokens.length && index < 3 && PLATE_FILLERS.has(foldText(tokens[index] ?? ''))) index++;
    const parts: string[] = [];
    for (; index < tokens.length && parts.length < 3; index++) {
      const token = tokens[index] ?? '';
      if (!/^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/u.test(token)) break;
      const letters = /^[A-Za-z]{1,3}$/u.test(token);
      if (!/[0-9]/u.test(token) && !letters) break;
      // A plate may open with letters only when they are capitals ("B 123 ABC"), not "the car had 3 men".
      if (letters && (PLATE_STOPS.has(token.toLowerCase()) || (parts.length === 0 && token !== token.toUpperCase())))
        break;
      if (plateOf([...parts, token].join('')).length > 10) break;
      parts.push(token);
    }
    const written = parts.join(' ');
    const plate = plateOf(written);
    if (plate === '' || notAPlate(plate)) continue;
    if (/^[0-9]+$/u.test(plate)) {
      // A bare number after a cue is a plate only when one short token, neither a year nor part of a phone.
      if (parts.length > 1 || plate.length < 3 || plate.length > 6 || YEAR.test(plate)) continue;
      if (phoneDigits.some((phone) => phone.includes(plate))) continue;
    } else {
      if (plate.length < 5 || !/[0-9]/u.test(plate) || NUMBER_AND_UNIT.test(plate)) continue;
      const capitals = written === written.toUpperCase();
      const single = parts.length === 1 && /[A-Za-z].*[0-9]|[0-9].*[A-Za-z]/u.test(plate);
      if (!capitals && !single && !WHOLE_PLATE.test(written.toUpperCase())) continue;
    }
    if (!addUnique(plates, seen, plate, plate)) return plates;
  }
  return plates;
}

// ---------------------------------------------------------------------------------------------
// Places
// ---------------------------------------------------------------------------------------------

/** Exonyms and common spellings of the synthetic world's cities in Spanish, French and Arabic. */
const CITY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  Bucharest: ['Bucarest', 'București', 'بوخارست'],
  Constanța: ['Constanza', 'كونستانتا'],
  Kyiv: ['Kiev', 'Kíev', 'Kiew', 'كييف'],
  Odesa: ['Odessa', 'أوديسا'],
  Kharkiv: ['Kharkov', 'Járkov', 'خاركيف'],
  Moscow: ['Moscú', 'Moscou', 'Moskva', 'موسكو'],
  'Saint Petersburg': ['St Petersburg', 'San Petersburgo', 'Saint-Pétersbourg', 'سانت بطرسبرغ'],
  Lagos: ['لاغوس'],
  Hanoi: ['Hanói', 'Ha Noi', 'هانوي'],
  'Ho Chi Minh City': ['Ho Chi Minh', 'Saigon', 'Ciudad Ho Chi Minh', 'Hô Chi Minh-Ville'],
  Damascus: ['Damasco', 'Damas', 'دمشق'],
  Aleppo: ['Alepo', 'Alep', 'حلب'],
  Baghdad: ['Bagdad', 'بغداد'],
  Erbil: ['Arbil', 'Irbil', 'أربيل'],
  Cairo: ['El Cairo', 'Le Caire', 'القاهرة'],
  Alexandria: ['Alejandría', 'Alexandrie', 'الإسكندرية'],
  Tirana: ['Tiranë', 'تيرانا'],
  Durrës: ['Durazzo'],
  Manila: ['Manille', 'مانيلا'],
  Bangkok: ['بانكوك'],
  Istanbul: ['Estambul', 'إسطنبول'],
  Belgrade: ['Belgrado', 'بلغراد'],
  Tripoli: ['Trípoli', 'طرابلس'],
  Calais: ['كاليه'],
  Dunkirk: ['Dunkerque', 'دونكيرك'],
  Budapest: ['بودابست'],
  Sofia: ['صوفيا'],
  Doha: ['الدوحة'],
  Dubai: ['Dubái', 'Dubaï', 'دبي'],
  Athens: ['Atenas', 'Athènes', 'أثينا'],
  London: ['Londres', 'لندن'],
  Leeds: ['ليدز'],
  Manchester: ['مانشستر'],
  Birmingham: ['برمنغهام'],
  Glasgow: ['غلاسكو'],
  Paris: ['باريس'],
  Lyon: ['Lyons', 'ليون'],
  Marseille: ['Marseilles', 'Marsella', 'مرسيليا'],
  Madrid: ['مدريد'],
  Barcelona: ['Barcelone', 'برشلونة'],
  Milan: ['Milán', 'Milano', 'ميلانو'],
  Rome: ['Roma', 'روما'],
  Berlin: ['برلين'],
  Amsterdam: ['أمستردام'],
  Brussels: ['Bruselas', 'Bruxelles', 'بروكسل'],
  Dublin: ['دبلن'],
  Vienna: ['Viena', 'Vienne', 'Wien', 'فيينا'],
};

/** The synthetic world's cities with their exonyms: the gazetteer used when none is given. */
export const DEFAULT_GAZETTEER: Gazetteer = {
  places: CITIES.map((city) => ({
    name: city.name,
    country: city.country,
    aliases: CITY_ALIASES[city.name] ?? [],
  })),
};

interface PlaceEntry {
  readonly words: readonly string[];
  readonly place: { readonly name: string; readonly country: string };
}

/** Places by the first folded word of each of their names, longest names first. */
type PlaceIndex = ReadonlyMap<string, readonly PlaceEntry[]>;

const placeIndexes = new WeakMap<Gazetteer, PlaceIndex>();

function placeIndex(gazetteer: Gazetteer): PlaceIndex {
  const cached = placeIndexes.get(gazetteer);
  if (cached !== undefined) return cached;
  const index = new Map<string, PlaceEntry[]>();
  for (const place of gazetteer.places) {
    for (const written of [place.name, ...(place.aliases ?? [])]) {
      const words = foldText(written).split(' ');
      const first = words[0];
      if (first === undefined || first === '') continue;
      const entries = index.get(first) ?? [];
      entries.push({ words, place: { name: place.name, country: place.country } });
      index.set(first, entries);
    }
  }
  for (const entries of index.values()) entries.sort((a, b) => b.words.length - a.words.length);
  placeIndexes.set(gazetteer, index);
  return index;
}

/** The longest place starting at word `at`, and how many words it spans. */
function placeAt(
  index: PlaceIndex,
  words: readonly string[],
  at: number,
): { entry: PlaceEntry; length: number } | null {
  for (const form of wordForms(words[at] ?? '')) {
    for (const entry of index.get(form) ?? []) {
      let matches = true;
      for (let offset = 1; offset < entry.words.length && matches; offset++) {
        matches = words[at + offset] === entry.words[offset];
      }
      if (matches) return { entry, length: entry.words.length };
    }
  }
  return null;
}

/** Folded words after which a place name is a person's name ("a girl called Sofia"). */
const NAME_CUE_WORDS: ReadonlySet<string> = new Set([
  'named',
  'called',
  'llama',
  'llamado',
  'llamada',
  'appelle',
  'nomme',
  'nommee',
  'appele',
  'appelee',
  'اسمه',
  'اسمها',
  'يدعي',
  'تدعي',
]);

function findPlaces(text: string, index: PlaceIndex): { name: string; country: string }[] {
  const places: { name: string; country: string }[] = [];
  const seen = new Set<string>();
  const words = foldText(text).split(' ');
  for (let at = 0; at < words.length;) {
    const found = placeAt(index, words, at);
    if (found === null) {
      at++;
      continue;
    }
    if (!NAME_CUE_WORDS.has(words[at - 1] ?? '')) {
      const { place } = found.entry;
      if (!addUnique(places, seen, `${place.name}|${place.country}`, { name: place.name, country: place.country }))
        break;
    }
    at += found.length;
  }
  return places;
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

function wordSet(list: string): ReadonlySet<string> {
  return new Set(foldText(list).split(' '));
}

/** Capitalised words that are not names: function words, sentence openers, titles of things, in the four languages. */
const NOT_NAME_WORDS: ReadonlySet<string> = wordSet(`
  i a an the my your his her its our their this that these those there here he she it we you they me him us them
  and or but so if when while because then also only just very please help hello hi hey yes no not all some many
  several every each any who what where why how which yesterday today tonight tomorrow now last next since after
  before during around about near at in on to from by with for of as into over under between behind since
  mr mrs ms miss dr sir madam police hotel motel street road avenue lane square station airport hospital school
  church mosque park house flat apartment building factory farm restaurant bar club shop market centre center
  north south east west city town village county district north car van bus taxi train
  whatsapp instagram telegram facebook tiktok snapchat twitter onlyfans signal viber google gmail
  god allah jesus christmas easter ramadan eid
  english british french spanish arabic romanian bulgarian ukrainian russian nigerian vietnamese chinese syrian
  iraqi egyptian albanian filipino thai turkish african european asian latin american polish moroccan
  euro euros dollars pounds
  el la los las lo un una unos unas mi mis tu tus su sus yo ella ellos ellas nosotros usted ustedes este esta
  estos estas ese esa eso aqui alli hay por para con sin de del en y o pero que quien como donde cuando ayer
  hoy manana ahora anoche favor ayuda hola gracias senor senora calle plaza hotel policia estacion
  le les des une mon ma mes ton ta tes son sa ses je tu il elle nous vous ils elles ce cet cette ces ici la
  et ou mais que qui quoi comment quand hier aujourd hui demain maintenant soir aide aidez bonjour merci
  monsieur madame rue place gare avec sans pour dans sur chez
  january february march april may june july august september october november december
  monday tuesday wednesday thursday friday saturday sunday
  enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre
  lunes martes miercoles jueves viernes sabado domingo
  janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
  lundi mardi mercredi jeudi vendredi samedi dimanche
  who where when vehicles phones links
`);

/** Particles inside names ("Juan de la Cruz", "Ludwig van Beethoven", "Ahmed bin Ali"). */
const NAME_PARTICLES: ReadonlySet<string> = new Set(
  'de del della di da dos das du van von der den le la bin ibn al el ben'.split(' '),
);

/** Titles: what follows is a name even alone ("Mr Popescu", "Señora García"). */
const TITLES: ReadonlySet<string> = wordSet('mr mrs ms miss dr señor señora sr sra don doña monsieur madame mme mlle');

/** Cues after which a name follows, as folded word sequences. */
const NAME_CUES: readonly (readonly string[])[] = [
  ['named'],
  ['called'],
  ['name', 'is'],
  ['names', 'are'],
  ['goes', 'by'],
  ['known', 'as'],
  ['alias'],
  ['se', 'llama'],
  ['se', 'llaman'],
  ['llamado'],
  ['llamada'],
  ['de', 'nombre'],
  ['nombre', 'es'],
  ['alias'],
  ['s', 'appelle'],
  ['s appelle'],
  ['s', 'appellent'],
  ['s appellent'],
  ['nomme'],
  ['nommee'],
  ['appele'],
  ['appelee'],
  ['nom', 'est'],
];

/** Arabic cues ("his name is", "her name is", "called", "the one called"), folded. */
const ARABIC_NAME_CUES: ReadonlySet<string> = new Set(
  ['اسمه', 'اسمها', 'يدعى', 'تدعى', 'يسمى', 'تسمى', 'المدعو', 'المدعوة'].map(foldText),
);

/** Arabic words that end a name read after a cue. */
const ARABIC_STOPS: ReadonlySet<string> = new Set(
  // "على" (on) is left out: folded, it is written like the name Ali.
  [
    'في',
    'من',
    'الى',
    'إلى',
    'عن',
    'و',
    'هو',
    'هي',
    'كان',
    'كانت',
    'مع',
    'الذي',
    'التي',
    'وهو',
    'وهي',
    'يعمل',
    'رقم',
  ].map(foldText),
);

const NAME_TOKEN = /(\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*)|([.!?؟。…\n]+)|(\S)/gu;
const LATIN_WORD = /^[\p{Script=Latin}\p{M}'’-]+$/u;
const UPPER_START = /^\p{Lu}/u;
const HAS_LOWER = /\p{Ll}/u;

interface NameToken {
  readonly text: string;
  readonly folded: string;
  readonly kind: 'word' | 'end' | 'other';
}

function isCapitalised(word: string): boolean {
  return LATIN_WORD.test(word) && UPPER_START.test(word) && HAS_LOWER.test(word);
}

function findNames(text: string, index: PlaceIndex): string[] {
  const tokens: NameToken[] = [];
  for (const match of text.matchAll(NAME_TOKEN)) {
    const kind = match[1] !== undefined ? 'word' : match[2] !== undefined ? 'end' : 'other';
    const written = match[0];
    tokens.push({ text: written, folded: kind === 'word' ? foldText(written.replace(/['’]/gu, ' ')) : '', kind });
  }
  const names: string[] = [];
  const seen = new Set<string>();
  const add = (words: readonly string[]): boolean => {
    const name = words.join(' ');
    return addUnique(names, seen, foldText(name), name);
  };
  const excluded = (position: number): number => {
    const token = tokens[position];
    if (token === undefined) return 1;
    if (NOT_NAME_WORDS.has(token.folded)) return 1;
    const words = tokens.slice(position, position + 4).map((entry) => entry.folded);
    return placeAt(index, words, 0)?.length ?? 0;
  };

  // Runs of capitalised Latin words, cut at words that are not names.
  let run: number[] = [];
  const flush = (): boolean => {
    let segment: number[] = [];
    const close = (): boolean => {
      while (segment.length > 0 && !isCapitalised(tokens[segment[segment.length - 1] ?? -1]?.text ?? '')) segment.pop();
      const capitals = segment.filter((position) => isCapitalised(tokens[position]?.text ?? '')).length;
      const ok = capitals < 2 || capitals > 4 || add(segment.map((position) => tokens[position]?.text ?? ''));
      segment = [];
      return ok;
    };
    for (let cursor = 0; cursor < run.length;) {
      const position = run[cursor] ?? 0;
      const skip = isCapitalised(tokens[position]?.text ?? '') ? excluded(position) : 0;
      if (skip > 0) {
        if (!close()) return false;
        cursor += skip;
        continue;
      }
      if (segment.length > 0 || isCapitalised(tokens[position]?.text ?? '')) segment.push(position);
      cursor++;
    }
    run = [];
    return close();
  };
  for (let position = 0; position < tokens.length; position++) {
    const token = tokens[position];
    if (token === undefined) break;
    if (token.kind === 'word' && isCapitalised(token.text)) run.push(position);
    else if (token.kind === 'word' && run.length > 0 && NAME_PARTICLES.has(token.folded)) run.push(position);
    else if (!flush()) return names;
  }
  if (!flush()) return names;

  // Names after cues and titles, where one word is enough.
  for (let position = 0; position < tokens.length; position++) {
    const token = tokens[position];
    if (token?.kind !== 'word') continue;
    let next = -1;
    if (TITLES.has(token.folded)) next = position + 1;
    else if (ARABIC_NAME_CUES.has(token.folded)) next = position + 1;
    else {
      for (const cue of NAME_CUES) {
        if (cue.every((word, offset) => tokens[position + offset]?.folded === word)) next = position + cue.length;
      }
    }
    if (next < 0) continue;
    while (tokens[next]?.kind === 'other' || (tokens[next]?.kind === 'end' && tokens[next]?.text === '.')) {
      if (next - position > 3) break;
      next++;
    }
    const words: string[] = [];
    if (ARABIC_NAME_CUES.has(token.folded)) {
      for (let at = next; at < tokens.length && words.length < 3; at++) {
        const word = tokens[at];
        if (word?.kind !== 'word' || !ARABIC_LETTER.test(word.text)) break;
        if (ARABIC_STOPS.has(word.folded) || ARABIC_NAME_CUES.has(word.folded)) break;
        if (words.length > 0 && word.folded.startsWith('\u0648')) break;
        words.push(word.text);
      }
    } else {
      for (let at = next; at < tokens.length && words.length < 4; at++) {
        const word = tokens[at];
        if (word?.kind !== 'word') break;
        if (isCapitalised(word.text) && !NOT_NAME_WORDS.has(word.folded)) words.push(word.text);
        else if (words.length > 0 && NAME_PARTICLES.has(word.folded) && isCapitalised(tokens[at + 1]?.text ?? ''))
          words.push(word.text);
        else break;
      }
    }
    if (words.length > 0 && !add(words)) break;
  }
  return names;
}

// ---------------------------------------------------------------------------------------------
// All together
// ---------------------------------------------------------------------------------------------

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
