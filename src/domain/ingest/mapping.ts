import { z } from 'zod';
import { envelopeInput, type EnvelopeInput } from '../model/envelope.ts';
import type { EntityDefinition } from '../model/entity.ts';
import type { PropertyDefinition } from '../model/property.ts';
import { ENTITY_TYPE_NAMES, entityType } from '../model/registry.ts';
import { fieldPath, fromZodIssues } from './errors.ts';
import type { RecordInput } from './record-input.ts';

/** The date layouts a mapping may declare for a date column; each is rewritten to `YYYY-MM-DD`. */
export const DATE_FORMATS = ['YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD.MM.YYYY', 'YYYYMMDD'] as const;

/** A date layout a mapping may declare. */
export type DateFormat = (typeof DATE_FORMATS)[number];

const MAX_LIST = 100;
// Cell values quoted in error messages are cut short: they may be long, and they may be personal data.
const QUOTED_CELL_LENGTH = 60;

const columnName = z.string().min(1).max(1_000);
const literal = z.union([z.string().max(20_000), z.number(), z.boolean()]);

const propertySpecObject = z
  .object({
    column: columnName.optional().describe('Take the value from this column'),
    columns: z.array(columnName).min(1).max(MAX_LIST).optional().describe('Gather values from these columns'),
    value: z
      .union([literal, z.array(literal).max(MAX_LIST)])
      .optional()
      .describe('A constant'),
    template: z.string().min(1).max(2_000).optional().describe('Text with {column} placeholders'),
    split: z.string().min(1).max(10).optional().describe('Split each cell on this separator'),
    map: z.record(z.string(), z.string().max(1_000)).optional().describe('Replace cell values; "" drops a value'),
    dateFormat: z.enum(DATE_FORMATS).optional().describe('The layout of dates in the cells'),
    decimals: z.int().min(0).max(6).optional().describe('Scale "12.50" to whole minor units: 1250 with 2'),
    trim: z.boolean().optional().describe('Trim white space around cells (default true)'),
  })
  .strict()
  .refine(
    (spec) =>
      [spec.column, spec.columns, spec.value, spec.template].filter((source) => source !== undefined).length === 1,
    { message: 'a property takes exactly one of "column", "columns", "value" or "template"' },
  );

const propertySpec = z.union([columnName, z.array(columnName).min(1).max(MAX_LIST), propertySpecObject], {
  error: 'expected a column name, a list of column names, or an object with one of column, columns, value or template',
});

/** How one property of a record is filled from a row. */
export type PropertySpec = z.infer<typeof propertySpec>;

const sourceSystem = z.string().trim().min(1).max(200);

const recordMapping = z
  .object({
    type: z.string().min(1).max(200).describe('Entity type of the records made from each row'),
    sourceRecordId: z.string().min(1).max(2_000).describe('Template of the source record id, e.g. "guest-{guest_id}"'),
    sourceSystem: sourceSystem.optional(),
    envelope: envelopeInput.optional().describe("Markings of these records, over the mapping's"),
    properties: z.record(z.string().min(1).max(200), propertySpec),
  })
  .strict();

/** How each row makes one record. */
export type RecordMapping = z.infer<typeof recordMapping>;

const multipleRecordMapping = z
  .object({
    sourceSystem: sourceSystem.optional(),
    envelope: envelopeInput.optional().describe('Markings of every record made'),
    records: z.array(recordMapping).min(1).max(MAX_LIST),
  })
  .strict();

/** A mapping file: how each row of a table becomes one or more records (or a single record, as sugar). */
export const columnMapping = z.union([multipleRecordMapping, recordMapping]);

/** A mapping file as written. */
export type ColumnMapping = z.infer<typeof columnMapping>;

type TemplatePart = { readonly literal: string } | { readonly column: string };

type ValueSource =
  | { readonly kind: 'columns'; readonly columns: readonly string[] }
  | { readonly kind: 'value'; readonly values: readonly (string | number | boolean)[] }
  | { readonly kind: 'template'; readonly text: string; readonly parts: readonly TemplatePart[] };

interface CompiledProperty {
  readonly name: string;
  /** Where the property sits in the mapping file, e.g. `records[0].properties.name`. */
  readonly path: string;
  readonly definition: PropertyDefinition;
  readonly source: ValueSource;
  readonly split?: string;
  readonly map?: ReadonlyMap<string, string>;
  readonly dateFormat?: DateFormat;
  readonly decimals?: number;
  readonly trim: boolean;
}

interface CompiledRecordMapping {
  readonly path: string;
  readonly type: string;
  readonly sourceSystem?: string;
  readonly envelope?: EnvelopeInput;
  readonly sourceRecordId: { readonly text: string; readonly parts: readonly TemplatePart[] };
  readonly properties: readonly CompiledProperty[];
}

/** A mapping checked against the entity model, ready to apply to rows. */
export interface CompiledMapping {
  /** The mapping's source system, when it names one; records carry it too. */
  readonly sourceSystem?: string;
  /** The mapping's top-level markings; each record carries them too, merged under its own. */
  readonly envelope?: EnvelopeInput;
  readonly records: readonly CompiledRecordMapping[];
}

/** The outcome of compiling a mapping file. */
export type CompileResult =
  { readonly ok: true; readonly mapping: CompiledMapping } | { readonly ok: false; readonly errors: string[] };

/** A problem with one row: the mapping path of the property or id concerned, and what is wrong. */
export interface RowError {
  readonly field: string;
  readonly message: string;
}

/** The records made from one row, and the problems that kept some of them back. */
export interface MappedRow {
  readonly records: RecordInput[];
  readonly errors: RowError[];
}

function parseTemplate(text: string): { parts: TemplatePart[] } | { error: string } {
  const parts: TemplatePart[] = [];
  let literal = '';
  let position = 0;
  while (position < text.length) {
    const character = text.charAt(position);
    const next = text.charAt(position + 1);
    if ((character === '{' && next === '{') || (character === '}' && next === '}')) {
      literal += character;
      position += 2;
    } else if (character === '{') {
      const end = text.indexOf('}', position + 1);
      const column = end === -1 ? '' : text.slice(position + 1, end);
      if (end === -1) return { error: `unclosed "{" at position ${position + 1} (write "{{" for a literal brace)` };
      if (column === '' || column.includes('{')) return { error: `"{${column}}" does not name a column` };
      if (literal !== '') parts.push({ literal });
      literal = '';
      parts.push({ column });
      position = end + 1;
    } else if (character === '}') {
      return { error: `unmatched "}" at position ${position + 1} (write "}}" for a literal brace)` };
    } else {
      literal += character;
      position += 1;
    }
  }
  if (literal !== '') parts.push({ literal });
  return { parts };
}

function templateColumns(parts: readonly TemplatePart[]): string[] {
  return parts.flatMap((part) => ('column' in part ? [part.column] : []));
}

// A `__proto__` key would be dropped or, worse, turn into the prototype of the parsed object; refuse it by name.
function findProtoKeys(value: unknown, path: (string | number)[], found: string[]): void {
  if (found.length >= 10 || path.length > 10 || typeof value !== 'object' || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => {
      findProtoKeys(item, [...path, index], found);
    });
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key === '__proto__') found.push(`${fieldPath('', [...path, key])}: "__proto__" is not allowed as a name`);
    else findProtoKeys(item, [...path, key], found);
  }
}

function compileProperty(
  definition: EntityDefinition,
  name: string,
  spec: PropertySpec,
  path: string,
): { property: CompiledProperty } | { errors: string[] } {
  const declared = Object.hasOwn(definition.properties, name) ? definition.properties[name] : undefined;
  if (declared === undefined) {
    return { errors: [`${path}: ${definition.name} has no property "${name}"`] };
  }
  if (typeof spec === 'string') {
    return { property: { name, path, definition: declared, source: { kind: 'columns', columns: [spec] }, trim: true } };
  }
  if (Array.isArray(spec)) {
    return { property: { name, path, definition: declared, source: { kind: 'columns', columns: spec }, trim: true } };
  }
  const errors: string[] = [];
  let source: ValueSource | undefined;
  if (spec.column !== undefined) source = { kind: 'columns', columns: [spec.column] };
  else if (spec.columns !== undefined) source = { kind: 'columns', columns: spec.columns };
  else if (spec.value !== undefined)
    source = { kind: 'value', values: Array.isArray(spec.value) ? spec.value : [spec.value] };
  else if (spec.template !== undefined) {
    const template = parseTemplate(spec.template);
    if ('error' in template) errors.push(`${path}.template: ${template.error}`);
    else source = { kind: 'template', text: spec.template, parts: template.parts };
  }
  if (spec.decimals !== undefined && declared.kind !== 'amount' && declared.kind !== 'integer') {
    errors.push(`${path}.decimals: only amount and integer properties take decimals; "${name}" is ${declared.kind}`);
  }
  if (spec.dateFormat !== undefined && declared.kind !== 'date') {
    errors.push(`${path}.dateFormat: only date properties take a date format; "${name}" is ${declared.kind}`);
  }
  if (errors.length > 0 || source === undefined) return { errors };
  return {
    property: {
      name,
      path,
      definition: declared,
      source,
      ...(spec.split === undefined ? {} : { split: spec.split }),
      ...(spec.map === undefined ? {} : { map: new Map(Object.entries(spec.map)) }),
      ...(spec.dateFormat === undefined ? {} : { dateFormat: spec.dateFormat }),
      ...(spec.decimals === undefined ? {} : { decimals: spec.decimals }),
      trim: spec.trim ?? true,
    },
  };
}

function compileRecord(
  mapping: RecordMapping,
  prefix: (string | number)[],
  defaults: { sourceSystem?: string; envelope?: EnvelopeInput },
): { record: CompiledRecordMapping } | { errors: string[] } {
  const path = fieldPath('', prefix);
  const at = (...rest: (string | number)[]) => fieldPath('', [...prefix, ...rest]);
  const definition = entityType(mapping.type);
  if (definition === undefined) {
    return {
      errors: [`${at('type')}: unknown entity type "${mapping.type}" (known: ${ENTITY_TYPE_NAMES.join(', ')})`],
    };
  }
  const errors: string[] = [];
  const template = parseTemplate(mapping.sourceRecordId);
  if ('error' in template) errors.push(`${at('sourceRecordId')}: ${template.error}`);
  else if (templateColumns(template.parts).length === 0) {
    errors.push(
      `${at('sourceRecordId')}: the template names no column, so every row would get the same id; write e.g. "{id}"`,
    );
  }
  const properties: CompiledProperty[] = [];
  for (const [name, spec] of Object.entries(mapping.properties)) {
    const compiled = compileProperty(definition, name, spec, at('properties', name));
    if ('errors' in compiled) errors.push(...compiled.errors);
    else properties.push(compiled.property);
  }
  for (const [name, declared] of Object.entries(definition.properties)) {
    if (declared.required && !Object.hasOwn(mapping.properties, name)) {
      errors.push(`${at('properties')}: ${definition.name} requires "${name}", which the mapping does not fill`);
    }
  }
  if (errors.length > 0 || 'error' in template) return { errors };
  const sourceSystem = mapping.sourceSystem ?? defaults.sourceSystem;
  const envelope =
    defaults.envelope === undefined && mapping.envelope === undefined
      ? undefined
      : { ...defaults.envelope, ...mapping.envelope };
  return {
    record: {
      path,
      type: definition.name,
      ...(sourceSystem === undefined ? {} : { sourceSystem }),
      ...(envelope === undefined ? {} : { envelope }),
      sourceRecordId: { text: mapping.sourceRecordId, parts: template.parts },
      properties,
    },
  };
}

/**
 * Validates a mapping file (parsed JSON) against the entity model: unknown types, unknown
 * properties and misplaced options are reported with their path in the file. Never throws.
 */
export function compileMapping(json: unknown): CompileResult {
  const protoKeys: string[] = [];
  findProtoKeys(json, [], protoKeys);
  if (protoKeys.length > 0) return { ok: false, errors: protoKeys };
  const isMultiple = typeof json === 'object' && json !== null && !Array.isArray(json) && 'records' in json;
  const parsed = isMultiple ? multipleRecordMapping.safeParse(json) : recordMapping.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      errors: fromZodIssues(0, undefined, '', parsed.error.issues).map(
        (issue) => `${issue.field === '' ? '(mapping)' : issue.field}: ${issue.message}`,
      ),
    };
  }
  const file = parsed.data;
  const entries: { mapping: RecordMapping; prefix: (string | number)[] }[] =
    'records' in file
      ? file.records.map((mapping, index) => ({ mapping, prefix: ['records', index] }))
      : [{ mapping: file, prefix: [] }];
  const defaults = {
    ...('records' in file && file.sourceSystem !== undefined ? { sourceSystem: file.sourceSystem } : {}),
    ...('records' in file && file.envelope !== undefined ? { envelope: file.envelope } : {}),
  };
  const errors: string[] = [];
  const records: CompiledRecordMapping[] = [];
  for (const { mapping, prefix } of entries) {
    const compiled = compileRecord(mapping, prefix, defaults);
    if ('errors' in compiled) errors.push(...compiled.errors);
    else records.push(compiled.record);
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    mapping: {
      ...(file.sourceSystem === undefined ? {} : { sourceSystem: file.sourceSystem }),
      ...(file.envelope === undefined ? {} : { envelope: file.envelope }),
      records,
    },
  };
}

function referencedColumns(mapping: CompiledMapping): { path: string; column: string }[] {
  const referenced: { path: string; column: string }[] = [];
  for (const record of mapping.records) {
    const idPath = record.path === '' ? 'sourceRecordId' : `${record.path}.sourceRecordId`;
    for (const column of templateColumns(record.sourceRecordId.parts)) referenced.push({ path: idPath, column });
    for (const property of record.properties) {
      const columns =
        property.source.kind === 'columns'
          ? property.source.columns
          : property.source.kind === 'template'
            ? templateColumns(property.source.parts)
            : [];
      for (const column of columns) referenced.push({ path: property.path, column });
    }
  }
  return referenced;
}

function normalisedName(name: string): string {
  return name.trim().toLowerCase();
}

/** Checks that every column the mapping reads is in the header, and that the header names no column twice. */
export function checkColumns(mapping: CompiledMapping, header: readonly string[]): string[] {
  const errors: string[] = [];
  const present = new Set(header);
  const seen = new Set<string>();
  for (const column of header) {
    if (seen.has(column)) errors.push(`header: column "${column}" appears more than once, so its cells are ambiguous`);
    seen.add(column);
  }
  const byNormalisedName = new Map(header.map((column) => [normalisedName(column), column]));
  for (const { path, column } of referencedColumns(mapping)) {
    if (present.has(column)) continue;
    const near = byNormalisedName.get(normalisedName(column));
    const hint = near === undefined ? '' : ` (did you mean "${near}"?)`;
    errors.push(`${path}: no column "${column}" in the header${hint}`);
  }
  return errors;
}

function cellOf(row: Readonly<Record<string, string>>, column: string): string | undefined {
  if (!Object.hasOwn(row, column)) return undefined;
  const cell: unknown = row[column];
  return typeof cell === 'string' ? cell : undefined;
}

function renderTemplate(
  parts: readonly TemplatePart[],
  row: Readonly<Record<string, string>>,
  trim: boolean,
): { text: string } | { emptyColumn: string } {
  let text = '';
  for (const part of parts) {
    if ('literal' in part) {
      text += part.literal;
      continue;
    }
    const raw = cellOf(row, part.column) ?? '';
    const cell = trim ? raw.trim() : raw;
    if (cell === '') return { emptyColumn: part.column };
    text += cell;
  }
  return { text };
}

function quoted(text: string): string {
  return JSON.stringify(text.length > QUOTED_CELL_LENGTH ? `${text.slice(0, QUOTED_CELL_LENGTH)}…` : text);
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;
const TRUE_WORDS = new Set(['true', 'yes', 'y', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0']);

const DATE_PATTERNS: Readonly<Record<DateFormat, { pattern: RegExp; year: number; month: number; day: number }>> = {
  'YYYY-MM-DD': { pattern: /^(\d{4})-(\d{1,2})-(\d{1,2})$/, year: 1, month: 2, day: 3 },
  'DD/MM/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, year: 3, month: 2, day: 1 },
  'MM/DD/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, year: 3, month: 1, day: 2 },
  'DD.MM.YYYY': { pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, year: 3, month: 2, day: 1 },
  YYYYMMDD: { pattern: /^(\d{4})(\d{2})(\d{2})$/, year: 1, month: 2, day: 3 },
};

type Converted = { readonly value: string | number | boolean } | { readonly error: string };

function toNumber(text: string): Converted {
  const value = NUMBER.test(text) ? Number(text) : Number.NaN;
  return Number.isFinite(value) ? { value } : { error: `${quoted(text)} is not a number` };
}

// Scales exactly on the digits, not by multiplying floats: 0.29 * 100 is 28.999999999999996.
function toScaled(text: string, decimals: number): Converted {
  const match = DECIMAL.exec(text);
  const sign = match?.[1] ?? '';
  const whole = match?.[2] ?? '';
  const fraction = match?.[3] ?? '';
  if (match === null || whole + fraction === '') return { error: `${quoted(text)} is not a number` };
  if (fraction.length > decimals) {
    return { error: `${quoted(text)} has more than ${decimals} decimal place${decimals === 1 ? '' : 's'}` };
  }
  const value = Number(`${sign}${whole}${fraction.padEnd(decimals, '0')}`);
  if (!Number.isSafeInteger(value)) return { error: `${quoted(text)} is too large` };
  return { value: value === 0 ? 0 : value };
}

function toDate(text: string, format: DateFormat): Converted {
  // A bare year is a partial date in every layout: records often know no more.
  if (/^\d{4}$/.test(text)) return { value: text };
  const layout = DATE_PATTERNS[format];
  const match = layout.pattern.exec(text);
  if (match === null) return { error: `${quoted(text)} is not a date as ${format}` };
  const year = match[layout.year] ?? '';
  const month = (match[layout.month] ?? '').padStart(2, '0');
  const day = (match[layout.day] ?? '').padStart(2, '0');
  return { value: `${year}-${month}-${day}` };
}

function convert(text: string, property: CompiledProperty): Converted {
  const kind = property.definition.kind;
  switch (kind) {
    case 'integer':
    case 'amount':
      return property.decimals === undefined ? toNumber(text) : toScaled(text, property.decimals);
    case 'number':
    case 'latitude':
    case 'longitude':
      return toNumber(text);
    case 'boolean': {
      const word = text.toLowerCase();
      if (TRUE_WORDS.has(word)) return { value: true };
      if (FALSE_WORDS.has(word)) return { value: false };
      return { error: `${quoted(text)} is not a yes/no value (true/false, yes/no, y/n or 1/0)` };
    }
    case 'date':
      return property.dateFormat === undefined ? { value: text } : toDate(text, property.dateFormat);
    case 'text':
    case 'name':
    case 'identifier':
    case 'country':
    case 'language':
    case 'currency':
    case 'datetime':
    case 'phone':
    case 'email':
    case 'url':
    case 'enum':
    case 'entity':
      return { value: text };
  }
}

/** One raw text and where it came from, for error messages. */
interface Raw {
  readonly text: string;
  readonly origin: string;
}

function rawTexts(
  property: CompiledProperty,
  row: Readonly<Record<string, string>>,
): (Raw | string | number | boolean)[] {
  const source = property.source;
  switch (source.kind) {
    case 'columns':
      return source.columns.map((column) => ({ text: cellOf(row, column) ?? '', origin: `column "${column}"` }));
    case 'value':
      return source.values.map((value) => (typeof value === 'string' ? { text: value, origin: 'value' } : value));
    case 'template': {
      const rendered = renderTemplate(source.parts, row, property.trim);
      return 'text' in rendered ? [{ text: rendered.text, origin: `template ${quoted(source.text)}` }] : [];
    }
  }
}

function valuesOf(
  property: CompiledProperty,
  row: Readonly<Record<string, string>>,
): { values: (string | number | boolean)[] } | { error: string } {
  const values: (string | number | boolean)[] = [];
  const single = !property.definition.many;
  for (const raw of rawTexts(property, row)) {
    if (typeof raw !== 'object') {
      values.push(raw);
      if (single) break;
      continue;
    }
    const text = property.trim ? raw.text.trim() : raw.text;
    const parts = property.split === undefined ? [text] : text.split(property.split);
    for (const part of parts) {
      const trimmed = property.trim ? part.trim() : part;
      const mapped = property.map?.get(trimmed) ?? trimmed;
      if (mapped === '') continue;
      const converted = convert(mapped, property);
      if ('error' in converted) return { error: `${raw.origin}: ${converted.error}` };
      values.push(converted.value);
      if (single) return { values };
    }
  }
  return { values: [...new Set(values)] };
}

/**
 * Makes the records one row yields. Cells are shaped by property kind (numbers, booleans,
 * dates, lists) but not validated against the model: `prepareRecord` does that. A record with
 * a cell that cannot be shaped, or whose id template yields nothing, is held back and reported.
 * Never throws.
 */
export function applyMapping(mapping: CompiledMapping, row: Readonly<Record<string, string>>): MappedRow {
  const records: RecordInput[] = [];
  const errors: RowError[] = [];
  for (const record of mapping.records) {
    const idPath = record.path === '' ? 'sourceRecordId' : `${record.path}.sourceRecordId`;
    const sourceRecordId = renderTemplate(record.sourceRecordId.parts, row, true);
    if ('emptyColumn' in sourceRecordId) {
      errors.push({
        field: idPath,
        message: `the id template ${quoted(record.sourceRecordId.text)} yields nothing: column "${sourceRecordId.emptyColumn}" is empty`,
      });
      continue;
    }
    const properties: Record<string, unknown> = {};
    const recordErrors: RowError[] = [];
    for (const property of record.properties) {
      const result = valuesOf(property, row);
      if ('error' in result) {
        recordErrors.push({ field: property.path, message: result.error });
      } else if (result.values.length > 0) {
        properties[property.name] = property.definition.many ? result.values : result.values[0];
      }
    }
    if (recordErrors.length > 0) {
      errors.push(...recordErrors);
      continue;
    }
    records.push({
      type: record.type,
      sourceRecordId: sourceRecordId.text,
      ...(record.sourceSystem === undefined ? {} : { sourceSystem: record.sourceSystem }),
      // A copy per record, so that a consumer changing one record's markings changes no other.
      ...(record.envelope === undefined ? {} : { envelope: { ...record.envelope } }),
      properties,
    });
  }
  return { records, errors };
}
