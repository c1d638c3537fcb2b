import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { SupplySite, SurveyCampaign } from '../../../adapters/store/index.ts';
import { ILO_INDICATORS, TIP_LANGUAGES, type SiteRisk } from '../../../domain/reporting/index.ts';
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
  sharingGroups: z.array(z.string()),
  createdAt: z.string(),
});
const presentSite = (site: SupplySite) => ({
  code: site.code,
  name: site.name,
  country: site.country,
  sharingGroups: [...site.sharingGroups],
  createdAt: site.createdAt,
});
const campaignOutput = z.object({
  id: z.string(),
  name: z.string(),
  languages: z.array(z.string()),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
});
const presentCampaign = (campaign: SurveyCampaign) => ({
  id: campaign.id,
  name: campaign.name,
  languages: [...campaign.languages],
  startsOn: campaign.startsOn,
  endsOn: campaign.endsOn,
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
            sharingGroups: z
              .array(z.string().min(1).max(100))
              .max(20)
              .optional()
              .describe(
                "Groups (the brand's own) whose members are also told when the site's risk crosses its threshold",
              ),
          })
          .strict(),
        response: { 201: siteOutput, 400: errorResponse, 409: errorResponse },
      },
    },
    async (request, reply) => {
      const principal = requirePermission(request, 'records:write');
      const sharingGroups = request.body.sharingGroups ?? [];
      const own = new Set((await store.groups.listFor(principal.organisation.id)).map((group) => group.id));
      const foreign = sharingGroups.filter((group) => !own.has(group));
      if (foreign.length > 0) {
        throw new WeftError('validation_failed', undefined, [
          { field: 'sharingGroups', message: `not groups of this organisation: ${foreign.join(', ')}` },
        ]);
      }
      const site = await store.workerVoice.createSite(
        {
          code: request.body.code,
          name: request.body.name,
          organisationId: principal.organisation.id,
          country: request.body.country ?? null,
          sharingGroups,
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

  /** One of the caller's sites; another brand's is as absent as no site. */
  const ownSite = async (organisationId: string, code: string) => {
    const site = await store.workerVoice.site(code.toUpperCase());
    if (site?.organisationId !== organisationId) throw new WeftError('not_found');
    return site;
  };

  app.post(
    '/worker-voice/sites/:code/campaigns',
    {
      schema: {
        tags,
        summary: 'Starts a survey campaign at one of the caller’s sites: when it runs, in which languages',
        params: z.object({ code: z.string().max(40) }),
        body: z
          .object({
            name: z.string().trim().min(1).max(200),
            languages: z.array(z.enum(TIP_LANGUAGES)).min(1).max(TIP_LANGUAGES.length),
            startsOn: z.iso.date(),
            endsOn: z.iso.date().optional(),
          })
          .strict()
          .refine((campaign) => campaign.endsOn === undefined || campaign.endsOn >= campaign.startsOn, {
            message: 'a campaign ends on or after the day it starts',
            path: ['endsOn'],
          }),
        response: { 201: campaignOutput, 404: errorResponse },
      },
    },
    async (request, reply) => {
      const principal = requirePermission(request, 'records:write');
      const site = await ownSite(principal.organisation.id, request.params.code);
      const campaign = await store.workerVoice.createCampaign(
        {
          siteCode: site.code,
          name: request.body.name,
          languages: request.body.languages,
          startsOn: request.body.startsOn,
          endsOn: request.body.endsOn ?? null,
        },
        { actor: principal.actor, organisation: principal.organisation.id, requestId: request.id, purpose: null },
      );
      return reply.code(201).send(presentCampaign(campaign));
    },
  );

  app.get(
    '/worker-voice/sites/:code/campaigns',
    {
      schema: {
        tags,
        summary: "A site's survey campaigns, newest first",
        params: z.object({ code: z.string().max(40) }),
        response: { 200: z.object({ campaigns: z.array(campaignOutput) }), 404: errorResponse },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'records:read');
      const site = await ownSite(principal.organisation.id, request.params.code);
      return { campaigns: (await store.workerVoice.campaignsOf(site.code)).map(presentCampaign) };
    },
  );

  app.get(
    '/worker-voice/sites/:code/risk',
    {
      schema: {
        tags,
        summary: "A site's ILO indicator figures: this period and the last, with trend; small groups withheld",
        params: z.object({ code: z.string().max(40) }),
        querystring: z.object({
          campaign: z
            .uuid()
            .optional()
            .describe("One campaign's answers over its span, instead of the last two periods"),
        }),
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
      const site = await ownSite(principal.organisation.id, request.params.code);
      const campaign =
        request.query.campaign === undefined
          ? undefined
          : (await store.workerVoice.campaignsOf(site.code)).find((one) => one.id === request.query.campaign);
      if (request.query.campaign !== undefined && campaign === undefined) throw new WeftError('not_found');
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
      return { site: presentSite(site), ...presentRisk(await workerVoice.risk(site, campaign)) };
    },
  );
};
