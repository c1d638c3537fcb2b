/**
 * The network and resolved entities, for analysts: expand from records or from an identifier,
 * paths, communities, brokers, shared identifiers, risk from notices, movement over places and
 * time, an entity's records and links with their reasons, and judgements on them. Every answer is
 * the reader's visible network only (see apps/network); every read declares its purpose and is
 * recorded in the ledger; a record the reader may not see answers as one that does not exist.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseRecordId, type RecordId } from '../../../domain/model/ids.ts';
import type { LinkFilter } from '../../../domain/network/index.ts';
import { IDENTIFIER_KINDS } from '../../../domain/resolution/facts.ts';
import { cityLookup } from '../../../domain/trends/index.ts';
import {
  brokersAround,
  communitiesAround,
  expandNetwork,
  identifierNetwork,
  MAX_NODES,
  movementOf,
  pathBetween,
  type NetworkView,
  riskAround,
  sharedAround,
} from '../../network/network.service.ts';
import type { VisibleEdge, VisibleNode } from '../../network/neighbourhood.ts';
import { entityView, judge, MAX_SPLIT, split } from '../../resolution/entities.service.ts';
import { Resolver } from '../../resolution/resolver.ts';
import type { ResolvedServices } from '../app.ts';
import { requirePermission } from '../auth.ts';
import { WeftError } from '../errors.ts';
import { accessOf } from '../purpose.ts';
import { errorResponse } from '../schemas.ts';

const nodeOutput = z
  .object({
    id: z.string(),
    kind: z.string().describe('The record type'),
    sector: z.string().optional(),
    ownerOrganisation: z.string(),
    caption: z.string().nullable().describe('Null when a field of the record is hidden from you'),
    protected: z.boolean().optional().describe('A protected victim: never the target of an enforcement alert'),
  })
  .meta({ id: 'NetworkNode' });

/** Where the places of a movement are: the gazetteer's cities, found within the places' names. */
const PLACES = cityLookup();

const featureOutput = z.object({ feature: z.string(), level: z.string(), weight: z.number() });

const edgeOutput = z
  .object({
    source: z.string(),
    target: z.string(),
    kind: z.string(),
    basis: z.enum(['stated', 'identifier', 'resolved']),
    reason: z.string().optional(),
    at: z.string().optional(),
    place: z.string().optional(),
    recordId: z.string().optional().describe('The record stating the link'),
    probability: z.number().optional(),
    features: z.array(featureOutput).optional().describe('Why resolution linked the records: features and weights'),
  })
  .meta({ id: 'NetworkEdge' });

const hubOutput = z.object({ kind: z.string(), carriers: z.number().int(), records: z.array(z.string()) });

const networkOutput = z
  .object({
    nodes: z.array(nodeOutput),
    edges: z.array(edgeOutput),
    hubs: z.array(hubOutput).describe('Identifiers shared too widely to follow (a front desk, a call centre)'),
    truncated: z.boolean(),
  })
  .meta({ id: 'Network' });

const presentNode = (node: VisibleNode): z.infer<typeof nodeOutput> => ({
  id: node.id,
  kind: node.kind,
  ...(node.sector === undefined ? {} : { sector: node.sector }),
  ownerOrganisation: node.ownerOrganisation,
  caption: node.caption,
  ...(node.protected === true ? { protected: true } : {}),
});

const presentEdge = (edge: VisibleEdge): z.infer<typeof edgeOutput> => ({
  source: edge.source,
  target: edge.target,
  kind: edge.kind,
  basis: edge.basis,
  ...(edge.reason === undefined ? {} : { reason: edge.reason }),
  ...(edge.at === undefined ? {} : { at: edge.at }),
  ...(edge.place === undefined ? {} : { place: edge.place }),
  ...(edge.recordId === undefined ? {} : { recordId: edge.recordId }),
  ...(edge.probability === undefined ? {} : { probability: edge.probability }),
  ...(edge.features === undefined ? {} : { features: edge.features.map((feature) => ({ ...feature })) }),
});

const presentNetwork = (view: NetworkView): z.infer<typeof networkOutput> => ({
  nodes: view.nodes.map(presentNode),
  edges: view.edges.map(presentEdge),
  hubs: view.hubs.map((hub) => ({ ...hub, records: [...hub.records] })),
  truncated: view.truncated,
});

const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) =>
    value === undefined ? undefined : (Array.isArray(value) ? value : value.split(',')).filter(Boolean),
  );

/** The query of every walk: the seeds, how far, how many, and the filters of the analyses. */
const walkQuery = z.object({
  seed: z.union([z.string(), z.array(z.string())]).describe('The record(s) to start from'),
  hops: z.coerce.number().int().min(1).max(6).default(2),
  limit: z.coerce.number().int().min(1).max(MAX_NODES).default(500),
  nodeKinds: list.describe('Only these record types (comma-separated)'),
  edgeKinds: list.describe('Only these link kinds'),
  sectors: list.describe('Only records from these sectors'),
  from: z.string().max(40).optional().describe('Only links from this date or instant'),
  to: z.string().max(40).optional().describe('Only links up to this date or instant'),
  purpose: z.string().optional(),
});

function seedsOf(seed: string | readonly string[]): RecordId[] {
  const given: readonly string[] = typeof seed === 'string' ? [seed] : seed;
  const ids = given.flatMap((text) => text.split(','));
  const parsed = ids.map((text) => parseRecordId(text.trim()));
  if (parsed.length === 0 || parsed.length > 50 || parsed.some((id) => id === undefined)) {
    throw new WeftError('validation_failed', 'seed must be 1 to 50 record ids.', [
      { field: 'seed', message: 'one or more record ids (UUIDs), comma-separated or repeated' },
    ]);
  }
  return parsed as RecordId[];
}

function filterOf(query: {
  nodeKinds?: string[] | undefined;
  edgeKinds?: string[] | undefined;
  sectors?: string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
}): LinkFilter {
  for (const field of ['from', 'to'] as const) {
    const value = query[field];
    if (value !== undefined && Number.isNaN(Date.parse(value))) {
      throw new WeftError('validation_failed', `${field} must be a date or an instant.`, [
        { field, message: 'YYYY-MM-DD or an ISO 8601 instant' },
      ]);
    }
  }
  return {
    ...(query.nodeKinds === undefined ? {} : { nodeKinds: query.nodeKinds }),
    ...(query.edgeKinds === undefined ? {} : { edgeKinds: query.edgeKinds }),
    ...(query.sectors === undefined ? {} : { sectors: query.sectors }),
    ...(query.from === undefined ? {} : { from: query.from }),
    ...(query.to === undefined ? {} : { to: query.to }),
  };
}

/** The network and entity routes. */
export const networkRoutes: FastifyPluginAsyncZod<{ services: ResolvedServices }> = async (app, { services }) => {
  const { store } = services;
  const resolver = services.resolver ?? new Resolver(store);
  const tags = ['network'];

  app.get(
    '/network/expand',
    {
      schema: {
        tags,
        summary: 'The network around records, as you may see it',
        description:
          'Records linked by what records state (a relationship, a booking’s guest), by identifiers they share ' +
          '(the same phone, document, account) and by resolution (the same person), each link with its reason. ' +
          'A link is shown only when every record it rests on is visible to you.',
        querystring: walkQuery,
        response: { 200: networkOutput, 400: errorResponse },
      },
    },
    async (request) => {
      const access = accessOf(request, requirePermission(request, 'records:read'));
      const { hops, limit } = request.query;
      const view = await expandNetwork(store, access, {
        seeds: seedsOf(request.query.seed),
        hops,
        limit,
        filter: filterOf(request.query),
      });
      return presentNetwork(view);
    },
  );

  app.get(
    '/network/identifier',
    {
      schema: {
        tags,
        summary: 'Your records carrying an identifier, and the network around them',
        description:
          'A phone (any writing: it is normalised to E.164), e-mail, document number, IBAN, account, handle or image ' +
          'hash: the people, documents, accounts, adverts and stays tied to it, each link with its reason.',
        querystring: walkQuery.omit({ seed: true }).extend({
          kind: z.enum(IDENTIFIER_KINDS),
          value: z.string().min(1).max(200),
        }),
        response: {
          200: networkOutput.extend({ carriers: z.array(z.string()).describe('Your records carrying it') }),
          400: errorResponse,
        },
      },
    },
    async (request) => {
      const access = accessOf(request, requirePermission(request, 'records:read'));
      const { kind, value, hops, limit } = request.query;
      const view = await identifierNetwork(
        store,
        access,
        { kind, value },
        { hops, limit, filter: filterOf(request.query) },
      );
      if (view === undefined) {
        throw new WeftError('validation_failed', `Not a ${kind} Weft can read.`, [
          { field: 'value', message: `not a ${kind}` },
        ]);
      }
      return { ...presentNetwork(view), carriers: [...view.carriers] };
    },
  );

  app.get(
    '/network/path',
    {
      schema: {
        tags,
        summary: 'The shortest paths between two records through your network',
        querystring: z.object({
          from: z.string(),
          to: z.string(),
          maxHops: z.coerce.number().int().min(1).max(6).default(4),
          purpose: z.string().optional(),
        }),
        response: {
          200: z.object({
            found: z.boolean(),
            paths: z.array(z.object({ nodes: z.array(z.string()), edges: z.array(edgeOutput), hops: z.number() })),
            nodes: z.array(nodeOutput),
          }),
          400: errorResponse,
        },
      },
    },
    async (request) => {
      const access = accessOf(request, requirePermission(request, 'records:read'));
      const ends = (['from', 'to'] as const).map((field) => {
        const id = parseRecordId(request.query[field].trim());
        if (id === undefined) {
          throw new WeftError('validation_failed', `${field} must be a record id.`, [
            { field, message: 'a record id (a UUID)' },
          ]);
        }
        return id;
      });
      const [from, to] = ends as [RecordId, RecordId];
      const result = await pathBetween(store, access, from, to, { maxHops: request.query.maxHops });
      return {
        found: result.found,
        paths: result.paths.map((path) => ({
          nodes: path.nodes.map((node) => node.id),
          edges: path.edges.map((edge) => presentEdge(edge as VisibleEdge)),
          hops: path.hops,
        })),
        nodes: result.nodes.map(presentNode),
      };
    },
  );

  app.get(
    '/network/communities',
    {
      schema: {
        tags,
        summary: 'Communities (Louvain) in your network around records',
        querystring: walkQuery,
        response: {
          200: z.object({
            modularity: z.number(),
            communities: z.array(z.object({ id: z.number(), size: z.number(), members: z.array(z.string()) })),
            nodes: z.array(nodeOutput),
            truncated: z.boolean(),
          }),
          400: errorResponse,
        },
      },
    },
    async (request) => {
      const access = accessOf(request, requirePermission(request, 'records:read'));
      const { hops, limit } = request.query;
      const found = await communitiesAround(store, access, {
        seeds: seedsOf(request.query.seed),
        hops,
        limit,
        filter: filterOf(request.query),
      });
      return { ...found, nodes: found.nodes.map(presentNode) };
    },
  );

  app.get(
    '/network/brokers',
    {
      schema: {
        tags,
        summary: 'Brokers in your network around records: betweenness on the bounded neighbourhood',
        querystring: walkQuery.extend({ top: z.coerce.number().int().min(1).max(100).default(10) }),
        response: {
          200: z.object({
            method: z.string(),
            note: z.string().optional(),
            brokers: z.array(
              z.object({
                node: nodeOutput,
                betweenness: z.number().nullable(),
                degree: z.number(),
                scopeDegree: z.number(),
              }),
            ),
            truncated: z.boolean(),
          }),
          400: errorResponse,
        },
      },
    },
    async (request) => {
      const access = accessOf(request, requirePermission(request, 'records:read'));
      const { hops, limit, top } = request.query;
      const { result, truncated } = await brokersAround(
        store,
        access,
        { seeds: seedsOf(request.query.seed), hops, limit, filter: filterOf(request.query) },
        top,
      );
      return {
        method: result.method,
        ...(result.note === undefined ? {} : { note: result.note }),
        brokers: result.brokers.map((broker) => ({
          node: presentNode(broker.node as VisibleNode),
          betweenness: broker.betweenness,
          degree: broker.degree,
          scopeDegree: broker.scopeDegree,
        })),
        truncated,
      };
    },
  );

  app.get(
    '/network/shared-identifiers',
    {
      schema: {
        tags,
        summary: 'Identifiers (phones, documents, accounts…) shared by several of your records around records',
        querystring: walkQuery.extend({ minHolders: z.coerce.number().int().min(2).max(1_000).default(2) }),
        response: {
          200: z.object({
            clusters: z.array(
              z.object({
                identifier: nodeOutput,
                count: z.number(),
                byKind: z.record(z.string(), z.number()),
                holders: z.array(z.string()),
              }),
            ),
            hubs: z.array(
              z.object({ identifier: nodeOutput, count: z.number(), byKind: z.record(z.string(), z.number()) }),
            ),
            identifierHubs: z.array(hubOutput),
          }),
          400: errorResponse,
        },
      },
    },
    async (request) => {
      const access = accessOf(request, requirePermission(request, 'records:read'));
      const { hops, limit, minHolders } = request.query;
      const found = await sharedAround(
        store,
        access,
        { seeds: seedsOf(request.query.seed), hops, limit, filter: filterOf(request.query) },
        minHolders,
      );
      return {
        clusters: found.clusters.map((cluster) => ({
          identifier: presentNode(cluster.identifier as VisibleNode),
          count: cluster.count,
          byKind: { ...cluster.byKind },
          holders: [...cluster.holders],
        })),
        hubs: found.hubs.map((hub) => ({
          identifier: presentNode(hub.identifier as VisibleNode),
          count: hub.count,
          byKind: { ...hub.byKind },
        })),
        identifierHubs: found.identifierHubs.map((hub) => ({ ...hub, records: [...hub.records] })),
      };
    },
  );

  app.get(
    '/network/risk',
    {
      schema: {
        tags,
        summary: 'Risk spread from the notices in your network around records',
        description: 'Protected victims are listed apart and are never targets.',
        querystring: walkQuery,
        response: {
          200: z.object({
            scores: z.array(z.object({ node: nodeOutput, risk: z.number(), source: z.string(), hops: z.number() })),
            targets: z.array(z.string()),
            protectedNodes: z.array(z.string()),
          }),
          400: errorResponse,
        },
      },
    },
    async (request) => {
      const access = accessOf(request, requirePermission(request, 'records:read'));
      const { hops, limit } = request.query;
      const result = await riskAround(store, access, {
        seeds: seedsOf(request.query.seed),
        hops,
        limit,
        filter: filterOf(request.query),
      });
      return {
        scores: result.scores.map((score) => ({
          node: presentNode(score.node as VisibleNode),
          risk: score.risk,
          source: score.source,
          hops: score.hops,
        })),
        targets: result.targets.map((target) => target.node.id),
        protectedNodes: result.protectedNodes.map((node) => node.node.id),
      };
    },
  );

  app.get(
    '/network/movement',
    {
      schema: {
        tags,
        summary: 'Where records (a phone, an advert network) were over time',
        querystring: z.object({
          seed: z.union([z.string(), z.array(z.string())]),
          from: z.string().max(40).optional(),
          to: z.string().max(40).optional(),
          purpose: z.string().optional(),
        }),
        response: {
          200: z.object({
            itinerary: z.array(
              z.object({
                place: z.string(),
                from: z.string(),
                to: z.string(),
                count: z.number(),
                latitude: z.number().nullable().describe('Where the place is on the map; null when it is not known'),
                longitude: z.number().nullable(),
              }),
            ),
            undated: z.number(),
          }),
          400: errorResponse,
        },
      },
    },
    async (request) => {
      const access = accessOf(request, requirePermission(request, 'records:read'));
      const result = await movementOf(store, access, seedsOf(request.query.seed), filterOf(request.query));
      return {
        itinerary: result.itinerary.map((stop) => {
          const located = PLACES.locate({ name: stop.place, country: null, kind: 'city' });
          return { ...stop, latitude: located?.latitude ?? null, longitude: located?.longitude ?? null };
        }),
        undated: result.undated,
      };
    },
  );

  app.get(
    '/entities/:id',
    {
      schema: {
        tags,
        summary: 'The resolved entity of a record: its records and the links that join them, with reasons',
        params: z.object({ id: z.string() }),
        querystring: z.object({ purpose: z.string().optional() }),
        response: {
          200: z.object({
            recordId: z.string(),
            records: z.array(nodeOutput),
            links: z.array(edgeOutput),
            judgements: z.array(
              z.object({
                recordA: z.string(),
                recordB: z.string(),
                verdict: z.enum(['same', 'different']),
                reason: z.string(),
                organisationId: z.string(),
                decidedBy: z.string(),
                decidedAt: z.string(),
              }),
            ),
            truncated: z.boolean(),
          }),
          404: errorResponse,
        },
      },
    },
    async (request) => {
      const access = accessOf(request, requirePermission(request, 'records:read'));
      const id = parseRecordId(request.params.id);
      const view = id === undefined ? undefined : await entityView(store, access, id);
      if (view === undefined) throw new WeftError('not_found');
      return {
        recordId: view.recordId,
        records: view.records.map(presentNode),
        links: view.links.map(presentEdge),
        judgements: view.judgements.map((judgement) => ({ ...judgement })),
        truncated: view.truncated,
      };
    },
  );

  /** The access of an analyst or reviewer, who alone judge links. */
  const judgingAccess = (request: FastifyRequest) => {
    const principal = requirePermission(request, 'records:read');
    const { roles } = principal.subject;
    if (!roles.includes('analyst') && !roles.includes('reviewer')) {
      throw new WeftError('forbidden', 'Analysts and reviewers judge links.');
    }
    return accessOf(request, principal);
  };
  const reason = z.string().trim().min(5).max(2_000).describe('Why (kept with the judgement, not in the ledger)');

  app.post(
    '/entities/judgements',
    {
      schema: {
        tags,
        summary: 'Judge two records the same entity or not; every later resolution respects it',
        body: z.object({
          recordA: z.string(),
          recordB: z.string(),
          verdict: z.enum(['same', 'different']),
          reason,
        }),
        querystring: z.object({ purpose: z.string().optional() }),
        response: {
          200: z.object({ ok: z.literal(true) }),
          400: errorResponse,
          403: errorResponse,
          404: errorResponse,
        },
      },
    },
    async (request) => {
      const access = judgingAccess(request);
      const a = parseRecordId(request.body.recordA);
      const b = parseRecordId(request.body.recordB);
      const done =
        a !== undefined &&
        b !== undefined &&
        (await judge(store, resolver, access, {
          recordA: a,
          recordB: b,
          verdict: request.body.verdict,
          reason: request.body.reason,
        }));
      if (!done) throw new WeftError('not_found');
      return { ok: true as const };
    },
  );

  app.post(
    '/entities/:id/split',
    {
      schema: {
        tags,
        summary: 'Split records off a wrongly merged entity; no later run joins them again',
        params: z.object({ id: z.string() }),
        body: z.object({ records: z.array(z.string()).min(1).max(MAX_SPLIT), reason }),
        querystring: z.object({ purpose: z.string().optional() }),
        response: {
          200: z.object({ ok: z.literal(true) }),
          400: errorResponse,
          403: errorResponse,
          404: errorResponse,
        },
      },
    },
    async (request) => {
      const access = judgingAccess(request);
      const id = parseRecordId(request.params.id);
      const apart = request.body.records.map((text) => parseRecordId(text));
      const done =
        id !== undefined &&
        apart.every((record) => record !== undefined) &&
        (await split(store, resolver, access, id, apart, request.body.reason));
      if (!done) throw new WeftError('not_found');
      return { ok: true as const };
    },
  );
};
