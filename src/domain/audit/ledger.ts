/**
 * The ledger: an append-only, hash-chained account of every collection, alteration,
 * consultation, disclosure, combination, erasure and sign-in. Each entry names who did what to
 * which objects, when, for what purpose and with what outcome; never any record content. Each
 * entry's hash covers the previous entry's hash, so that changing, removing, inserting or
 * reordering any entry breaks the chain from there on. The hash is keyed (HMAC-SHA-256) with a key
 * kept outside the database: whoever can write to the database cannot forge an entry that fits,
 * so verification names the very entry that was changed, inserted or moved.
 */
import { createHmac } from 'node:crypto';
import { canonicalJson } from '../model/canonical-json.ts';

/** What was done. */
export const LEDGER_ACTIONS = [
  'collect',
  'alter',
  'consult',
  'disclose',
  'combine',
  'erase',
  'retain',
  'sign_in',
  'sign_out',
  'administer',
] as const;
export type LedgerAction = (typeof LEDGER_ACTIONS)[number];

/** How it ended. */
export const LEDGER_OUTCOMES = ['ok', 'denied', 'failed'] as const;
export type LedgerOutcome = (typeof LEDGER_OUTCOMES)[number];

/** An event to record, before it has a place in the chain. */
export interface LedgerEvent {
  /** The user or API key that acted (`user:<id>`, `key:<id>`, `system`). */
  readonly actor: string;
  readonly organisation: string | null;
  readonly action: LedgerAction;
  readonly requestId: string | null;
  readonly purpose: string | null;
  /** Identifiers of the objects concerned: record ids, user ids, keyed hashes; never content. */
  readonly objectIds: readonly string[];
  readonly outcome: LedgerOutcome;
  /** A short code saying more, e.g. a denial reason or a count; never content. */
  readonly detail?: string | null;
}

/** An entry of the chain. */
export interface LedgerEntry extends LedgerEvent {
  /** Position in the chain, from 1. */
  readonly seq: number;
  /** ISO 8601 instant, UTC, to the millisecond. */
  readonly at: string;
  readonly prevHash: string;
  readonly hash: string;
}

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * The hash of an entry: HMAC-SHA-256, under the ledger key, of the previous hash and the entry's
 * fields in a fixed order (a JSON array: unambiguous, and cheap to build a million times).
 */
export function entryHash(entry: Omit<LedgerEntry, 'hash'>, key: Uint8Array): string {
  return createHmac('sha256', key)
    .update(entry.prevHash)
    .update(
      JSON.stringify([
        entry.seq,
        entry.at,
        entry.actor,
        entry.organisation,
        entry.action,
        entry.requestId,
        entry.purpose,
        entry.objectIds,
        entry.outcome,
        entry.detail ?? null,
      ]),
    )
    .digest('hex');
}

/** The entries that follow a chain's head: numbered, timed and chained. */
export function chain(
  head: { readonly seq: number; readonly hash: string },
  events: readonly LedgerEvent[],
  at: string,
  key: Uint8Array,
): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  let seq = head.seq;
  let prevHash = head.hash;
  for (const event of events) {
    seq += 1;
    const unhashed = { ...event, detail: event.detail ?? null, seq, at, prevHash };
    const hash = entryHash(unhashed, key);
    entries.push({ ...unhashed, hash });
    prevHash = hash;
  }
  return entries;
}

/** What verifying a chain found. */
export type Verification =
  | { readonly ok: true; readonly entries: number; readonly head: { readonly seq: number; readonly hash: string } }
  | {
      readonly ok: false;
      readonly entries: number;
      /** Index (from 0, in the order read) of the first entry that does not fit the chain. */
      readonly firstBadIndex: number;
      /** Its sequence number as stored. */
      readonly firstBadSeq: number;
      /**
       * `sequence`: a number missing, repeated or out of order; `previous_hash`: not chained to the
       * entry before; `hash`: its content changed; `checkpoint`: the chain was rewritten since a
       * checkpoint; `truncated`: it ends before a checkpoint's head.
       */
      readonly problem: 'sequence' | 'previous_hash' | 'hash' | 'checkpoint' | 'truncated';
    };

/**
 * Checks a chain entry by entry as it is read (in sequence order), from the genesis: each must
 * follow the previous in number, name its hash, and hash to what it says. Given a checkpoint kept
 * outside the database, it also catches a chain rewritten from some entry on, and one cut short
 * at the end, which no chain can show by itself. Streams: memory does not grow with the ledger.
 */
export class ChainVerifier {
  private index = 0;
  private seq = 0;
  private hash = GENESIS_HASH;
  private failure: Extract<Verification, { ok: false }> | undefined;

  constructor(
    private readonly key: Uint8Array,
    private readonly checkpoint?: Checkpoint,
  ) {}

  /** Takes the next entry; false once the chain is broken (later entries are not examined). */
  push(entry: LedgerEntry): boolean {
    if (this.failure !== undefined) return false;
    const problem =
      entry.seq !== this.seq + 1
        ? 'sequence'
        : entry.prevHash !== this.hash
          ? 'previous_hash'
          : entryHash(entry, this.key) !== entry.hash
            ? 'hash'
            : entry.seq === this.checkpoint?.seq && entry.hash !== this.checkpoint.hash
              ? 'checkpoint'
              : undefined;
    if (problem !== undefined) {
      this.failure = { ok: false, entries: this.index, firstBadIndex: this.index, firstBadSeq: entry.seq, problem };
      return false;
    }
    this.index += 1;
    this.seq = entry.seq;
    this.hash = entry.hash;
    return true;
  }

  /** The verdict on what was pushed. */
  result(): Verification {
    if (this.failure !== undefined) return this.failure;
    if (this.checkpoint !== undefined && this.seq < this.checkpoint.seq) {
      return {
        ok: false,
        entries: this.index,
        firstBadIndex: this.index,
        firstBadSeq: this.seq + 1,
        problem: 'truncated',
      };
    }
    return { ok: true, entries: this.index, head: { seq: this.seq, hash: this.hash } };
  }
}

/** Verifies a whole chain in memory (tests, small ledgers). */
export function verifyChain(entries: Iterable<LedgerEntry>, key: Uint8Array, checkpoint?: Checkpoint): Verification {
  const verifier = new ChainVerifier(key, checkpoint);
  for (const entry of entries) if (!verifier.push(entry)) break;
  return verifier.result();
}

/** A checkpoint: the head of the chain at a moment, to be signed and kept outside the database. */
export interface Checkpoint {
  readonly seq: number;
  readonly hash: string;
  readonly at: string;
}

/** The exact bytes a checkpoint's signature covers. */
export function checkpointPayload(checkpoint: Checkpoint): string {
  return canonicalJson({ weftLedgerCheckpoint: 1, seq: checkpoint.seq, hash: checkpoint.hash, at: checkpoint.at });
}
