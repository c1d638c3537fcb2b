/**
 * A notice as the screening index holds it: the names, dates of birth, gender, nationalities,
 * documents, phones and e-mails it asks to look for, in the list of its notice type.
 */
import type { StoredRecord } from '../model/record.ts';
import { stringsOf } from '../resolution/facts.ts';
import { isFindable, type ScreeningEntry } from '../screening/index.ts';
import { isLive, type NoticeStatus } from './lifecycle.ts';

/** The status of a notice record ('draft' when it states none). */
export function noticeStatus(record: Pick<StoredRecord, 'properties'>): NoticeStatus {
  const [status] = stringsOf(record.properties['status']);
  return (status as NoticeStatus | undefined) ?? 'draft';
}

/** Statuses in which a notice is its owner's alone: never shown to another organisation. */
const OWNERS_ALONE: ReadonlySet<NoticeStatus> = new Set(['draft', 'in_review', 'cancelled']);

/** Whether a record is a notice not (yet, or ever) published: its owner's alone, whatever its marking. */
export function isOwnersAlone(record: Pick<StoredRecord, 'type' | 'properties'>): boolean {
  return record.type === 'Notice' && OWNERS_ALONE.has(noticeStatus(record));
}

/**
 * The screening entry of a notice record, or undefined when it is not screened against: not a
 * notice, not published, past its expiry date on `today` (YYYY-MM-DD), or with nothing to be found
 * by. The entry's id is the record's id; its list, the notice type.
 */
export function noticeEntry(record: StoredRecord, today: string): ScreeningEntry | undefined {
  if (record.type !== 'Notice' || !isLive(noticeStatus(record))) return undefined;
  const properties = record.properties;
  const [expiresAt] = stringsOf(properties['expiresAt']);
  if (expiresAt !== undefined && expiresAt <= today) return undefined;
  const [country] = stringsOf(properties['documentCountry']);
  const [gender] = stringsOf(properties['gender']);
  const entry: ScreeningEntry = {
    id: record.id,
    list: stringsOf(properties['noticeType'])[0] ?? 'notice',
    names: stringsOf(properties['name']),
    birthDates: stringsOf(properties['birthDate']),
    nationalities: stringsOf(properties['nationality']),
    documents: stringsOf(properties['documentNumber']).map((number) => ({
      number,
      ...(country === undefined ? {} : { country }),
    })),
    phones: stringsOf(properties['phone']),
    emails: stringsOf(properties['email']),
    ...(gender === undefined ? {} : { gender }),
  };
  return isFindable(entry) ? entry : undefined;
}
