/** What the ledger API answers, as the oversight screen reads it. */

/** What was done (the server's closed list). */
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

/** An entry of the chain: who did what to which objects, when, why; never any content. */
export interface LedgerEntry {
  readonly seq: number;
  readonly at: string;
  readonly actor: string;
  readonly organisation: string | null;
  readonly action: string;
  readonly requestId: string | null;
  readonly purpose: string | null;
  readonly objectIds: readonly string[];
  readonly outcome: string;
  readonly detail: string | null;
  readonly prevHash: string;
  readonly hash: string;
}

export interface LedgerPage {
  readonly entries: readonly LedgerEntry[];
  /** The `after` of the next page, or null at the end. */
  readonly next: number | null;
}

/** The filters the API offers. */
export interface LedgerFilters {
  readonly organisation: string;
  readonly actor: string;
  readonly action: string | null;
  readonly objectId: string;
  /** Start after this sequence number. */
  readonly after: number;
}

export const NO_FILTERS: LedgerFilters = { organisation: '', actor: '', action: null, objectId: '', after: 0 };

/** A checkpoint a verification compared against, when the server names one. */
export interface CheckpointResult {
  readonly seq?: number;
  readonly hash?: string;
  readonly at?: string;
  readonly signature?: string;
  readonly valid?: boolean;
}

/** What verifying the chain found. */
export type Verification =
  | {
      readonly ok: true;
      readonly entries: number;
      readonly head: { readonly seq: number; readonly hash: string };
      readonly seconds?: number;
      readonly checkpoint?: CheckpointResult;
    }
  | {
      readonly ok: false;
      readonly entries: number;
      readonly firstBadSeq: number;
      readonly problem: 'sequence' | 'previous_hash' | 'hash' | 'checkpoint' | 'truncated';
      readonly seconds?: number;
      readonly checkpoint?: CheckpointResult;
    };
