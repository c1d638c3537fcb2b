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
 */
import { tokenSimilarity, tokensSimilarity, type NameToken } from '../resolution/normalise/index.ts';
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
      const score = tokensSimilarity(left, right, similarity);
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
