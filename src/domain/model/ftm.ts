import ftm from '@alephdata/followthemoney';
import type { Schema } from '@alephdata/followthemoney';
import { z } from 'zod';
import type { EntityDefinition } from './entity.ts';
import { MAX_VALUES, type PropertyDefinition, type PropertyKind } from './property.ts';
import type { StoredRecord } from './record.ts';
import { ENTITY_TYPES, entityType } from './registry.ts';

// The record shape of the ingest API, restated here so that the model does not import from ingest.
/** A record in the shape the ingest API accepts (`RecordInput`), as made from an FtM entity. */
export interface FtmRecordInput {
  type: string;
  sourceRecordId: string;
  properties: Record<string, unknown>;
}

/** An entity in FollowTheMoney's JSON form: every value a string, every property a list. */
export interface FtmEntityJson {
  readonly id: string;
  readonly schema: string;
  readonly properties: Record<string, string[]>;
}

/** A problem with one field of an FtM entity. */
export interface FtmFieldError {
  readonly field: string;
  readonly message: string;
}

/** The outcome of reading an FtM entity: a record input and the FtM properties Weft does not keep, or errors. */
export type FromFtmResult =
  | { readonly ok: true; readonly record: FtmRecordInput; readonly dropped: string[] }
  | { readonly ok: false; readonly errors: FtmFieldError[] };

const model = new ftm.Model(ftm.defaultModel);

/** FtM schemata that map to a Weft type without descending from its schema (FtM's inheritance covers the rest). */
export const FTM_SCHEMA_ALIASES: ReadonlyMap<string, string> = new Map([
  // LegalEntity is Organization's parent in FtM, so inheritance alone would not bring it here.
  ['LegalEntity', 'Organization'],
]);

// What an FtM schema says that Weft holds in a property: a Passport is an identity document of type passport.
const IMPLIED_PROPERTIES: ReadonlyMap<string, Readonly<Record<string, string>>> = new Map([
  ['Passport', { documentType: 'passport' }],
]);

// ISO 4217 currencies whose minor unit is not the cent; every other currency has two decimals.
const MINOR_DIGITS: ReadonlyMap<string, number> = new Map([
  ...[
    'BIF',
    'CLP',
    'DJF',
    'GNF',
    'ISK',
    'JPY',
    'KMF',
    'KRW',
    'PYG',
    'RWF',
    'UGX',
    'UYI',
    'VND',
    'VUV',
    'XAF',
    'XOF',
    'XPF',
  ].map((code): [string, number] => [code, 0]),
  ...['BHD', 'IQD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND'].map((code): [string, number] => [code, 3]),
  ['CLF', 4],
  ['UYW', 4],
]);

/** The number of decimals of a currency's minor unit (ISO 4217); two when the currency is unknown or absent. */
export function currencyMinorDigits(currency: string | undefined): number {
  return MINOR_DIGITS.get((currency ?? '').trim().toUpperCase()) ?? 2;
}

/** Writes whole minor units as a decimal amount in the currency: 12050 EUR → "120.50", 1200 JPY → "1200". */
export function minorUnitsToDecimal(amount: number, currency: string | undefined): string {
  const digits = currencyMinorDigits(currency);
  const sign = amount < 0 ? '-' : '';
  const text = Math.abs(Math.trunc(amount))
    .toString()
    .padStart(digits + 1, '0');
  if (digits === 0) return `${sign}${text}`;
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** Reads a decimal amount as whole minor units, exactly; refuses more decimals than the currency has. */
export function decimalToMinorUnits(
  text: string,
  currency: string | undefined,
): { readonly value: number } | { readonly error: string } {
  const digits = currencyMinorDigits(currency);
  const match = DECIMAL.exec(text.trim());
  const sign = match?.[1] ?? '';
  const whole = match?.[2] ?? '';
  // Trailing zeros carry no value: "12.500" is a fine amount in euros.
  const fraction = (match?.[3] ?? '').replace(/0+$/, '');
  if (match === null || whole + (match[3] ?? '') === '') return { error: `"${text.slice(0, 60)}" is not an amount` };
  if (fraction.length > digits) {
    return { error: `"${text}" has more decimals than ${currency ?? 'the currency'} has (${digits})` };
  }
  const value = Number(`${sign}${whole}${fraction.padEnd(digits, '0')}`);
  if (!Number.isSafeInteger(value)) return { error: `"${text.slice(0, 60)}" is too large` };
  return { value: value === 0 ? 0 : value };
}

interface MappedProperty {
  readonly name: string;
  readonly definition: PropertyDefinition;
  readonly ftm: string;
}

interface FtmPlan {
  readonly schema: Schema;
  readonly properties: readonly MappedProperty[];
  readonly byFtmName: ReadonlyMap<string, MappedProperty>;
  /** The property holding the currency of the record's amounts. */
  readonly currency: MappedProperty | undefined;
  readonly currencyName: string | undefined;
}

function ftmSchema(name: string): Schema | undefined {
  // A plain object: without the own-property check, "constructor" would be found on its prototype.
  return Object.hasOwn(model.schemata, name) ? model.schemata[name] : undefined;
}

const plans = new WeakMap<EntityDefinition, FtmPlan | null>();

function planOf(definition: EntityDefinition): FtmPlan | undefined {
  const cached = plans.get(definition);
  if (cached !== undefined) return cached ?? undefined;
  const schema = definition.ftm === undefined ? undefined : ftmSchema(definition.ftm);
  if (schema === undefined) {
    plans.set(definition, null);
    return undefined;
  }
  const properties: MappedProperty[] = [];
  const byFtmName = new Map<string, MappedProperty>();
  for (const [name, declared] of Object.entries(definition.properties)) {
    // A declaration naming a property FtM lacks is skipped here and reported by ftmDeclarationProblems.
    if (declared.ftm === undefined || !schema.hasProperty(declared.ftm)) continue;
    const mapped = { name, definition: declared, ftm: declared.ftm };
    properties.push(mapped);
    if (!byFtmName.has(declared.ftm)) byFtmName.set(declared.ftm, mapped);
  }
  const currencyName = Object.entries(definition.properties).find(([, declared]) => declared.kind === 'currency')?.[0];
  const plan: FtmPlan = {
    schema,
    properties,
    byFtmName,
    currency: properties.find((property) => property.name === currencyName),
    currencyName,
  };
  plans.set(definition, plan);
  return plan;
}

/**
 * Every `ftm` declaration of the entity model that FollowTheMoney does not know: a schema that
 * does not exist, or a property the schema lacks. Empty when the model is sound.
 */
export function ftmDeclarationProblems(): string[] {
  const problems: string[] = [];
  for (const definition of ENTITY_TYPES) {
    if (definition.ftm === undefined) continue;
    const schema = ftmSchema(definition.ftm);
    if (schema === undefined) {
      problems.push(`${definition.name}: FtM has no schema "${definition.ftm}"`);
      continue;
    }
    for (const [name, declared] of Object.entries(definition.properties)) {
      if (declared.ftm !== undefined && !schema.hasProperty(declared.ftm)) {
        problems.push(`${definition.name}.${name}: FtM ${schema.name} has no property "${declared.ftm}"`);
      }
    }
  }
  return problems;
}

// FtM dates have no time zone; Weft instants always do. Instants go out in UTC, to the second.
function toFtmDate(text: string): string {
  const instant = new Date(text);
  return Number.isNaN(instant.getTime()) ? text : instant.toISOString().slice(0, 19);
}

function toFtmValue(value: unknown, kind: PropertyKind, currency: string | undefined): string | undefined {
  switch (kind) {
    case 'amount':
      return typeof value === 'number' ? minorUnitsToDecimal(value, currency) : undefined;
    case 'integer':
    case 'number':
    case 'latitude':
    case 'longitude':
      return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
    case 'boolean':
      return typeof value === 'boolean' ? String(value) : undefined;
    case 'datetime':
      return typeof value === 'string' ? toFtmDate(value) : undefined;
    case 'country':
      return typeof value === 'string' ? value.toLowerCase() : undefined;
    case 'text':
    case 'name':
    case 'identifier':
    case 'language':
    case 'currency':
    case 'date':
    case 'phone':
    case 'email':
    case 'url':
    case 'enum':
    case 'entity':
      // Stored references are record ids, which are also the FtM ids of the entities they name.
      return typeof value === 'string' && value !== '' ? value : undefined;
  }
}

/**
 * The FtM entity of a stored record, for types that declare an FtM schema; properties without
 * an FtM name stay behind. The entity's id is the record id, so references between exported
 * records still hold.
 */
export function toFtmEntity(record: StoredRecord): FtmEntityJson | undefined {
  const definition = entityType(record.type);
  const plan = definition === undefined ? undefined : planOf(definition);
  if (plan === undefined) return undefined;
  const currencyValue = plan.currencyName === undefined ? undefined : record.properties[plan.currencyName];
  const currency = typeof currencyValue === 'string' ? currencyValue : undefined;
  const properties: Record<string, string[]> = {};
  for (const property of plan.properties) {
    const value = Object.hasOwn(record.properties, property.name) ? record.properties[property.name] : undefined;
    const values: unknown[] = Array.isArray(value) ? value : [value];
    const written = values.flatMap((item) => toFtmValue(item, property.definition.kind, currency) ?? []);
    if (written.length > 0) properties[property.ftm] = [...(properties[property.ftm] ?? []), ...written];
  }
  return { id: record.id, schema: plan.schema.name, properties };
}

const ftmEntityInput = z.object({
  id: z.string().trim().min(1).max(1_000),
  schema: z.string().min(1).max(200),
  properties: z.unknown().optional(),
});

function weftTypeOf(schema: Schema): EntityDefinition | undefined {
  const exact = ENTITY_TYPES.find((definition) => definition.ftm === schema.name);
  if (exact !== undefined) return exact;
  const alias = FTM_SCHEMA_ALIASES.get(schema.name);
  if (alias !== undefined) return entityType(alias);
  return ENTITY_TYPES.find((definition) => definition.ftm !== undefined && schema.isA(definition.ftm));
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
// A full FtM date and time without a zone: read as UTC, which is how FtM tools write them.
const NAIVE_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

type Read = { readonly value: unknown } | { readonly error: string };

function fromFtmValue(text: string, kind: PropertyKind, currency: string | undefined): Read {
  switch (kind) {
    case 'amount':
      return decimalToMinorUnits(text, currency);
    case 'integer':
    case 'number':
    case 'latitude':
    case 'longitude': {
      const value = NUMBER.test(text.trim()) ? Number(text) : Number.NaN;
      return Number.isFinite(value) ? { value } : { error: `"${text.slice(0, 60)}" is not a number` };
    }
    case 'boolean':
      if (text === 'true' || text === 'false') return { value: text === 'true' };
      return { error: `"${text.slice(0, 60)}" is not true or false` };
    case 'datetime':
      return { value: NAIVE_DATETIME.test(text) ? `${text}Z` : text };
    case 'country':
      return { value: text.toUpperCase() };
    case 'text':
    case 'name':
    case 'identifier':
    case 'language':
    case 'currency':
    case 'date':
    case 'phone':
    case 'email':
    case 'url':
    case 'enum':
    case 'entity':
      // An FtM reference is the id of another entity of the same file: a source record id in the same source.
      return { value: text };
  }
}

function textsOf(raw: unknown, field: string, errors: FtmFieldError[]): string[] {
  const items: unknown[] = Array.isArray(raw) ? raw : [raw];
  const texts: string[] = [];
  items.forEach((item, index) => {
    if (typeof item === 'string') texts.push(item);
    else if (typeof item === 'number' || typeof item === 'boolean') texts.push(String(item));
    // FtM tools may nest a referenced entity in place of its id.
    else if (typeof item === 'object' && item !== null && typeof (item as { id?: unknown }).id === 'string') {
      texts.push((item as { id: string }).id);
    } else errors.push({ field: `${field}[${index}]`, message: 'expected a string' });
  });
  return texts.filter((text) => text.trim() !== '');
}

/**
 * Reads an FtM entity as a Weft record input: the schema (or an ancestor) picks the type, the
 * FtM id becomes the source record id, values are converted back. FtM properties Weft does not
 * map are listed in `dropped`. Values are not validated against the model: `prepareRecord` does.
 * Never throws.
 */
export function fromFtmEntity(json: unknown): FromFtmResult {
  const parsed = ftmEntityInput.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => ({
        field: issue.path.map(String).join('.') || '(entity)',
        message: issue.message,
      })),
    };
  }
  const { id, schema: schemaName, properties: rawProperties } = parsed.data;
  const schema = ftmSchema(schemaName);
  const definition = schema === undefined ? undefined : weftTypeOf(schema);
  const plan = definition === undefined ? undefined : planOf(definition);
  if (schema === undefined || definition === undefined || plan === undefined) {
    const reason = schema === undefined ? 'is not an FtM schema' : 'has no Weft entity type';
    return { ok: false, errors: [{ field: 'schema', message: `"${schemaName.slice(0, 100)}" ${reason}` }] };
  }
  if (
    rawProperties !== undefined &&
    (typeof rawProperties !== 'object' || rawProperties === null || Array.isArray(rawProperties))
  ) {
    return { ok: false, errors: [{ field: 'properties', message: 'expected an object of property lists' }] };
  }
  const errors: FtmFieldError[] = [];
  const dropped: string[] = [];
  const texts = new Map<MappedProperty, string[]>();
  for (const [ftmName, raw] of Object.entries(rawProperties ?? {})) {
    const property = plan.byFtmName.get(ftmName);
    if (property === undefined) dropped.push(ftmName);
    else texts.set(property, textsOf(raw, `properties.${ftmName}`, errors));
  }
  const currency = plan.currency === undefined ? undefined : texts.get(plan.currency)?.[0]?.trim().toUpperCase();
  const properties: Record<string, unknown> = {};
  for (const [property, values] of texts) {
    const read: unknown[] = [];
    // Many-valued properties keep at most what the model allows; single-valued ones keep the first value.
    for (const text of values.slice(0, property.definition.many ? MAX_VALUES : 1)) {
      const result = fromFtmValue(text, property.definition.kind, currency);
      if ('error' in result) errors.push({ field: `properties.${property.ftm}`, message: result.error });
      else read.push(result.value);
    }
    if (read.length > 0) properties[property.name] = property.definition.many ? read : read[0];
  }
  for (const [ancestor, implied] of IMPLIED_PROPERTIES) {
    if (!schema.isA(ancestor)) continue;
    for (const [name, value] of Object.entries(implied)) {
      if (Object.hasOwn(definition.properties, name) && !Object.hasOwn(properties, name)) properties[name] = value;
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, record: { type: definition.name, sourceRecordId: id, properties }, dropped };
}
