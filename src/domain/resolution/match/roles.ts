/** The field roles a record's columns can be mapped to, and the record the engine links. */

/** Every role a column may play; a MAP file names columns by these. */
export const FIELD_ROLES = [
  'full_name',
  'given_name',
  'middle_name',
  'surname',
  'date_of_birth',
  'gender',
  'nationality',
  'country',
  'address',
  'street_number',
  'city',
  'postcode',
  'region',
  'phone',
  'email',
  'document_number',
  'national_id',
  'occupation',
  'place_of_birth',
] as const;

/** One role of the vocabulary. */
export type FieldRole = (typeof FIELD_ROLES)[number];

const ROLE_SET: ReadonlySet<string> = new Set(FIELD_ROLES);

/** Whether a text names a role of the vocabulary. */
export function isFieldRole(text: string): text is FieldRole {
  return ROLE_SET.has(text);
}

/** Which of two inputs a record comes from: 0 when deduplicating one input, 0 or 1 when linking two. */
export type RecordSource = 0 | 1;

/** A record as the engine receives it: an id, the input it came from and its raw values by role. */
export interface LinkRecord {
  readonly id: string;
  readonly source: RecordSource;
  readonly fields: Readonly<Partial<Record<FieldRole, string>>>;
}
