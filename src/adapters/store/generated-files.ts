import type { EntityDefinition } from '../../domain/model/entity.ts';
import type { PropertyDefinition } from '../../domain/model/property.ts';
import { ENTITY_TYPES } from '../../domain/model/registry.ts';

const HEADER = '// Generated from the entity model by `npm run generate`. Do not edit.\n';

function tableExports(): string {
  const lines = ENTITY_TYPES.map(
    (definition) =>
      `/** Properties of ${definition.name} records. */\nexport const entity${definition.name} = entityTables['${definition.name}']!;`,
  );
  return `${HEADER}/* eslint-disable @typescript-eslint/no-non-null-assertion -- every key is a registered entity type */\nimport { entityTables } from './schema.ts';\n\n${lines.join('\n')}\n`;
}

function valueType(property: PropertyDefinition): string {
  switch (property.kind) {
    case 'integer':
    case 'amount':
    case 'number':
    case 'latitude':
    case 'longitude':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'enum':
      return (property.values ?? []).map((value) => `'${value}'`).join(' | ');
    case 'entity':
      return 'RecordReference';
    case 'text':
    case 'name':
    case 'identifier':
    case 'country':
    case 'language':
    case 'currency':
    case 'date':
    case 'datetime':
    case 'phone':
    case 'email':
    case 'url':
      return 'string';
  }
}

function interfaceFor(definition: EntityDefinition): string {
  const fields = Object.entries(definition.properties).map(([name, property]) => {
    const single = valueType(property);
    const type = property.many ? `(${single})[]` : single;
    return `  /** ${property.label} */\n  ${name}${property.required ? '' : '?'}: ${type};`;
  });
  return `/** ${definition.description} */\nexport interface ${definition.name}Properties {\n${fields.join('\n')}\n}`;
}

function clientTypes(): string {
  const map = ENTITY_TYPES.map((definition) => `  ${definition.name}: ${definition.name}Properties;`).join('\n');
  return `${HEADER}
/** A reference to another record as the API returns it: its Weft id. */
export type RecordReference = string;

${ENTITY_TYPES.map(interfaceFor).join('\n\n')}

/** Properties of each entity type, by type name. */
export interface EntityProperties {
${map}
}

/** The name of an entity type. */
export type EntityTypeName = keyof EntityProperties;
`;
}

/** The generated files, path → content. */
export function generatedFiles(): Record<string, string> {
  return {
    'src/adapters/store/entity-tables.gen.ts': tableExports(),
    'src/domain/model/types.gen.ts': clientTypes(),
  };
}
