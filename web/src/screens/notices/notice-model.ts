/**
 * Notices as the API gives them, what a form asks for each type of notice, and the form's values
 * turned into the properties the API takes (and back). The server decides what a notice needs
 * before review; the form only shows the fields that make sense for the type.
 */
import { SECTORS } from '../../vocabulary.ts';

export { SECTORS };
import { ApiError } from '../../api.ts';

export const NOTICE_TYPES = [
  'wanted',
  'missing_person',
  'modus_operandi',
  'warning',
  'information',
  'stolen_document',
] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];

export const NOTICE_STATUSES = ['draft', 'in_review', 'published', 'expired', 'withdrawn', 'cancelled'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

export const DISTRIBUTIONS = ['all_members', 'sectors', 'groups'] as const;
export const TLP_LABELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export const GENDERS = ['male', 'female', 'other', 'unknown'] as const;

/** A notice record as the API presents it (properties it withholds are simply absent). */
export interface NoticeRecord {
  readonly id: string;
  readonly caption: string | null;
  readonly envelope: {
    readonly ownerOrganisation: string;
    readonly sector: string;
    readonly tlp: string | null;
  };
  readonly properties: Readonly<Record<string, unknown>>;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One step of a notice's life, as stored with it. */
export interface NoticeStep {
  readonly action: string;
  readonly from: string;
  readonly to: string;
  readonly actor: string;
  readonly reason: string | null;
  readonly at: string;
}

export interface NoticeWithHistory {
  readonly notice: NoticeRecord;
  readonly status: NoticeStatus;
  readonly history: readonly NoticeStep[];
}

export interface Subscription {
  readonly id: string;
  readonly record: string;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** How a property is entered. */
export type FieldKind = 'text' | 'long' | 'many' | 'date' | 'partialDate' | 'country' | 'countries' | 'gender' | 'flag';

/** The properties a form may set, with how each is entered. */
export const FIELD_KINDS = {
  title: 'text',
  reference: 'text',
  issuingAuthority: 'text',
  name: 'many',
  birthDate: 'many',
  gender: 'gender',
  nationality: 'countries',
  child: 'flag',
  documentNumber: 'many',
  documentCountry: 'country',
  phone: 'many',
  email: 'many',
  photoReference: 'many',
  lastSeenAt: 'partialDate',
  lastSeenPlace: 'text',
  circumstances: 'long',
  modusOperandi: 'long',
  expiresAt: 'date',
} as const satisfies Record<string, FieldKind>;
export type FieldName = keyof typeof FIELD_KINDS;

/** The groups of fields a form shows, in order. */
export const SECTIONS = {
  identity: ['name', 'birthDate', 'gender', 'nationality', 'child'],
  documents: ['documentNumber', 'documentCountry'],
  contact: ['phone', 'email', 'photoReference'],
  lastSeen: ['lastSeenAt', 'lastSeenPlace'],
  description: ['circumstances', 'modusOperandi'],
} as const satisfies Record<string, readonly FieldName[]>;
export type SectionName = keyof typeof SECTIONS;

/** What each type of notice asks for (besides title, reference, authority, expiry, distribution). */
export const FIELDS_OF_TYPE: Readonly<Record<NoticeType, ReadonlySet<FieldName>>> = {
  wanted: new Set<FieldName>([
    'name',
    'birthDate',
    'gender',
    'nationality',
    'documentNumber',
    'documentCountry',
    'phone',
    'email',
    'photoReference',
    'lastSeenAt',
    'lastSeenPlace',
    'circumstances',
    'modusOperandi',
  ]),
  missing_person: new Set<FieldName>([
    'name',
    'birthDate',
    'gender',
    'nationality',
    'child',
    'documentNumber',
    'documentCountry',
    'phone',
    'email',
    'photoReference',
    'lastSeenAt',
    'lastSeenPlace',
    'circumstances',
  ]),
  modus_operandi: new Set<FieldName>(['modusOperandi', 'circumstances']),
  warning: new Set<FieldName>([
    'name',
    'birthDate',
    'gender',
    'nationality',
    'documentNumber',
    'documentCountry',
    'phone',
    'email',
    'photoReference',
    'circumstances',
    'modusOperandi',
  ]),
  information: new Set<FieldName>([
    'name',
    'birthDate',
    'gender',
    'nationality',
    'documentNumber',
    'documentCountry',
    'phone',
    'email',
    'photoReference',
    'lastSeenAt',
    'lastSeenPlace',
    'circumstances',
    'modusOperandi',
  ]),
  stolen_document: new Set<FieldName>([
    'documentNumber',
    'documentCountry',
    'lastSeenAt',
    'lastSeenPlace',
    'circumstances',
  ]),
};

/** The field each type must fill before review (the server's rule, shown as a hint; it decides). */
export const NEEDED_FOR_REVIEW: Readonly<Partial<Record<NoticeType, FieldName>>> = {
  wanted: 'name',
  missing_person: 'name',
  stolen_document: 'documentNumber',
  modus_operandi: 'modusOperandi',
};

/** What an owner may still change once a notice is published (with a reason). */
export const AMENDABLE_WHEN_PUBLISHED: ReadonlySet<FieldName> = new Set<FieldName>([
  'lastSeenAt',
  'lastSeenPlace',
  'circumstances',
  'modusOperandi',
  'photoReference',
  'expiresAt',
]);

/** The form's values: text, lists and a flag, plus the distribution and the marking. */
export interface NoticeForm {
  noticeType: NoticeType;
  fields: Record<FieldName, string | string[] | boolean>;
  distribution: (typeof DISTRIBUTIONS)[number];
  distributionSectors: string[];
  distributionGroups: string[];
  /** '' for the organisation's default marking. */
  tlp: string;
}

const emptyOf = (kind: FieldKind): string | string[] | boolean =>
  kind === 'many' || kind === 'countries' ? [] : kind === 'flag' ? false : '';

const isType = (value: unknown): value is NoticeType =>
  typeof value === 'string' && (NOTICE_TYPES as readonly string[]).includes(value);

const listOf = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : typeof value === 'string'
      ? [value]
      : [];

/** A blank form for a new notice. */
export function blankForm(noticeType: NoticeType = 'wanted'): NoticeForm {
  const fields = Object.fromEntries(
    Object.entries(FIELD_KINDS).map(([name, kind]) => [name, emptyOf(kind)]),
  ) as NoticeForm['fields'];
  return { noticeType, fields, distribution: 'all_members', distributionSectors: [], distributionGroups: [], tlp: '' };
}

/** A form holding a notice's properties, to amend it. */
export function formOf(notice: NoticeRecord): NoticeForm {
  const properties = notice.properties;
  const form = blankForm(isType(properties['noticeType']) ? properties['noticeType'] : 'wanted');
  for (const [name, kind] of Object.entries(FIELD_KINDS) as [FieldName, FieldKind][]) {
    const value = properties[name];
    if (value === undefined || value === null) continue;
    if (kind === 'many' || kind === 'countries') form.fields[name] = listOf(value);
    else if (kind === 'flag') form.fields[name] = value === true;
    else form.fields[name] = textOf(value);
  }
  const distribution = properties['distribution'];
  if (distribution === 'sectors' || distribution === 'groups') form.distribution = distribution;
  form.distributionSectors = listOf(properties['distributionSectors']);
  form.distributionGroups = listOf(properties['distributionGroups']);
  form.tlp = notice.envelope.tlp ?? '';
  return form;
}

/** Whether a field is shown for the form's type. */
export function shows(form: NoticeForm, name: FieldName): boolean {
  if (name === 'title' || name === 'reference' || name === 'issuingAuthority' || name === 'expiresAt') return true;
  return FIELDS_OF_TYPE[form.noticeType].has(name);
}

/** A field's value as the API takes it; null when empty. */
function valueOf(kind: FieldKind, value: string | string[] | boolean): unknown {
  if (typeof value === 'boolean') return value ? true : null;
  if (Array.isArray(value)) {
    const items = value.map((item) => item.trim()).filter((item) => item !== '');
    return items.length === 0 ? null : items;
  }
  const text = value.trim();
  return text === '' ? null : kind === 'country' ? text.toUpperCase() : text;
}

/**
 * The properties the form says: the shown fields (null where emptied, so that an amendment removes
 * them), the type and the distribution. `only` keeps just those fields (a published notice's).
 */
export function propertiesOf(form: NoticeForm, only?: ReadonlySet<FieldName>): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  for (const [name, kind] of Object.entries(FIELD_KINDS) as [FieldName, FieldKind][]) {
    if (only !== undefined ? !only.has(name) : !shows(form, name)) continue;
    properties[name] = valueOf(kind, form.fields[name]);
  }
  if (only !== undefined) return properties;
  properties['noticeType'] = form.noticeType;
  properties['distribution'] = form.distribution;
  properties['distributionSectors'] =
    form.distribution === 'sectors' && form.distributionSectors.length > 0 ? form.distributionSectors : null;
  properties['distributionGroups'] =
    form.distribution === 'groups' && form.distributionGroups.length > 0 ? form.distributionGroups : null;
  return properties;
}

/** The same properties without the empty ones (a new notice has nothing to remove). */
export function withoutEmpty(properties: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(properties).filter(([, value]) => value !== null));
}

/**
 * The server's field problems by the form's field name: `properties.name[0]` and `properties.name`
 * are both `name`, `envelope.tlp` is `tlp`; what names no field of the form is left out.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const found: Record<string, string> = {};
  for (const problem of error.details) {
    const name = /^(?:properties|envelope)\.([A-Za-z]+)/.exec(problem.field)?.[1] ?? problem.field;
    found[name] = found[name] === undefined ? problem.message : `${found[name]}; ${problem.message}`;
  }
  return found;
}

/** A property's value as text for reading. */
export function textOf(value: unknown): string {
  if (Array.isArray(value)) return value.map((item) => textOf(item)).join(', ');
  if (typeof value === 'boolean') return value ? '✓' : '✗';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : '';
}

/** Roles that submit notices for review, and so draft and amend them (the server's rule too). */
const AUTHOR_ROLES = ['analyst', 'reporter', 'admin'];

/** Whether the signed-in user drafts and amends their organisation's notices. */
export function mayAuthorNotices(me: { readonly permissions: readonly string[]; readonly roles: readonly string[] }) {
  return me.permissions.includes('records:write') || me.roles.some((role) => AUTHOR_ROLES.includes(role));
}
