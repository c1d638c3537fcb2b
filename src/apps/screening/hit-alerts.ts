/**
 * Who is told of a hit on a notice, and what. The notice's owner gets the details (what was
 * screened, by whom, with the score's features). So does the competent authority when a company or
 * an NGO made the check or held the record: the law-enforcement members of its country, or the
 * coordinators where it has none. A hit on a missing child is urgent for everyone, and goes to the
 * child protection services too, to safeguard the child: never an enforcement action on them.
 * Subscribers to the notice learn that it was hit, and from whom to ask, not what was screened.
 * A protected victim's record is the exception: its hit goes to the organisation supporting them.
 */
import type { NewAlert } from '../../adapters/store/index.ts';
import type { Organisation } from '../../domain/model/organisation.ts';
import type { ScreeningHit } from '../../domain/screening/index.ts';
import type { NoticeOfHit } from './notice-index.ts';

/** What a missing child's hit asks of whoever receives it. */
export const SAFEGUARDING =
  'A missing child: safeguard the child and refer to child protection; never an enforcement action against the child.';

/** What a hit from a protected victim's record asks of whoever receives it. */
export const VICTIM_SAFEGUARDING =
  'A protected victim: safeguard them and refer to victim support; never an enforcement action against them.';

/** Organisation types that check on their own authority (their checks need no competent authority). */
const AUTHORITIES: ReadonlySet<string> = new Set(['law_enforcement', 'coordinator']);

/** Where a hit came from. */
export interface HitOrigin {
  /** The organisation that screened, or that holds the record screened. */
  readonly organisation: Organisation;
  /** The reference both sides can name the hit by. */
  readonly reference: string;
  /** What makes the hit the same one when it happens again (the screened person, the record). */
  readonly dedupKey: string;
  /** The record screened (continuous screening), or null for a query. */
  readonly recordId: string | null;
  /** What was screened and how, for the notice's owner and the authorities. */
  readonly details: Readonly<Record<string, unknown>>;
  /** Whether the owner saw the hit already (it screened itself): no alert to it then. */
  readonly ownerSaw?: boolean;
  /**
   * Whether the record screened is about a protected victim. Its hit (on a missing-person notice:
   * nothing else is screened for it) goes to the organisation holding the record alone, which
   * supports the victim and decides, with them, what the notice's owner is told.
   */
  readonly victim?: boolean;
}

/** The organisations an origin's hit is relayed to besides the notice's owner. */
export function competentAuthorities(origin: Organisation, members: readonly Organisation[]): Organisation[] {
  if (AUTHORITIES.has(origin.organisationType)) return [];
  const national = members.filter(
    (member) =>
      member.organisationType === 'law_enforcement' &&
      origin.country !== undefined &&
      member.country === origin.country,
  );
  return national.length > 0 ? national : members.filter((member) => member.organisationType === 'coordinator');
}

/** The alerts of one hit on one notice. */
export function hitAlerts(
  hit: ScreeningHit,
  notice: NoticeOfHit,
  origin: HitOrigin,
  members: readonly Organisation[],
  subscribers: readonly string[],
): NewAlert[] {
  // A list's hits are shown to whoever screens it when the list is public: nobody need be alerted.
  if (notice.list?.visibility === 'shown') return [];
  const urgency = notice.child ? 'urgent' : 'routine';
  // An alert about a notice goes when the notice is erased; a list's entry is no record.
  const about = origin.recordId ?? (notice.list === undefined ? notice.id : null);
  const kind = origin.recordId === null ? 'screening_hit' : 'continuous_hit';
  const details = {
    notice: notice.id,
    noticeType: notice.noticeType,
    score: hit.score,
    features: hit.features,
    ...origin.details,
    ...(notice.child ? { safeguarding: SAFEGUARDING } : {}),
  };
  const alerts: NewAlert[] = [];
  // Each organisation is told once, by the first reason that applies; an owner who saw it is not told.
  const told = new Set<string>(origin.ownerSaw === true ? [notice.owner] : []);
  const add = (
    organisationId: string,
    alert: Omit<NewAlert, 'organisationId' | 'dedupKey' | 'raisedBy' | 'reference'>,
  ) => {
    if (told.has(organisationId)) return;
    told.add(organisationId);
    alerts.push({
      organisationId,
      dedupKey: `${alert.kind}:${notice.id}:${origin.dedupKey}`,
      raisedBy: origin.organisation.id,
      reference: origin.reference,
      ...alert,
    });
  };
  if (origin.victim === true) {
    add(origin.organisation.id, {
      kind,
      urgency,
      recordId: about,
      details: { ...details, noticeOwner: notice.owner, safeguarding: VICTIM_SAFEGUARDING },
    });
    return alerts;
  }
  add(notice.owner, { kind, urgency, recordId: about, details });
  for (const authority of competentAuthorities(origin.organisation, members)) {
    add(authority.id, { kind, urgency, recordId: about, details });
  }
  if (notice.child) {
    for (const member of members.filter((each) => each.childProtection === true)) {
      add(member.id, {
        kind: 'child_safeguarding',
        urgency: 'urgent',
        recordId: about,
        details: { ...details, noticeOwner: notice.owner },
      });
    }
  }
  for (const subscriber of subscribers) {
    add(subscriber, {
      kind: 'subscription_hit',
      urgency,
      recordId: notice.list === undefined ? notice.id : null,
      details: { notice: notice.id, noticeType: notice.noticeType, noticeOwner: notice.owner },
    });
  }
  return alerts;
}
