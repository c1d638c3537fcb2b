import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { REPORT_STATES, type Report } from '../../../adapters/store/index.ts';
import { parseRecordId } from '../../../domain/model/ids.ts';
import { TIP_PRIORITIES } from '../../../domain/reporting/index.ts';
import { expandNetwork } from '../../network/network.service.ts';
import type { ReportingService } from '../../reporting/reporting.service.ts';
import { readRecord } from '../../sharing/index.ts';
import type { ResolvedServices } from '../app.ts';
import { requirePermission } from '../auth.ts';
import { WeftError } from '../errors.ts';
import { accessOf } from '../purpose.ts';
import { errorResponse } from '../schemas.ts';

const tags = ['reports'];

const reportOutput = z.object({
  id: z.string(),
  recordId: z.string(),
  channel: z.string(),
  language: z.string(),
  state: z.enum(REPORT_STATES),
  priority: z.string(),
  priorityReasons: z.array(z.string()),
  extracted: z
    .unknown()
    .describe('Phones, e-mails, links, handles, plates, amounts, places and names found in the text'),
  duplicateOf: z.string().nullable(),
  assignedTo: z.string().nullable(),
  routedTo: z.array(z.string()),
  receivedAt: z.string(),
  updatedAt: z.string(),
});

const presentReport = (report: Report): z.input<typeof reportOutput> => ({
  id: report.id,
  recordId: report.recordId,
  channel: report.channel,
  language: report.language,
  state: report.state,
  priority: report.priority,
  priorityReasons: [...report.priorityReasons],
  extracted: (report.extracted as { entities?: unknown }).entities ?? null,
  duplicateOf: report.duplicateOf,
  assignedTo: report.assignedTo,
  routedTo: [...report.routedTo],
  receivedAt: report.receivedAt,
  updatedAt: report.updatedAt,
});

const messageOutput = z.object({
  id: z.string(),
  author: z.enum(['reporter', 'organisation']),
  body: z.string(),
  createdAt: z.string(),
});

/** How far from the tip the linked records are looked for. */
const LINK_HOPS = 2;
const LINK_LIMIT = 100;

/**
 * The tip line's triage: its queue of reports, each with what was extracted, the records resolution
 * links it to, the conversation with the reporter and the photos; replies, state, assignment and
 * routing to the organisation competent for it. Only the organisation that received a report sees it.
 */
export const reportsRoutes: FastifyPluginAsyncZod<{ services: ResolvedServices; reporting: ReportingService }> = async (
  app,
  { services, reporting },
) => {
  const { store } = services;
  const actorOf = (request: FastifyRequest) => {
    const principal = requirePermission(request, 'records:read');
    const access = accessOf(request, principal);
    return {
      principal,
      access,
      actor: {
        actor: principal.actor,
        organisation: principal.organisation.id,
        requestId: request.id,
        purpose: access.purpose,
      },
    };
  };
  const reportOf = async (organisationId: string, id: string) => {
    const report = await store.reports.get(organisationId, id);
    if (report === undefined) throw new WeftError('not_found');
    return report;
  };

  app.get(
    '/reports',
    {
      schema: {
        tags,
        summary: "The organisation's reports from the reporting channels, newest first",
        querystring: z.object({
          state: z.enum(REPORT_STATES).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ reports: z.array(reportOutput) }) },
      },
    },
    async (request) => {
      const { principal } = actorOf(request);
      const reports = await reporting.queue(principal.organisation.id, request.query);
      return { reports: reports.map(presentReport) };
    },
  );

  app.get(
    '/reports/:id',
    {
      schema: {
        tags,
        summary: 'A report: its Tip record, what was extracted, the records it links to, the conversation, the photos',
        params: z.object({ id: z.string() }),
        querystring: z.object({ purpose: z.string().optional() }),
        response: {
          200: z.object({
            report: reportOutput,
            text: z.string().nullable(),
            linked: z.array(
              z.object({ recordId: z.string(), type: z.string(), label: z.string().nullable(), via: z.string() }),
            ),
            suggestedRoutes: z.array(z.object({ organisationId: z.string(), name: z.string(), reason: z.string() })),
            messages: z.array(messageOutput),
            files: z.array(
              z.object({ id: z.string(), mediaType: z.string(), byteLength: z.number(), removed: z.array(z.string()) }),
            ),
          }),
          404: errorResponse,
        },
      },
    },
    async (request) => {
      const { principal, access } = actorOf(request);
      const report = await reportOf(principal.organisation.id, request.params.id);
      const recordId = parseRecordId(report.recordId);
      const record = recordId === undefined ? undefined : await readRecord(store, access, recordId);
      const network =
        recordId === undefined
          ? undefined
          : await expandNetwork(store, access, { seeds: [recordId], hops: LINK_HOPS, limit: LINK_LIMIT });
      const linked = (network?.nodes ?? [])
        .filter((node) => node.id !== report.recordId)
        .map((node) => {
          const edge = network?.edges.find((candidate) => candidate.source === node.id || candidate.target === node.id);
          return {
            recordId: node.id,
            type: node.kind,
            label: node.label ?? null,
            via: edge?.reason ?? edge?.kind ?? 'linked',
          };
        });
      const text = record?.properties['text'];
      return {
        report: presentReport(report),
        text: typeof text === 'string' ? text : null,
        linked,
        suggestedRoutes: await reporting.suggestedRoutes(report),
        messages: (await store.reports.messages(report.id)).map((message) => ({ ...message })),
        files: (await store.reports.files(report.id)).map((file) => ({ ...file, removed: [...file.removed] })),
      };
    },
  );

  app.get(
    '/reports/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: "A report's photo (stripped of its metadata when it was received)",
        params: z.object({ id: z.string(), fileId: z.string() }),
      },
    },
    async (request, reply) => {
      const { principal, actor } = actorOf(request);
      const report = await reportOf(principal.organisation.id, request.params.id);
      const file = await store.reports.fileContent(report.id, request.params.fileId);
      if (file === undefined) throw new WeftError('not_found');
      await store.ledger.appendNow([
        {
          ...actor,
          action: 'consult',
          objectIds: [report.id, request.params.fileId],
          outcome: 'ok',
          detail: 'report file',
        },
      ]);
      return reply.type(file.mediaType).header('cache-control', 'no-store').send(file.bytes);
    },
  );

  app.patch(
    '/reports/:id',
    {
      schema: {
        tags,
        summary: "Triage: a report's state, priority or assignee",
        params: z.object({ id: z.string() }),
        body: z
          .object({
            state: z.enum(REPORT_STATES).optional(),
            priority: z.enum(TIP_PRIORITIES).optional(),
            assignedTo: z.string().min(1).max(200).nullable().optional(),
          })
          .strict(),
        response: { 200: reportOutput, 404: errorResponse },
      },
    },
    async (request) => {
      const { principal, actor } = actorOf(request);
      const changed = await store.reports.change(principal.organisation.id, request.params.id, request.body, actor);
      if (changed === undefined) throw new WeftError('not_found');
      // Closing a report closes its SMS conversation: the alias and the number are forgotten.
      if (changed.state === 'closed' && changed.conversationAlias !== null) {
        services.conversations?.close(changed.conversationAlias);
        await store.reports.forgetConversation(changed.conversationAlias);
      }
      return presentReport(changed);
    },
  );

  app.post(
    '/reports/:id/replies',
    {
      schema: {
        tags,
        summary: 'A reply to the reporter, who reads it with their receipt code',
        params: z.object({ id: z.string() }),
        body: z.object({ body: z.string().trim().min(1).max(10_000) }).strict(),
        response: {
          201: messageOutput.extend({ sentBySms: z.boolean().describe('Also sent to an SMS conversation still open') }),
          404: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const { principal, actor } = actorOf(request);
      const message = await reporting.reply(principal.organisation.id, request.params.id, request.body.body, actor);
      if (message === undefined) throw new WeftError('not_found');
      // A reporter still in an SMS conversation is sent the reply too.
      const report = await reportOf(principal.organisation.id, request.params.id);
      const sent =
        report.conversationAlias !== null &&
        (await services.conversations?.reply(report.conversationAlias, request.body.body)) === true;
      return reply.code(201).send({ ...message, sentBySms: sent });
    },
  );

  app.post(
    '/reports/:id/route',
    {
      schema: {
        tags,
        summary: 'Routes a report to the organisation competent for it: an alert in its inbox with what the tip says',
        params: z.object({ id: z.string() }),
        body: z.object({ organisationId: z.string().min(1).max(100), note: z.string().max(2_000).optional() }).strict(),
        response: { 200: reportOutput, 404: errorResponse },
      },
    },
    async (request) => {
      const { principal, actor } = actorOf(request);
      const routed = await reporting.route(principal.organisation.id, request.params.id, request.body, actor);
      if (routed === undefined) throw new WeftError('not_found');
      return presentReport(routed);
    },
  );
};
