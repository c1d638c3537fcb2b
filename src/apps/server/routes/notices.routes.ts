/**
 * Notices: drafted by their owner, amended, submitted for compliance review, approved (published)
 * or rejected by a reviewer of the owner's organisation who did not submit them, withdrawn or
 * cancelled with a reason. Every step is stored with the notice and recorded in the ledger; a
 * published notice is screened against at once, and its publication screens the records already
 * held (continuous screening). Subscriptions: "alert me when anything links to this".
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NoticeRefused, type NoticeCaller, type NoticeChange } from '../../notices/index.ts';
import { readRecord } from '../../sharing/index.ts';
import { envelopeInput } from '../../../domain/model/envelope.ts';
import { parseRecordId, type RecordId } from '../../../domain/model/ids.ts';
import { mayAuthorNotices, NOTICE_STATUSES, noticeStatus } from '../../../domain/notices/index.ts';
import type { Subscription } from '../../../adapters/store/index.ts';
import type { ResolvedServices } from '../app.ts';
import type { Principal } from '../auth.ts';
import { requirePermission } from '../auth.ts';
import { WeftError } from '../errors.ts';
import { accessOf } from '../purpose.ts';
import { presentRecord } from '../presenters.ts';
import { errorResponse, recordOutput } from '../schemas.ts';

/** Steps a person takes (expiry is the system's). */
const PERSON_ACTIONS = ['submit', 'approve', 'reject', 'withdraw', 'cancel'] as const;

const stepOutput = z.object({
  action: z.string(),
  from: z.string(),
  to: z.string(),
  actor: z.string(),
  reason: z.string().nullable(),
  at: z.string(),
});

const noticeOutput = z
  .object({
    notice: recordOutput,
    status: z.enum(NOTICE_STATUSES),
    history: z.array(stepOutput).describe("The notice's steps, oldest first (for its owner only)"),
  })
  .meta({ id: 'NoticeWithHistory' });

const subscriptionOutput = z
  .object({ id: z.string(), record: z.string(), createdBy: z.string(), createdAt: z.string() })
  .meta({ id: 'Subscription' });

const presentSubscription = (subscription: Subscription): z.infer<typeof subscriptionOutput> => ({
  id: subscription.id,
  record: subscription.recordId,
  createdBy: subscription.createdBy,
  createdAt: subscription.createdAt,
});

const callerOf = (principal: Principal, requestId: string): NoticeCaller => ({
  organisation: principal.organisation,
  actor: principal.actor,
  roles: principal.subject.roles,
  requestId,
});

/** The service's refusals as the error catalogue's. */
/**
 * Who drafts and amends notices: a credential that writes records, or a person whose roles may
 * submit a notice for review (an analyst drafts what they will submit).
 */
function requireNoticeAuthor(request: FastifyRequest): Principal {
  const principal = requirePermission(request, 'records:read');
  if (principal.permissions.includes('records:write') || mayAuthorNotices(principal.subject.roles)) return principal;
  throw new WeftError(
    'forbidden',
    'Drafting a notice needs the records:write permission or a role that submits notices (analyst, reporter, admin).',
  );
}

function refused(error: unknown): never {
  if (!(error instanceof NoticeRefused)) throw error;
  const details = error.fields.length > 0 ? error.fields : undefined;
  switch (error.code) {
    case 'not_found':
      throw new WeftError('not_found');
    case 'invalid':
      throw new WeftError('validation_failed', error.message, details);
    case 'forbidden':
      throw new WeftError('forbidden', error.message, details);
    case 'conflict':
      throw new WeftError('conflict', error.message, details);
  }
}

const idOf = (text: string): RecordId => {
  const id = parseRecordId(text);
  if (id === undefined) throw new WeftError('not_found');
  return id;
};

export const noticesRoutes: FastifyPluginAsyncZod<{ services: ResolvedServices }> = async (app, { services }) => {
  const { store, noticesService: notices } = services;

  const withHistory = async (change: Pick<NoticeChange, 'notice'>) => ({
    notice: presentRecord(change.notice),
    status: noticeStatus(change.notice),
    history: await store.notices.history(change.notice.id),
  });

  /** After a change: the index and continuous screening learn of it, subscribers are told. */
  const changed = (change: NoticeChange, principal: Principal) => {
    services.watch?.noticeChanged(change, principal.actor);
  };

  app.post(
    '/notices',
    {
      schema: {
        tags: ['notices'],
        summary: 'Draft a notice (it is published only after review)',
        body: z.object({
          sourceRecordId: z.string().min(1).max(200).optional().describe('Your own id for it; one is made if absent'),
          properties: z.record(z.string(), z.unknown()).describe('Notice properties (see /api/v1/model), no status'),
          envelope: envelopeInput.optional(),
        }),
        response: { 201: noticeOutput, 400: errorResponse, 401: errorResponse, 403: errorResponse, 409: errorResponse },
      },
    },
    async (request, reply) => {
      const principal = requireNoticeAuthor(request);
      const notice = await notices.draft(callerOf(principal, request.id), request.body).catch(refused);
      return reply.status(201).send(await withHistory({ notice }));
    },
  );

  app.get(
    '/notices',
    {
      schema: {
        tags: ['notices'],
        summary: "Your organisation's notices, in any status (a reviewer's queue: status=in_review)",
        querystring: z.object({
          status: z.enum(NOTICE_STATUSES).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: {
          200: z.object({ notices: z.array(z.object({ notice: recordOutput, status: z.enum(NOTICE_STATUSES) })) }),
        },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'records:read');
      const ids = await store.notices.ownedBy(principal.organisation.id);
      const order = new Map(ids.map((id, index) => [id, index]));
      const { status, limit } = request.query;
      const records = (await store.records.getMany(ids))
        .filter((record) => status === undefined || noticeStatus(record) === status)
        .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
        .slice(0, limit);
      await store.ledger.appendNow([
        {
          actor: principal.actor,
          organisation: principal.organisation.id,
          action: 'consult',
          requestId: request.id,
          purpose: null,
          objectIds: records.map((record) => record.id),
          outcome: 'ok',
          detail: 'own notices',
        },
      ]);
      return { notices: records.map((record) => ({ notice: presentRecord(record), status: noticeStatus(record) })) };
    },
  );

  app.get(
    '/notices/:id',
    {
      schema: {
        tags: ['notices'],
        summary: 'A notice: to its owner in any status with its history; to others once published, as shared',
        params: z.object({ id: z.string() }),
        response: { 200: noticeOutput, 401: errorResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'records:read');
      const id = idOf(request.params.id);
      // A draft or a notice in review of another organisation is not read (see sharing/record-access.ts).
      const notice = await readRecord(store, accessOf(request, principal), id);
      if (notice?.type !== 'Notice') throw new WeftError('not_found');
      const own = notice.envelope.ownerOrganisation === principal.organisation.id;
      return own
        ? await withHistory({ notice })
        : { notice: presentRecord(notice), status: noticeStatus(notice), history: [] };
    },
  );

  app.patch(
    '/notices/:id',
    {
      schema: {
        tags: ['notices'],
        summary: 'Amend a draft, or where and when a published notice’s subject was last seen (with a reason)',
        params: z.object({ id: z.string() }),
        body: z.object({
          properties: z.record(z.string(), z.unknown()).describe('Properties to change; null removes one'),
          reason: z.string().max(2_000).optional(),
        }),
        response: { 200: noticeOutput, 400: errorResponse, 401: errorResponse, 404: errorResponse, 409: errorResponse },
      },
    },
    async (request) => {
      const principal = requireNoticeAuthor(request);
      const change = await notices
        .amend(callerOf(principal, request.id), idOf(request.params.id), request.body.properties, request.body.reason)
        .catch(refused);
      if (change.changed.length > 0) changed(change, principal);
      return withHistory(change);
    },
  );

  app.post(
    '/notices/:id/steps',
    {
      schema: {
        tags: ['notices'],
        summary: 'Take a step of the notice’s life: submit, approve, reject, withdraw, cancel',
        description:
          'Only people of the owning organisation take steps: submit (analyst, reporter, admin), approve or reject ' +
          '(a reviewer who did not submit it), withdraw a published notice or cancel a draft (with a reason). ' +
          'Reject, withdraw and cancel need a reason. Approving publishes the notice: it is screened against at once ' +
          'and the records already held are screened against it.',
        params: z.object({ id: z.string() }),
        body: z.object({ action: z.enum(PERSON_ACTIONS), reason: z.string().max(2_000).optional() }),
        response: {
          200: noticeOutput,
          400: errorResponse,
          401: errorResponse,
          403: errorResponse,
          404: errorResponse,
          409: errorResponse,
        },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'records:read');
      const change = await notices
        .step(callerOf(principal, request.id), idOf(request.params.id), request.body.action, request.body.reason)
        .catch(refused);
      changed(change, principal);
      return withHistory(change);
    },
  );

  app.post(
    '/subscriptions',
    {
      schema: {
        tags: ['notices'],
        summary: 'Alert me when anything links to this notice or record (a hit on it, an update of it)',
        body: z.object({ record: z.string() }),
        response: { 201: subscriptionOutput, 401: errorResponse, 404: errorResponse },
      },
    },
    async (request, reply) => {
      const principal = requirePermission(request, 'records:read');
      const access = accessOf(request, principal);
      const id = idOf(request.body.record);
      // One may subscribe only to what one may see.
      if ((await readRecord(store, access, id)) === undefined) throw new WeftError('not_found');
      const subscription = await store.notices.subscribe(principal.organisation.id, id, {
        actor: principal.actor,
        requestId: request.id,
        purpose: access.purpose,
      });
      return reply.status(201).send(presentSubscription(subscription));
    },
  );

  app.get(
    '/subscriptions',
    {
      schema: {
        tags: ['notices'],
        summary: "Your organisation's subscriptions",
        response: { 200: z.object({ subscriptions: z.array(subscriptionOutput) }) },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'records:read');
      const subscriptions = await store.notices.subscriptionsOf(principal.organisation.id);
      return {
        subscriptions: subscriptions.map(presentSubscription),
      };
    },
  );

  app.delete(
    '/subscriptions/:id',
    {
      schema: {
        tags: ['notices'],
        summary: 'End a subscription of your organisation',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null(), 401: errorResponse, 404: errorResponse },
      },
    },
    async (request, reply) => {
      const principal = requirePermission(request, 'records:read');
      const ended = await store.notices.unsubscribe(principal.organisation.id, request.params.id, {
        actor: principal.actor,
        requestId: request.id,
        purpose: accessOf(request, principal).purpose,
      });
      if (!ended) {
        throw new WeftError('not_found');
      }
      return reply.status(204).send(null);
    },
  );
};
