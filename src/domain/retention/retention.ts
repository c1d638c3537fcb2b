/**
 * Retention of personal records: every record has a review date (set at ingest, five years after
 * collection unless the owner sets less). From six months before it, the record is due: its owner
 * keeps it (with a reason, until a new date) or lets it go. Once the date has passed with no keep
 * decision reaching past it, the record is overdue and is erased from every table.
 *
 * Dates are calendar days in UTC, written YYYY-MM-DD, so that they compare as text.
 */

/** The figures the rules use; one place, so that a change of policy is a change of data. */
export const RETENTION_RULES = {
  /** How far ahead of its review date a record is due for review. */
  reviewWindowMonths: 6,
  /** The shortest reason a keep decision may give, once trimmed. */
  minimumReasonLength: 10,
  /** The longest reason stored: a justification, not a file. */
  maximumReasonLength: 2_000,
  /** How far ahead of today a keep decision may set the next review. */
  longestKeepYears: 5,
} as const;

/** Where a record stands: not yet due, due for review, past its date, or kept until a later one. */
export type RetentionStatus = 'not_due' | 'due' | 'overdue' | 'kept';

/** What the rules read of one record. */
export interface RetentionState {
  /** The record's review date. */
  readonly reviewAt: string;
  /** The date a keep decision set, if the owner made one. */
  readonly keptUntil: string | null;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether a text is a real calendar day written YYYY-MM-DD. */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The calendar day (UTC) of an instant. */
export function dayOf(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/**
 * A date some whole months later (or earlier, for a negative count). A day the target month lacks
 * becomes its last day: six months after 31 August is the last day of February.
 */
export function addMonths(date: string, months: number): string {
  const match = ISO_DATE.exec(date);
  if (match === null) throw new Error(`not a date: ${date}`);
  const year = Number(match[1]);
  const monthIndex = Number(match[2]) - 1 + months;
  const targetYear = year + Math.floor(monthIndex / 12);
  const targetMonth = ((monthIndex % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth + 1, 0)).getUTCDate();
  const day = Math.min(Number(match[3]), lastDay);
  return new Date(Date.UTC(targetYear, targetMonth, day)).toISOString().slice(0, 10);
}

/** The last day of the review window that starts today: records reviewed by then are due. */
export function reviewWindowEnd(today: string, months: number = RETENTION_RULES.reviewWindowMonths): string {
  return addMonths(today, months);
}

/**
 * The date that governs a record: its review date, or a keep decision's date when that is later.
 * (Ingest may rewrite a record's review date when the record is submitted again; a keep decision
 * still holds until its own date.)
 */
export function effectiveReviewDate(state: RetentionState): string {
  return state.keptUntil !== null && state.keptUntil > state.reviewAt ? state.keptUntil : state.reviewAt;
}

/**
 * Where a record stands today. Overdue once its date has passed (the date itself is the last day
 * it is kept); due when the date falls within the review window (by default six months from
 * today); otherwise kept when a keep decision holds it, or simply not due yet. A kept record comes
 * due again before its new date, like any other.
 */
export function retentionStatus(
  today: string,
  state: RetentionState,
  windowEnd: string = reviewWindowEnd(today),
): RetentionStatus {
  const date = effectiveReviewDate(state);
  if (date < today) return 'overdue';
  if (date <= windowEnd) return 'due';
  return state.keptUntil === null ? 'not_due' : 'kept';
}

/** A keep decision as the owner gives it. */
export interface KeepRequest {
  readonly reason: string;
  readonly until: string;
}

/** A keep decision the rules accept, or the field that breaks them and why. */
export type KeepVerdict =
  | { readonly ok: true; readonly reason: string; readonly until: string }
  | { readonly ok: false; readonly field: 'reason' | 'until'; readonly message: string };

/**
 * The rule for keeping a record: a reason of at least ten characters (trimmed), and a new review
 * date after today and at most five years ahead of it.
 */
export function checkKeep(request: KeepRequest, today: string): KeepVerdict {
  const reason = request.reason.trim();
  const { minimumReasonLength, maximumReasonLength, longestKeepYears } = RETENTION_RULES;
  if (reason.length < minimumReasonLength) {
    return {
      ok: false,
      field: 'reason',
      message: `Give a reason of at least ${minimumReasonLength} characters for keeping the record.`,
    };
  }
  if (reason.length > maximumReasonLength) {
    return { ok: false, field: 'reason', message: `A reason may have at most ${maximumReasonLength} characters.` };
  }
  if (reason.includes('\0')) return { ok: false, field: 'reason', message: 'A reason may not contain NUL characters.' };
  if (!isIsoDate(request.until)) {
    return { ok: false, field: 'until', message: 'The new review date must be a calendar day written YYYY-MM-DD.' };
  }
  if (request.until <= today) {
    return { ok: false, field: 'until', message: `The new review date must be after today (${today}).` };
  }
  const latest = addMonths(today, longestKeepYears * 12);
  if (request.until > latest) {
    return {
      ok: false,
      field: 'until',
      message: `The new review date may be at most ${longestKeepYears} years ahead (${latest}).`,
    };
  }
  return { ok: true, reason, until: request.until };
}
