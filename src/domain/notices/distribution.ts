/**
 * Whom a published notice is screened for. A notice reaches every member by default; its owner may
 * narrow it to members of some sectors or of some sharing groups (a notice for airlines and
 * hotels, a notice for one joint investigation's members). The owner always screens against its
 * own notices. Reaching a caller is not showing it the notice: a company's hit stays blind.
 */
import { NOTICE_DISTRIBUTIONS } from '../model/entities/notice.schema.ts';
import { stringsOf } from '../resolution/facts.ts';

/** A notice's distribution. */
export interface NoticeDistribution {
  readonly scope: (typeof NOTICE_DISTRIBUTIONS)[number];
  /** For `sectors`: the sectors reached. */
  readonly sectors: readonly string[];
  /** For `groups`: the sharing groups whose members are reached. */
  readonly groups: readonly string[];
}

/** Who screens: an organisation, its sector and the sharing groups it belongs to. */
export interface ScreeningCaller {
  readonly organisationId: string;
  readonly sector: string;
  readonly groups: readonly string[];
}

/** The distribution a notice's properties state (every member when they state none). */
export function distributionOf(properties: Readonly<Record<string, unknown>>): NoticeDistribution {
  const [scope] = stringsOf(properties['distribution']);
  return {
    scope: (NOTICE_DISTRIBUTIONS as readonly string[]).includes(scope ?? '')
      ? (scope as NoticeDistribution['scope'])
      : 'all_members',
    sectors: stringsOf(properties['distributionSectors']),
    groups: stringsOf(properties['distributionGroups']),
  };
}

/** Whether a notice owned by `owner` with this distribution is screened for `caller`. */
export function reaches(distribution: NoticeDistribution, owner: string, caller: ScreeningCaller): boolean {
  if (caller.organisationId === owner) return true;
  switch (distribution.scope) {
    case 'all_members':
      return true;
    case 'sectors':
      return distribution.sectors.includes(caller.sector);
    case 'groups':
      return distribution.groups.some((group) => caller.groups.includes(group));
  }
}
