/**
 * The workbench's search box: one query over every record the reader may see (people, phones,
 * documents, accounts, organisations, adverts, notices…), by identifier (a phone however written,
 * an e-mail, a document number, an IBAN) or by name words in any script, exactly, by prefix and
 * fuzzily, each result with why it matched. The read declares its purpose and is recorded in the
 * ledger; a record the reader may not see is neither returned nor counted.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TLP_LABELS } from '../../../domain/model/envelope.ts';
import { ENTITY_TYPE_NAMES } from '../../../domain/model/registry.ts';
import { SECTORS } from '../../../domain/model/taxonomy.ts';
import { LONGEST_QUERY, type SearchFilters, type SearchHit } from '../../../domain/search/index.ts';
import { SearchService } from '../../search/index.ts';
import type { Services } from '../app.ts';
import { requirePermission } from '../auth.ts';
import { WeftError } from '../errors.ts';
import { accessOf } from '../purpose.ts';
import { errorResponse } from '../schemas.ts';

export type { SearchService } from '../../search/index.ts';

/** Most results a search returns. */
export const MOST_RESULTS = 100;

/** A list parameter: comma-separated, repeated, or both; each value checked against `item`. */
const listOf = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((value) =>
      value === undefined
        ? undefined
        : (Array.isArray(value) ? value : [value])
            .flatMap((each) => each.split(','))
            .map((each) => each.trim())
            .filter(Boolean),
    )
    .pipe(z.array(item).max(50).optional());

const reasonOutput = z
  .object({
    kind: z.enum(['word', 'identifier']),
    how: z
      .string()
      .describe(
        'For a word: exact, variant, transliteration, spelling, phonetic or prefix. For an identifier: its kind ' +
          '(phone, email, document, iban, account, handle, image, reference)',
      ),
    query: z.string().describe('The word of the query (folded to Latin) or the identifier (normalised)'),
    matched: z.string().describe("The record's word (folded) or identifier (normalised)"),
    field: z.string().describe("The record's property it matched in"),
  })
  .meta({ id: 'SearchReason' });

const resultOutput = z
  .object({
    id: z.string(),
    kind: z.string().describe('The record type'),
    caption: z.string().nullable().describe('Null when a field of the record is hidden from you'),
    sector: z.string(),
    ownerOrganisation: z.string(),
    tlp: z.enum(TLP_LABELS).nullable(),
    score: z.number().describe('In [0, 1]: 1 for an identifier, else the share of the query words matched, by quality'),
    reasons: z.array(reasonOutput),
  })
  .meta({ id: 'SearchResult' });

const presentHit = (hit: SearchHit): z.infer<typeof resultOutput> => ({
  id: hit.id,
  kind: hit.kind,
  caption: hit.caption,
  sector: hit.sector,
  ownerOrganisation: hit.ownerOrganisation,
  tlp: hit.tlp,
  score: hit.score,
  reasons: hit.reasons.map((reason) => ({ ...reason })),
});

const DAY = /^\d{4}-\d{2}-\d{2}$/u;

/** An instant or a day from a parameter, in epoch milliseconds: a day as its first moment, or its last for `to`. */
function timeOf(field: 'from' | 'to', value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const time = Date.parse(DAY.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(time)) {
    throw new WeftError('validation_failed', `${field} must be a date or an instant.`, [
      { field, message: 'YYYY-MM-DD or an ISO 8601 instant' },
    ]);
  }
  return field === 'to' && DAY.test(value) ? time + 86_400_000 - 1 : time;
}

/** The search routes; without a search service among the services, one over the store, built at the first search. */
export const searchRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { store } = services;
  const search = services.search ?? SearchService.start(store);
  if (services.search === undefined) {
    app.addHook('onClose', async () => {
      await search.close();
    });
  }

  app.get(
    '/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Search every record you may see: names in any script, phones, e-mails, documents, accounts',
        description:
          'One query: a phone (any writing, also with letters for digits or in words), an e-mail, a document or ' +
          'account number or an IBAN is matched on the identifier; other words are folded to Latin from any script ' +
          'and matched exactly, as spelling variants, across scripts, one letter off, by sound, or as the start of ' +
          'a longer word. Results are ranked, each with the reasons it matched. Only records you may see for the ' +
          'declared purpose are returned or counted; a record with a field hidden from you is matched on its other ' +
          'fields only, and shown without its caption.',
        querystring: z.object({
          q: z.string().trim().min(1).max(LONGEST_QUERY).describe('What to look for'),
          types: listOf(z.enum(ENTITY_TYPE_NAMES as [string, ...string[]])).describe(
            'Only these record types (comma-separated or repeated)',
          ),
          sector: listOf(z.enum(SECTORS)).describe('Only records from these sectors'),
          country: listOf(
            z
              .string()
              .regex(/^[A-Za-z]{2}$/u, 'an ISO 3166-1 alpha-2 code')
              .transform((code) => code.toUpperCase()),
          ).describe('Only records naming one of these countries (ISO 3166-1 alpha-2)'),
          from: z.string().max(40).optional().describe('Only records of this date or instant or later'),
          to: z.string().max(40).optional().describe('Only records of this date or instant or earlier'),
          tlp: listOf(z.enum(TLP_LABELS)).describe('Only records under these TLP labels'),
          limit: z.coerce.number().int().min(1).max(MOST_RESULTS).default(20),
          purpose: z.string().optional(),
        }),
        response: {
          200: z
            .object({
              results: z.array(resultOutput),
              total: z.number().int().describe('How many records you may see match'),
              truncated: z.boolean().describe('Whether more records match than were returned'),
            })
            .meta({ id: 'SearchResults' }),
          400: errorResponse,
          401: errorResponse,
          403: errorResponse,
        },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'records:read');
      const access = accessOf(request, principal);
      const { q, types, sector, country, tlp, limit } = request.query;
      const from = timeOf('from', request.query.from);
      const to = timeOf('to', request.query.to);
      if (from !== undefined && to !== undefined && from > to) {
        throw new WeftError('validation_failed', 'from must not be after to.', [
          { field: 'to', message: 'on or after from' },
        ]);
      }
      const filters: SearchFilters = {
        ...(types === undefined ? {} : { kinds: types }),
        ...(sector === undefined ? {} : { sectors: sector }),
        ...(country === undefined ? {} : { countries: country }),
        ...(tlp === undefined ? {} : { tlp }),
        ...(from === undefined ? {} : { from }),
        ...(to === undefined ? {} : { to }),
      };
      const answer = await search.search(access, {
        text: q,
        filters,
        limit,
        ...(principal.organisation.country === undefined ? {} : { country: principal.organisation.country }),
      });
      return { results: answer.results.map(presentHit), total: answer.total, truncated: answer.truncated };
    },
  );
};
