import { z } from 'zod';

/** The kinds of value a property may hold; each maps to one validator and one column type. */
export const PROPERTY_KINDS = [
  'text',
  'name',
  'identifier',
  'country',
  'language',
  'currency',
  'date',
  'datetime',
  'phone',
  'email',
  'url',
  'enum',
  'integer',
  'amount',
  'number',
  'latitude',
  'longitude',
  'boolean',
  'entity',
] as const;

/** A kind of property value. */
export type PropertyKind = (typeof PROPERTY_KINDS)[number];

/** How a property is declared: its kind, cardinality and role in matching and interchange. */
export interface PropertyDefinition<Value = unknown> {
  readonly kind: PropertyKind;
  /** Human label, used in the OpenAPI document and the UI. */
  readonly label: string;
  /** Several values (an array) rather than one. */
  readonly many: boolean;
  readonly required: boolean;
  /** Used when comparing records for entity resolution. */
  readonly matchable: boolean;
  /** For `enum`: the closed list of values. */
  readonly values?: readonly string[];
  /** For `entity`: the entity types a reference may point at (empty: any). */
  readonly range?: readonly string[];
  /** The FollowTheMoney property this maps to, when FtM has the concept. */
  readonly ftm?: string;
  /** Validator of one value. */
  readonly schema: z.ZodType<Value>;
}

interface PropertyOptions {
  readonly many?: boolean;
  readonly required?: boolean;
  readonly matchable?: boolean;
  readonly ftm?: string;
}

const MAX_TEXT = 20_000;
const MAX_SHORT = 1_000;
/** Most values a multi-valued property may carry: bounds memory per record. */
export const MAX_VALUES = 100;

// A partial date as records really hold them: a year, a year and month, or a full day.
const PARTIAL_DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;

// PostgreSQL text cannot hold NUL, so it is refused at the door with a clear message.
const NO_NUL = /^[^\0]*$/;
/** A string without NUL characters: the base of every text value Weft stores. */
export const safeString = () => z.string().regex(NO_NUL, 'text may not contain NUL characters');

/** A reference to another record: its source record id in the same source, or a Weft id. */
export const entityReference = z.union([
  safeString().min(1).max(MAX_SHORT),
  z.object({ id: z.uuid() }).strict(),
  z.object({ sourceSystem: z.string().min(1).max(200), sourceRecordId: z.string().min(1).max(MAX_SHORT) }).strict(),
]);

/** The written form of an entity reference. */
export type EntityReference = z.infer<typeof entityReference>;

function isRealDate(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number);
  if (day === undefined || month === undefined || year === undefined) return true;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const validators = {
  text: () => safeString().max(MAX_TEXT),
  name: () => safeString().trim().min(1).max(MAX_SHORT),
  identifier: () => safeString().trim().min(1).max(MAX_SHORT),
  country: () =>
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code'),
  language: () =>
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z]{2,3}$/, 'expected an ISO 639 language code'),
  currency: () =>
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code'),
  date: () =>
    z
      .string()
      .trim()
      .regex(PARTIAL_DATE, 'expected a date as YYYY, YYYY-MM or YYYY-MM-DD')
      .refine(isRealDate, 'no such day in the calendar'),
  datetime: () => z.iso.datetime({ offset: true }),
  phone: () => safeString().trim().min(3).max(100).regex(/\d/, 'a phone number holds at least one digit'),
  email: () => safeString().trim().max(320).pipe(z.email()),
  url: () => safeString().trim().max(4_000).pipe(z.url()),
  integer: () => z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
  amount: () =>
    z.number().int('amounts are whole minor units (cents)').min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER),
  number: () => z.number(),
  latitude: () => z.number().min(-90).max(90),
  longitude: () => z.number().min(-180).max(180),
  boolean: () => z.boolean(),
} as const;

type SimpleKind = keyof typeof validators;
type ValueOf<K extends SimpleKind> = z.output<ReturnType<(typeof validators)[K]>>;

function define<Value>(
  kind: PropertyKind,
  label: string,
  schema: z.ZodType<Value>,
  options: PropertyOptions,
  extra: Pick<PropertyDefinition, 'values' | 'range'> = {},
): PropertyDefinition<Value> {
  return {
    kind,
    label,
    many: options.many ?? false,
    required: options.required ?? false,
    matchable: options.matchable ?? false,
    ...(options.ftm === undefined ? {} : { ftm: options.ftm }),
    ...extra,
    schema,
  };
}

function simple<K extends SimpleKind>(kind: K) {
  return (label: string, options: PropertyOptions = {}): PropertyDefinition<ValueOf<K>> =>
    define(kind, label, validators[kind]() as unknown as z.ZodType<ValueOf<K>>, options);
}

/** Builders for property definitions, one per kind. */
export const p = {
  text: simple('text'),
  name: simple('name'),
  identifier: simple('identifier'),
  country: simple('country'),
  language: simple('language'),
  currency: simple('currency'),
  date: simple('date'),
  datetime: simple('datetime'),
  phone: simple('phone'),
  email: simple('email'),
  url: simple('url'),
  integer: simple('integer'),
  amount: simple('amount'),
  number: simple('number'),
  latitude: simple('latitude'),
  longitude: simple('longitude'),
  boolean: simple('boolean'),
  enum<const Values extends readonly [string, ...string[]]>(
    label: string,
    values: Values,
    options: PropertyOptions = {},
  ): PropertyDefinition<Values[number]> {
    return define('enum', label, z.enum(values) as unknown as z.ZodType<Values[number]>, options, { values });
  },
  entity(label: string, range: readonly string[], options: PropertyOptions = {}): PropertyDefinition<EntityReference> {
    return define('entity', label, entityReference, options, { range });
  },
};
