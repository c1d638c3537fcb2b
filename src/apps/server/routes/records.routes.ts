import { ingestContext } from '../../../domain/ingest/prepare.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ingestRecords } from '../../../domain/ingest/ingest.service.ts';
import { recordBatchInput } from '../../../domain/ingest/record-input.ts';
import { parseRecordId, type RecordId } from '../../../domain/model/ids.ts';
import { ENTITY_TYPE_NAMES } from '../../../domain/model/registry.ts';
import { readPage, readRecord } from '../../sharing/index.ts';
import type { Services } from '../app.ts';
import { requirePermission } from '../auth.ts';
import { accessOf } from '../purpose.ts';
import { WeftError } from '../errors.ts';
import { withIdempotency } from '../idempotency.ts';
import { presentRecord } from '../presenters.ts';
import { errorResponse, ingestReport, recordOutput } from '../schemas.ts';

const typeName = z.enum(ENTITY_TYPE_NAMES as [string, ...string[]]);

/** Submitting and reading records. */
export const recordsRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { store } = services;

  app.post(
    '/records',
    {
      schema: {
        tags: ['records'],
        summary: 'Submit a batch of typed records',
        description:
          'Each record is validated on its own: good records are stored and bad ones reported with their index and ' +
          'field, unless `atomic=true`, which stores nothing when any record is bad. Records are keyed by (owner, ' +
          'source system, source record id): the same record twice is stored once. Send an `Idempotency-Key` header ' +
          'to make retries safe: a retry returns the stored result, 409 while the first is in flight, 422 for the ' +
          'same key with another body.',
        headers: z.object({ 'idempotency-key': z.string().max(200).optional() }),
        querystring: z.object({ atomic: z.stringbool().default(false) }),
        body: recordBatchInput,
        response: { 200: ingestReport, 400: errorResponse, 401: errorResponse, 409: errorResponse, 422: errorResponse },
      },
    },
    async (request, reply) => {
      const principal = requirePermission(request, 'records:write');
      const organisation = principal.organisation;
      return withIdempotency(request, reply, store, organisation.id, async () => {
        const { sourceSystem, envelope = {}, records } = request.body;
        const jobId = await store.jobs.start({
          organisationId: organisation.id,
          channel: 'api',
          format: 'json',
          sourceSystem,
        });
        const report = await ingestRecords(
          records.map((value, position) => ({ position, value })),
          ingestContext(organisation, sourceSystem, envelope, undefined, {
            actor: principal.actor,
            requestId: request.id,
          }),
          store.records,
          { atomic: request.query.atomic },
        );
        await store.jobs.addProgress(jobId, report);
        await store.jobs.finish(jobId, 'completed');
        return { status: 200, body: { jobId, ...report, errors: [...report.errors] } };
      });
    },
  );

  app.get(
    '/records/:id',
    {
      schema: {
        tags: ['records'],
        summary: 'One record, as the caller may see it',
        params: z.object({ id: z.string() }),
        response: { 200: recordOutput, 404: errorResponse },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'records:read');
      const access = accessOf(request, principal);
      const id = parseRecordId(request.params.id);
      const shared = id === undefined ? undefined : await readRecord(store, access, id);
      if (shared === undefined) throw new WeftError('not_found');
      return presentRecord(shared);
    },
  );

  app.get(
    '/records',
    {
      schema: {
        tags: ['records'],
        summary: 'A page of the records the caller may see for the declared purpose, in id order',
        querystring: z.object({
          type: z.union([typeName, z.array(typeName)]).optional(),
          after: z.uuid().optional().describe('The last id of the previous page'),
          limit: z.coerce.number().int().min(1).max(1_000).default(100),
        }),
        response: { 200: z.object({ records: z.array(recordOutput), next: z.string().nullable() }) },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'records:read');
      const access = accessOf(request, principal);
      const { type, after, limit } = request.query;
      const page = await readPage(store, access, {
        ...(type === undefined ? {} : { types: Array.isArray(type) ? type : [type] }),
        ...(after === undefined ? {} : { after: after as RecordId }),
        limit,
      });
      return { records: page.records.map(presentRecord), next: page.next };
    },
  );

  app.get(
    '/ingest-jobs/:id',
    {
      schema: {
        tags: ['records'],
        summary: 'The report of an ingest job (API batch, file import or stream batch)',
        params: z.object({ id: z.uuid() }),
        response: { 200: z.unknown(), 404: errorResponse },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'records:read');
      const job = await store.jobs.get(principal.organisation.id, request.params.id);
      if (job === undefined) throw new WeftError('not_found');
      return job;
    },
  );

  app.get(
    '/ingest-jobs',
    {
      schema: {
        tags: ['records'],
        summary: "The caller's latest ingest jobs",
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.unknown() },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'records:read');
      return { jobs: await store.jobs.list(principal.organisation.id, request.query.limit) };
    },
  );
};
