import type { RecordId } from '../model/ids.ts';
import type { StoredRecord } from '../model/record.ts';
import type { PreparedRecord } from './prepare.ts';

/** What writing a set of prepared records did. */
export interface WriteOutcome {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  /** Records whose id is already taken by a record of another type: refused, nothing written for them. */
  readonly typeConflicts: readonly { readonly id: RecordId; readonly existingType: string }[];
}

/** Who a write is for, as the ledger records it with the write. */
export interface WriteAudit {
  /** The owner organisation of the records written. */
  readonly organisation: string;
  /** `key:<id>`, `user:<id>`, or `system:<what>` for the demo loader and the command line. */
  readonly actor: string;
  readonly requestId: string | null;
}

/**
 * Stores prepared records idempotently: the same content twice changes nothing. The collection
 * is recorded in the ledger in the same transaction.
 */
export interface RecordWriter {
  write(records: readonly PreparedRecord[], audit: WriteAudit): Promise<WriteOutcome>;
}

/** Reads stored records. Callers outside the store reach it only through the sharing gate. */
export interface RecordReader {
  get(id: RecordId): Promise<StoredRecord | undefined>;
  /** Records of one owner, in a stable order, a page at a time after `after` (an id). */
  page(query: RecordQuery): Promise<StoredRecord[]>;
}

/** A page of records. */
export interface RecordQuery {
  readonly ownerOrganisation?: string;
  /** Only records under these markings (the ones the reader may see). */
  readonly markingIds?: readonly string[];
  readonly types?: readonly string[];
  readonly after?: RecordId;
  readonly limit: number;
}
