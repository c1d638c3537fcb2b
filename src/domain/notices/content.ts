/**
 * What a notice must say, by type, before it can be published, and what its owner may change once
 * it is published without a new review.
 */
import type { NoticeStatus } from './lifecycle.ts';

/** A problem with a notice's content, naming the property. */
export interface NoticeProblem {
  readonly field: string;
  readonly message: string;
}

const has = (properties: Readonly<Record<string, unknown>>, name: string): boolean => {
  const value = properties[name];
  if (Array.isArray(value)) return value.some((item) => typeof item === 'string' && item.trim() !== '');
  return value !== undefined && value !== null && value !== '';
};

/** What each type needs to be found by: a name for people, a document number for stolen documents. */
const NEEDS: Readonly<Record<string, readonly [string, string]>> = {
  wanted: ['name', 'a wanted notice names the person wanted'],
  missing_person: ['name', 'a missing-person notice names the person missing'],
  stolen_document: ['documentNumber', 'a stolen-document notice gives the document number'],
  modus_operandi: ['modusOperandi', 'a modus operandi notice describes the modus operandi'],
};

/**
 * The problems that keep a notice from being submitted for review: what its type needs, and a
 * distribution that names the sectors or groups it is narrowed to.
 */
export function noticeProblems(properties: Readonly<Record<string, unknown>>): NoticeProblem[] {
  const problems: NoticeProblem[] = [];
  const type = properties['noticeType'];
  const need = typeof type === 'string' ? NEEDS[type] : undefined;
  if (need !== undefined && !has(properties, need[0])) problems.push({ field: need[0], message: need[1] });
  if (properties['distribution'] === 'sectors' && !has(properties, 'distributionSectors')) {
    problems.push({ field: 'distributionSectors', message: 'name the sectors the notice is distributed to' });
  }
  if (properties['distribution'] === 'groups' && !has(properties, 'distributionGroups')) {
    problems.push({ field: 'distributionGroups', message: 'name the sharing groups the notice is distributed to' });
  }
  return problems;
}

/**
 * What a published notice's owner may update without a new review: where and when the person was
 * last seen, the circumstances, photos and the expiry date. Who is looked for (names, dates,
 * documents, phones), the type and the distribution change only through a new notice.
 */
export const AMENDABLE_WHEN_PUBLISHED: ReadonlySet<string> = new Set([
  'lastSeenAt',
  'lastSeenPlace',
  'circumstances',
  'modusOperandi',
  'photoReference',
  'expiresAt',
]);

/** The properties an amendment may not change in a notice of this status, named. */
export function unamendable(status: NoticeStatus, changed: readonly string[]): string[] {
  if (status === 'draft') return changed.filter((name) => name === 'status');
  if (status === 'published') return changed.filter((name) => !AMENDABLE_WHEN_PUBLISHED.has(name));
  return [...changed];
}
