/**
 * Clustering that resists over-merging: pairs above the threshold are merged in descending order
 * of probability (union-find), except where the merge would join two records holding conflicting
 * strong identifiers (whole dates of birth, document numbers or national ids, none compatible;
 * generational suffixes or genders, recorded or told by given names, that differ) that were not
 * matched to each other directly: a chain of likely pairs must not join two people. A record that
 * pairs about as well with two such people, and has nothing of its own to tell them apart, joins
 * neither.
 */
import { givenNameGender } from './name-gender.ts';
import type { PreparedRecords } from './prepare.ts';
import { oneEditApart } from './strings.ts';

/** A scored pair of records (indices into the prepared records). */
export interface ScoredPair {
  readonly left: number;
  readonly right: number;
  readonly probability: number;
}

/** Orders pairs by descending probability, then by indices, so clustering is deterministic. */
export function comparePairs(a: ScoredPair, b: ScoredPair): number {
  return b.probability - a.probability || a.left - b.left || a.right - b.right;
}

/** The strong identifiers of a record: its whole date of birth (yyyymmdd) and identifier parts. */
interface Identifiers {
  dates: number[];
  /** The year of birth, whole or partial date alike (0 when unknown). */
  year: number;
  documents: string[];
  nationalIds: string[];
  /**
   * The generational suffix of the name ('' when none) and the gender, recorded or told by the
   * given name ('' when unknown).
   */
  generation: string;
  gender: string;
}

/** How far apart two whole dates of birth may be and still be one written twice (two years). */
const DATES_APART_MS = 731 * 86_400_000;

/**
 * Whether two whole dates (yyyymmdd) could be one date of birth written twice: equal, one part
 * differing (a year mistyped keeps its month and day), day and month swapped, or at most two years
 * apart (a date mistyped in two parts, or misremembered by someone else).
 */
export function compatibleDates(a: number, b: number): boolean {
  if (a === b) return true;
  const ay = Math.floor(a / 10_000);
  const am = Math.floor(a / 100) % 100;
  const ad = a % 100;
  const by = Math.floor(b / 10_000);
  const bm = Math.floor(b / 100) % 100;
  const bd = b % 100;
  const differing = (ay === by ? 0 : 1) + (am === bm ? 0 : 1) + (ad === bd ? 0 : 1);
  if (differing <= 1 || (ay === by && am === bd && ad === bm)) return true;
  return Math.abs(Date.UTC(ay, am - 1, ad) - Date.UTC(by, bm - 1, bd)) <= DATES_APART_MS;
}

/** Whether two identifiers could be one: equal or one edit apart. */
export function compatibleIdentifiers(a: string, b: string): boolean {
  return a === b || oneEditApart(a, b);
}

function conflicting<T>(a: readonly T[], b: readonly T[], compatible: (x: T, y: T) => boolean): boolean {
  if (a.length === 0 || b.length === 0) return false;
  return !a.some((x) => b.some((y) => compatible(x, y)));
}

function identifiersOf(records: PreparedRecords, index: number): Identifiers {
  const { year, month, day } = records.dates;
  const y = year[index] ?? 0;
  const m = month[index] ?? 0;
  const d = day[index] ?? 0;
  const parts = (role: 'document_number' | 'national_id') => {
    const value = records.text.get(role)?.[index] ?? '';
    return value === '' ? [] : value.split(' ');
  };
  return {
    dates: y !== 0 && m !== 0 && d !== 0 ? [y * 10_000 + m * 100 + d] : [],
    year: y,
    documents: parts('document_number'),
    nationalIds: parts('national_id'),
    generation: records.generations[index] ?? '',
    gender: records.text.get('gender')?.[index] || givenNameGender(records.text.get('given_name')?.[index] ?? ''),
  };
}

/**
 * Whether two records' strong identifiers conflict: both hold one kind and no two values are
 * compatible; or they name different generations (Jr and Sr) or genders: a father and son, or a
 * brother and sister, who share an address, a phone and a surname.
 */
function conflict(a: Identifiers, b: Identifiers): boolean {
  return (
    (a.generation !== '' && b.generation !== '' && a.generation !== b.generation) ||
    (a.gender !== '' && b.gender !== '' && a.gender !== b.gender) ||
    conflicting(a.dates, b.dates, compatibleDates) ||
    // Years of birth more than a year apart, where one date is partial (two whole dates are
    // weighed above, part by part).
    ((a.dates.length === 0 || b.dates.length === 0) && a.year !== 0 && b.year !== 0 && Math.abs(a.year - b.year) > 1) ||
    conflicting(a.documents, b.documents, compatibleIdentifiers) ||
    conflicting(a.nationalIds, b.nationalIds, compatibleIdentifiers)
  );
}

/** What clustering did: each record's cluster (the index of its first record) and the merges refused. */
export interface Clusters {
  /** For each record of `members`, the smallest record index of its cluster. */
  readonly clusterOf: Map<number, number>;
  readonly refused: number;
}

/** A pair at least this likely is a strong link: enough of them across a merge outweigh a conflict. */
export const STRONG_LINK_PROBABILITY = 0.999;

/**
 * How much weaker (in bits of match weight) than the pair being merged another pair of the same
 * record may be and still make the record ambiguous between the two (see `clusterPairs`).
 */
export const AMBIGUITY_BITS = 1;

/** Largest product of two clusters' sizes whose records are compared for an ambiguity. */
const MAX_AMBIGUITY_CHECK = 10_000;

/** Largest cluster looked at for an ambiguity (a larger one is taken to hold what tells people apart). */
const MAX_AMBIGUOUS_CLUSTER = 100;

/** A probability's match weight (log₂ of its odds), bounded for probabilities of 0 and 1. */
function weightOf(probability: number): number {
  const bounded = Math.min(Math.max(probability, 1e-12), 1 - 1e-12);
  return Math.log2(bounded / (1 - bounded));
}

/**
 * Clusters the records `members` by the pairs (all at or above the threshold, among `members`),
 * taken in descending probability. A merge is refused when it would put together two records
 * whose strong identifiers conflict, or that `contradicts` (the model's own judgement: a level it
 * learnt never to see within one person), and that were not themselves paired: a pair's own score has
 * weighed its identifiers (one may be mistyped beyond recognition), but a chain must not join
 * records that disagree. Unless the merge is borne out by strong links across it (pairs of at least
 * {@link STRONG_LINK_PROBABILITY}) more than twice as many as the pairs in conflict: one record
 * whose date of birth was mistyped beyond recognition, strongly linked to its own, then does not
 * keep apart two groups of one person's records that a dozen strong links join. Records in no pair
 * are clusters of one.
 */
export function clusterPairs(
  records: PreparedRecords,
  members: readonly number[],
  pairs: readonly ScoredPair[],
  contradicts: (left: number, right: number) => boolean = () => false,
): Clusters {
  const size = records.size;
  const parent = new Int32Array(size);
  const identifiers = new Array<Identifiers | undefined>(size);
  const membersOf = new Array<number[] | undefined>(size);
  for (const member of members) {
    parent[member] = member;
    membersOf[member] = [member];
  }
  const identifiersAt = (index: number): Identifiers => {
    let known = identifiers[index];
    if (known === undefined) {
      known = identifiersOf(records, index);
      identifiers[index] = known;
    }
    return known;
  };
  // Each record's partners in the pairs (a typed adjacency list: a set of millions of pairs would
  // outgrow what a JavaScript Set holds).
  const start = new Int32Array(size + 1);
  for (const pair of pairs) {
    start[pair.left + 1] = (start[pair.left + 1] as number) + 1;
    start[pair.right + 1] = (start[pair.right + 1] as number) + 1;
  }
  for (let index = 0; index < size; index += 1)
    start[index + 1] = (start[index + 1] as number) + (start[index] as number);
  const partners = new Int32Array(start[size] as number);
  // Beside each partner, whether the pair is a strong link, and the pair's match weight.
  const strong = new Uint8Array(partners.length);
  const weights = new Float32Array(partners.length);
  const fill = start.slice(0, size);
  for (const pair of pairs) {
    const isStrong = pair.probability >= STRONG_LINK_PROBABILITY ? 1 : 0;
    const weight = weightOf(pair.probability);
    for (const [from, to] of [
      [pair.left, pair.right],
      [pair.right, pair.left],
    ] as const) {
      const at = fill[from] as number;
      strong[at] = isStrong;
      weights[at] = weight;
      partners[at] = to;
      fill[from] = at + 1;
    }
  }
  /** 0 when the two records are not paired, 1 when they are, 2 when by a strong link. */
  const pairing = (a: number, b: number): number => {
    const [x, y] =
      (start[a + 1] as number) - (start[a] as number) <= (start[b + 1] as number) - (start[b] as number)
        ? [a, b]
        : [b, a];
    for (let at = start[x] as number; at < (start[x + 1] as number); at += 1) {
      if (partners[at] === y) return 1 + (strong[at] as number);
    }
    return 0;
  };
  const find = (index: number): number => {
    let root = index;
    while (parent[root] !== root) root = parent[root] as number;
    let node = index;
    while (node !== root) {
      const next = parent[node] as number;
      parent[node] = root;
      node = next;
    }
    return root;
  };
  const disagreeing = (a: readonly number[], b: readonly number[]): boolean => {
    let conflicts = 0;
    let strongLinks = 0;
    let unseen = a.length * b.length;
    for (const x of a) {
      const xIdentifiers = identifiersAt(x);
      for (const y of b) {
        unseen -= 1;
        const yIdentifiers = identifiersAt(y);
        // Two generations (Jr and Sr) are never one person, however much else they share (a
        // father and son at one address): not even a pair of them is merged.
        if (
          xIdentifiers.generation !== '' &&
          yIdentifiers.generation !== '' &&
          xIdentifiers.generation !== yIdentifiers.generation
        )
          return true;
        const link = pairing(x, y);
        if (link !== 0) {
          if (link === 2) strongLinks += 1;
          continue;
        }
        if (!conflict(xIdentifiers, yIdentifiers) && !contradicts(x, y)) continue;
        conflicts += 1;
        // Refused already if every pair not yet seen were a strong link.
        if (2 * conflicts >= strongLinks + unseen) return true;
      }
    }
    return conflicts > 0 && 2 * conflicts >= strongLinks;
  };
  /** Whether two clusters hold records whose strong identifiers conflict and that no strong link joins. */
  const apart = (a: readonly number[], b: readonly number[]): boolean => {
    if (a.length * b.length > MAX_AMBIGUITY_CHECK) return false;
    for (const x of a) {
      for (const y of b) {
        if (pairing(x, y) !== 2 && conflict(identifiersAt(x), identifiersAt(y))) return true;
      }
    }
    return false;
  };
  /**
   * Whether `record`, about to join the cluster rooted at `to` by a pair of weight `weight`, is
   * paired about as well (within {@link AMBIGUITY_BITS}) with another cluster that is apart from
   * that one, while neither it nor its cluster holds what tells them apart: a John Smith with no
   * date of birth, at the address of a John Smith born in 1970 and of one born in 1990, is either
   * of them, and joins neither.
   */
  const ambiguous = (record: number, to: number, probability: number): boolean => {
    // A record with a date of birth or a document, its own or its cluster's, tells them apart.
    const root = find(record);
    if (identified(root)) return false;
    const weight = weightOf(probability);
    for (let at = start[record] as number; at < (start[record + 1] as number); at += 1) {
      if ((weights[at] as number) < weight - AMBIGUITY_BITS) continue;
      const other = find(partners[at] as number);
      if (other === root || other === to) continue;
      if (apart(membersOf[other] as number[], membersOf[to] as number[])) return true;
    }
    return false;
  };
  // Whether a cluster (by its root) holds a date of birth or a document: 0 not known yet, 1 no, 2
  // yes. A merged cluster's is its parts' (known when either holds one, or both are known not to).
  const identifiedState = new Uint8Array(size);
  const years = records.dates.year;
  const documents = records.text.get('document_number');
  const nationalIds = records.text.get('national_id');
  const identified = (root: number): boolean => {
    let state = identifiedState[root] as number;
    if (state === 0) {
      const members = membersOf[root] as number[];
      state =
        members.length > MAX_AMBIGUOUS_CLUSTER ||
        members.some(
          (member) =>
            (years[member] ?? 0) !== 0 || (documents?.[member] ?? '') !== '' || (nationalIds?.[member] ?? '') !== '',
        )
          ? 2
          : 1;
      identifiedState[root] = state;
    }
    return state === 2;
  };
  // Clusters known to disagree, by their roots: a refusal stands for as long as both roots do. (A
  // cluster that grew may since have gained strong links across; they came from weaker pairs than
  // the refused one, taken later, and are not counted again.)
  let refusedBetween = new Set<number>();
  let refused = 0;
  const ordered = pairs.every((pair, index) => index === 0 || comparePairs(pairs[index - 1] as ScoredPair, pair) <= 0)
    ? pairs
    : [...pairs].sort(comparePairs);
  for (const pair of ordered) {
    const a = find(pair.left);
    const b = find(pair.right);
    if (a === b) continue;
    const between = a < b ? a * size + b : b * size + a;
    if (refusedBetween.has(between)) {
      refused += 1;
      continue;
    }
    const aMembers = membersOf[a] as number[];
    const bMembers = membersOf[b] as number[];
    if (ambiguous(pair.left, b, pair.probability) || ambiguous(pair.right, a, pair.probability)) {
      refused += 1;
      continue;
    }
    if (disagreeing(aMembers, bMembers)) {
      refused += 1;
      if (refusedBetween.size >= 8_000_000) refusedBetween = new Set();
      refusedBetween.add(between);
      continue;
    }
    // The smaller index is the root, so a cluster is named by its first record; the smaller
    // cluster's members join the larger's list.
    const [root, child] = a < b ? [a, b] : [b, a];
    parent[child] = root;
    const [aState, bState] = [identifiedState[a] as number, identifiedState[b] as number];
    identifiedState[root] =
      aState === 2 || bState === 2 || aMembers.length + bMembers.length > MAX_AMBIGUOUS_CLUSTER
        ? 2
        : aState === 1 && bState === 1
          ? 1
          : 0;
    const [larger, smaller] = aMembers.length >= bMembers.length ? [aMembers, bMembers] : [bMembers, aMembers];
    for (const member of smaller) larger.push(member);
    membersOf[root] = larger;
    membersOf[child] = undefined;
  }
  const clusterOf = new Map<number, number>();
  for (const member of members) clusterOf.set(member, find(member));
  return { clusterOf, refused };
}
