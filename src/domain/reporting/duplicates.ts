/**
 * Repeated tips about one situation: the same advert reported by three neighbours, the same van
 * by two drivers. Each tip gets a MinHash signature of its folded text's character shingles (so
 * that rewording, accents, spelling of digits and punctuation matter little) and the strong
 * identifiers it names (phones, plates, links with a path, e-mail addresses, platform handles).
 * An index with locality-sensitive hashing finds, among tips already seen, those whose text is
 * about as similar or that share an identifier, without comparing every pair. Hashing is seeded
 * with fixed constants, so a signature computed today matches one computed next year.
 */
import { foldText, type ExtractedEntities } from './extract.ts';

/** What is compared between tips: the MinHash signature of the text and its strong identifiers. */
export interface TipFingerprint {
  /** One minimum per hash function; all 0xFFFFFFFF when the text had nothing to hash. */
  readonly signature: Uint32Array;
  /** Sorted, without repeats: "phone:+44…", "plate:AB12CDE", "link:host/path", "email:…", "handle:platform:name". */
  readonly identifiers: readonly string[];
}

/** How a fingerprint is taken. */
export interface FingerprintOptions {
  /** Characters per shingle of the folded text; default 4. */
  readonly shingle?: number;
  /** Hash functions, the signature's length; default 64. */
  readonly hashes?: number;
}

/** How the index groups signatures and when it calls texts similar. */
export interface DuplicateIndexOptions {
  /** LSH bands; each band hashes `hashes / bands` signature values. Default 16 (four values each for 64 hashes). */
  readonly bands?: number;
  /** Estimated Jaccard similarity from which texts are about the same situation; default 0.5. */
  readonly threshold?: number;
}

/** A tip already seen that looks like the same situation, and why. */
export interface SimilarTip {
  readonly id: string;
  /** Estimated Jaccard similarity of the two texts' shingles. */
  readonly similarity: number;
  /** Strong identifiers both tips name. */
  readonly sharedIdentifiers: string[];
}

/** Characters of a tip hashed; as for extraction, a hostile text cannot make triage slow. */
const MAX_TEXT = 20_000;
const EMPTY = 0xffffffff;
const DEFAULT_SHINGLE = 4;
const DEFAULT_HASHES = 64;
const DEFAULT_BANDS = 16;
const DEFAULT_THRESHOLD = 0.5;

/** FNV-1a over UTF-16 code units (32-bit), from the given offset basis. */
function fnv1a(text: string, basis: number): number {
  let hash = basis >>> 0;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** MurmurHash3's finaliser: every input bit affects every output bit. */
function mix32(value: number): number {
  let hash = value >>> 0;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

const FNV_BASIS = 0x811c9dc5;
const seedCache = new Map<number, Uint32Array>();

/** The fixed seeds of the hash functions: a golden-ratio sequence, mixed. Never change them: stored signatures depend on them. */
function seeds(count: number): Uint32Array {
  const cached = seedCache.get(count);
  if (cached !== undefined) return cached;
  const out = new Uint32Array(count);
  for (let index = 0; index < count; index++) out[index] = mix32(Math.imul(index + 1, 0x9e3779b9) ^ 0x5bd1e995);
  seedCache.set(count, out);
  return out;
}

function positiveInteger(value: number | undefined, fallback: number, maximum: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(maximum, Math.max(1, Math.floor(value)));
}

/** The path of a link without its trailing slash, or '' for a site's home page (too common to identify anything). */
function linkIdentifier(url: string, host: string): string | null {
  let path: string;
  try {
    path = new URL(url).pathname.replace(/\/+$/u, '');
  } catch {
    return null;
  }
  return path === '' ? null : `link:${host}${path.toLowerCase()}`;
}

/** The strong identifiers a tip names, sorted and without repeats. */
export function tipIdentifiers(entities: ExtractedEntities): string[] {
  const identifiers = new Set<string>();
  for (const phone of entities.phones) identifiers.add(`phone:${phone.e164}`);
  for (const plate of entities.plates) identifiers.add(`plate:${plate}`);
  for (const email of entities.emails) identifiers.add(`email:${email}`);
  for (const link of entities.links) {
    const identifier = linkIdentifier(link.url, link.host);
    if (identifier !== null) identifiers.add(identifier);
  }
  // A handle is strong only with its platform: "@maria" alone could be anyone anywhere.
  for (const handle of entities.handles) {
    if (handle.platform !== null) identifiers.add(`handle:${handle.platform}:${handle.handle}`);
  }
  return [...identifiers].sort();
}

/** A tip's fingerprint: the MinHash signature of its folded text's shingles, and its strong identifiers. */
export function fingerprintTip(
  text: string,
  entities: ExtractedEntities,
  options: FingerprintOptions = {},
): TipFingerprint {
  const size = positiveInteger(options.shingle, DEFAULT_SHINGLE, 64);
  const count = positiveInteger(options.hashes, DEFAULT_HASHES, 1_024);
  const folded = foldText(text.slice(0, MAX_TEXT));
  const shingles = new Set<number>();
  if (folded.length > 0 && folded.length <= size) shingles.add(fnv1a(folded, FNV_BASIS));
  for (let start = 0; start + size <= folded.length; start++)
    shingles.add(fnv1a(folded.slice(start, start + size), FNV_BASIS));
  const signature = new Uint32Array(count).fill(EMPTY);
  const hashSeeds = seeds(count);
  for (const shingle of shingles) {
    for (let index = 0; index < count; index++) {
      const value = mix32(shingle ^ (hashSeeds[index] ?? 0));
      if (value < (signature[index] ?? EMPTY)) signature[index] = value;
    }
  }
  return { signature, identifiers: tipIdentifiers(entities) };
}

function isEmpty(signature: Uint32Array): boolean {
  return signature.every((value) => value === EMPTY);
}

/** Estimated Jaccard similarity of two tips' shingles (0 when either text had nothing to hash). */
export function similarity(a: TipFingerprint, b: TipFingerprint): number {
  const length = Math.min(a.signature.length, b.signature.length);
  if (length === 0 || isEmpty(a.signature) || isEmpty(b.signature)) return 0;
  let same = 0;
  for (let index = 0; index < length; index++) if (a.signature[index] === b.signature[index]) same++;
  return same / length;
}

/** Identifiers in both sorted lists. */
function sharedOf(a: readonly string[], b: readonly string[]): string[] {
  const other = new Set(b);
  return a.filter((identifier) => other.has(identifier));
}

/**
 * Tips seen so far, indexed to find repeats of a new one: LSH buckets (a band of signature values
 * alike puts two tips in one bucket) and, apart, every strong identifier. All fingerprints in one
 * index should be taken with the same options.
 */
export class TipDuplicateIndex {
  private readonly bands: number;
  private readonly threshold: number;
  private readonly tips = new Map<string, TipFingerprint>();
  private readonly buckets = new Map<string, Set<string>>();
  private readonly byIdentifier = new Map<string, Set<string>>();

  /** An empty index; `bands` default 16, `threshold` default 0.5. */
  constructor(options: DuplicateIndexOptions = {}) {
    this.bands = positiveInteger(options.bands, DEFAULT_BANDS, 1_024);
    const threshold = options.threshold ?? DEFAULT_THRESHOLD;
    this.threshold = Number.isFinite(threshold) ? Math.min(1, Math.max(0, threshold)) : DEFAULT_THRESHOLD;
  }

  /** How many tips the index holds. */
  get size(): number {
    return this.tips.size;
  }

  /** The bucket keys of a signature: per band, its values (exact, so buckets never mix by accident). */
  private bandKeys(signature: Uint32Array): string[] {
    if (signature.length === 0 || isEmpty(signature)) return [];
    const bands = Math.min(this.bands, signature.length);
    const rows = Math.floor(signature.length / bands);
    const keys: string[] = [];
    for (let band = 0; band < bands; band++) {
      keys.push(`${signature.length}:${band}:${signature.subarray(band * rows, band * rows + rows).join(',')}`);
    }
    return keys;
  }

  /** Adds a tip (replacing any earlier fingerprint under the same id). */
  add(id: string, fingerprint: TipFingerprint): void {
    if (this.tips.has(id)) this.remove(id);
    this.tips.set(id, fingerprint);
    for (const key of this.bandKeys(fingerprint.signature)) addTo(this.buckets, key, id);
    for (const identifier of fingerprint.identifiers) addTo(this.byIdentifier, identifier, id);
  }

  /** Removes a tip; unknown ids are ignored. */
  remove(id: string): void {
    const fingerprint = this.tips.get(id);
    if (fingerprint === undefined) return;
    this.tips.delete(id);
    for (const key of this.bandKeys(fingerprint.signature)) removeFrom(this.buckets, key, id);
    for (const identifier of fingerprint.identifiers) removeFrom(this.byIdentifier, identifier, id);
  }

  /** Ids sharing a band or an identifier with the fingerprint, before similarity is checked (for tuning). */
  candidates(fingerprint: TipFingerprint): string[] {
    const found = new Set<string>();
    for (const key of this.bandKeys(fingerprint.signature)) for (const id of this.buckets.get(key) ?? []) found.add(id);
    for (const identifier of fingerprint.identifiers)
      for (const id of this.byIdentifier.get(identifier) ?? []) found.add(id);
    return [...found];
  }

  /**
   * Tips already added that are about the same situation: text similarity ≥ threshold, or sharing
   * a strong identifier (phone, plate, link, email) — each with the reason. Those sharing
   * identifiers come first, then by decreasing similarity, then by id.
   */
  findSimilar(fingerprint: TipFingerprint): SimilarTip[] {
    const similar: SimilarTip[] = [];
    for (const id of this.candidates(fingerprint)) {
      const other = this.tips.get(id);
      if (other === undefined) continue;
      const score = similarity(fingerprint, other);
      const sharedIdentifiers = sharedOf(fingerprint.identifiers, other.identifiers);
      if (score >= this.threshold || sharedIdentifiers.length > 0)
        similar.push({ id, similarity: score, sharedIdentifiers });
    }
    return similar.sort(
      (a, b) =>
        b.sharedIdentifiers.length - a.sharedIdentifiers.length ||
        b.similarity - a.similarity ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  }
}

function addTo(map: Map<string, Set<string>>, key: string, id: string): void {
  const set = map.get(key);
  if (set === undefined) map.set(key, new Set([id]));
  else set.add(id);
}

function removeFrom(map: Map<string, Set<string>>, key: string, id: string): void {
  const set = map.get(key);
  if (set === undefined) return;
  set.delete(id);
  if (set.size === 0) map.delete(key);
}
