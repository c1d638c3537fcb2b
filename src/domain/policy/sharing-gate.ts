import type { StoredRecord } from '../model/record.ts';
import type { Sector } from '../model/taxonomy.ts';
import { decide, type Decision, type Purpose, type Subject } from './policy.ts';

/** An organisation and its sector (the policy engine judges a `Subject`). */
export interface Viewer {
  readonly organisationId: string;
  readonly sector: Sector;
}

/**
 * A record as a subject may see it for a purpose: undefined when hidden, else without the
 * fields hidden from the subject. A caption built from a hidden field would give it away, so a
 * record with hidden fields has none.
 */
export function shareRecord(subject: Subject, purpose: Purpose, record: StoredRecord): StoredRecord | undefined {
  return presentAs(decide(subject, purpose, record.envelope), record);
}

/** Applies a decision already taken to a record: the one place fields are removed. */
export function presentAs(decision: Decision, record: StoredRecord): StoredRecord | undefined {
  if (!decision.visible) return undefined;
  if (decision.hiddenFields.length === 0) return record;
  const hidden = new Set(decision.hiddenFields);
  const properties = Object.fromEntries(Object.entries(record.properties).filter(([name]) => !hidden.has(name)));
  return { ...record, caption: null, properties };
}
