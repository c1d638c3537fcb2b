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

/** Stores prepared records idempotently: the same content twice changes nothing. */
export interface RecordWriter {
  write(records: readonly PreparedRecord[]): Promise<WriteOutcome>;
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
  readonly types?: readonly string[];
  readonly after?: RecordId;
  readonly limit: number;
}
