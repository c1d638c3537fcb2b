/**
 * Retention, for an organisation's administrators: the records due (or overdue) for review, a
 * decision to keep one until a new date, and the erasure of records the owner lets go. Only the
 * owner's records are within reach; any other id answers as if it did not exist.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DueCursor, DueRecord, RetentionNotice } from '../../../adapters/store/index.ts';
import type { LedgerEvent } from '../../../domain/audit/index.ts';
import { CONFIDENTIALITY_LEVELS } from '../../../domain/model/envelope.ts';
import { parseRecordId } from '../../../domain/model/ids.ts';
import type { Confidentiality } from '../../../domain/policy/index.ts';
import { checkKeep, dayOf, isIsoDate, retentionStatus, reviewWindowEnd } from '../../../domain/retention/index.ts';
import type { ResolvedServices } from '../app.ts';
import { requirePermission, type Principal } from '../auth.ts';
import { WeftError } from '../errors.ts';
import { errorResponse } from '../schemas.ts';

/** The most ids one purge request may name. */
const MAX_PURGE = 1_000;
/** A page cursor: the review date and id of the last entry of the previous page. */
const CURSOR = /^(\d{4}-\d{2}-\d{2})_([0-9a-fA-F-]{36})$/;
/** A record id as written: a UUID (checked loosely; what is not a record of the caller is not found). */
const RECORD_ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

const dueOutput = z
  .object({
    id: z.string(),
    type: z.string(),
    reviewAt: z.string().describe('The date that governs the record: its review date, or a later keep decision'),
    keptUntil: z.string().nullable().describe("The date of the owner's last keep decision"),
    status: z.enum(['due', 'overdue']),
    caption: z.string().nullable().describe("Null when the record is above the reader's clearance"),
  })
  .meta({ id: 'RetentionDue' });

const keptOutput = z
  .object({
    id: z.string(),
    reviewAt: z.string(),
    status: z.enum(['kept', 'due']).describe('Due when the new date is itself within the review window'),
  })
  .meta({ id: 'RetentionKept' });

const purgeOutput = z
  .object({
    purged: z.number().int().describe('Records asked for and erased'),
    cascaded: z.number().int().describe('Relationship records erased with them: their source or target was erased'),
    referencesCleared: z.number().int().describe('Other records whose reference to an erased record was cleared'),
    notFound: z.array(z.string()).describe('Ids that are not records of your organisation: nothing was done'),
  })
  .meta({ id: 'PurgeReport' });

const noticeOutput = z
  .object({
    id: z.string(),
    reviewMonth: z.string().describe('YYYY-MM: the month the records come up for review'),
    records: z.number().int().describe('How many of your records come up for review that month'),
    firstReviewAt: z.string().describe('The earliest review date among them'),
    createdAt: z.string(),
    updatedAt: z.string(),
    acknowledgedAt: z.string().nullable(),
    acknowledgedBy: z.string().nullable(),
  })
  .meta({ id: 'RetentionNotice' });

const presentNotice = (notice: RetentionNotice): z.infer<typeof noticeOutput> => ({
  id: notice.id,
  reviewMonth: notice.reviewMonth,
  records: notice.records,
  firstReviewAt: notice.firstReviewAt,
  createdAt: notice.createdAt,
  updatedAt: notice.updatedAt,
  acknowledgedAt: notice.acknowledgedAt,
  acknowledgedBy: notice.acknowledgedBy,
});

const rank = (level: Confidentiality): number => CONFIDENTIALITY_LEVELS.indexOf(level);

/** A retention event of the principal's, for the ledger. */
function retentionEvent(
  principal: Principal,
  request: FastifyRequest,
  action: LedgerEvent['action'],
  objectIds: readonly string[],
  outcome: LedgerEvent['outcome'],
  detail: string,
): LedgerEvent {
  return {
    actor: principal.actor,
    organisation: principal.organisation.id,
    action,
    requestId: request.id,
    purpose: null,
    objectIds,
    outcome,
    detail,
  };
}

/** A 400 that names the field at fault. */
function invalid(field: string, message: string): WeftError {
  return new WeftError('validation_failed', message, [{ field, message }]);
}

/** Parses `after`: the `next` of the previous page. */
function parseCursor(text: string | undefined): DueCursor | undefined {
  if (text === undefined) return undefined;
  const match = CURSOR.exec(text);
  const id = match?.[2] === undefined ? undefined : parseRecordId(match[2]);
  const reviewAt = match?.[1];
  if (id === undefined || reviewAt === undefined || !isIsoDate(reviewAt)) {
    throw invalid('after', 'after must be the `next` value of the previous page.');
  }
  return { reviewAt, id };
}

/** Review lists, keep decisions and erasure for the owner's administrators. */
export const retentionRoutes: FastifyPluginAsyncZod<{ services: ResolvedServices }> = async (app, { services }) => {
  const { store, clock } = services;

  app.get(
    '/retention/due',
    {
      schema: {
        tags: ['retention'],
        summary: "Your organisation's records due for review within six months, or overdue",
        description:
          'Earliest first. Keep a record (with a reason, until a new date) or let it go (purge it); a record ' +
          'whose date has passed without a keep decision is purged by the daily retention run.',
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(1_000).default(100),
          after: z.string().max(100).optional().describe('The `next` of the previous page'),
        }),
        response: {
          200: z.object({ records: z.array(dueOutput), reviewWindowEnd: z.string(), next: z.string().nullable() }),
          400: errorResponse,
          403: errorResponse,
        },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'admin');
      const after = parseCursor(request.query.after);
      const today = dayOf(clock());
      const windowEnd = reviewWindowEnd(today);
      const { limit } = request.query;
      const due = await store.retention.due(principal.organisation.id, today, windowEnd, limit, after);
      // The list shows captions (often a name): a consultation of those records, recorded as such.
      await store.ledger.appendNow([
        retentionEvent(
          principal,
          request,
          'consult',
          due.map((entry) => entry.id),
          'ok',
          'retention_review',
        ),
      ]);
      const last = due.at(-1);
      return {
        records: due.map((entry) => presentDue(entry, principal.subject.clearance)),
        reviewWindowEnd: windowEnd,
        next: due.length < limit || last === undefined ? null : `${last.reviewAt}_${last.id}`,
      };
    },
  );

  app.get(
    '/retention/notices',
    {
      schema: {
        tags: ['retention'],
        summary: 'Notices of your records coming up for review',
        description:
          'One notice per month of review dates, sent six months ahead by the daily retention round and reopened ' +
          'when records join its month. Counts and dates only: `/retention/due` lists the records.',
        querystring: z.object({
          all: z.stringbool().default(false).describe('Include notices already acknowledged'),
        }),
        response: { 200: z.object({ notices: z.array(noticeOutput) }), 403: errorResponse },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'admin');
      const notices = await store.retentionNotices.list(principal.organisation.id, {
        includeAcknowledged: request.query.all,
      });
      return { notices: notices.map(presentNotice) };
    },
  );

  app.post(
    '/retention/notices/:id/acknowledge',
    {
      schema: {
        tags: ['retention'],
        summary: 'Acknowledge a retention notice of your organisation',
        description: 'Recorded in the ledger. A notice is reopened if records join its month later.',
        params: z.object({ id: z.string().max(100) }),
        response: { 200: noticeOutput, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'admin');
      const { id } = request.params;
      const notice = RECORD_ID.test(id)
        ? await store.retentionNotices.acknowledge(id, principal.organisation.id, principal.actor, request.id)
        : undefined;
      if (notice === undefined) throw new WeftError('not_found');
      return presentNotice(notice);
    },
  );

  app.post(
    '/retention/:id/keep',
    {
      schema: {
        tags: ['retention'],
        summary: 'Keep a record of yours until a new review date, for a reason',
        description:
          'The reason needs at least 10 characters; the new date must be after today and at most 5 years ahead. ' +
          'The reason is stored with the decision, never in the ledger.',
        params: z.object({ id: z.string().max(100) }),
        body: z.object({
          reason: z.string().max(10_000).describe('Why the record is still needed (at least 10 characters)'),
          until: z.string().max(100).describe('The new review date, YYYY-MM-DD'),
        }),
        response: { 200: keptOutput, 400: errorResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'admin');
      const today = dayOf(clock());
      const verdict = checkKeep(request.body, today);
      if (!verdict.ok) throw invalid(verdict.field, verdict.message);
      const id = parseRecordId(request.params.id);
      const kept =
        id !== undefined &&
        (await store.retention.keep(
          id,
          principal.organisation.id,
          verdict.reason,
          verdict.until,
          principal.actor,
          request.id,
        ));
      if (id === undefined || !kept) {
        await store.ledger.appendNow([
          retentionEvent(principal, request, 'retain', id === undefined ? [] : [id], 'denied', 'not_found'),
        ]);
        throw new WeftError('not_found');
      }
      // A new date within the review window is itself due: the owner will be asked again.
      const due = retentionStatus(today, { reviewAt: verdict.until, keptUntil: verdict.until }) === 'due';
      return { id, reviewAt: verdict.until, status: due ? ('due' as const) : ('kept' as const) };
    },
  );

  app.post(
    '/retention/purge',
    {
      schema: {
        tags: ['retention'],
        summary: 'Erase records of yours from every table',
        description:
          'Relationship records whose source or target is erased are erased with them; references from other ' +
          "records are cleared. Ids that are not your organisation's records are reported as not found and left " +
          'alone. The ledger keeps the erased ids (never content).',
        body: z.object({
          ids: z
            .array(z.string().regex(RECORD_ID, 'expected a record id (a UUID)'))
            .min(1)
            .max(MAX_PURGE)
            .describe('The ids of the records to erase'),
        }),
        response: { 200: purgeOutput, 400: errorResponse, 403: errorResponse },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'admin');
      const outcome = await store.retention.purge(
        request.body.ids,
        principal.organisation.id,
        principal.actor,
        request.id,
      );
      return {
        purged: outcome.purged,
        cascaded: outcome.cascaded,
        referencesCleared: outcome.referencesCleared,
        notFound: [...outcome.notFound],
      };
    },
  );
};

/** An entry of the review list, its caption withheld above the reader's clearance. */
function presentDue(entry: DueRecord, clearance: Confidentiality): z.infer<typeof dueOutput> {
  return {
    id: entry.id,
    type: entry.type,
    reviewAt: entry.reviewAt,
    keptUntil: entry.keptUntil,
    status: entry.status,
    caption: rank(entry.confidentiality) > rank(clearance) ? null : entry.caption,
  };
}
