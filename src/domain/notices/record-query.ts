/**
 * What of a record is screened against the live notices (continuous screening): a person's names,
 * dates of birth, gender and nationalities; the names and date of birth on an identity document
 * and its number with the issuing country; the names written on a booking or a trip; and any
 * phone, e-mail or document number a record carries, in its fields or (adverts, tips) in its text.
 * Names are screened only where they name people: an organisation or a site is not a person.
 */
import type { StoredRecord } from '../model/record.ts';
import { identifiersOf, stringsOf } from '../resolution/facts.ts';
import { isFindable, type ScreeningQuery } from '../screening/index.ts';

/** Per type: the properties holding people's names, dates of birth, nationalities and gender. */
interface PersonFields {
  readonly names: readonly string[];
  readonly birthDates?: readonly string[];
  readonly nationalities?: readonly string[];
  readonly gender?: string;
  /** The property naming the issuing country of the record's document numbers. */
  readonly documentCountry?: string;
}

const PERSON_FIELDS: Readonly<Record<string, PersonFields>> = {
  Person: { names: ['name', 'alias'], birthDates: ['birthDate'], nationalities: ['nationality'], gender: 'gender' },
  IdentityDocument: {
    names: ['holderName'],
    birthDates: ['holderBirthDate'],
    nationalities: ['holderNationality'],
    documentCountry: 'issuingCountry',
  },
  Booking: { names: ['guestNames'] },
  Trip: { names: ['passengerNames'] },
  BankAccount: { names: ['holderName'] },
  PaymentInstrument: { names: ['holderName'] },
};

/** Types never screened: notices themselves, and cases (which hold an investigation's own view). */
const NOT_SCREENED: ReadonlySet<string> = new Set(['Notice', 'Case']);

/**
 * The screening query of a record, or undefined when it holds nothing to screen by. Phones written
 * without a country code are read in `ownerCountry`, the country of the organisation holding it.
 */
export function recordQuery(
  record: Pick<StoredRecord, 'type' | 'properties'>,
  ownerCountry?: string,
): ScreeningQuery | undefined {
  if (NOT_SCREENED.has(record.type)) return undefined;
  const fields = PERSON_FIELDS[record.type];
  const from = (names: readonly string[] | undefined) =>
    (names ?? []).flatMap((name) => stringsOf(record.properties[name]));
  const identifiers = identifiersOf({ id: '', type: record.type, properties: record.properties, ownerCountry });
  const [country] = fields?.documentCountry === undefined ? [] : stringsOf(record.properties[fields.documentCountry]);
  const [gender] = fields?.gender === undefined ? [] : stringsOf(record.properties[fields.gender]);
  const query: ScreeningQuery = {
    names: from(fields?.names),
    birthDates: from(fields?.birthDates),
    nationalities: from(fields?.nationalities),
    documents: identifiers
      .filter((identifier) => identifier.kind === 'document')
      .map((identifier) => ({ number: identifier.value, ...(country === undefined ? {} : { country }) })),
    phones: identifiers.filter((identifier) => identifier.kind === 'phone').map((identifier) => identifier.value),
    emails: identifiers.filter((identifier) => identifier.kind === 'email').map((identifier) => identifier.value),
    ...(gender === undefined ? {} : { gender }),
  };
  return isFindable(query) ? query : undefined;
}

/**
 * One query of what several records say of one person (an entity's records): every name, date,
 * nationality, document, phone and e-mail of any of them, each once; the first gender given.
 */
export function mergedQuery(queries: readonly ScreeningQuery[]): ScreeningQuery {
  const union = <T>(values: readonly T[], key: (value: T) => string = String): T[] => [
    ...new Map(values.map((value) => [key(value), value])).values(),
  ];
  const gender = queries.find((query) => query.gender !== undefined)?.gender;
  return {
    names: union(queries.flatMap((query) => query.names ?? [])),
    birthDates: union(queries.flatMap((query) => query.birthDates ?? [])),
    nationalities: union(queries.flatMap((query) => query.nationalities ?? [])),
    documents: union(
      queries.flatMap((query) => query.documents ?? []),
      (document) => `${document.number}\u0000${document.country ?? ''}`,
    ),
    phones: union(queries.flatMap((query) => query.phones ?? [])),
    emails: union(queries.flatMap((query) => query.emails ?? [])),
    ...(gender === undefined ? {} : { gender }),
  };
}
