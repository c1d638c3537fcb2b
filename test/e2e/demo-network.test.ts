/**
 * The demo world resolved, as its analysts see it: the hub's analyst asks for a planted
 * controller's phone and finds the people, adverts, stays and accounts tied to it, each link with
 * its reason; a company's analyst, asking the same, sees only what its organisation is entitled to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../src/adapters/store/index.ts';
import { DEMO_WORLD, loadDemoWorld } from '../../src/apps/ingest/demo.ts';
import { Resolver } from '../../src/apps/resolution/resolver.ts';
import { buildApp } from '../../src/apps/server/app.ts';
import { openIngestStream } from '../../src/adapters/streams/index.ts';
import { generateWorld, type PlantedNetwork } from '../../src/domain/synth/index.ts';
import { databaseTargets } from '../support/databases.ts';
// The demo's users are not signed in here: a hasher that does no work keeps the load fast.
import { NO_HASHING } from '../support/no-hashing.ts';

interface Network {
  nodes: { id: string; kind: string; ownerOrganisation: string }[];
  edges: { basis: string; kind: string; reason?: string; features?: unknown[] }[];
  carriers: string[];
}

describe.each(databaseTargets())('the demo world’s network on $name', { timeout: 300_000 }, (target) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  let closeStream: () => Promise<void>;
  const keys = { hub: '', hotel: '' };
  const ring = [...generateWorld(DEMO_WORLD)].flatMap((item) =>
    item.kind === 'network' && item.network.exploitation === 'sexual_exploitation' ? [item.network] : [],
  )[0] as PlantedNetwork;

  const ask = (key: string, phone: string) =>
    app.inject({
      url: `/api/v1/network/identifier?kind=phone&value=${encodeURIComponent(phone)}&hops=2&limit=1000`,
      headers: { authorization: `Bearer ${key}`, 'x-weft-purpose': 'investigation' },
    });

  beforeAll(async () => {
    ({ store, dispose } = await target.open());
    await loadDemoWorld(store, NO_HASHING);
    await new Resolver(store).resolvePending();
    const reach = { roles: ['analyst' as const], clearance: 'secret' as const };
    keys.hub = await store.organisations.issueApiKey('weft-hub', 'analyst', ['records:read'], reach);
    keys.hotel = await store.organisations.issueApiKey('harbour-hotels', 'analyst', ['records:read'], reach);
    const stream = await openIngestStream({});
    closeStream = () => stream.close();
    app = await buildApp({ store, stream, streamConsumerRunning: () => true });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await closeStream();
    await dispose();
  });

  it("ties a planted controller's phone to people, adverts, stays and accounts, with reasons", async () => {
    const phone = ring.phones[0] ?? '';
    const response = await ask(keys.hub, phone);
    expect(response.statusCode).toBe(200);
    const network = response.json<Network>();
    const kinds = new Set(network.nodes.map((node) => node.kind));
    console.log(
      `demo: ${phone} (${ring.id}) → ${network.carriers.length} records carry it, ${network.nodes.length} records within 2 links: ${[...kinds].sort().join(', ')}`,
    );
    for (const kind of ['Person', 'Advert', 'Booking']) expect(kinds).toContain(kind);
    expect(['BankAccount', 'PaymentInstrument', 'OnlineAccount'].some((kind) => kinds.has(kind))).toBe(true);
    // Records of several sectors' organisations, woven together.
    expect(new Set(network.nodes.map((node) => node.ownerOrganisation)).size).toBeGreaterThanOrEqual(3);
    // Every link says why it is there; resolution's say which features fired.
    expect(network.edges.every((edge) => (edge.reason ?? '') !== '')).toBe(true);
    const resolved = network.edges.filter((edge) => edge.basis === 'resolved');
    expect(resolved.length).toBeGreaterThan(0);
    expect(resolved.every((edge) => (edge.features?.length ?? 0) > 0)).toBe(true);
    // The ring's adverts: most of them are found from its phone, however it was written.
    const adverts = network.nodes.filter((node) => node.kind === 'Advert').length;
    expect(adverts).toBeGreaterThanOrEqual(Math.ceil(ring.adverts.length / 2));
  });

  it('shows a company only what its organisation is entitled to', async () => {
    const phone = ring.phones[0] ?? '';
    const hub = (await ask(keys.hub, phone)).json<Network>();
    const hotel = (await ask(keys.hotel, phone)).json<Network>();
    const seenByHub = new Set(hub.nodes.map((node) => node.id));
    // The hotel sees its own records and what other organisations share with every member (GREEN),
    // never what they share with coordinators only (AMBER), nor any victim's record.
    const owners = new Set(hotel.nodes.map((node) => node.ownerOrganisation));
    expect(owners.has('harbour-hotels')).toBe(true);
    const shared = await store.database.query<{ owner_organisation: string }>(
      `SELECT DISTINCT r.owner_organisation FROM records r JOIN markings m ON m.id = r.marking_id
       WHERE r.id = ANY($1::uuid[]) AND r.owner_organisation <> 'harbour-hotels'
         AND (m.tlp IS DISTINCT FROM 'GREEN' AND m.tlp IS DISTINCT FROM 'CLEAR' OR m.subject_category = 'victim')`,
      [hotel.nodes.map((node) => node.id)],
    );
    expect(shared).toEqual([]);
    expect(hotel.nodes.length).toBeLessThan(hub.nodes.length);
    expect(
      hotel.nodes.filter((node) => !seenByHub.has(node.id) && node.ownerOrganisation !== 'harbour-hotels'),
    ).toEqual([]);
  });
});
