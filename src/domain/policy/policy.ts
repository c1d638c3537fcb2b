/**
 * The policy engine: for a subject (a user or an API key acting for an organisation), a declared
 * purpose and a record's marking, whether the record is visible and which of its fields are shown.
 * Pure and total: every read path asks it, and it denies whatever it is not told to allow.
 *
 * The rules, in the order they are applied (docs/sharing.md says the same in prose):
 *  1. The purpose must be one the subject's roles may declare, and one the record allows.
 *  2. The subject's clearance must reach the record's confidentiality level (owners included).
 *  3. The owner organisation sees its records whole, to any role that reads content.
 *  4. Another organisation sees a record only through a role that reads shared records, and
 *     - never a victim's record when it is a private company;
 *     - never an unmarked record; a RED record only to the people it names as recipients;
 *     - when the record names sharing groups, only as a member of one of them (OR);
 *     - otherwise CLEAR and GREEN are shown to every member organisation, AMBER and
 *       AMBER+STRICT to coordinators only (the recipient that must be informed);
 *     - without the fields restricted to sectors other than its own.
 *  5. Anything derived from several records is shown only if each of them is, without any field
 *     any of them hides: the most restrictive wins.
 */
import type { Marking } from '../model/envelope.ts';
import { CONFIDENTIALITY_LEVELS, PURPOSES } from '../model/envelope.ts';
import type { ORGANISATION_TYPES } from '../model/organisation.ts';
import type { Sector } from '../model/taxonomy.ts';

/** What a user does; a user may hold several roles. */
export const ROLES = ['admin', 'analyst', 'reporter', 'reviewer', 'caseworker', 'auditor'] as const;
export type Role = (typeof ROLES)[number];
export type Purpose = (typeof PURPOSES)[number];
export type Confidentiality = (typeof CONFIDENTIALITY_LEVELS)[number];

/** Whose records a role reads: none, its own organisation's, or also those shared with it. */
export type Reach = 'none' | 'own' | 'shared';

/** What each role may do with content: how far it reads, and for which purposes. */
export const ROLE_RIGHTS: Readonly<Record<Role, { readonly reach: Reach; readonly purposes: readonly Purpose[] }>> = {
  // Administrators manage their organisation, its users, keys and retention: its own records only.
  admin: { reach: 'own', purposes: ['investigation', 'screening', 'crime_analysis', 'victim_support'] },
  analyst: { reach: 'shared', purposes: ['investigation', 'screening', 'crime_analysis'] },
  // Reporters submit records and read back what their organisation submitted.
  reporter: { reach: 'own', purposes: ['investigation', 'screening', 'victim_support'] },
  reviewer: { reach: 'shared', purposes: ['screening', 'investigation'] },
  caseworker: { reach: 'shared', purposes: ['victim_support'] },
  // Auditors (oversight) read the ledger, never content.
  auditor: { reach: 'none', purposes: ['oversight'] },
};

/** Who is asking. */
export interface Subject {
  readonly organisationId: string;
  readonly organisationType: (typeof ORGANISATION_TYPES)[number];
  readonly sector: Sector;
  readonly roles: readonly Role[];
  readonly clearance: Confidentiality;
  /** The sharing groups the subject's organisation belongs to. */
  readonly groups: readonly string[];
  /** The person asking, when a person asks (an API key or the command line is nobody). */
  readonly userId: string | null;
}

/** What the subject may see of a record. */
export interface Decision {
  readonly visible: boolean;
  /** Fields hidden from the subject (empty when not visible: nothing is shown at all). */
  readonly hiddenFields: readonly string[];
  /** Why, for the ledger and for tests; never shown to the subject. */
  readonly reason: DecisionReason;
}

export type DecisionReason =
  | 'owner'
  | 'shared'
  | 'purpose_not_allowed_for_role'
  | 'purpose_not_allowed_for_record'
  | 'clearance'
  | 'no_role_reaches'
  | 'victim_data_to_company'
  | 'not_marked_for_sharing'
  | 'not_in_sharing_group'
  | 'not_a_recipient';

/** The part of a marking the policy reads. */
export type PolicyMarking = Pick<
  Marking,
  | 'ownerOrganisation'
  | 'subjectCategory'
  | 'purposes'
  | 'tlp'
  | 'confidentiality'
  | 'sharingGroups'
  | 'fieldRestrictions'
  | 'recipients'
>;

const NOTHING: readonly string[] = Object.freeze([]);
const deny = (reason: DecisionReason): Decision => ({ visible: false, hiddenFields: NOTHING, reason });
const rank = (level: Confidentiality): number => CONFIDENTIALITY_LEVELS.indexOf(level);

/** How far the subject's roles that may declare the purpose read (the widest of them). */
export function reachFor(roles: readonly Role[], purpose: Purpose): Reach {
  let reach: Reach = 'none';
  for (const role of roles) {
    const rights = ROLE_RIGHTS[role];
    if (!rights.purposes.includes(purpose)) continue;
    if (rights.reach === 'shared') return 'shared';
    if (rights.reach === 'own') reach = 'own';
  }
  return reach;
}

/** Whether any of the subject's roles may declare the purpose at all. */
export function mayDeclare(roles: readonly Role[], purpose: Purpose): boolean {
  return roles.some((role) => ROLE_RIGHTS[role].purposes.includes(purpose));
}

/** The one decision: may this subject, for this purpose, see this record, and which fields. */
export function decide(subject: Subject, purpose: Purpose, marking: PolicyMarking): Decision {
  if (!mayDeclare(subject.roles, purpose)) return deny('purpose_not_allowed_for_role');
  if (!marking.purposes.includes(purpose)) return deny('purpose_not_allowed_for_record');
  if (rank(subject.clearance) < rank(marking.confidentiality)) return deny('clearance');
  const reach = reachFor(subject.roles, purpose);
  if (subject.organisationId === marking.ownerOrganisation) {
    return reach === 'none' ? deny('no_role_reaches') : { visible: true, hiddenFields: NOTHING, reason: 'owner' };
  }
  if (reach !== 'shared') return deny('no_role_reaches');
  if (marking.subjectCategory === 'victim' && subject.organisationType === 'company')
    return deny('victim_data_to_company');
  if (marking.tlp === null) return deny('not_marked_for_sharing');
  if (marking.tlp === 'RED') {
    // RED is for named people: their organisation, groups and type do not widen it.
    if (subject.userId === null || !marking.recipients.includes(subject.userId)) return deny('not_a_recipient');
  } else if (marking.sharingGroups.length > 0) {
    if (!marking.sharingGroups.some((group) => subject.groups.includes(group))) return deny('not_in_sharing_group');
  } else if (
    (marking.tlp === 'AMBER' || marking.tlp === 'AMBER+STRICT') &&
    subject.organisationType !== 'coordinator'
  ) {
    return deny('not_a_recipient');
  }
  const hiddenFields = Object.entries(marking.fieldRestrictions)
    .filter(([, sectors]) => !sectors.includes(subject.sector))
    .map(([field]) => field)
    .sort();
  return { visible: true, hiddenFields: hiddenFields.length === 0 ? NOTHING : hiddenFields, reason: 'shared' };
}

/**
 * The decision on something derived from several records (a merged entity, a link, an alert,
 * an aggregate): visible only if every source is, hiding every field any source hides.
 */
export function decideDerived(subject: Subject, purpose: Purpose, markings: readonly PolicyMarking[]): Decision {
  if (markings.length === 0) return deny('not_marked_for_sharing');
  const hidden = new Set<string>();
  let owner = true;
  for (const marking of markings) {
    const decision = decide(subject, purpose, marking);
    if (!decision.visible) return decision;
    if (decision.reason !== 'owner') owner = false;
    for (const field of decision.hiddenFields) hidden.add(field);
  }
  return { visible: true, hiddenFields: [...hidden].sort(), reason: owner ? 'owner' : 'shared' };
}

/**
 * Whether an organisation may be told of a record (an alert naming it): some person of it could
 * see it, as an analyst at the lowest clearance, for some purpose. For what an alert may say to an
 * organisation, never for a read, which is judged for the person reading.
 */
export function organisationMaySee(
  organisation: Pick<Subject, 'organisationId' | 'organisationType' | 'sector' | 'groups'>,
  marking: PolicyMarking,
): boolean {
  const subject: Subject = {
    ...organisation,
    roles: ['analyst'],
    clearance: CONFIDENTIALITY_LEVELS[0],
    userId: null,
  };
  return PURPOSES.some((purpose) => decide(subject, purpose, marking).visible);
}

/** Only the owner alters or erases a record; others may raise a doubt on what they can see. */
export function mayAlter(subject: Subject, marking: Pick<PolicyMarking, 'ownerOrganisation'>): boolean {
  return (
    subject.organisationId === marking.ownerOrganisation &&
    subject.roles.some((role) => role === 'admin' || role === 'analyst' || role === 'reporter')
  );
}

/** Whether a text is one of the closed list of purposes. */
export function isPurpose(text: string): text is Purpose {
  return (PURPOSES as readonly string[]).includes(text);
}
