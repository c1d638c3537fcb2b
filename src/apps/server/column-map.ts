/**
 * A CSV file's column map given in a request (`?map=` with the JSON of `weft link`'s MAP.json:
 * `{"id": "<column>", "fields": {"<role>": "<column>" | ["<column>", …]}}`).
 */
import { z } from 'zod';
import { LinkInputError, parseLinkMap, type LinkMap } from '../link/index.ts';
import { WeftError } from './errors.ts';

/** The query parameter's schema, for OpenAPI. */
export const columnMapParameter = z
  .string()
  .max(10_000)
  .optional()
  .describe(
    'For CSV: the column map as JSON, {"id": "<column>", "fields": {"<role>": "<column>" | ["<column>", …]}} ' +
      '(the roles of weft link); without it, an "id" column and columns named as roles',
  );

/** The map given, parsed; undefined when none is; a validation error naming `map` when it is wrong. */
export function columnMapOf(text: string | undefined): LinkMap | undefined {
  if (text === undefined) return undefined;
  try {
    return parseLinkMap(text, 'the column map');
  } catch (error) {
    if (error instanceof LinkInputError) {
      throw new WeftError('validation_failed', error.message, [{ field: 'map', message: error.message }]);
    }
    throw error;
  }
}
