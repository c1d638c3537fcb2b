/**
 * The ledger, for oversight: auditors read every entry (identifiers, never content) and check the
 * chain; an organisation's administrators read the entries of their own organisation. Reading
 * the ledger is itself recorded in it.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LEDGER_ACTIONS, type LedgerEvent } from '../../../domain/audit/index.ts';
import type { Services } from '../app.ts';
import { requirePermission, type Principal } from '../auth.ts';
import { WeftError } from '../errors.ts';

const entryOutput = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  organisation: z.string().nullable(),
  action: z.enum(LEDGER_ACTIONS),
  requestId: z.string().nullable(),
  purpose: z.string().nullable(),
  objectIds: z.array(z.string()),
  outcome: z.string(),
  detail: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
});

/** The ledger entry that records a reading of the ledger itself. */
function ledgerRead(principal: Principal, requestId: string, detail: string): LedgerEvent {
  return {
    actor: principal.actor,
    organisation: principal.organisation.id,
    action: 'consult',
    requestId,
    purpose: 'oversight',
    objectIds: ['ledger'],
    outcome: 'ok',
    detail,
  };
}

export const auditRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { store } = services;

  app.get(
    '/ledger',
    {
      schema: {
        tags: ['audit'],
        summary: 'Ledger entries in order: all of them for auditors, their own organisation’s for administrators',
        querystring: z.object({
          after: z.coerce.number().int().min(0).default(0).describe('The last sequence number already read'),
          limit: z.coerce.number().int().min(1).max(1_000).default(100),
          organisation: z.string().max(100).optional(),
          actor: z.string().max(200).optional(),
          action: z.enum(LEDGER_ACTIONS).optional(),
          objectId: z.string().max(200).optional().describe('Entries that concern this record, user or key'),
        }),
        response: { 200: z.object({ entries: z.array(entryOutput), next: z.number().int().nullable() }) },
      },
    },
    async (request) => {
      const principal = request.principal;
      if (principal === null) throw new WeftError('unauthenticated');
      const auditor = principal.permissions.includes('audit:read');
      if (!auditor) requirePermission(request, 'admin');
      const { after, limit, organisation, actor, action, objectId } = request.query;
      // An administrator's view is their own organisation's, whatever they ask for.
      const scope = auditor ? organisation : principal.organisation.id;
      const entries = await store.ledger.search({
        after,
        limit,
        ...(scope === undefined ? {} : { organisation: scope }),
        ...(actor === undefined ? {} : { actor }),
        ...(action === undefined ? {} : { action }),
        ...(objectId === undefined ? {} : { objectId }),
      });
      await store.ledger.appendNow([ledgerRead(principal, request.id, `${entries.length} entries after ${after}`)]);
      return {
        entries: entries.map((entry) => ({ ...entry, objectIds: [...entry.objectIds], detail: entry.detail ?? null })),
        next: entries.length === limit ? (entries.at(-1)?.seq ?? null) : null,
      };
    },
  );

  app.get(
    '/ledger/verification',
    {
      schema: {
        tags: ['audit'],
        summary: 'Recompute the ledger’s chain and name the first bad entry, if any (auditors)',
        response: { 200: z.unknown() },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'audit:read');
      const started = performance.now();
      const result = await store.ledger.verify();
      await store.ledger.appendNow([
        ledgerRead(principal, request.id, result.ok ? 'verified' : `broken at ${result.firstBadSeq}`),
      ]);
      return { ...result, seconds: Math.round(performance.now() - started) / 1000 };
    },
  );
};
