/**
 * What is screened against (an entry of a list: a notice, a sanctions entry, a stolen document)
 * and what is screened (a query: a passenger, a guest, a customer), with their fields as given.
 */

/** An identity document: its number and, when known, the issuing country (ISO 3166 alpha-2). */
export interface ScreeningDocument {
  readonly number: string;
  readonly country?: string;
}

/** The fields an entry and a query have in common; every one may be absent. */
export interface ScreeningFields {
  /** Names and aliases, in any script. */
  readonly names?: readonly string[];
  /** Dates of birth, whole or partial (1974, 1974-12, 1974-12-08, 08/12/1974…). */
  readonly birthDates?: readonly string[];
  /** 'male' / 'female' (or m / f); anything else is unknown. */
  readonly gender?: string;
  /** Nationalities or countries of citizenship, as ISO codes or names. */
  readonly nationalities?: readonly string[];
  readonly documents?: readonly ScreeningDocument[];
  readonly phones?: readonly string[];
  readonly emails?: readonly string[];
}

/** An entry of a list. */
export interface ScreeningEntry extends ScreeningFields {
  /** Unique within the index; an entry added again under its id replaces the earlier one. */
  readonly id: string;
  /** The list the entry belongs to (a notice type, an imported list). */
  readonly list: string;
}

/** A query: fields of the person (or document) screened. */
export type ScreeningQuery = ScreeningFields;

/** Whether fields have something to be found or screened by: a name, a document, a phone or an e-mail. */
export function isFindable(fields: ScreeningFields): boolean {
  return (
    (fields.names?.length ?? 0) +
      (fields.documents?.length ?? 0) +
      (fields.phones?.length ?? 0) +
      (fields.emails?.length ?? 0) >
    0
  );
}

/** A mistake in an entry or a query, naming the record and the field. */
export class ScreeningInputError extends Error {
  override readonly name = 'ScreeningInputError';
}
