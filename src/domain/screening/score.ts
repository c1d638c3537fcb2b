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
import { dateAgreement, type PreparedFields } from './prepare.ts';

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
 * Joins runs of three to {@link LONGEST_SPLIT} adjacent tokens of `tokens` whose letters make a
 * token of `other` ("van der bilt" against "vanderbilt"); `tokensSimilarity` itself rejoins pairs.
 */
function joinSplitRuns(tokens: readonly NameToken[], other: readonly NameToken[]): readonly NameToken[] {
  if (tokens.length < 3) return tokens;
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
 * Joins runs of full words of `tokens` whose first letters spell a word of `other` into that word
 * ("People's Liberation Army" against "PLA", "Islamic State of Iraq and Syria" against "ISIS"):
 * particles and connecting words inside the run are passed over. Acronyms of three to eight
 * letters only, and only ones the name does not itself contain.
 */
function joinAcronyms(tokens: readonly NameToken[], other: readonly NameToken[]): readonly NameToken[] {
  if (tokens.length < ACRONYM_LENGTHS.least) return tokens;
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
  const lacking = (tokens: readonly NameToken[], other: readonly NameToken[]) =>
    tokens.filter(
      (token) =>
        token.particle &&
        legalFormFamily(token) === undefined &&
        !other.some((each) => each.key === token.key || each.text === token.text),
    );
  const absorbing = (particle: NameToken, tokens: readonly NameToken[], word: NameToken) =>
    isFullWord(word) &&
    word.text.length > particle.text.length &&
    (word.text.startsWith(particle.text) || word.text.endsWith(particle.text)) &&
    tokens.every((mine) => mine === particle || similarity(mine, word) < NAME_SIMILARITY_SETTINGS.tokenFloor);
  const drop = (tokens: readonly NameToken[], dropped: readonly NameToken[]) => {
    const kept = tokens.filter((token) => !dropped.includes(token));
    return kept.some(isFullWord) ? kept : tokens;
  };
  const fromLeft = lacking(left, right).filter((particle) => right.some((word) => absorbing(particle, left, word)));
  if (fromLeft.length > 0 && lacking(right, left).length === 0) return [drop(left, fromLeft), right];
  const fromRight = lacking(right, left).filter((particle) => left.some((word) => absorbing(particle, right, word)));
  if (fromRight.length > 0 && lacking(left, right).length === 0) return [left, drop(right, fromRight)];
  return [left, right];
}

/** Whether both names carry legal forms and share no family of them. */
function legalFormsDiffer(left: readonly NameToken[], right: readonly NameToken[]): boolean {
  const families = new Set<string>();
  for (const token of left) {
    const family = legalFormFamily(token);
    if (family !== undefined) families.add(family);
  }
  if (families.size === 0) return false;
  let carries = false;
  for (const token of right) {
    const family = legalFormFamily(token);
    if (family === undefined) continue;
    if (families.has(family)) return false;
    carries = true;
  }
  return carries;
}

/**
 * The similarity of two names as screening reads it: the best of `tokensSimilarity` on the names
 * as they are, after words split in three or more and acronyms are rejoined
 * ({@link joinSplitRuns}, {@link joinAcronyms}), and without absorbed particles
 * ({@link withoutAbsorbedParticles}); lowered by {@link LEGAL_FORM_CONFLICT_SCALE} when the names'
 * legal forms differ in kind. Each adjustment only compares again when it changed a name.
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
  const [keptLeft, keptRight] = withoutAbsorbedParticles(left, right, similarity);
  if (keptLeft !== left || keptRight !== right)
    score = Math.max(score, tokensSimilarity(keptLeft, keptRight, similarity));
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

function birthDateFeature(query: readonly number[], entry: readonly number[]): ScreeningFeature | undefined {
  if (query.length === 0 || entry.length === 0) return undefined;
  let best = -1;
  let sameYear = false;
  for (const a of query) {
    for (const b of entry) {
      best = Math.max(best, dateAgreement(a, b));
      if (Math.floor(a / 10_000) === Math.floor(b / 10_000)) sameYear = true;
    }
  }
  const shown = `${formatDate(query[0] ?? 0)} against ${formatDate(entry[0] ?? 0)}`;
  if (best === 2) return { feature: 'birth_date', detail: 'exact', weight: SCREENING_WEIGHTS.birthDateExact };
  if (best === 1) return { feature: 'birth_date', detail: 'compatible', weight: SCREENING_WEIGHTS.birthDateCompatible };
  return sameYear
    ? { feature: 'birth_date', detail: `${shown}: the same year`, weight: SCREENING_WEIGHTS.birthDateSameYear }
    : { feature: 'birth_date', detail: `${shown}: apart`, weight: SCREENING_WEIGHTS.birthDateApart };
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

/** Scores an entry against a prepared query; `similarity` compares name tokens (default {@link tokenSimilarity}). */
export function scoreEntry(
  query: PreparedFields,
  entry: ScoredEntry,
  shared: SharedIdentifiers = NO_IDENTIFIERS,
  similarity: (a: NameToken, b: NameToken) => number = tokenSimilarity,
): ScreeningScore {
  let nameScore = 0;
  let bestQuery: readonly NameToken[] | undefined;
  let bestEntry: readonly NameToken[] | undefined;
  for (const left of query.names) {
    for (const right of entry.names) {
      const score = screeningNameSimilarity(left, right, similarity);
      if (score > nameScore) {
        nameScore = score;
        bestQuery = left;
        bestEntry = right;
      }
    }
  }
  const byName: ScreeningFeature[] = [];
  if (bestQuery !== undefined && bestEntry !== undefined) {
    byName.push({
      feature: 'name',
      detail: `${bestQuery.map((token) => token.text).join(' ')} against ${bestEntry.map((token) => token.text).join(' ')}: ${nameScore.toFixed(2)}`,
      weight: nameScore,
    });
    const date = birthDateFeature(query.dates, entry.dates);
    if (date !== undefined) byName.push(date);
    if (query.gender !== 0 && entry.gender !== 0 && query.gender !== entry.gender) {
      byName.push({ feature: 'gender', detail: 'different', weight: SCREENING_WEIGHTS.genderConflict });
    }
    if (query.nationalities.length > 0 && entry.nationalities.length > 0) {
      const common = query.nationalities.find((code) => entry.nationalities.includes(code));
      byName.push(
        common === undefined
          ? { feature: 'nationality', detail: 'none in common', weight: SCREENING_WEIGHTS.nationalityConflict }
          : { feature: 'nationality', detail: common, weight: SCREENING_WEIGHTS.nationalityShared },
      );
    }
  }
  const nameTotal = byName.reduce((sum, feature) => sum + feature.weight, 0);
  const byIdentifier = identifierScore(shared);
  if (byIdentifier !== undefined && byIdentifier.score >= nameTotal) return byIdentifier;
  return { score: Math.max(0, Math.min(1, nameTotal)), features: byName };
}
