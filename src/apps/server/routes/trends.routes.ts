/**
 * Trends and routes, for the workbench's dashboard and map: counts over time by group, and flows
 * between places. Aggregates count only what the reader may see for the declared purpose; counts of
 * 1 to 10 are withheld, with as many others as it takes that none can be recomputed from a total;
 * every answer is recorded in the ledger.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EXPLOITATION_TYPES } from '../../../domain/model/taxonomy.ts';
import {
  GROUPINGS,
  GROUPINGS_OF,
  INTERVALS,
  MEASURES,
  STAGES,
  wholePeriods,
  type Interval,
} from '../../../domain/trends/index.ts';
import { TrendsService } from '../../trends/trends.service.ts';
import type { ResolvedServices } from '../app.ts';
import { requirePermission } from '../auth.ts';
import { WeftError } from '../errors.ts';
import { accessOf } from '../purpose.ts';
import { errorResponse } from '../schemas.ts';

/** The most periods one answer has: ten years of months, three of weeks. */
const MOST_PERIODS: Readonly<Record<Interval, number>> = { month: 120, week: 160 };
const DAY_MS = 86_400_000;

const shownCount = {
  count: z.number().int().nullable().describe('Null when withheld'),
  suppressed: z.boolean().describe('Withheld: 1 to 10, or withheld so that another cannot be recomputed'),
};
const shownOutput = z.object(shownCount).meta({ id: 'SuppressedCount' });
const pointOutput = z.object({
  period: z.string().describe('YYYY-MM, or the Monday YYYY-MM-DD of an ISO week'),
  ...shownCount,
});

const trendsOutput = z
  .object({
    measure: z.enum(MEASURES),
    interval: z.enum(INTERVALS),
    by: z.enum(GROUPINGS),
    from: z.string(),
    to: z.string(),
    periods: z.array(z.string()),
    series: z.array(
      z.object({
        group: z.string().describe('The group; "all" for by=none, "(unknown)" unstated, "(withheld)" hidden from you'),
        points: z.array(pointOutput),
        total: shownOutput,
      }),
    ),
    totals: z.object({
      points: z.array(pointOutput).describe('Each period over every group'),
      total: shownOutput,
    }),
  })
  .meta({ id: 'Trends' });

const placeOutput = z
  .object({
    name: z.string(),
    country: z.string().nullable(),
    lat: z.number().nullable().describe('Null when the place could not be located'),
    lon: z.number().nullable(),
  })
  .meta({ id: 'RoutePlace' });
const flowOutput = z
  .object({ from: placeOutput, to: placeOutput, stage: z.enum(STAGES), ...shownCount })
  .meta({ id: 'RouteFlow' });
const routesOutput = z
  .object({
    from: z.string(),
    to: z.string(),
    flows: z.array(flowOutput).describe('Between located places, largest first'),
    unlocated: z.array(flowOutput).describe('With at least one place that could not be located'),
    total: shownOutput,
  })
  .meta({ id: 'Routes' });

const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) =>
    value === undefined
      ? undefined
      : (Array.isArray(value) ? value : value.split(',')).map((item) => item.trim()).filter(Boolean),
  );

const rangeQuery = {
  from: z.iso
    .date()
    .optional()
    .describe(
      'First day (YYYY-MM-DD), widened to the start of its period (routes: its month); by default a year (months) ' +
        'or half a year (weeks) before `to`',
    ),
  to: z.iso.date().optional().describe('Last day (YYYY-MM-DD), widened to the end of its period; today by default'),
  purpose: z.string().optional(),
};

const dayMinus = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY_MS).toISOString().slice(0, 10);

/** The range asked for, with its defaults, refused when backwards or longer than an answer holds. */
function rangeOf(query: { from?: string | undefined; to?: string | undefined }, interval: Interval, today: string) {
  const to = query.to ?? today;
  const from = query.from ?? (interval === 'month' ? `${dayMinus(to, 335).slice(0, 7)}-01` : dayMinus(to, 7 * 25));
  if (from > to) {
    throw new WeftError('validation_failed', 'from must not be after to.', [
      { field: 'from', message: 'a day no later than `to`' },
    ]);
  }
  const periods = interval === 'month' ? MOST_PERIODS.month * 31 : MOST_PERIODS.week * 7;
  if (Date.parse(to) - Date.parse(from) > periods * DAY_MS) {
    throw new WeftError('validation_failed', `At most ${MOST_PERIODS[interval]} ${interval}s in one answer.`, [
      { field: 'from', message: `no more than ${MOST_PERIODS[interval]} ${interval}s before \`to\`` },
    ]);
  }
  return wholePeriods({ from, to }, interval);
}

/** The trends and routes routes. */
export const trendsRoutes: FastifyPluginAsyncZod<{ services: ResolvedServices }> = async (app, { services }) => {
  const trends = new TrendsService(services.store);
  const tags = ['trends'];
  const today = () => services.clock().toISOString().slice(0, 10);

  app.get(
    '/trends',
    {
      schema: {
        tags,
        summary: 'Counts over time by group, small counts withheld',
        description:
          'A series per group (sector, country, exploitation type, type, or one series), a point per month or ISO ' +
          'week, with each group’s total, each period’s total and the grand total. Counts only what you may see ' +
          'for the declared purpose (alerts and typologies: your organisation’s alerts). A thing of several groups ' +
          'counts in each. Counts of 1 to 10 are withheld (null, suppressed), and as many others as it takes ' +
          'that no withheld count can be recomputed from the totals and the counts shown.',
        querystring: z.object({
          measure: z.enum(MEASURES).default('records'),
          interval: z.enum(INTERVALS).default('month'),
          by: z.enum(GROUPINGS).optional().describe('Which groupings a measure allows: see the error when refused'),
          ...rangeQuery,
        }),
        response: { 200: trendsOutput, 400: errorResponse, 401: errorResponse, 403: errorResponse },
      },
    },
    async (request) => {
      const access = accessOf(request, requirePermission(request, 'records:read'));
      const { measure, interval } = request.query;
      const allowed = GROUPINGS_OF[measure];
      const by = request.query.by ?? allowed[0] ?? 'none';
      if (!allowed.includes(by)) {
        throw new WeftError('validation_failed', `${measure} cannot be grouped by ${by}.`, [
          { field: 'by', message: `for ${measure}, one of ${allowed.join(', ')}` },
        ]);
      }
      const range = rangeOf(request.query, interval, today());
      const answer = await trends.trends(access, { measure, interval, by, range });
      return {
        measure,
        interval,
        by,
        ...range,
        periods: [...answer.periods],
        series: answer.series.map((series) => ({
          group: series.group,
          points: series.points.map((point) => ({ ...point })),
          total: { ...series.total },
        })),
        totals: { points: answer.totals.points.map((point) => ({ ...point })), total: { ...answer.totals.total } },
      };
    },
  );

  app.get(
    '/routes',
    {
      schema: {
        tags,
        summary: 'Flows from place to place, small flows withheld',
        description:
          'Trip legs between cities (by departure) and cases’ countries of origin to countries of exploitation (by ' +
          'opening), counted per pair of places, each with its stage on the route (origin-transit, ' +
          'transit-destination…) and coordinates. Pairs with a place that cannot be located are listed apart ' +
          'under `unlocated` (named "(elsewhere)" when fewer than 11 movements name a place). With ' +
          '`exploitationType`, only cases count (trips do not say). Counts only what you may see; flows of 1 to ' +
          '10 are withheld, with another when the total would give one away.',
        querystring: z.object({
          exploitationType: list.describe('Only these forms of exploitation (comma-separated)'),
          ...rangeQuery,
        }),
        response: { 200: routesOutput, 400: errorResponse, 401: errorResponse, 403: errorResponse },
      },
    },
    async (request) => {
      const access = accessOf(request, requirePermission(request, 'records:read'));
      const wanted = request.query.exploitationType;
      const unknown = wanted?.filter((type) => !(EXPLOITATION_TYPES as readonly string[]).includes(type)) ?? [];
      if (unknown.length > 0) {
        throw new WeftError('validation_failed', 'Unknown exploitation type.', [
          { field: 'exploitationType', message: `one or more of ${EXPLOITATION_TYPES.join(', ')}` },
        ]);
      }
      const range = rangeOf(request.query, 'month', today());
      const map = await trends.routes(access, {
        range,
        ...(wanted === undefined ? {} : { exploitationTypes: wanted }),
      });
      const flow = (item: (typeof map.flows)[number]) => ({
        from: { ...item.from },
        to: { ...item.to },
        stage: item.stage,
        count: item.count,
        suppressed: item.suppressed,
      });
      return { ...range, flows: map.flows.map(flow), unlocated: map.unlocated.map(flow), total: { ...map.total } };
    },
  );
};
