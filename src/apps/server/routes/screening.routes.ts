/**
 * Screening against the live notices, and the alerts inbox.
 *
 * `POST /screen` checks one person (or document) against every published notice. A law-enforcement
 * or coordinating organisation sees the hits on notices it may see under the sharing rules, with
 * their scores and features. Any other caller (a company, an NGO) gets a blind answer: "no hit" or
 * "secondary check advised" with a reference, nothing about the notice; the notice's owner gets the
 * hit in its alerts inbox, with what was screened and by whom. A hit on a notice the caller may not
 * see is blind for law enforcement too. Screening the same person again raises no second alert.
 * Every screening is recorded in the ledger under the caller (the notices shown to it, by id) and
 * every alert as a disclosure under the organisation alerted.
 */
import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALERT_STATES, type Alert, type NewAlert } from '../../../adapters/store/index.ts';
import { decide } from '../../../domain/policy/index.ts';
import { isFindable, prepareFields, type ScreeningQuery } from '../../../domain/screening/index.ts';
import type { ResolvedServices } from '../app.ts';
import { requirePermission } from '../auth.ts';
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
          notice: z.string(),
          noticeType: z.string(),
          score: z.number(),
          features: z.array(featureOutput),
        }),
      )
      .describe('Only for law enforcement, and only notices it may see'),
    secondaryCheckAdvised: z
      .boolean()
      .describe('Some hit is on a notice the caller may not see: its owner was alerted'),
  })
  .meta({ id: 'ScreeningResult' });

const alertOutput = z
  .object({
    id: z.string(),
    kind: z.string(),
    urgency: z.enum(['routine', 'urgent']),
    reference: z.string(),
    record: z.string().nullable(),
    raisedBy: z.string(),
    details: z.record(z.string(), z.unknown()),
    state: z.enum(ALERT_STATES),
    createdAt: z.string(),
    updatedAt: z.string(),
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
});

/** The same person screened again gives the same fingerprint: what was screened, prepared. */
function fingerprint(query: ScreeningQuery): string {
  const prepared = prepareFields(query);
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
      const access = accessOf(request, principal);
      const { reference: callerReference, threshold, limit, ...query } = request.body;
      if (!isFindable(query)) {
        throw new WeftError('validation_failed', 'Nothing to screen by.', [
          { field: 'names', message: 'give a name, a document, a phone or an e-mail' },
        ]);
      }
      const found = await notices.screen(query, {
        ...(threshold === undefined ? {} : { threshold }),
        ...(limit === undefined ? {} : { limit }),
      });
      const caller = principal.organisation;
      const seesHits = SEES_HITS.has(caller.organisationType);
      const shown: z.infer<typeof screenOutput>['hits'] = [];
      const blind: typeof found = [];
      for (const entry of found) {
        const marking = await services.store.records.markingOf(entry.notice.id);
        const visible = seesHits && marking !== undefined && decide(access.subject, access.purpose, marking).visible;
        if (visible) {
          shown.push({
            notice: entry.notice.id,
            noticeType: entry.notice.noticeType,
            score: entry.hit.score,
            features: entry.hit.features.map((feature) => ({ ...feature })),
          });
        } else if (entry.notice.owner !== caller.id) blind.push(entry);
      }
      const person = fingerprint(query);
      const reference = `SCR-${createHash('sha256').update(`${caller.id}\u0000${person}`).digest('hex').slice(0, 12).toUpperCase()}`;
      const alerts: NewAlert[] = blind.map(({ hit, notice }) => ({
        organisationId: notice.owner,
        kind: 'screening_hit',
        urgency: notice.child ? 'urgent' : 'routine',
        dedupKey: `screen:${caller.id}:${notice.id}:${person}`,
        reference,
        recordId: notice.id,
        raisedBy: caller.id,
        details: {
          noticeType: notice.noticeType,
          score: hit.score,
          features: hit.features,
          screened: query,
          screenedBy: { organisation: caller.id, name: caller.name, sector: caller.sector },
          callerReference: callerReference ?? null,
          purpose: access.purpose,
        },
      }));
      await services.store.alerts.raise(alerts, {
        actor: access.actor,
        organisation: caller.id,
        action: 'consult',
        requestId: request.id,
        purpose: access.purpose,
        // Only the notices shown: the caller reads its own ledger entries, and a blind hit must stay
        // blind there too (the disclosures to the owners are entered under the owners).
        objectIds: shown.map((hit) => hit.notice),
        outcome: 'ok',
        detail: `screening ${reference}: ${shown.length} shown${blind.length > 0 ? ', secondary check advised' : ''}`,
      });
      const advised = blind.length > 0;
      return {
        result:
          shown.length > 0 ? ('hits' as const) : advised ? ('secondary_check_advised' as const) : ('no_hit' as const),
        reference: advised || shown.length > 0 ? reference : null,
        hits: shown,
        secondaryCheckAdvised: advised,
      };
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
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ alerts: z.array(alertOutput) }), 401: errorResponse, 403: errorResponse },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'records:read');
      const alerts = await services.store.alerts.list(principal.organisation.id, {
        limit: request.query.limit,
        ...(request.query.state === undefined ? {} : { state: request.query.state }),
      });
      return { alerts: alerts.map(presentAlert) };
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
