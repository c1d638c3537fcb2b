/** Sums of money in the words, symbols and codes of the tips' languages. */
import { foldDigits } from '../../resolution/normalise/index.ts';
import { addUnique, foldText } from './text.ts';

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
export const CURRENCY_CODES: ReadonlySet<string> = new Set(
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

/** The sums of money written in the text, in the order first seen. */
export function findAmounts(text: string): { raw: string; minor: number; currency: string | null }[] {
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
