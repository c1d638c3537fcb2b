/**
 * Resolved entities: records grouped by the links between them, with analysts' judgements
 * respected and chains that would join contradictory records refused.
 *
 * Links are taken strongest first. Two groups merge along a link unless
 * - an analyst judged a record of one and a record of the other to be different, or
 * - a record of one and a record of the other contradict each other (different full dates of
 *   birth, different document numbers) and were not themselves linked: a link's own score has
 *   weighed their identifiers, but a chain of links must not join them.
 * A pair an analyst judged the same is linked whatever its score, before any other.
 */
import { datesAgree, parsePartialDate } from './normalise/index.ts';

/** A link between two records, as clustering reads it. */
export interface EntityLink {
  readonly a: string;
  readonly b: string;
  readonly probability: number;
}

/** An analyst's verdict on a pair of records. */
export interface PairJudgement {
  readonly a: string;
  readonly b: string;
  readonly verdict: 'same' | 'different';
}

/** What can contradict between two records: their full dates of birth and document numbers. */
export interface ConflictFacts {
  readonly birthDates: readonly string[];
  readonly documents: readonly string[];
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** Whether two records contradict each other: both give full birth dates and none agree, or both give documents and none are shared. */
export function contradict(left: ConflictFacts | undefined, right: ConflictFacts | undefined): boolean {
  if (left === undefined || right === undefined) return false;
  const full = (dates: readonly string[]) =>
    dates.flatMap((date) => {
      const readings = parsePartialDate(date);
      return readings !== null && readings.length === 1 && readings[0].day !== undefined ? [readings[0]] : [];
    });
  const leftDates = full(left.birthDates);
  const rightDates = full(right.birthDates);
  if (
    leftDates.length > 0 &&
    rightDates.length > 0 &&
    !leftDates.some((x) => rightDates.some((y) => datesAgree([x], [y]) !== 'conflict'))
  ) {
    return true;
  }
  if (left.documents.length > 0 && right.documents.length > 0) {
    return !left.documents.some((document) => right.documents.includes(document));
  }
  return false;
}

/**
 * Whether two records are plainly of different people, whatever their names: years of birth more
 * than a year apart (on every reading of both) and no document in common. A link's score weighs
 * such a difference, but a model learnt from noisy records may weigh it too lightly.
 */
export function plainlyDifferent(left: ConflictFacts | undefined, right: ConflictFacts | undefined): boolean {
  if (left === undefined || right === undefined) return false;
  if (left.documents.some((document) => right.documents.includes(document))) return false;
  const years = (dates: readonly string[]) =>
    dates.flatMap((date) => (parsePartialDate(date) ?? []).map((reading) => reading.year));
  const leftYears = years(left.birthDates);
  const rightYears = years(right.birthDates);
  if (leftYears.length === 0 || rightYears.length === 0) return false;
  return leftYears.every((x) => rightYears.every((y) => Math.abs(x - y) > 1));
}

/**
 * Groups `members` into entities along `links`, respecting `judgements` and refusing chains across
 * contradictions. Returns the groups of two or more records, each sorted, sorted by first record.
 */
export function groupEntities(
  members: readonly string[],
  links: readonly EntityLink[],
  judgements: readonly PairJudgement[],
  facts: ReadonlyMap<string, ConflictFacts>,
): string[][] {
  const groupOf = new Map<string, string[]>();
  for (const member of members) groupOf.set(member, [member]);
  const different = new Set(judgements.filter((j) => j.verdict === 'different').map((j) => pairKey(j.a, j.b)));
  const linked = new Set(links.map((link) => pairKey(link.a, link.b)));
  const same = judgements.filter((j) => j.verdict === 'same');
  for (const judgement of same) linked.add(pairKey(judgement.a, judgement.b));
  const ordered = [
    ...same.map((j) => ({ a: j.a, b: j.b, probability: 2 })),
    ...links.filter((link) => !different.has(pairKey(link.a, link.b))),
  ].sort((x, y) => y.probability - x.probability || pairKey(x.a, x.b).localeCompare(pairKey(y.a, y.b)));

  for (const link of ordered) {
    const left = groupOf.get(link.a);
    const right = groupOf.get(link.b);
    if (left === undefined || right === undefined || left === right) continue;
    const judgedSame = link.probability > 1;
    let refused = false;
    for (const x of left) {
      for (const y of right) {
        const key = pairKey(x, y);
        if (different.has(key) || (!judgedSame && !linked.has(key) && contradict(facts.get(x), facts.get(y)))) {
          refused = true;
          break;
        }
      }
      if (refused) break;
    }
    if (refused) continue;
    const [big, small] = left.length >= right.length ? [left, right] : [right, left];
    for (const record of small) {
      big.push(record);
      groupOf.set(record, big);
    }
  }
  const groups = new Set(groupOf.values());
  return [...groups]
    .filter((group) => group.length > 1)
    .map((group) => [...group].sort())
    .sort((x, y) => (x[0] ?? '').localeCompare(y[0] ?? ''));
}
