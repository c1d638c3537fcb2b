import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../app.ts';

/** Liveness and readiness. */
export const healthRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['health'],
        summary: 'Liveness: the process answers',
        security: [],
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    () => ({ status: 'ok' as const }),
  );

  app.get(
    '/api/ready',
    {
      schema: {
        tags: ['health'],
        summary: 'Readiness: the database answers and the ingest stream is consumed',
        security: [],
        response: {
          200: z.object({ status: z.literal('ready'), database: z.string(), stream: z.string() }),
          503: z.object({ status: z.literal('not_ready'), database: z.string(), stream: z.string() }),
        },
      },
    },
    async (_request, reply) => {
      const database = await services.store.database
        .query('SELECT 1')
        .then(() => 'ok')
        .catch(() => 'unreachable');
      const stream = services.streamConsumerRunning() ? 'ok' : 'stopped';
      if (database === 'ok' && stream === 'ok') return { status: 'ready' as const, database, stream };
      return reply.code(503).send({ status: 'not_ready' as const, database, stream });
    },
  );
};
