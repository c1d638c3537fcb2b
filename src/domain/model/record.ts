import type { Envelope } from './envelope.ts';
import type { RecordId } from './ids.ts';

/** A record as stored: type, sharing envelope and properties (references as record ids). */
export interface StoredRecord {
  readonly id: RecordId;
  readonly type: string;
  readonly envelope: Envelope;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly caption: string | null;
  /** Incremented each time the owner changes the record. */
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}
