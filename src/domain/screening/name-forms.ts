/**
 * Equivalent forms of names, written one way before names are compared. Lists and queries write
 * the same name differently: "Siemens Aktiengesellschaft" and "Siemens AG", "Brigade Forty-Four"
 * and "Brigade 44", "First Bank Int'l" and "1st International Bank", "A.B.C. Company" and "ABC Co".
 *
 * - {@link rewriteName} rewrites the text of a name (before `normaliseName`): legal forms to one
 *   short form, number words and ordinals to digits, common abbreviations to their words, dotted
 *   acronyms run together, possessive 's and a leading "The" dropped, look-alike digits inside
 *   words ("Ig0r") read as letters.
 * - {@link nameForms} is the name and, when a slash separates alternative names
 *   ("Al-Qa'ida/Islamic Army"), each of them, rewritten.
 * - {@link markFormWords} makes legal forms and connecting words ("of", "and") weigh little once
 *   the name is tokens, as `normaliseName` does for particles, and gives the legal forms of one
 *   family one key (OAO, PAO and JSC are all joint-stock companies).
 * - {@link legalFormFamily} tells the scorer which family of legal form a token is.
 *
 * Everything here is a table or a small pure function; no rule names a particular organisation
 * or person. Tables are matched on whole words, case and accents aside.
 */
import type { NameToken } from '../resolution/normalise/index.ts';

/** Splits a whitespace-separated list; keeps long word lists readable and formatter-stable. */
function words(list: string): string[] {
  return list.trim().split(/\s+/u);
}

/**
 * Legal forms of organisations: the canonical short form first, then the other ways it is
 * written (long forms in the languages that use it, transliterations, run-together or spaced
 * abbreviations). A dotted abbreviation ("G.m.b.H.", "S.A.R.L.", "A/S") is run together before
 * this table is read, so only its letters are listed. Every short form is one word of letters.
 */
const LEGAL_FORMS: readonly (readonly [string, ...string[]])[] = [
  // English-speaking jurisdictions.
  ['Ltd', 'Limited', 'Private Limited', 'Private Ltd', 'Pvt Ltd', 'Pvt Limited', 'Pte Ltd', 'Pte Limited'],
  ['Ltd', 'Proprietary Limited', 'Pty Ltd', 'Pty Limited', 'Limited Company'],
  ['LLC', 'Limited Liability Company', 'Limited Liability Co', 'Ltd Liability Co', 'Ltd Liability Company'],
  ['LLP', 'Limited Liability Partnership'],
  ['LP', 'Limited Partnership'],
  ['PLC', 'Public Limited Company', 'Public Ltd Co', 'Public Ltd Company'],
  ['PCL', 'Public Company Limited', 'Public Co Ltd'],
  ['Inc', 'Incorporated'],
  ['Corp', 'Corporation'],
  ['Co', 'Company', 'Compagnie', 'Cie', 'Compania', 'Companhia'],
  // German-speaking.
  ['AG', 'Aktiengesellschaft'],
  ['GmbH', 'Gesellschaft mit beschränkter Haftung', 'Gesellschaft mbH', 'GesmbH', 'Ges mbH', 'Ges m b H'],
  ['KG', 'Kommanditgesellschaft'],
  ['KGaA', 'Kommanditgesellschaft auf Aktien'],
  ['OHG', 'Offene Handelsgesellschaft'],
  // Romance languages.
  ['SA', 'Société Anonyme', 'Sociedad Anónima', 'Sociedade Anônima', 'Societate pe Acțiuni', 'Spółka Akcyjna'],
  ['SA', 'SA de CV', 'Sociedad Anónima de Capital Variable', 'SA de C V'],
  ['SAS', 'Société par Actions Simplifiée'],
  ['SARL', 'Société à Responsabilité Limitée'],
  ['SNC', 'Société en Nom Collectif'],
  ['SpA', 'Società per Azioni'],
  ['SRL', 'Società a Responsabilità Limitata', 'Societatea cu Răspundere Limitată'],
  ['SRL', 'Sociedad de Responsabilidad Limitada', 'S de RL', 'S de R L'],
  ['SL', 'Sociedad Limitada'],
  ['Ltda', 'Limitada', 'Sociedade Limitada'],
  // Dutch, Belgian and Nordic.
  ['NV', 'Naamloze Vennootschap'],
  ['BV', 'Besloten Vennootschap'],
  ['BVBA', 'Besloten Vennootschap met Beperkte Aansprakelijkheid'],
  ['AB', 'Aktiebolag', 'Aktiebolaget'],
  ['AS', 'Aktieselskab', 'Aksjeselskap', 'Anonim Şirketi'],
  ['ASA', 'Allmennaksjeselskap'],
  ['ApS', 'Anpartsselskab'],
  ['Oy', 'Osakeyhtiö'],
  ['Oyj', 'Julkinen Osakeyhtiö'],
  // Central and Eastern Europe.
  ['SpZoo', 'Spółka z ograniczoną odpowiedzialnością', 'Sp z oo', 'Sp z o o', 'Spzoo'],
  ['sro', 'Společnost s ručením omezeným', 'spol s r o', 'spol s ro'],
  ['doo', 'Društvo s ograničenom odgovornošću'],
  ['Kft', 'Korlátolt Felelősségű Társaság'],
  ['Zrt', 'Zártkörűen Működő Részvénytársaság'],
  ['Nyrt', 'Nyilvánosan Működő Részvénytársaság'],
  // Russia and the former Soviet Union, in Cyrillic and in Latin letters.
  ['JSC', 'Joint Stock Company', 'Joint Stock Co'],
  ['OJSC', 'Open Joint Stock Company', 'Open Joint Stock Co'],
  ['CJSC', 'Closed Joint Stock Company', 'Closed Joint Stock Co'],
  ['PJSC', 'Public Joint Stock Company', 'Public Joint Stock Co'],
  ['AO', 'Акционерное общество', 'Aktsionernoe Obshchestvo', 'Aktsionernoye Obshchestvo'],
  ['OAO', 'Открытое акционерное общество', 'Otkrytoe Aktsionernoe Obshchestvo', 'Otkrytoye Aktsionernoye Obshchestvo'],
  ['ZAO', 'Закрытое акционерное общество', 'Zakrytoe Aktsionernoe Obshchestvo', 'Zakrytoye Aktsionernoye Obshchestvo'],
  [
    'PAO',
    'Публичное акционерное общество',
    'Publichnoe Aktsionernoe Obshchestvo',
    'Publichnoye Aktsionernoye Obshchestvo',
  ],
  ['NAO', 'Непубличное акционерное общество'],
  ['PAT', 'Публічне акціонерне товариство'],
  ['PrAT', 'Приватне акціонерне товариство'],
  ['OOO', 'Общество с ограниченной ответственностью', 'Obshchestvo s Ogranichennoy Otvetstvennostyu'],
  ['OOO', 'Obshchestvo s Ogranichennoi Otvetstvennostiu', 'Obshchestvo s Ogranichennoj Otvetstvennostju'],
  ['TOO', 'Товарищество с ограниченной ответственностью'],
  ['TOV', 'Товариство з обмеженою відповідальністю'],
  ['ANO', 'Автономная некоммерческая организация', 'Avtonomnaya Nekommercheskaya Organizatsiya'],
  // Asia.
  ['KK', 'Kabushiki Kaisha', 'Kabushiki Gaisha'],
  ['PT', 'Perseroan Terbatas'],
  ['Tbk', 'Terbuka'],
  ['Bhd', 'Berhad'],
  ['Sdn', 'Sendirian'],
];

/**
 * Legal forms that are one form under several names, or forms close enough that lists use them
 * for one another: they share a key, so they align as equal. The joint-stock companies of the
 * former Soviet Union (open, closed, public or plain, in Russian or English letters), the
 * limited liability companies whose local name translates "LLC", and the English words for a
 * company or corporation.
 */
const LEGAL_FORM_FAMILIES: Readonly<Record<string, readonly string[]>> = {
  jsc: words('JSC OJSC CJSC PJSC AO OAO ZAO PAO NAO PAT PrAT'),
  llc: words('LLC OOO TOO TOV'),
  corp: words('Corp Inc Co'),
};

/**
 * Short legal forms that are also common syllables or words of names (Chinese "Ao" and "Sa",
 * the given name "Asa", an English "spa"): they are written one way like the others but keep
 * their full weight and their own key, so that they never make a person's name weigh less.
 */
const AMBIGUOUS_LEGAL_FORMS: ReadonlySet<string> = new Set(words('ao sa asa spa'));

/**
 * Abbreviations of words common in organisation names, with the word they stand for. The
 * keys are folded (apostrophes dropped): "Int'l", "Intl" and "INT'L" are all `intl`.
 */
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  intl: 'International',
  natl: 'National',
  govt: 'Government',
  dept: 'Department',
  assn: 'Association',
  assoc: 'Association',
  univ: 'University',
  mfg: 'Manufacturing',
  bros: 'Brothers',
  hldg: 'Holding',
  hldgs: 'Holdings',
  mgmt: 'Management',
  mgt: 'Management',
  svc: 'Service',
  svcs: 'Services',
  grp: 'Group',
  engg: 'Engineering',
  'co op': 'Cooperative',
  coop: 'Cooperative',
};

/**
 * Connecting words of organisation names ("Bank of China", "Procter and Gamble", "The World
 * Bank"): kept, but weighing as little as a particle of a person's name. "&" is read as "and".
 */
const CONNECTING_WORDS: ReadonlySet<string> = new Set(words('of and the for und et'));

/** A table of number words as a map (a plain object would also answer "constructor"). */
function numberWords(table: Readonly<Record<string, number>>): ReadonlyMap<string, number> {
  return new Map(Object.entries(table));
}

/**
 * English number words, cardinal and ordinal, below a hundred, with their values. "Ten" is
 * left out: it is also a Dutch name particle ("ten Boom"); "tenth" and compounds are kept.
 * "Fourty", a common misspelling, is read as forty.
 */
const UNIT_WORDS: ReadonlyMap<string, number> = numberWords({
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
});
const TEEN_WORDS: ReadonlyMap<string, number> = numberWords({
  tenth: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  eleventh: 11,
  twelfth: 12,
  thirteenth: 13,
  fourteenth: 14,
  fifteenth: 15,
  sixteenth: 16,
  seventeenth: 17,
  eighteenth: 18,
  nineteenth: 19,
});
const TENS_WORDS: ReadonlyMap<string, number> = numberWords({
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  twentieth: 20,
  thirtieth: 30,
  fortieth: 40,
  fiftieth: 50,
  sixtieth: 60,
  seventieth: 70,
  eightieth: 80,
  ninetieth: 90,
});

/**
 * Digits typed for the letters they look like, read back as letters when a digit stands alone
 * between two Latin letters of a word of three letters or more ("Ig0r Sech1n" → "Igor
 * Sechin"); digits anywhere else are numbers.
 */
const LOOK_ALIKE_DIGITS: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '8': 'b',
  '9': 'g',
};

// --- lookups built from the tables ------------------------------------------------------------

const PLAIN_WORD = /^[A-Za-z0-9]*$/u;
/** The tables hold Latin and Cyrillic words only; other words are never looked up folded. */
const TABLE_SCRIPT = /[\p{Script=Latin}\p{Script=Cyrillic}]/u;

/** Latin letters that lose no accent in decomposition ("Spółka", "Društvo"), as they are folded. */
const UNDECOMPOSED: Readonly<Record<string, string>> = {
  ł: 'l',
  đ: 'd',
  ø: 'o',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  ħ: 'h',
};
const UNDECOMPOSED_LETTER = /[łđøßæœıħ]/gu;

/** Folds a word for table lookup: compatibility forms, accents and apostrophes out, lower case. */
function fold(word: string): string {
  if (PLAIN_WORD.test(word)) return word.toLowerCase();
  if (!TABLE_SCRIPT.test(word)) return word;
  return word
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/'/gu, '')
    .toLowerCase()
    .replace(UNDECOMPOSED_LETTER, (letter) => UNDECOMPOSED[letter] ?? letter);
}

const foldPhrase = (phrase: string): string =>
  phrase
    .split(/[^\p{L}\p{M}\p{N}']+/u)
    .filter((word) => word !== '')
    .map(fold)
    .join(' ');

/** Folded phrase → its replacement (a legal form's short form, or an abbreviation's word). */
const PHRASES = new Map<string, string>();
for (const [form, ...spellings] of LEGAL_FORMS) {
  for (const spelling of [form, ...spellings]) PHRASES.set(foldPhrase(spelling), form);
}
for (const [abbreviation, word] of Object.entries(ABBREVIATIONS)) PHRASES.set(abbreviation, word);

/** The first word of each phrase → the numbers of words of the phrases it begins, most first. */
const PHRASE_LENGTHS = new Map<string, number[]>();
for (const phrase of PHRASES.keys()) {
  const [first = '', ...rest] = phrase.split(' ');
  const lengths = PHRASE_LENGTHS.get(first) ?? [];
  if (!lengths.includes(rest.length + 1)) lengths.push(rest.length + 1);
  PHRASE_LENGTHS.set(
    first,
    lengths.sort((a, b) => b - a),
  );
}

/** Folded short legal form → the key of its family (its own folded form when it has none). */
const LEGAL_FORM_KEYS = new Map<string, string>();
for (const [form] of LEGAL_FORMS) LEGAL_FORM_KEYS.set(fold(form), fold(form));
for (const [family, forms] of Object.entries(LEGAL_FORM_FAMILIES)) {
  for (const form of forms) LEGAL_FORM_KEYS.set(fold(form), family);
}

/**
 * Words of the phrases long enough to be recognised with one letter wrong ("Joynt Stock
 * Company", "Aktiengeselschaft"): in a phrase of several words, words of five letters or more;
 * alone, words of eight or more (a shorter word one edit from "Berhad" may be a given name).
 */
const FUZZY_LEAST_LENGTH = 5;
const FUZZY_LEAST_LENGTH_ALONE = 8;
const VOCABULARY = new Set(
  [...PHRASES.keys()].flatMap((phrase) => phrase.split(' ')).filter((word) => word.length >= FUZZY_LEAST_LENGTH),
);

/**
 * Vocabulary words by their first letter and by their last: a word one edit from a vocabulary
 * word of five letters or more shares its first letter or its last.
 */
const VOCABULARY_BY_END = new Map<string, string[]>();
for (const word of VOCABULARY) {
  for (const key of [`^${word.charAt(0)}`, `${word.charAt(word.length - 1)}$`]) {
    const list = VOCABULARY_BY_END.get(key);
    if (list === undefined) VOCABULARY_BY_END.set(key, [word]);
    else list.push(word);
  }
}

/** Whether two words are at most one edit apart (a letter inserted, deleted, replaced, or two swapped). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const restA = endA - start;
  const restB = endB - start;
  if (restA <= 1 && restB <= 1) return true;
  // Two neighbouring letters swapped.
  return restA === 2 && restB === 2 && a[start] === b[start + 1] && a[start + 1] === b[start];
}

/** The vocabulary word a folded word is, or is one edit from; the word itself when none. */
function vocabularyWord(word: string): string {
  if (word.length < FUZZY_LEAST_LENGTH || VOCABULARY.has(word)) return word;
  for (const key of [`^${word.charAt(0)}`, `${word.charAt(word.length - 1)}$`]) {
    const match = VOCABULARY_BY_END.get(key)?.find((candidate) => withinOneEdit(word, candidate));
    if (match !== undefined) return match;
  }
  return word;
}

// --- rewriting the text -----------------------------------------------------------------------

/** A word of the text, its folded form, and the separator written before it. */
interface Piece {
  readonly gap: string;
  readonly text: string;
  readonly folded: string;
}

const piece = (gap: string, text: string): Piece => ({ gap, text, folded: fold(text) });

const WORD = /[\p{L}\p{M}\p{N}']+/gu;
const APOSTROPHE_LIKE = /[’ʼ‘`´ʻ]/gu;
const POSSESSIVE = /(\p{L})(?:'s)+(?![\p{L}\p{M}\p{N}])/gu;
const LOOK_ALIKE = /(?<=\p{Script=Latin})[013-57-9](?=\p{Script=Latin})/gu;
const ALPHANUMERIC_WORD = /[\p{L}\p{N}]+/gu;
const LATIN_LETTER = /\p{Script=Latin}/gu;

/**
 * A word's look-alike digits as letters ({@link LOOK_ALIKE_DIGITS}), in words of three Latin
 * letters or more: codes such as "G4S" or "B2B" keep their digits.
 */
function readLookAlikeDigits(word: string): string {
  if ((word.match(LATIN_LETTER)?.length ?? 0) < 3) return word;
  return word.replace(LOOK_ALIKE, (digit) => LOOK_ALIKE_DIGITS[digit] ?? digit);
}
const ANY_DIGIT = /[0-9]/u;
const DIGIT_ORDINAL = /^([0-9]+)(?:st|nd|rd|th)$/iu;
/** Separators that may stand inside a phrase ("Joint-Stock Company", "Sp. z o.o."). */
const PHRASE_GAP = /^[\s.-]+$/u;
/** Separators inside a dotted abbreviation ("S.A.", "A/S", "L. X. C."). */
const DOTTED_GAP = /^(?:\.\s?|\/)$/u;
const SINGLE_LETTER = /^\p{L}$/u;

function piecesOf(text: string): { pieces: Piece[]; tail: string } {
  const pieces: Piece[] = [];
  let last = 0;
  for (const match of text.matchAll(WORD)) {
    pieces.push(piece(text.slice(last, match.index), match[0]));
    last = match.index + match[0].length;
  }
  return { pieces, tail: text.slice(last) };
}

/**
 * Runs dotted abbreviations together: single letters joined by dots or a slash become one word
 * when they spell a legal form ("S.A." → "SA", "A/S" → "AS") or are three letters or more
 * ("A.B.C." → "ABC"). Two dotted letters that are not a legal form stay apart: they are
 * usually a person's initials ("J.R. Smith").
 */
function runDottedTogether(pieces: readonly Piece[]): Piece[] {
  const out: Piece[] = [];
  for (let index = 0; index < pieces.length; index++) {
    const first = pieces[index] as Piece;
    let end = index + 1;
    if (first.text.length <= 2 && SINGLE_LETTER.test(first.text)) {
      while (
        end < pieces.length &&
        SINGLE_LETTER.test((pieces[end] as Piece).text) &&
        DOTTED_GAP.test((pieces[end] as Piece).gap)
      )
        end++;
    }
    if (end - index < 2) {
      out.push(first);
      continue;
    }
    const letters = pieces
      .slice(index, end)
      .map((each) => each.text)
      .join('');
    const folded = fold(letters);
    const form = LEGAL_FORM_KEYS.has(folded) ? PHRASES.get(folded) : undefined;
    if (form !== undefined || end - index >= 3) {
      out.push(piece(first.gap, form ?? letters));
      index = end - 1;
    } else out.push(first);
  }
  return out;
}

/**
 * The number of words of the phrase at `index` (the longest there), read exactly or with one
 * letter wrong in its long words; undefined when no phrase starts there.
 */
function phraseAt(pieces: readonly Piece[], exact: readonly string[], fuzzy: readonly string[], index: number) {
  const lengths = [
    ...(PHRASE_LENGTHS.get(exact[index] ?? '') ?? []),
    ...(PHRASE_LENGTHS.get(fuzzy[index] ?? '') ?? []),
  ].sort((a, b) => b - a);
  for (const words of lengths) {
    if (index + words > pieces.length) continue;
    if (!pieces.slice(index + 1, index + words).every((each) => PHRASE_GAP.test(each.gap))) continue;
    const spelt = PHRASES.get(exact.slice(index, index + words).join(' '));
    if (spelt !== undefined) return { words, replacement: spelt };
    if (words === 1 && (fuzzy[index] ?? '').length < FUZZY_LEAST_LENGTH_ALONE) continue;
    const misspelt = PHRASES.get(fuzzy.slice(index, index + words).join(' '));
    if (misspelt !== undefined) return { words, replacement: misspelt };
  }
  return undefined;
}

/** Replaces legal forms and abbreviations, the longest phrase at each place first. */
function replacePhrases(pieces: readonly Piece[]): Piece[] {
  const exact = pieces.map((each) => each.folded);
  const fuzzy = exact.map(vocabularyWord);
  const out: Piece[] = [];
  for (let index = 0; index < pieces.length; index++) {
    const first = pieces[index] as Piece;
    const phrase = phraseAt(pieces, exact, fuzzy, index);
    if (phrase === undefined) {
      out.push(first);
      continue;
    }
    out.push(piece(first.gap, phrase.replacement));
    index += phrase.words - 1;
  }
  return out;
}

/** The value of a number word or an ordinal written in digits ("4th"); undefined for other words. */
function numberValue(folded: string): { value: number; tens: boolean } | undefined {
  const ordinal = folded.charCodeAt(0) <= 0x39 ? DIGIT_ORDINAL.exec(folded) : null;
  if (ordinal !== null) return { value: Number(ordinal[1]), tens: false };
  const unit = UNIT_WORDS.get(folded) ?? TEEN_WORDS.get(folded);
  if (unit !== undefined) return { value: unit, tens: false };
  const tens = TENS_WORDS.get(folded);
  return tens === undefined ? undefined : { value: tens, tens: true };
}

/**
 * Number words and ordinals to digits: "Three" → "3", "First" and "1st" → "1", and a tens word
 * with a unit after it, as a word or a digit, to one number ("Forty-Four", "forty 4" → "44").
 */
function replaceNumbers(pieces: readonly Piece[]): Piece[] {
  const out: Piece[] = [];
  for (let index = 0; index < pieces.length; index++) {
    const word = pieces[index] as Piece;
    const number = numberValue(word.folded);
    if (number === undefined) {
      out.push(word);
      continue;
    }
    let value = number.value;
    const next = pieces[index + 1];
    if (number.tens && next !== undefined && /^[\s-]+$/u.test(next.gap)) {
      const unit = /^[1-9]$/u.test(next.text) ? Number(next.text) : UNIT_WORDS.get(next.folded);
      if (unit !== undefined && unit >= 1) {
        value += unit;
        index++;
      }
    }
    out.push(piece(word.gap, String(value)));
  }
  return out;
}

/** Drops "The" at the start of a name, when a word follows it. */
function dropLeadingArticle(pieces: readonly Piece[]): readonly Piece[] {
  let start = 0;
  while (start < pieces.length - 1 && (pieces[start] as Piece).folded === 'the') start++;
  return start === 0 ? pieces : pieces.slice(start);
}

function rewriteOnce(text: string): string {
  let prepared = text.normalize('NFKC').replace(APOSTROPHE_LIKE, "'");
  if (prepared.includes("'")) prepared = prepared.replace(POSSESSIVE, '$1');
  if (prepared.includes('&')) prepared = prepared.replace(/&/gu, ' and ');
  if (ANY_DIGIT.test(prepared)) prepared = prepared.replace(ALPHANUMERIC_WORD, readLookAlikeDigits);
  const { pieces, tail } = piecesOf(prepared);
  const rewritten = dropLeadingArticle(replaceNumbers(replacePhrases(runDottedTogether(pieces))));
  return (rewritten.map((each) => each.gap + each.text).join('') + tail).replace(/\s+/gu, ' ').trim();
}

/**
 * A name's text with its equivalent forms written one way: legal forms as their short form
 * ("Aktiengesellschaft" → "AG", "Open Joint Stock Company" → "OJSC", "Sp. z o.o." → "SpZoo"),
 * number words and ordinals as digits, abbreviations as words ("Int'l" → "International"),
 * dotted acronyms run together ("A.B.C." → "ABC"), "&" as "and", possessive 's and a leading
 * "The" dropped, a digit between two letters as the letter it looks like. Rewriting the result
 * again changes nothing.
 */
export function rewriteName(text: string): string {
  let current = text;
  // Each rewrite yields forms the tables leave alone; the second pass only confirms it, but a
  // rewrite that makes a new phrase (two words brought together) gets one more.
  for (let pass = 0; pass < 8; pass++) {
    const next = rewriteOnce(current);
    if (next === current) break;
    current = next;
  }
  return current;
}

/** A slash between two words of two letters or more separates alternative names; "A/S" and "s/o" do not. */
const ALTERNATIVES = /(?<=[\p{L}\p{M}']{2})\s*\/\s*(?=[\p{L}\p{M}']{2})/u;

/**
 * The forms of a name to compare: the name rewritten ({@link rewriteName}) and, when slashes
 * separate alternative names ("Al-Qa'ida/Islamic Army"), each alternative rewritten too.
 */
export function nameForms(text: string): string[] {
  const whole = rewriteName(text);
  const parts = text.includes('/') ? text.split(ALTERNATIVES) : [];
  if (parts.length < 2) return [whole];
  return [...new Set([whole, ...parts.map(rewriteName)])].filter((form) => form !== '');
}

// --- tokens -------------------------------------------------------------------------------------

/**
 * The family key of a token that is a legal form's short form (its own folded form when it has
 * no family), else undefined; undefined too for the forms that are also syllables of names.
 */
export function legalFormFamily(token: NameToken): string | undefined {
  return AMBIGUOUS_LEGAL_FORMS.has(token.text) ? undefined : LEGAL_FORM_KEYS.get(token.text);
}

/**
 * The name's tokens with legal forms and connecting words made to weigh little (as particles),
 * each legal form keyed by its family so that forms of one family align as equal. Unchanged
 * when that would leave no full word (a name that is only "The Company" still counts), and for
 * legal forms that are also syllables of names ({@link AMBIGUOUS_LEGAL_FORMS}).
 */
export function markFormWords(tokens: readonly NameToken[]): readonly NameToken[] {
  const marked = tokens.map((token) => {
    if (token.particle || token.initial) return token;
    const family = legalFormFamily(token);
    if (family === undefined && !CONNECTING_WORDS.has(token.text)) return token;
    return { ...token, key: family ?? token.key, particle: true };
  });
  const changed = marked.some((token, index) => token !== tokens[index]);
  if (!changed || !marked.some((token) => !token.particle && !token.initial)) return tokens;
  return marked;
}
