/**
 * Who may do what with a case, and what a reader gets of it. A case is a `Case` record owned by an
 * organisation; around it are its items (references to other things, never copies), its notes, its
 * files and the organisations it is shared with. Only the owner's people change it; it is shared
 * only with an organisation the policy engine lets see the case record; a reader of an organisation
 * it is shared with sees each item only if they may see the item itself, else a bare
 * `{ restricted: true }`, so that nobody learns of a record through a case.
 */
import { mayAlter, organisationMaySee, type PolicyMarking, type Subject } from '../policy/index.ts';

/** What a case item refers to: a resolved entity (by one of its records), a record, a notice, an alert or a report. */
export const CASE_ITEM_KINDS = ['entity', 'record', 'notice', 'alert', 'report'] as const;
export type CaseItemKind = (typeof CASE_ITEM_KINDS)[number];

/** Whether an item of this kind names a record, whose visibility the policy engine decides. */
export function namesRecord(kind: CaseItemKind): boolean {
  return kind === 'entity' || kind === 'record' || kind === 'notice';
}

/** How an organisation stands to a case: it owns it, it is shared with it, or neither. */
export type CaseStanding = 'owner' | 'shared' | 'none';

/** The organisations of a case: its owner and those it is shared with. */
export interface CaseParties {
  readonly owner: string;
  readonly shares: readonly string[];
}

/** How an organisation stands to a case (before the policy engine judges the reader on the record). */
export function standingOf(organisationId: string, parties: CaseParties): CaseStanding {
  if (organisationId === parties.owner) return 'owner';
  return parties.shares.includes(organisationId) ? 'shared' : 'none';
}

/** Only the owner's people who may alter its records (admin, analyst, reporter) change a case. */
export function mayChangeCase(subject: Subject, owner: string): boolean {
  return mayAlter(subject, { ownerOrganisation: owner });
}

/** An organisation as the sharing check reads it. */
export type ShareTarget = Parameters<typeof organisationMaySee>[0];

/** Why a case may not be shared with an organisation. */
export type ShareRefusal = 'is_owner' | 'may_not_see';

/**
 * Whether a case may be shared with an organisation: never with its owner (who has it), and only
 * where the policy engine lets the organisation see the case record (its TLP, groups, subject
 * category…). Undefined when it may.
 */
export function shareRefusal(target: ShareTarget, caseMarking: PolicyMarking): ShareRefusal | undefined {
  if (target.organisationId === caseMarking.ownerOrganisation) return 'is_owner';
  return organisationMaySee(target, caseMarking) ? undefined : 'may_not_see';
}

/** A case item as stored: a reference, who added it and when. */
export interface CaseItem {
  readonly id: string;
  readonly kind: CaseItemKind;
  readonly ref: string;
  readonly addedBy: string;
  readonly addedAt: string;
}

/** A case item as a reader gets it: whole with a caption, or restricted with nothing to give it away. */
export type CaseItemView =
  | {
      readonly id: string;
      readonly restricted: false;
      readonly kind: CaseItemKind;
      readonly ref: string;
      readonly caption: string | null;
      readonly addedBy: string;
      readonly addedAt: string;
    }
  | { readonly id: string; readonly restricted: true };

/**
 * The view of an item: `seen` is what the reader may see of the thing it refers to (its caption),
 * undefined when the reader may not see it, or it is gone. Both give the same restricted view.
 */
export function itemView(item: CaseItem, seen: { readonly caption: string | null } | undefined): CaseItemView {
  if (seen === undefined) return { id: item.id, restricted: true };
  return {
    id: item.id,
    restricted: false,
    kind: item.kind,
    ref: item.ref,
    caption: seen.caption,
    addedBy: item.addedBy,
    addedAt: item.addedAt,
  };
}

/** The longest note, in characters. */
export const NOTE_MAX_LENGTH = 20_000;
