/**
 * Message threads between organisations, one per subject: a case or an alert. The parties of a case's
 * thread are the case's owner and the organisations it is shared with; of an alert's, the
 * organisation alerted and the one whose action raised the alert (the company that screened, the
 * holder of the record screened, the institution…). Only parties read or post. An alert's thread is
 * opened by the organisation alerted alone: the one that raised it may have been given a blind
 * answer, and learns of the alert only when the holder chooses to write.
 */

/** What a thread is about. */
export const THREAD_SUBJECT_KINDS = ['case', 'alert'] as const;
export type ThreadSubjectKind = (typeof THREAD_SUBJECT_KINDS)[number];

/** A thread's subject, with what makes its parties. */
export type ThreadSubject =
  | { readonly kind: 'case'; readonly id: string; readonly owner: string; readonly shares: readonly string[] }
  | { readonly kind: 'alert'; readonly id: string; readonly alerted: string; readonly raisedBy: string };

/** The organisations party to a thread on this subject, each once, in order. */
export function threadParties(subject: ThreadSubject): string[] {
  const parties = subject.kind === 'case' ? [subject.owner, ...subject.shares] : [subject.alerted, subject.raisedBy];
  return [...new Set(parties)].sort();
}

/** Whether an organisation reads and posts in the thread on this subject. */
export function isParty(subject: ThreadSubject, organisationId: string): boolean {
  return threadParties(subject).includes(organisationId);
}

/** Whether an organisation may write the first message on a subject (see above for alerts). */
export function mayOpenThread(subject: ThreadSubject, organisationId: string): boolean {
  return subject.kind === 'alert' ? subject.alerted === organisationId : isParty(subject, organisationId);
}

/** Who is told of a new message: every party but its author's organisation. */
export function recipientsOf(subject: ThreadSubject, author: string): string[] {
  return threadParties(subject).filter((party) => party !== author);
}

/** The longest message, in characters. */
export const MESSAGE_MAX_LENGTH = 10_000;
