/** The shapes the cases and messages API answers with (src/apps/server/routes/cases.routes.ts). */

/** A record as the API presents it; the properties are the case's. */
export interface CaseRecord {
  readonly id: string;
  readonly type: string;
  readonly caption: string | null;
  readonly envelope: { readonly ownerOrganisation: string; readonly tlp: string | null; readonly sector: string };
  readonly properties: Readonly<Record<string, unknown>>;
  readonly updatedAt: string;
  readonly createdAt: string;
}

/** How the reader's organisation stands to a case. */
export type Standing = 'owner' | 'shared';

export const ITEM_KINDS = ['entity', 'record', 'notice', 'alert', 'report'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** An item as the reader may see it, or restricted with nothing to give it away. */
export type CaseItem =
  | {
      readonly id: string;
      readonly restricted: false;
      readonly kind: ItemKind;
      readonly ref: string;
      readonly caption: string | null;
      readonly addedBy: string;
      readonly addedAt: string;
    }
  | { readonly id: string; readonly restricted: true };

export interface CaseNote {
  readonly id: string;
  readonly organisationId: string;
  readonly author: string;
  readonly body: string;
  readonly createdAt: string;
}

export interface CaseFile {
  readonly id: string;
  readonly name: string;
  readonly mediaType: string;
  readonly byteLength: number;
  readonly addedBy: string;
  readonly addedAt: string;
}

export interface CaseShare {
  readonly organisationId: string;
  readonly sharedBy: string;
  readonly sharedAt: string;
}

export interface CaseView {
  readonly case: CaseRecord;
  readonly standing: Standing;
  readonly shares: readonly CaseShare[];
  readonly items: readonly CaseItem[];
  readonly notes: readonly CaseNote[];
  readonly files: readonly CaseFile[];
  readonly threadId: string | null;
}

export interface ThreadSummary {
  readonly id: string;
  readonly about: { readonly kind: 'case' | 'alert'; readonly id: string };
  readonly messages: number;
  readonly unread: number;
  readonly lastMessageAt: string | null;
  readonly createdAt: string;
}

export interface Thread {
  readonly id: string;
  readonly about: { readonly kind: 'case' | 'alert'; readonly id: string };
  readonly parties: readonly string[];
  readonly unread: number;
  readonly createdAt: string;
}

export interface Message {
  readonly id: string;
  readonly organisationId: string;
  readonly author: string;
  readonly body: string;
  readonly createdAt: string;
  readonly seq?: number;
}

/** The HTCDS categories a case is described with, as GET /model gives them. */
export interface Taxonomy {
  readonly exploitationTypes: readonly string[];
  readonly recruitmentMethods: readonly string[];
  readonly controlMethods: readonly string[];
  readonly transportMethods: readonly string[];
}

/** A case property's text, or a list's values, as strings. */
export function textOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

export function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return typeof value === 'string' ? [value] : [];
}
