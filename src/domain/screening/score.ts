/**
 * The score of an entry against a query, in [0, 1], with the features that made it. A hit is
 * found by its name or by an identifier:
 * - by name: the best name similarity between any name of the query and any name (or alias) of
 *   the entry, raised or lowered by the date of birth, gender and nationality;
 * - by identifier: a document number (same issuing country, or one unknown), a phone number or an
 *   e-mail address shared, which decides on its own (a stolen passport presented under another
 *   name is exactly what a document list is screened for).
 * The score is the larger of the two; its explanation lists the features counted, whose weights
 * sum to the score (before it is kept within [0, 1]).
 *
 * Names are compared by `tokensSimilarity` with four adjustments for how lists write names
 * (see {@link screeningNameSimilarity}): words split in three or more ("van der bilt") meet the
 * word written whole, an acronym meets the words it stands for ("PLA", "People's Liberation
 * Army"), a particle run into a word of the other name is no disagreement, and two organisations
 * whose legal forms differ in kind ("AG" against "GmbH") score a little lower. The names' own
 * forms (legal forms, number words, abbreviations) are met before, in `name-forms.ts`.
 */
import {
  NAME_SIMILARITY_SETTINGS,
  normaliseName,
  tokenSimilarity,
  tokensSimilarity,
  type NameToken,
} from '../resolution/normalise/index.ts';
import { legalFormFamily } from './name-forms.ts';
import { packedDatesAgree } from '../resolution/normalise/index.ts';
import type { PreparedFields } from './prepare.ts';

/** Weights of the features, in score points. */
export const SCREENING_WEIGHTS = {
  /** Dates of birth: equal at the same precision / compatible (one partial, or day and month swapped). */
  birthDateExact: 0.06,
  birthDateCompatible: 0.03,
  /** No two dates compatible: the same year / years apart. */
  birthDateSameYear: -0.12,
  birthDateApart: -0.3,
  /** Genders both known and different. */
  genderConflict: -0.2,
  /** A nationality in common / both known and none in common. */
  nationalityShared: 0.02,
  nationalityConflict: -0.05,
  /** An identifier shared: the score it gives on its own. */
  documentShared: 0.99,
  /** The same document number from a different issuing country. */
  documentNumberOnly: 0.8,
  phoneShared: 0.9,
  emailShared: 0.9,
} as const;

/**
 * The name similarity is multiplied by this when both names carry a legal form and none of one
 * name's families is the other's ("Deutsche Bank AG" against "Deutsche Bank GmbH"): legal forms
 * weigh little as words, but a stock corporation and a limited company are two companies.
 */
export const LEGAL_FORM_CONFLICT_SCALE = 0.9;

/** The most tokens rejoined into one word ("plat ono vich" → "platonovich"). */
const LONGEST_SPLIT = 4;

/**
 * Whether {@link joinSplitRuns} could join anything: a word of `other` it looks for (six letters
 * or more) must begin with a word of `tokens` and be at least two letters longer (two words more).
 * Most pairs of names have none, and are passed over without building the words looked for.
 */
function couldJoinRun(tokens: readonly NameToken[], other: readonly NameToken[]): boolean {
  for (const word of other) {
    if (word.initial || word.text.length < 6) continue;
    for (const token of tokens) {
      if (!token.initial && word.text.length >= token.text.length + 2 && word.text.startsWith(token.text)) return true;
    }
  }
  return false;
}

/**
 * Joins runs of three to {@link LONGEST_SPLIT} adjacent tokens of `tokens` whose letters make a
 * token of `other` ("van der bilt" against "vanderbilt"); `tokensSimilarity` itself rejoins pairs.
 */
function joinSplitRuns(tokens: readonly NameToken[], other: readonly NameToken[]): readonly NameToken[] {
  if (tokens.length < 3 || !couldJoinRun(tokens, other)) return tokens;
  const wanted = new Set(other.filter((token) => !token.initial && token.text.length >= 6).map((token) => token.text));
  if (wanted.size === 0) return tokens;
  let out: NameToken[] | undefined;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as NameToken;
    let joined: NameToken | undefined;
    let text = token.text;
    let end = index + 1;
    while (end < tokens.length && end - index < LONGEST_SPLIT && !token.initial && !wanted.has(token.text)) {
      const next = tokens[end] as NameToken;
      if (next.initial) break;
      text += next.text;
      end += 1;
      if (end - index >= 3 && wanted.has(text)) {
        joined = normaliseName(text).parts[0];
        break;
      }
    }
    if (joined === undefined) {
      out?.push(token);
      continue;
    }
    out ??= tokens.slice(0, index);
    out.push(joined);
    index = end - 1;
  }
  return out ?? tokens;
}

/** The shortest and longest acronym read against the first letters of the other name's words. */
const ACRONYM_LENGTHS = { least: 3, most: 8 } as const;

const isFullWord = (token: NameToken): boolean => !token.particle && !token.initial;

/**
 * Whether {@link joinAcronyms} could find an acronym: a full word of `other` no longer than the
 * full words of `tokens` are many, each of whose letters begins one of them. Most pairs of names
 * have none, and are passed over without building the acronyms looked for.
 */
function couldSpellAcronym(tokens: readonly NameToken[], other: readonly NameToken[]): boolean {
  let fullWords = 0;
  for (const token of tokens) if (isFullWord(token)) fullWords += 1;
  const longest = Math.min(fullWords, ACRONYM_LENGTHS.most);
  for (const word of other) {
    if (!isFullWord(word) || word.text.length < ACRONYM_LENGTHS.least || word.text.length > longest) continue;
    if (spelledByFirstLetters(word.text, tokens)) return true;
  }
  return false;
}

/** Whether every letter of `word` begins a full word of `tokens`. */
function spelledByFirstLetters(word: string, tokens: readonly NameToken[]): boolean {
  for (let index = 0; index < word.length; index++) {
    let begins = false;
    for (const token of tokens) {
      if (isFullWord(token) && token.text.charCodeAt(0) === word.charCodeAt(index)) begins = true;
    }
    if (!begins) return false;
  }
  return true;
}

/**
 * Joins runs of full words of `tokens` whose first letters spell a word of `other` into that word
 * ("People's Liberation Army" against "PLA", "Islamic State of Iraq and Syria" against "ISIS"):
 * particles and connecting words inside the run are passed over. Acronyms of three to eight
 * letters only, and only ones the name does not itself contain.
 */
function joinAcronyms(tokens: readonly NameToken[], other: readonly NameToken[]): readonly NameToken[] {
  if (tokens.length < ACRONYM_LENGTHS.least || !couldSpellAcronym(tokens, other)) return tokens;
  const wanted = new Set(
    other
      .filter(
        (token) =>
          isFullWord(token) &&
          token.text.length >= ACRONYM_LENGTHS.least &&
          token.text.length <= ACRONYM_LENGTHS.most &&
          !tokens.some((mine) => mine.text === token.text),
      )
      .map((token) => token.text),
  );
  if (wanted.size === 0) return tokens;
  let out: NameToken[] | undefined;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index] as NameToken;
    let acronym = '';
    let end = index;
    let found: number | undefined;
    if (isFullWord(token)) {
      for (; end < tokens.length && acronym.length < ACRONYM_LENGTHS.most; end++) {
        const next = tokens[end] as NameToken;
        if (next.initial) break;
        if (next.particle) continue;
        acronym += next.text.charAt(0);
        if (acronym.length >= ACRONYM_LENGTHS.least && wanted.has(acronym)) found = end + 1;
      }
    }
    if (found === undefined) {
      out?.push(token);
      continue;
    }
    const letters = tokens
      .slice(index, found)
      .filter(isFullWord)
      .map((each) => each.text.charAt(0))
      .join('');
    out ??= tokens.slice(0, index);
    out.push(normaliseName(letters).parts[0] ?? token);
    index = found - 1;
  }
  return out ?? tokens;
}

/** The particles of `tokens` (legal forms aside) that `other` lacks, by key and by spelling. */
function lackingParticles(tokens: readonly NameToken[], other: readonly NameToken[]): NameToken[] {
  return tokens.filter(
    (token) =>
      token.particle &&
      legalFormFamily(token) === undefined &&
      !other.some((each) => each.key === token.key || each.text === token.text),
  );
}

/**
 * Whether `word` (of the other name) absorbed `particle` of `tokens`: a longer full word that
 * begins or ends with it, like no other token of `tokens`.
 */
function absorbs(
  word: NameToken,
  particle: NameToken,
  tokens: readonly NameToken[],
  similarity: (a: NameToken, b: NameToken) => number,
): boolean {
  return (
    isFullWord(word) &&
    word.text.length > particle.text.length &&
    (word.text.startsWith(particle.text) || word.text.endsWith(particle.text)) &&
    tokens.every((mine) => mine === particle || similarity(mine, word) < NAME_SIMILARITY_SETTINGS.tokenFloor)
  );
}

/** `tokens` without the `dropped` ones, unless that would leave no full word. */
function withoutTokens(tokens: readonly NameToken[], dropped: readonly NameToken[]): readonly NameToken[] {
  const kept = tokens.filter((token) => !dropped.includes(token));
  return kept.some(isFullWord) ? kept : tokens;
}

/**
 * A particle of one name ("al") that the other name lacks but that a word of the other name
 * begins or ends with, a word like no other word of the first name ("xal-Assad" against
 * "al-Assad"), when the other name has no particle of its own: the particle was typed into or run
 * into that word, so a second comparison leaves it out and the word is not counted as one the
 * names disagree on. Legal forms are kept (they disagree when they differ), and so is every name
 * that would be left without a full word.
 */
function withoutAbsorbedParticles(
  left: readonly NameToken[],
  right: readonly NameToken[],
  similarity: (a: NameToken, b: NameToken) => number,
): [readonly NameToken[], readonly NameToken[]] {
  const fromLeft = lackingParticles(left, right).filter((particle) =>
    right.some((word) => absorbs(word, particle, left, similarity)),
  );
  if (fromLeft.length > 0 && lackingParticles(right, left).length === 0) return [withoutTokens(left, fromLeft), right];
  const fromRight = lackingParticles(right, left).filter((particle) =>
    left.some((word) => absorbs(word, particle, right, similarity)),
  );
  if (fromRight.length > 0 && lackingParticles(left, right).length === 0)
    return [left, withoutTokens(right, fromRight)];
  return [left, right];
}

/** Whether a name has a particle (or a form word weighing as one): only then can one be absorbed. */
function hasParticle(tokens: readonly NameToken[]): boolean {
  for (const token of tokens) if (token.particle) return true;
  return false;
}

/** Whether a token of a name is a legal form of a family (any, when `family` is undefined). */
function hasLegalForm(tokens: readonly NameToken[], family?: string): boolean {
  for (const token of tokens) {
    const own = legalFormFamily(token);
    if (own !== undefined && (family === undefined || own === family)) return true;
  }
  return false;
}

/** Whether both names carry legal forms and share no family of them. */
function legalFormsDiffer(left: readonly NameToken[], right: readonly NameToken[]): boolean {
  if (!hasLegalForm(left)) return false;
  let carries = false;
  for (const token of right) {
    const family = legalFormFamily(token);
    if (family === undefined) continue;
    if (hasLegalForm(left, family)) return false;
    carries = true;
  }
  return carries;
}

/**
 * The similarity of two names as screening reads it: the best of `tokensSimilarity` on the names
 * as they are, after words split in three or more and acronyms are rejoined
 * ({@link joinSplitRuns}, {@link joinAcronyms}), and without absorbed particles
 * ({@link withoutAbsorbedParticles}); lowered by {@link LEGAL_FORM_CONFLICT_SCALE} when the names'
 * legal forms differ in kind. Each adjustment runs only when the names could need it (a word of
 * one name that a run of the other's could spell, a particle) and compares again only when it
 * changed a name: most pairs of names are compared once.
 */
export function screeningNameSimilarity(
  query: readonly NameToken[],
  entry: readonly NameToken[],
  similarity: (a: NameToken, b: NameToken) => number = tokenSimilarity,
): number {
  let score = tokensSimilarity(query, entry, similarity);
  const left = joinAcronyms(joinSplitRuns(query, entry), entry);
  const right = joinAcronyms(joinSplitRuns(entry, left), left);
  if (left !== query || right !== entry) score = Math.max(score, tokensSimilarity(left, right, similarity));
  if (hasParticle(left) || hasParticle(right)) {
    const [keptLeft, keptRight] = withoutAbsorbedParticles(left, right, similarity);
    if (keptLeft !== left || keptRight !== right)
      score = Math.max(score, tokensSimilarity(keptLeft, keptRight, similarity));
  }
  return legalFormsDiffer(query, entry) ? score * LEGAL_FORM_CONFLICT_SCALE : score;
}

/** One feature's part in a score. */
export interface ScreeningFeature {
  readonly feature: 'name' | 'birth_date' | 'gender' | 'nationality' | 'document' | 'phone' | 'email';
  /** What was compared and how it came out ("0.93", "exact", "1974 against 1975"…). */
  readonly detail: string;
  readonly weight: number;
}

/** A scored entry. */
export interface ScreeningScore {
  readonly score: number;
  readonly features: readonly ScreeningFeature[];
}

/** An entry as the scorer reads it: its names as tokens, its fields prepared. */
export interface ScoredEntry {
  readonly names: readonly (readonly NameToken[])[];
  readonly dates: readonly number[];
  readonly gender: number;
  readonly nationalities: readonly string[];
}

/** Which identifiers of the query the entry shares (found by exact lookup in the index). */
export interface SharedIdentifiers {
  /** 2: a document number with the same country (or one unknown); 1: the number from another country; 0: none. */
  readonly document: 0 | 1 | 2;
  readonly phone: boolean;
  readonly email: boolean;
}

const NO_IDENTIFIERS: SharedIdentifiers = { document: 0, phone: false, email: false };

const formatDate = (packed: number): string => {
  const year = Math.floor(packed / 10_000);
  const month = Math.floor(packed / 100) % 100;
  const day = packed % 100;
  return [
    String(year),
    month === 0 ? '' : String(month).padStart(2, '0'),
    day === 0 ? '' : String(day).padStart(2, '0'),
  ]
    .filter((part) => part !== '')
    .join('-');
};

/** How the dates of birth of a query and an entry agree, the best of any two of them. */
type BirthDateAgreement = 'exact' | 'compatible' | 'sameYear' | 'apart';

const BIRTH_DATE_WEIGHTS: Readonly<Record<BirthDateAgreement, number>> = {
  exact: SCREENING_WEIGHTS.birthDateExact,
  compatible: SCREENING_WEIGHTS.birthDateCompatible,
  sameYear: SCREENING_WEIGHTS.birthDateSameYear,
  apart: SCREENING_WEIGHTS.birthDateApart,
};

/** How two lists of packed dates of birth agree; undefined when either is empty. */
function birthDateAgreement(query: readonly number[], entry: readonly number[]): BirthDateAgreement | undefined {
  if (query.length === 0 || entry.length === 0) return undefined;
  let best = -1;
  let sameYear = false;
  for (const a of query) {
    for (const b of entry) {
      best = Math.max(best, packedDatesAgree(a, b));
      if (Math.floor(a / 10_000) === Math.floor(b / 10_000)) sameYear = true;
    }
  }
  if (best === 2) return 'exact';
  if (best === 1) return 'compatible';
  return sameYear ? 'sameYear' : 'apart';
}

/** The date of birth feature of dates that agree as `agreement` says, showing the first of each when they disagree. */
function birthDateFeature(
  agreement: BirthDateAgreement,
  query: readonly number[],
  entry: readonly number[],
): ScreeningFeature {
  const weight = BIRTH_DATE_WEIGHTS[agreement];
  if (agreement === 'exact' || agreement === 'compatible') return { feature: 'birth_date', detail: agreement, weight };
  const shown = `${formatDate(query[0] ?? 0)} against ${formatDate(entry[0] ?? 0)}`;
  return { feature: 'birth_date', detail: `${shown}: ${agreement === 'sameYear' ? 'the same year' : 'apart'}`, weight };
}

/** The first nationality of the query the entry has too; undefined when none. */
function commonNationality(query: readonly string[], entry: readonly string[]): string | undefined {
  for (const code of query) if (entry.includes(code)) return code;
  return undefined;
}

function identifierScore(shared: SharedIdentifiers): ScreeningScore | undefined {
  const features: ScreeningFeature[] = [];
  if (shared.document === 2)
    features.push({ feature: 'document', detail: 'the same number', weight: SCREENING_WEIGHTS.documentShared });
  else if (shared.document === 1) {
    features.push({
      feature: 'document',
      detail: 'the same number, another issuing country',
      weight: SCREENING_WEIGHTS.documentNumberOnly,
    });
  }
  if (shared.phone)
    features.push({ feature: 'phone', detail: 'the same number', weight: SCREENING_WEIGHTS.phoneShared });
  if (shared.email)
    features.push({ feature: 'email', detail: 'the same address', weight: SCREENING_WEIGHTS.emailShared });
  if (features.length === 0) return undefined;
  // The strongest identifier decides; the others are shown with no further weight.
  const strongest = features.reduce((best, feature) => (feature.weight > best.weight ? feature : best));
  return {
    score: strongest.weight,
    features: features.map((feature) => (feature === strongest ? feature : { ...feature, weight: 0 })),
  };
}

/**
 * Token similarity remembered per pair of tokens: one query meets the same tokens of many entries
 * (an index interns its tokens, so each is one object).
 */
export function memoisedTokenSimilarity(): (a: NameToken, b: NameToken) => number {
  const memo = new Map<NameToken, Map<NameToken, number>>();
  return (a, b) => {
    let row = memo.get(a);
    if (row === undefined) memo.set(a, (row = new Map<NameToken, number>()));
    let value = row.get(b);
    if (value === undefined) row.set(b, (value = tokenSimilarity(a, b)));
    return value;
  };
}

/** Compares a name of the query with a name of an entry, as {@link screeningNameSimilarity} does. */
export type NameComparison = (query: readonly NameToken[], entry: readonly NameToken[]) => number;

/**
 * Name similarity ({@link screeningNameSimilarity}, comparing tokens by `similarity`) remembered
 * per pair of names: an index keeps each distinct name once, as one array, and the candidates of
 * one query are often namesakes.
 */
export function memoisedNameSimilarity(similarity: (a: NameToken, b: NameToken) => number): NameComparison {
  const memo = new Map<readonly NameToken[], Map<readonly NameToken[], number>>();
  return (query, entry) => {
    let row = memo.get(query);
    if (row === undefined) memo.set(query, (row = new Map<readonly NameToken[], number>()));
    let value = row.get(entry);
    if (value === undefined) row.set(entry, (value = screeningNameSimilarity(query, entry, similarity)));
    return value;
  };
}

/**
 * An entry weighed against a query by name, before the score is explained: the names that
 * matched best, how the other fields agree, and the sum of the weights they make. Weighing builds
 * no text.
 */
interface Weighing {
  readonly nameScore: number;
  /** The query's and the entry's names that matched best; undefined when no names are alike. */
  readonly names: readonly [readonly NameToken[], readonly NameToken[]] | undefined;
  readonly birthDate: BirthDateAgreement | undefined;
  readonly genderConflict: boolean;
  /** Whether both have nationalities, and the first they share. */
  readonly nationalities: boolean;
  readonly commonNationality: string | undefined;
  /** The weights of the name's features, summed in the order they are listed. */
  readonly nameTotal: number;
}

/** Weighs an entry against a query by name: the best pair of names, then the other fields. */
function weighEntry(query: PreparedFields, entry: ScoredEntry, compare: NameComparison): Weighing {
  let nameScore = 0;
  let names: [readonly NameToken[], readonly NameToken[]] | undefined;
  for (const left of query.names) {
    for (const right of entry.names) {
      const score = compare(left, right);
      if (score > nameScore) {
        nameScore = score;
        names = [left, right];
      }
    }
  }
  let birthDate: BirthDateAgreement | undefined;
  let genderConflict = false;
  let nationalities = false;
  let common: string | undefined;
  let nameTotal = 0;
  if (names !== undefined) {
    nameTotal += nameScore;
    birthDate = birthDateAgreement(query.dates, entry.dates);
    if (birthDate !== undefined) nameTotal += BIRTH_DATE_WEIGHTS[birthDate];
    genderConflict = query.gender !== 0 && entry.gender !== 0 && query.gender !== entry.gender;
    if (genderConflict) nameTotal += SCREENING_WEIGHTS.genderConflict;
    nationalities = query.nationalities.length > 0 && entry.nationalities.length > 0;
    if (nationalities) {
      common = commonNationality(query.nationalities, entry.nationalities);
      nameTotal += common === undefined ? SCREENING_WEIGHTS.nationalityConflict : SCREENING_WEIGHTS.nationalityShared;
    }
  }
  return { nameScore, names, birthDate, genderConflict, nationalities, commonNationality: common, nameTotal };
}

/** The score of a weighed entry with its features: the identifiers' when they weigh at least the name's features. */
function explainWeighing(
  query: PreparedFields,
  entry: ScoredEntry,
  shared: SharedIdentifiers,
  weighing: Weighing,
): ScreeningScore {
  const byName: ScreeningFeature[] = [];
  if (weighing.names !== undefined) {
    const [bestQuery, bestEntry] = weighing.names;
    byName.push({
      feature: 'name',
      detail: `${bestQuery.map((token) => token.text).join(' ')} against ${bestEntry.map((token) => token.text).join(' ')}: ${weighing.nameScore.toFixed(2)}`,
      weight: weighing.nameScore,
    });
    if (weighing.birthDate !== undefined) byName.push(birthDateFeature(weighing.birthDate, query.dates, entry.dates));
    if (weighing.genderConflict) {
      byName.push({ feature: 'gender', detail: 'different', weight: SCREENING_WEIGHTS.genderConflict });
    }
    if (weighing.nationalities) {
      const common = weighing.commonNationality;
      byName.push(
        common === undefined
          ? { feature: 'nationality', detail: 'none in common', weight: SCREENING_WEIGHTS.nationalityConflict }
          : { feature: 'nationality', detail: common, weight: SCREENING_WEIGHTS.nationalityShared },
      );
    }
  }
  const byIdentifier = identifierScore(shared);
  if (byIdentifier !== undefined && byIdentifier.score >= weighing.nameTotal) return byIdentifier;
  return { score: clampScore(weighing.nameTotal), features: byName };
}

/** A sum of features' weights as a score, within [0, 1]. */
const clampScore = (total: number): number => Math.max(0, Math.min(1, total));

/** Whether an entry shares an identifier with the query: then the identifiers may decide its score. */
const sharesIdentifier = (shared: SharedIdentifiers): boolean => shared.document !== 0 || shared.phone || shared.email;

/** Scores an entry against a prepared query; `similarity` compares name tokens (default {@link tokenSimilarity}). */
export function scoreEntry(
  query: PreparedFields,
  entry: ScoredEntry,
  shared: SharedIdentifiers = NO_IDENTIFIERS,
  similarity: (a: NameToken, b: NameToken) => number = tokenSimilarity,
): ScreeningScore {
  const weighing = weighEntry(query, entry, (left, right) => screeningNameSimilarity(left, right, similarity));
  return explainWeighing(query, entry, shared, weighing);
}

/**
 * {@link scoreEntry} when the score reaches `least`, else undefined; `compare` compares names
 * (default {@link screeningNameSimilarity}, or {@link memoisedNameSimilarity}). An index scores
 * many candidates per query, most of them below its threshold: their features are not written out.
 */
export function scoreEntryReaching(
  query: PreparedFields,
  entry: ScoredEntry,
  least: number,
  shared: SharedIdentifiers = NO_IDENTIFIERS,
  compare: NameComparison = screeningNameSimilarity,
): ScreeningScore | undefined {
  const weighing = weighEntry(query, entry, compare);
  if (!sharesIdentifier(shared) && clampScore(weighing.nameTotal) < least) return undefined;
  const scored = explainWeighing(query, entry, shared, weighing);
  return scored.score < least ? undefined : scored;
}
