import { z } from 'zod';
import { MAX_VALUES, type PropertyDefinition } from './property.ts';

/** What an entity type stands for in the graph. */
export type EntityKind = 'thing' | 'event' | 'relationship';

/** One entity type, declared once: validation, columns, OpenAPI, FtM mapping and client types derive from it. */
export interface EntityDefinition {
  /** The type name records carry, in PascalCase (`IdentityDocument`). */
  readonly name: string;
  readonly label: string;
  readonly description: string;
  readonly kind: EntityKind;
  readonly properties: Readonly<Record<string, PropertyDefinition>>;
  /** Properties whose first value names a record in lists (first present wins). */
  readonly caption: readonly string[];
  /** For relationships: the properties holding the two ends, FtM-style. */
  readonly edge?: { readonly source: string; readonly target: string };
  /** The FollowTheMoney schema this maps to, when FtM has the concept. */
  readonly ftm?: string;
  /** Whether records of this type hold personal data about a natural person. */
  readonly personal: boolean;
}

/** Declares an entity type, checking that its caption and edge name real properties. */
export function defineEntity<const D extends EntityDefinition>(definition: D): D {
  const names = new Set(Object.keys(definition.properties));
  for (const property of [...definition.caption, definition.edge?.source, definition.edge?.target]) {
    if (property !== undefined && !names.has(property)) {
      throw new Error(`${definition.name}: caption or edge names unknown property "${property}"`);
    }
  }
  if ((definition.kind === 'relationship') !== (definition.edge !== undefined)) {
    throw new Error(`${definition.name}: relationships, and only they, declare an edge`);
  }
  return definition;
}

/** Validator of one property: accepts a single value or a list for multi-valued properties, yields arrays. */
export function propertyValidator(property: PropertyDefinition): z.ZodType {
  if (!property.many) return property.required ? property.schema : property.schema.optional();
  const list = z.array(property.schema).max(MAX_VALUES);
  const accepted = z
    .union([list, property.schema], {
      error: (issue) => (issue.input === undefined ? 'required' : undefined),
    })
    .transform((value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : [value]));
  if (!property.required) return accepted.optional();
  return accepted.refine((values: unknown[]) => values.length > 0, 'at least one value is required');
}

const schemaCache = new WeakMap<EntityDefinition, z.ZodType<Record<string, unknown>>>();
const validatorCache = new WeakMap<EntityDefinition, z.ZodType<Record<string, unknown>>>();

/** The zod schema of a record's properties for an entity type; unknown properties are refused. */
export function propertiesSchema(definition: EntityDefinition): z.ZodType<Record<string, unknown>> {
  let schema = schemaCache.get(definition);
  if (schema === undefined) {
    const shape: Record<string, z.ZodType> = {};
    for (const [name, property] of Object.entries(definition.properties)) {
      shape[name] = propertyValidator(property).describe(property.label);
    }
    schema = z.object(shape).strict();
    schemaCache.set(definition, schema);
  }
  return schema;
}

/**
 * The validator ingest runs: the same schema compiled ahead of time by zod, which answers valid
 * input from generated code and hands anything else to the ordinary parser for its messages
 * (validation is the hottest part of ingest). A differential test holds the two to the same results.
 */
export function propertiesValidator(definition: EntityDefinition): z.ZodType<Record<string, unknown>> {
  let validator = validatorCache.get(definition);
  if (validator === undefined) {
    validator = z.compile(propertiesSchema(definition));
    validatorCache.set(definition, validator);
  }
  return validator;
}

/** Converts `camelCase` and `PascalCase` names to the `snake_case` used for columns and tables. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}
