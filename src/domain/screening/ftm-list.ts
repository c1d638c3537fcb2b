/**
 * Screening entries from FollowTheMoney entities (an OpenSanctions export, a published notices
 * data set): people and organisations with their names, aliases, dates of birth, nationalities,
 * documents, phones and e-mails; identity documents (Passport, Identification) joined to their
 * holder, or entries of their own when the holder is not in the list.
 */
import type { FtmEntityJson } from '../model/ftm.ts';
import { isFindable, ScreeningInputError, type ScreeningDocument, type ScreeningEntry } from './entry.ts';

const NAME_PROPERTIES = ['name', 'alias', 'previousName', 'weakAlias', 'abbreviation'] as const;
const DOCUMENT_SCHEMATA: ReadonlySet<string> = new Set(['Passport', 'Identification']);
const SCREENED_SCHEMATA: ReadonlySet<string> = new Set([
  'Person',
  'LegalEntity',
  'Organization',
  'Company',
  'PublicBody',
  'Vessel',
  'Airplane',
]);

const values = (entity: FtmEntityJson, property: string): string[] =>
  (entity.properties[property] ?? []).filter((value) => typeof value === 'string' && value.trim() !== '');

/** Reads an FtM entity's JSON, naming the line it came from in errors. */
export function ftmEntityOf(value: unknown, where: string): FtmEntityJson {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ScreeningInputError(`${where}: an FtM entity must be an object {"id", "schema", "properties"}`);
  }
  const { id, schema, properties } = value as Record<string, unknown>;
  if (typeof id !== 'string' || id === '') throw new ScreeningInputError(`${where}: "id" must be a non-empty string`);
  if (typeof schema !== 'string' || schema === '')
    throw new ScreeningInputError(`${where} (${id}): "schema" must be a string`);
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
    throw new ScreeningInputError(`${where} (${id}): "properties" must be an object of lists`);
  }
  for (const [property, list] of Object.entries(properties)) {
    if (!Array.isArray(list)) throw new ScreeningInputError(`${where} (${id}): property "${property}" must be a list`);
  }
  return { id, schema, properties: properties as Record<string, string[]> };
}

/**
 * The screening entries of a list of FtM entities, all in the list `list`. Entities of other
 * schemata (sanctions, addresses, relations) are passed over; an entity with nothing to be found
 * by (no name, document, phone or e-mail) is too.
 */
export function entriesFromFtm(entities: readonly FtmEntityJson[], list: string): ScreeningEntry[] {
  const documentsOf = new Map<string, ScreeningDocument[]>();
  const standalone: ScreeningEntry[] = [];
  const held = new Set(entities.filter((entity) => SCREENED_SCHEMATA.has(entity.schema)).map((entity) => entity.id));
  for (const entity of entities) {
    if (!DOCUMENT_SCHEMATA.has(entity.schema)) continue;
    const country = values(entity, 'country')[0];
    const documents = values(entity, 'number').map((number) => ({
      number,
      ...(country === undefined ? {} : { country }),
    }));
    const holders = values(entity, 'holder').filter((holder) => held.has(holder));
    if (holders.length === 0) {
      if (documents.length > 0) standalone.push({ id: entity.id, list, documents });
      continue;
    }
    for (const holder of holders) documentsOf.set(holder, [...(documentsOf.get(holder) ?? []), ...documents]);
  }
  const entries: ScreeningEntry[] = [];
  for (const entity of entities) {
    if (!SCREENED_SCHEMATA.has(entity.schema)) continue;
    const names = NAME_PROPERTIES.flatMap((property) => values(entity, property));
    const parts = ['firstName', 'secondName', 'middleName', 'fatherName', 'lastName']
      .map((property) => values(entity, property)[0])
      .filter((part): part is string => part !== undefined);
    if (parts.length > 0) names.push(parts.join(' '));
    const documents: ScreeningDocument[] = [
      ...values(entity, 'passportNumber').map((number) => ({ number })),
      ...values(entity, 'idNumber').map((number) => ({ number })),
      ...(documentsOf.get(entity.id) ?? []),
    ];
    const entry: ScreeningEntry = {
      id: entity.id,
      list,
      names: [...new Set(names)],
      birthDates: values(entity, 'birthDate'),
      nationalities: [...values(entity, 'nationality'), ...values(entity, 'citizenship')],
      documents,
      phones: values(entity, 'phone'),
      emails: values(entity, 'email'),
      ...(values(entity, 'gender')[0] === undefined ? {} : { gender: values(entity, 'gender')[0] }),
    };
    if (isFindable(entry)) entries.push(entry);
  }
  return [...entries, ...standalone];
}
