/**
 * Screening against the live notices and lists, batches of it, and the alerts inbox.
 *
 * `POST /screen` checks one person (or document) against every published notice distributed to
 * the caller and every external list. A law-enforcement or coordinating organisation sees the hits
 * on notices it may see under the sharing rules, with their scores and features. Any other caller
 * (a company, an NGO) gets a blind answer: "no hit" or "secondary check advised" with a reference,
 * nothing about the notice; the notice's owner and the competent authority get the hit in their
 * alerts inbox, with what was screened and by whom (see screening/hit-alerts.ts: child protection
 * for a missing child, subscribers). A hit on a notice the caller may not see is blind for law
 * enforcement too; a public list's hits are shown to all. Screening the same person again raises no
 * second alert. Every screening is recorded in the ledger under the caller (the notices shown to
 * it, by id) and every alert as a disclosure under the organisation alerted. `POST /screen/batches`
 * screens a file of people row by row in the background.
 */
import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALERT_KINDS, ALERT_STATES, type Alert, type NewAlert } from '../../../adapters/store/index.ts';
import { decide } from '../../../domain/policy/index.ts';
import type { RecordId } from '../../../domain/model/ids.ts';
import {
  isFindable,
  prepareFields,
  type PreparedFields,
  type ScreeningQuery,
} from '../../../domain/screening/index.ts';
import {
  BatchScreening,
  hitAlerts,
  MAX_BATCH_ROWS,
  rowsOf,
  rowsOfCsv,
  SAFEGUARDING,
  type Batch,
  type NoticeOfHit,
} from '../../screening/index.ts';
import type { Access } from '../../sharing/index.ts';
import type { Principal } from '../auth.ts';
import type { ResolvedServices } from '../app.ts';
import { requirePermission } from '../auth.ts';
import { columnMapOf, columnMapParameter } from '../column-map.ts';
import { WeftError } from '../errors.ts';
import { accessOf } from '../purpose.ts';
import { errorResponse } from '../schemas.ts';

/** Organisation types that see hits (per the sharing rules) rather than a blind answer. */
const SEES_HITS: ReadonlySet<string> = new Set(['law_enforcement', 'coordinator']);

const screenInput = z
  .object({
    names: z.array(z.string().min(1).max(500)).max(20).optional(),
    birthDates: z.array(z.string().min(1).max(40)).max(10).optional(),
    gender: z.string().max(20).optional(),
    nationalities: z.array(z.string().min(1).max(60)).max(10).optional(),
    documents: z
      .array(z.object({ number: z.string().min(1).max(60), country: z.string().max(60).optional() }))
      .max(10)
      .optional(),
    phones: z.array(z.string().min(1).max(60)).max(10).optional(),
    emails: z.array(z.string().min(1).max(320)).max(10).optional(),
    reference: z
      .string()
      .max(200)
      .optional()
      .describe("The caller's own reference for whom it screens (a booking, a passenger)"),
    threshold: z.number().min(0).max(1).optional(),
    limit: z.number().int().min(1).max(50).optional(),
  })
  .meta({ id: 'ScreeningQuery' });

const featureOutput = z.object({ feature: z.string(), detail: z.string(), weight: z.number() });

const screenOutput = z
  .object({
    result: z.enum(['no_hit', 'secondary_check_advised', 'hits']),
    reference: z.string().nullable().describe('Quote it to the authority when a secondary check is advised'),
    hits: z
      .array(
        z.object({
          notice: z.string().describe('The notice record, or `<list id>/<entry id>` for a list'),
          noticeType: z.string().describe("The notice's type, or the list's name"),
          list: z.string().nullable().describe('The external list the entry is on; null for a notice'),
          score: z.number(),
          features: z.array(featureOutput),
          guidance: z.string().nullable().describe('What the hit asks of the caller (a missing child: safeguard them)'),
        }),
      )
      .describe('Only for law enforcement, and only notices it may see'),
    secondaryCheckAdvised: z
      .boolean()
      .describe('Some hit is on a notice the caller may not see: its owner was alerted'),
  })
  .meta({ id: 'ScreeningResult' });

type ScreenResult = z.infer<typeof screenOutput>;

const batchOutput = z
  .object({
    id: z.string(),
    state: z.enum(['queued', 'running', 'done', 'failed']),
    total: z.number().int(),
    done: z.number().int(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    errors: z.array(
      z.object({ row: z.number().int(), id: z.string().nullable(), field: z.string(), message: z.string() }),
    ),
    results: z
      .array(screenOutput.extend({ id: z.string() }))
      .nullable()
      .describe('Each row’s answer, in the order sent, once the batch is done'),
  })
  .meta({ id: 'ScreeningBatch' });

const presentBatch = (batch: Batch<ScreenResult>, withResults: boolean): z.infer<typeof batchOutput> => ({
  id: batch.id,
  state: batch.state,
  total: batch.total,
  done: batch.done,
  createdAt: batch.createdAt,
  finishedAt: batch.finishedAt,
  errors: [...batch.errors],
  results: withResults && batch.state !== 'queued' && batch.state !== 'running' ? [...batch.results] : null,
});

const alertOutput = z
  .object({
    id: z.string(),
    kind: z.enum(ALERT_KINDS),
    urgency: z.enum(['routine', 'urgent']),
    reference: z.string(),
    record: z.string().nullable(),
    raisedBy: z.string(),
    details: z.record(z.string(), z.unknown()),
    state: z.enum(ALERT_STATES),
    createdAt: z.string(),
    updatedAt: z.string(),
    assignee: z
      .object({ id: z.string(), displayName: z.string() })
      .nullable()
      .describe('The member of your organisation working on it'),
  })
  .meta({ id: 'Alert' });

const presentAlert = (alert: Alert): z.infer<typeof alertOutput> => ({
  id: alert.id,
  kind: alert.kind,
  urgency: alert.urgency,
  reference: alert.reference,
  record: alert.recordId,
  raisedBy: alert.raisedBy,
  details: { ...alert.details },
  state: alert.state,
  createdAt: alert.createdAt,
  updatedAt: alert.updatedAt,
  assignee: alert.assignee === null ? null : { ...alert.assignee },
});

/** The signed-in person's user id ("me"); an API key is nobody to assign to. */
function signedInUser(principal: Principal): string {
  if (principal.userId === null) {
    throw new WeftError('validation_failed', 'An API key is not a member to assign alerts to.', [
      { field: 'assignee', message: '"me" needs a signed-in user; give a user id' },
    ]);
  }
  return principal.userId;
}

/** The same person screened again gives the same fingerprint: what was screened, prepared. */
function fingerprint(prepared: PreparedFields): string {
  const canonical = JSON.stringify([
    prepared.names.map((name) => name.map((token) => token.key).sort()).sort(),
    [...prepared.dates].sort(),
    prepared.documents.map((document) => document.number).sort(),
    [...prepared.phones].sort(),
    [...prepared.emails].sort(),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

export const screeningRoutes: FastifyPluginAsyncZod<{ services: ResolvedServices }> = async (app, { services }) => {
  const notices = services.notices;

  const batches = new BatchScreening<ScreenResult>(services.clock);
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, text, done) => {
    done(null, text);
  });

  /** Screens one query for a caller: hits it may see, blind answers otherwise, alerts to whom they go. */
  async function screenOne(
    principal: Principal,
    access: Access,
    query: ScreeningQuery,
    options: { callerReference: string | undefined; threshold: number | undefined; limit: number | undefined },
  ): Promise<ScreenResult> {
    const { callerReference, threshold, limit } = options;
    const caller = principal.organisation;
    const prepared = prepareFields(query);
    const found = await notices.screenPrepared(
      prepared,
      {
        ...(threshold === undefined ? {} : { threshold }),
        ...(limit === undefined ? {} : { limit }),
      },
      { organisationId: caller.id, sector: caller.sector, groups: principal.subject.groups },
    );
    // A company's answer is blind whatever the marking: markings are read only for those who may see
    // hits, from the index (the marking of the notice indexed), else from the store.
    const markings = SEES_HITS.has(caller.organisationType)
      ? await services.store.records.markingsOf(
          found.flatMap(({ notice }) =>
            notice.list === undefined && notice.marking === undefined ? [notice.id as RecordId] : [],
          ),
        )
      : undefined;
    const noticeShown = (notice: NoticeOfHit) => {
      const marking = markings === undefined ? undefined : (notice.marking ?? markings.get(notice.id as RecordId));
      return marking !== undefined && decide(access.subject, access.purpose, marking).visible;
    };
    const shown: z.infer<typeof screenOutput>['hits'] = [];
    const blind: typeof found = [];
    for (const entry of found) {
      const visible =
        entry.notice.list === undefined ? noticeShown(entry.notice) : entry.notice.list.visibility === 'shown';
      if (visible) {
        shown.push({
          notice: entry.notice.id,
          noticeType: entry.notice.noticeType,
          list: entry.notice.list?.name ?? null,
          score: entry.hit.score,
          features: entry.hit.features.map((feature) => ({ ...feature })),
          guidance: entry.notice.child ? SAFEGUARDING : null,
        });
      } else if (entry.notice.owner !== caller.id) blind.push(entry);
    }
    const person = fingerprint(prepared);
    const reference = `SCR-${createHash('sha256').update(`${caller.id}\u0000${person}`).digest('hex').slice(0, 12).toUpperCase()}`;
    const members = found.length === 0 ? [] : await services.store.organisations.list();
    const subscribers =
      found.length === 0
        ? new Map<string, string[]>()
        : await services.store.notices.subscribers(
            found.flatMap((entry) => (entry.notice.list === undefined ? [entry.notice.id] : [])),
          );
    const shownIds = new Set(shown.map((hit) => hit.notice));
    const alerts: NewAlert[] = found.flatMap(({ hit, notice }) =>
      hitAlerts(
        hit,
        notice,
        {
          organisation: caller,
          reference,
          dedupKey: `screen:${caller.id}:${person}`,
          recordId: null,
          details: {
            screened: query,
            screenedBy: { organisation: caller.id, name: caller.name, sector: caller.sector },
            callerReference: callerReference ?? null,
            purpose: access.purpose,
          },
          ownerSaw: notice.owner === caller.id || shownIds.has(notice.id),
        },
        members,
        subscribers.get(notice.id) ?? [],
      ),
    );
    const consulted = {
      actor: access.actor,
      organisation: caller.id,
      action: 'consult',
      requestId: access.requestId,
      purpose: access.purpose,
      // Only the notices shown: the caller reads its own ledger entries, and a blind hit must stay
      // blind there too (the disclosures to the owners are entered under the owners).
      objectIds: shown.map((hit) => hit.notice),
      outcome: 'ok',
      detail: `screening ${reference}: ${shown.length} shown${blind.length > 0 ? ', secondary check advised' : ''}`,
    } as const;
    // Most screenings raise nothing: their ledger entry is written with those of concurrent ones.
    if (alerts.length === 0) await services.store.ledger.appendSoon([consulted]);
    else await services.store.alerts.raise(alerts, consulted);
    const advised = blind.length > 0;
    return {
      result:
        shown.length > 0 ? ('hits' as const) : advised ? ('secondary_check_advised' as const) : ('no_hit' as const),
      reference: advised || shown.length > 0 ? reference : null,
      hits: shown,
      secondaryCheckAdvised: advised,
    };
  }

  app.post(
    '/screen',
    {
      schema: {
        tags: ['screening'],
        summary: 'Screen a person or a document against the live notices (blind for companies)',
        body: screenInput,
        response: { 200: screenOutput, 400: errorResponse, 401: errorResponse, 403: errorResponse },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'records:read');
      const { reference: callerReference, threshold, limit, ...query } = request.body;
      if (!isFindable(query)) {
        throw new WeftError('validation_failed', 'Nothing to screen by.', [
          { field: 'names', message: 'give a name, a document, a phone or an e-mail' },
        ]);
      }
      return screenOne(principal, accessOf(request, principal), query, { callerReference, threshold, limit });
    },
  );

  app.post(
    '/screen/batches',
    {
      schema: {
        tags: ['screening'],
        summary: 'Screen a file of people (a manifest, a guest list) in the background; poll it for progress',
        description:
          'Send JSON `{ "rows": [{ "id": …, "names": […], … }] }` or a CSV file (`Content-Type: text/csv`) with an ' +
          '"id" column and columns named as roles: full_name, given_name, surname, date_of_birth, gender, ' +
          'nationality, document_number, phone, email (or any columns, with a column map `map`). Each row is ' +
          'screened as `POST /screen` would (blind for ' +
          `companies); rows with nothing to screen by are reported and passed over. At most ${MAX_BATCH_ROWS} rows.`,
        body: z.union([
          z.object({
            rows: z
              .array(
                screenInput
                  .omit({ threshold: true, limit: true, reference: true })
                  .extend({ id: z.string().min(1).max(200) }),
              )
              .max(MAX_BATCH_ROWS),
            threshold: z.number().min(0).max(1).optional(),
          }),
          z.string().describe('CSV'),
        ]),
        querystring: z.object({ map: columnMapParameter }),
        response: { 202: batchOutput, 400: errorResponse, 401: errorResponse, 403: errorResponse },
      },
    },
    async (request, reply) => {
      const principal = requirePermission(request, 'records:read');
      const access = accessOf(request, principal);
      const given =
        typeof request.body === 'string'
          ? rowsOfCsv(request.body, columnMapOf(request.query.map))
          : rowsOf(request.body.rows.map(({ id, ...query }) => ({ id, query })));
      if (given.rows.length > MAX_BATCH_ROWS) {
        throw new WeftError('validation_failed', `At most ${MAX_BATCH_ROWS} rows in a batch.`);
      }
      if (given.rows.length === 0) {
        throw new WeftError('validation_failed', 'Nothing to screen in the batch.', given.errors.slice(0, 100));
      }
      const threshold = typeof request.body === 'string' ? undefined : request.body.threshold;
      const batch = batches.start(principal.organisation.id, given.rows, given.errors, (row) =>
        screenOne(principal, { ...access, requestId: request.id }, row.query, {
          callerReference: row.id,
          threshold,
          limit: undefined,
        }),
      );
      return reply.status(202).send(presentBatch(batch, false));
    },
  );

  app.get(
    '/screen/batches/:id',
    {
      schema: {
        tags: ['screening'],
        summary: 'A batch: its progress, and each row’s result once done',
        params: z.object({ id: z.string() }),
        response: { 200: batchOutput, 401: errorResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'records:read');
      const batch = batches.get(principal.organisation.id, request.params.id);
      if (batch === undefined) throw new WeftError('not_found');
      return presentBatch(batch, true);
    },
  );

  app.get(
    '/alerts',
    {
      schema: {
        tags: ['alerts'],
        summary: "Your organisation's alerts, newest first",
        querystring: z.object({
          state: z.enum(ALERT_STATES).optional(),
          assignee: z
            .union([z.enum(['me', 'nobody']), z.uuid()])
            .optional()
            .describe('Only the alerts assigned to you (me), to nobody, or to one member (their user id)'),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ alerts: z.array(alertOutput) }), 401: errorResponse, 403: errorResponse },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'records:read');
      const { assignee } = request.query;
      const alerts = await services.store.alerts.list(principal.organisation.id, {
        limit: request.query.limit,
        ...(request.query.state === undefined ? {} : { state: request.query.state }),
        ...(assignee === undefined
          ? {}
          : { assignee: assignee === 'nobody' ? null : assignee === 'me' ? signedInUser(principal) : assignee }),
      });
      return { alerts: alerts.map(presentAlert) };
    },
  );

  app.post(
    '/alerts/:id/assignment',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Assign an alert of your organisation to one of its members (yourself: "me"), or to nobody (null)',
        params: z.object({ id: z.string() }),
        body: z.object({ assignee: z.union([z.literal('me'), z.uuid(), z.null()]) }),
        response: { 200: alertOutput, 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'records:read');
      const id = request.params.id;
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new WeftError('not_found');
      const wanted = request.body.assignee;
      const assignee = wanted === 'me' ? signedInUser(principal) : wanted;
      const alert = await services.store.alerts.assign(principal.organisation.id, id, assignee, {
        actor: principal.actor,
        organisation: principal.organisation.id,
        requestId: request.id,
        purpose: null,
      });
      if (alert === undefined) throw new WeftError('not_found');
      if (alert === 'not_a_member') {
        throw new WeftError('validation_failed', 'Alerts are assigned to active members of your organisation.', [
          { field: 'assignee', message: 'not an active user of your organisation' },
        ]);
      }
      return presentAlert(alert);
    },
  );

  app.post(
    '/alerts/:id/state',
    {
      schema: {
        tags: ['alerts'],
        summary: 'Move an alert of your organisation to a triage state',
        params: z.object({ id: z.string() }),
        body: z.object({ state: z.enum(ALERT_STATES) }),
        response: { 200: alertOutput, 401: errorResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'records:read');
      const id = request.params.id;
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new WeftError('not_found');
      const alert = await services.store.alerts.setState(principal.organisation.id, id, request.body.state, {
        actor: principal.actor,
        organisation: principal.organisation.id,
        requestId: request.id,
        purpose: null,
      });
      if (alert === undefined) throw new WeftError('not_found');
      return presentAlert(alert);
    },
  );
};
