/**
 * External screening lists: an organisation imports a FollowTheMoney export (OpenSanctions, the
 * public INTERPOL notices datasets) or a CSV file under a name, and every member's screening checks
 * it from then on, beside the notices. A `shown` list (public data) shows its hits to whoever
 * screens; a `blind` list answers as notices do, and alerts its owner. Importing the same name
 * again replaces the list.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LIST_VISIBILITIES, type ScreeningList } from '../../../adapters/store/index.ts';
import { ScreeningInputError, type ScreeningEntry } from '../../../domain/screening/index.ts';
import { LinkInputError } from '../../link/index.ts';
import { ftmEntries, rowsOfCsv } from '../../screening/index.ts';
import type { ResolvedServices } from '../app.ts';
import { requirePermission } from '../auth.ts';
import { columnMapOf, columnMapParameter } from '../column-map.ts';
import { WeftError } from '../errors.ts';
import { errorResponse } from '../schemas.ts';

const listOutput = z
  .object({
    id: z.string(),
    organisation: z.string(),
    name: z.string(),
    visibility: z.enum(LIST_VISIBILITIES),
    threshold: z.number().nullable(),
    entries: z.number().int(),
    importedBy: z.string(),
    importedAt: z.string(),
  })
  .meta({ id: 'ScreeningList' });

const present = (list: ScreeningList): z.infer<typeof listOutput> => ({
  id: list.id,
  organisation: list.organisationId,
  name: list.name,
  visibility: list.visibility,
  threshold: list.threshold,
  entries: list.entries,
  importedBy: list.importedBy,
  importedAt: list.importedAt,
});

/** The entries of a list sent as FtM JSON Lines or as CSV with columns named as roles. */
function entriesOf(body: string, contentType: string, name: string, map: string | undefined): ScreeningEntry[] {
  if (contentType.startsWith('text/csv')) {
    const { rows, errors } = rowsOfCsv(body, columnMapOf(map));
    if (errors.length > 0) {
      throw new WeftError(
        'validation_failed',
        'The list has rows that cannot be screened against.',
        errors.slice(0, 100).map((error) => ({
          // Row 0 is the file itself (its header, its map).
          field: error.row === 0 ? error.field : `row ${error.row}: ${error.field}`,
          message: error.message,
        })),
      );
    }
    return rows.map((row) => ({ id: row.id, list: name, ...row.query }));
  }
  try {
    return ftmEntries(body, 'the list', name);
  } catch (error) {
    if (error instanceof LinkInputError || error instanceof ScreeningInputError) {
      throw new WeftError('validation_failed', error.message, [{ field: 'body', message: error.message }]);
    }
    throw error;
  }
}

export const listsRoutes: FastifyPluginAsyncZod<{ services: ResolvedServices }> = async (app, { services }) => {
  const { store, notices } = services;
  for (const type of ['application/x-ndjson', 'application/jsonl', 'text/csv']) {
    app.addContentTypeParser(type, { parseAs: 'string' }, (_request, text, done) => {
      done(null, text);
    });
  }

  app.post(
    '/lists',
    {
      schema: {
        tags: ['screening'],
        summary: 'Import an external list to screen against (FtM JSON Lines, or CSV)',
        description:
          'Send FollowTheMoney entities as JSON Lines (`Content-Type: application/x-ndjson`), or a CSV file ' +
          '(`text/csv`) with an "id" column and columns named as roles (full_name, date_of_birth, nationality, ' +
          'document_number, phone, email…), or any columns with a column map (`map`). The same name again ' +
          'replaces the list.',
        querystring: z.object({
          name: z
            .string()
            .regex(/^[a-z0-9][a-z0-9_.-]{0,99}$/, 'lower-case letters, digits, dots, hyphens and underscores'),
          visibility: z.enum(LIST_VISIBILITIES).default('blind'),
          threshold: z.coerce
            .number()
            .min(0)
            .max(1)
            .optional()
            .describe('The least score of a hit on this list (default: the server’s, 0.85)'),
          map: columnMapParameter,
        }),
        body: z.string(),
        response: { 201: listOutput, 400: errorResponse, 401: errorResponse, 403: errorResponse },
      },
    },
    async (request, reply) => {
      const principal = requirePermission(request, 'records:write');
      const { name, visibility, threshold, map } = request.query;
      const entries = entriesOf(request.body, request.headers['content-type'] ?? '', name, map);
      if (entries.length === 0) {
        throw new WeftError('validation_failed', 'The list has no entry to screen against.', [
          { field: 'body', message: 'no entity with a name, a document, a phone or an e-mail' },
        ]);
      }
      const replaced = (await store.lists.all(principal.organisation.id)).find((each) => each.name === name);
      const list = await store.lists.replace(
        { organisationId: principal.organisation.id, name, visibility, threshold },
        entries,
        {
          actor: principal.actor,
          requestId: request.id,
        },
      );
      await notices.loadList(list, replaced?.id);
      return reply.status(201).send(present(list));
    },
  );

  app.get(
    '/lists',
    {
      schema: {
        tags: ['screening'],
        summary: 'The external lists every screening checks',
        response: { 200: z.object({ lists: z.array(listOutput) }) },
      },
    },
    async (request) => {
      requirePermission(request, 'records:read');
      return { lists: (await store.lists.all()).map(present) };
    },
  );

  app.delete(
    '/lists/:id',
    {
      schema: {
        tags: ['screening'],
        summary: "Remove one of your organisation's lists",
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null(), 401: errorResponse, 404: errorResponse },
      },
    },
    async (request, reply) => {
      const principal = requirePermission(request, 'records:write');
      const removed = await store.lists.remove(principal.organisation.id, request.params.id, {
        actor: principal.actor,
        requestId: request.id,
      });
      if (!removed) throw new WeftError('not_found');
      await notices.dropList(request.params.id);
      return reply.status(204).send(null);
    },
  );
};
