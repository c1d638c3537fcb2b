import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { recordBatchInput } from '../../../domain/ingest/record-input.ts';
import type { Services } from '../app.ts';
import { requirePermission } from '../auth.ts';
import { errorResponse } from '../schemas.ts';

/** Submitting records through the ingest stream, for high-rate sources (payments, trips, bookings). */
export const streamRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.post(
    '/stream/records',
    {
      schema: {
        tags: ['records'],
        summary: 'Queue a batch of records on the ingest stream',
        description:
          'Answers 202 once the stream (NATS JetStream when configured) has durably accepted the batch; a writer ' +
          'stores it shortly after, and its report appears under /ingest-jobs. Publishing the same `batchId` again ' +
          'is deduplicated, and records are keyed, so retries never double anything.',
        body: recordBatchInput.extend({
          batchId: z.string().min(1).max(200).optional().describe('Your id for the batch; generated when absent'),
        }),
        response: { 202: z.object({ batchId: z.string() }), 400: errorResponse, 401: errorResponse },
      },
    },
    async (request, reply) => {
      const principal = requirePermission(request, 'records:write');
      const { batchId = randomUUID(), sourceSystem, envelope, records } = request.body;
      await services.stream.publish({
        batchId: `${principal.organisation.id}/${batchId}`,
        organisationId: principal.organisation.id,
        actor: principal.actor,
        requestId: request.id,
        sourceSystem,
        ...(envelope === undefined ? {} : { envelope }),
        records,
      });
      return reply.code(202).send({ batchId });
    },
  );
};
