/**
 * Transaction monitoring: the open typology library (what each looks for, its sources, rules and
 * parameters with their bands), and an institution's configuration of it — parameters within
 * their bands, typologies switched off, rules of its own in CEL — set by its administrators,
 * checked before it is stored, recorded in the ledger, and applied at once to the payments held.
 * Alerts (red flags, service referrals, links told to law enforcement) arrive in the alerts inbox.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ConfigError,
  DEFAULT_CONFIG,
  LIBRARY,
  Monitor,
  RULE_SUBJECTS,
  UserRuleError,
  userTypologies,
  type MonitorConfig,
} from '../../../domain/monitoring/index.ts';
import type { ResolvedServices } from '../app.ts';
import { requirePermission } from '../auth.ts';
import { WeftError } from '../errors.ts';
import { accessOf } from '../purpose.ts';
import { errorResponse } from '../schemas.ts';

const parameterValue = z.union([z.number(), z.array(z.string().max(200)).max(500)]);

const typologyOutput = z
  .object({
    id: z.string(),
    version: z.number().int(),
    title: z.string(),
    summary: z.string(),
    sources: z.array(z.string()),
    subjectType: z.enum(['account', 'merchant', 'card']),
    rules: z.array(
      z.object({ id: z.string(), version: z.number().int(), weight: z.number(), description: z.string() }),
    ),
    parameters: z.array(
      z.object({
        name: z.string(),
        description: z.string(),
        default: parameterValue,
        band: z.tuple([z.number(), z.number()]).nullable(),
      }),
    ),
  })
  .meta({ id: 'Typology' });

const userRule = z.object({
  id: z.string().max(60),
  version: z.number().int(),
  title: z.string().max(200),
  subject: z.enum(RULE_SUBJECTS),
  windowDays: z.number(),
  when: z.string().max(4_000).describe('CEL over one transaction'),
  condition: z.string().max(4_000).describe("CEL over the window's aggregates"),
});

const configBody = z
  .object({
    version: z.string().min(1).max(100),
    values: z.record(z.string(), parameterValue).optional(),
    disabled: z.array(z.string()).max(100).optional(),
    rules: z.array(userRule).max(100).optional(),
  })
  .meta({ id: 'MonitoringConfig' });

const configOutput = configBody
  .extend({ updatedAt: z.string().nullable(), updatedBy: z.string().nullable() })
  .meta({ id: 'MonitoringConfigStored' });

export const monitoringRoutes: FastifyPluginAsyncZod<{ services: ResolvedServices }> = async (app, { services }) => {
  const { store } = services;

  app.get(
    '/monitoring/typologies',
    {
      schema: {
        tags: ['monitoring'],
        summary: 'The open typology library: what each red flag looks for, its sources, rules and parameters',
        response: { 200: z.object({ typologies: z.array(typologyOutput) }) },
      },
    },
    (request) => {
      requirePermission(request, 'records:read');
      return {
        typologies: LIBRARY.map((typology) => ({
          id: typology.id,
          version: typology.version,
          title: typology.title,
          summary: typology.summary,
          sources: [...typology.sources],
          subjectType: typology.subjectType,
          rules: typology.rules.map((rule) => ({ ...rule })),
          parameters: typology.parameters.map((parameter) => ({
            name: parameter.name,
            description: parameter.description,
            default: typeof parameter.default === 'number' ? parameter.default : [...parameter.default],
            band: parameter.band === undefined ? null : ([parameter.band[0], parameter.band[1]] as [number, number]),
          })),
        })),
      };
    },
  );

  app.get(
    '/monitoring/config',
    {
      schema: {
        tags: ['monitoring'],
        summary: "Your institution's monitoring configuration (the defaults until one is set)",
        response: { 200: configOutput },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'records:read');
      const stored = await store.monitoring.configOf(principal.organisation.id);
      const config: MonitorConfig = stored?.config ?? DEFAULT_CONFIG;
      return {
        version: config.version,
        ...(config.values === undefined ? {} : { values: { ...config.values } as Record<string, number | string[]> }),
        ...(config.disabled === undefined ? {} : { disabled: [...config.disabled] }),
        ...(config.rules === undefined ? {} : { rules: config.rules.map((rule) => ({ ...rule })) }),
        updatedAt: stored?.updatedAt ?? null,
        updatedBy: stored?.updatedBy ?? null,
      };
    },
  );

  app.put(
    '/monitoring/config',
    {
      schema: {
        tags: ['monitoring'],
        summary:
          "Set your institution's monitoring configuration (administrators); applied at once to the payments held",
        body: configBody,
        response: { 200: configOutput, 400: errorResponse, 401: errorResponse, 403: errorResponse },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'admin');
      const config: MonitorConfig = request.body;
      // Checked whole before anything is stored, every problem named: the institution's own rules,
      // then the bands and the typologies switched off.
      const problems: string[] = [];
      for (const check of [
        () => userTypologies(config.rules ?? []),
        () => new Monitor({ typologies: LIBRARY, config: { ...config, rules: [] } }),
      ]) {
        try {
          check();
        } catch (error) {
          if (!(error instanceof ConfigError || error instanceof UserRuleError)) throw error;
          problems.push(...error.problems);
        }
      }
      if (problems.length > 0) {
        throw new WeftError(
          'validation_failed',
          'The monitoring configuration is not valid.',
          problems.map((problem) => ({ field: 'config', message: problem })),
        );
      }
      const event = { actor: principal.actor, requestId: request.id, purpose: accessOf(request, principal).purpose };
      const stored =
        services.monitoring === undefined
          ? await store.monitoring.saveConfig(principal.organisation.id, config, event)
          : await services.monitoring.configure(principal.organisation.id, config, event);
      return { ...request.body, updatedAt: stored.updatedAt, updatedBy: stored.updatedBy };
    },
  );
};
