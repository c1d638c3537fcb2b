import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { PURPOSES } from '../../../domain/model/envelope.ts';
import { ENTITY_TYPE_NAMES } from '../../../domain/model/registry.ts';
import { EXPORT_FORMATS, exportRecords } from '../../ingest/export.ts';
import type { Services } from '../app.ts';
import { requirePermission } from '../auth.ts';
import { accessOf } from '../purpose.ts';

const typeName = z.enum(ENTITY_TYPE_NAMES as [string, ...string[]]);

/** Exporting records as FollowTheMoney entities or Weft JSON Lines. */
export const exportRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/export',
    {
      schema: {
        tags: ['records'],
        summary: 'Export the records the caller may see, one JSON document per line',
        description:
          '`format=ftm` gives FollowTheMoney entities (for the types FtM has); `format=jsonl` gives Weft records ' +
          'that `POST /imports` or `weft import` accept again. Restricted fields are left out. Declare the ' +
          'purpose in the `X-Weft-Purpose` header or the `purpose` parameter; every export is recorded in the ledger.',
        querystring: z.object({
          format: z.enum(EXPORT_FORMATS).default('ftm'),
          purpose: z.enum(PURPOSES).optional().describe('The purpose of the request (or the X-Weft-Purpose header)'),
          type: z.union([typeName, z.array(typeName)]).optional(),
        }),
        produces: ['application/x-ndjson'],
      },
    },
    async (request, reply) => {
      const principal = requirePermission(request, 'records:export');
      const { format, type } = request.query;
      const lines = exportRecords(services.store, accessOf(request, principal), {
        format,
        ...(type === undefined ? {} : { types: Array.isArray(type) ? type : [type] }),
      });
      return reply
        .type('application/x-ndjson')
        .header('content-disposition', `attachment; filename="weft-export.${format}.jsonl"`)
        .send(Readable.from(lines));
    },
  );
};
