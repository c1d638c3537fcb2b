import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SupplySite } from '../../../adapters/store/index.ts';
import { ILO_INDICATORS, type SiteRisk } from '../../../domain/reporting/index.ts';
import type { WorkerVoiceService } from '../../reporting/worker-voice.service.ts';
import type { ResolvedServices } from '../app.ts';
import { requirePermission } from '../auth.ts';
import { WeftError } from '../errors.ts';
import { errorResponse } from '../schemas.ts';

const tags = ['worker voice'];

const siteOutput = z.object({
  code: z.string(),
  name: z.string(),
  country: z.string().nullable(),
  createdAt: z.string(),
});
const presentSite = (site: SupplySite) => ({
  code: site.code,
  name: site.name,
  country: site.country,
  createdAt: site.createdAt,
});

const figure = z.union([
  z.object({ suppressed: z.literal(true) }),
  z.object({ suppressed: z.literal(false), share: z.number(), respondents: z.number() }),
]);
const overall = z.union([
  z.object({ suppressed: z.literal(true) }),
  z.object({
    suppressed: z.literal(false),
    respondents: z.number(),
    risk: z.number(),
    level: z.enum(['low', 'medium', 'high']),
  }),
]);
const trend = z.enum(['up', 'down', 'flat', 'unknown']);

const presentRisk = (risk: SiteRisk) => ({
  periodDays: risk.periodDays,
  minimumGroup: risk.minimumGroup,
  current: risk.current,
  previous: risk.previous,
  trend: risk.trend,
  indicators: ILO_INDICATORS.map((indicator) => ({
    id: indicator.id,
    name: indicator.name.en,
    ...risk.indicators[indicator.id],
  })),
});

/**
 * Worker voice for brands: their supply sites (each with the code printed on the site's posters,
 * which workers send with SURVEY) and each site's indicator figures with trend. Figures over fewer
 * respondents than the minimum group are withheld, so no worker can be singled out.
 */
export const workerVoiceRoutes: FastifyPluginAsyncZod<{
  services: ResolvedServices;
  workerVoice: WorkerVoiceService;
}> = async (app, { services, workerVoice }) => {
  const { store } = services;

  app.post(
    '/worker-voice/sites',
    {
      schema: {
        tags,
        summary: 'Registers a supply site of the caller’s organisation (the brand)',
        body: z
          .object({
            code: z
              .string()
              .trim()
              .toUpperCase()
              .regex(/^[A-Z0-9][A-Z0-9-]{1,19}$/u, 'letters, digits and dashes, 2 to 20, as printed on the posters'),
            name: z.string().trim().min(1).max(200),
            country: z
              .string()
              .regex(/^[A-Z]{2}$/u)
              .optional(),
          })
          .strict(),
        response: { 201: siteOutput, 409: errorResponse },
      },
    },
    async (request, reply) => {
      const principal = requirePermission(request, 'records:write');
      const site = await store.workerVoice.createSite(
        {
          code: request.body.code,
          name: request.body.name,
          organisationId: principal.organisation.id,
          country: request.body.country ?? null,
        },
        { actor: principal.actor, organisation: principal.organisation.id, requestId: request.id, purpose: null },
      );
      if (site === undefined) throw new WeftError('conflict', `The site code ${request.body.code} is taken.`);
      return reply.code(201).send(presentSite(site));
    },
  );

  app.get(
    '/worker-voice/sites',
    {
      schema: {
        tags,
        summary: "The caller's organisation's supply sites",
        response: { 200: z.object({ sites: z.array(siteOutput) }) },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'records:read');
      return { sites: (await store.workerVoice.sitesOf(principal.organisation.id)).map(presentSite) };
    },
  );

  app.get(
    '/worker-voice/sites/:code/risk',
    {
      schema: {
        tags,
        summary: "A site's ILO indicator figures: this period and the last, with trend; small groups withheld",
        params: z.object({ code: z.string().max(40) }),
        response: {
          200: z.object({
            site: siteOutput,
            periodDays: z.number(),
            minimumGroup: z.number(),
            current: overall,
            previous: overall,
            trend,
            indicators: z.array(
              z.object({ id: z.string(), name: z.string(), current: figure, previous: figure, trend }),
            ),
          }),
          404: errorResponse,
        },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'records:read');
      const site = await store.workerVoice.site(request.params.code.toUpperCase());
      // Another brand's site is as absent as no site.
      if (site?.organisationId !== principal.organisation.id) throw new WeftError('not_found');
      await store.ledger.appendNow([
        {
          actor: principal.actor,
          organisation: principal.organisation.id,
          action: 'consult',
          requestId: request.id,
          purpose: null,
          objectIds: [site.code],
          outcome: 'ok',
          detail: 'worker voice figures',
        },
      ]);
      return { site: presentSite(site), ...presentRisk(await workerVoice.risk(site)) };
    },
  );
};
