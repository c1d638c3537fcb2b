/**
 * The demo's reporting story: a member of the public submits a tip in Arabic on the tip page,
 * naming the planted ring's phone; Freedom Line's triage queue shows the phone extracted and the
 * demo world's records resolution links it to; the hotline replies, and the reporter reads the
 * reply with the receipt code.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../src/adapters/store/index.ts';
import { openIngestStream } from '../../src/adapters/streams/index.ts';
import { DEMO_WORLD, loadDemoWorld } from '../../src/apps/ingest/demo.ts';
import { ReportingService } from '../../src/apps/reporting/reporting.service.ts';
import { Resolver } from '../../src/apps/resolution/resolver.ts';
import { buildApp } from '../../src/apps/server/app.ts';
import {
  generateWorld,
  SCENARIO_SUPPLY_SITE,
  WORLD_TIP_LINE,
  type PlantedNetwork,
} from '../../src/domain/synth/index.ts';
import { databaseTargets } from '../support/databases.ts';
import { multipartForm } from '../support/multipart.ts';
// The demo's users are not signed in here: a hasher that does no work keeps the load fast.
import { NO_HASHING } from '../support/no-hashing.ts';

describe.each(databaseTargets())('the demo’s reporting story on $name', { timeout: 300_000 }, (target) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  let closeStream: () => Promise<void>;
  let hotline = '';
  let filedAtStart = 0;
  let reporting: ReportingService;
  const ring = [...generateWorld(DEMO_WORLD)].flatMap((item) =>
    item.kind === 'network' && item.network.exploitation === 'sexual_exploitation' ? [item.network] : [],
  )[0] as PlantedNetwork;
  const headers = () => ({ authorization: `Bearer ${hotline}`, 'x-weft-purpose': 'investigation' });

  beforeAll(async () => {
    ({ store, dispose } = await target.open());
    await loadDemoWorld(store, NO_HASHING);
    hotline = await store.organisations.issueApiKey(WORLD_TIP_LINE, 'triage', ['records:read'], {
      roles: ['analyst'],
      clearance: 'secret',
    });
    const stream = await openIngestStream({});
    closeStream = () => stream.close();
    reporting = new ReportingService({
      store,
      // Receipt codes hashed cheaply here; the Argon2id hasher has its own test.
      hashReceipt: (code) => Promise.resolve(createHmac('sha256', 'demo').update(code).digest('hex')),
      tipLine: WORLD_TIP_LINE,
      randomBytes,
    });
    app = await buildApp({ store, stream, streamConsumerRunning: () => true, reporting });
    await app.ready();
    // As the server does at start: the hotline's tips from the world join its queue.
    filedAtStart = await reporting.fileHeldTips();
  });
  afterAll(async () => {
    await app.close();
    await closeStream();
    await dispose();
  });

  it('files the hotline’s tips from the world in its queue, with what their texts name', async () => {
    const queue = await app.inject({ url: '/api/v1/reports?limit=500', headers: headers() });
    const reports = queue.json<{
      reports: { channel: string; extracted: { phones: unknown[]; places: unknown[] } }[];
    }>().reports;
    console.log(`demo: ${filedAtStart} tips of the world filed in the hotline's queue at start`);
    expect(filedAtStart).toBeGreaterThan(0);
    expect(reports).toHaveLength(filedAtStart);
    expect(reports.some((report) => report.extracted.phones.length > 0)).toBe(true);
    expect(reports.some((report) => report.extracted.places.length > 0)).toBe(true);
    // Filing again finds nothing left to file.
    expect(await reporting.fileHeldTips()).toBe(0);
  });

  it('shows the brand its supplier site’s ILO indicator figures, rising this month', async () => {
    const brand = await store.organisations.issueApiKey(SCENARIO_SUPPLY_SITE.brand, 'sourcing', ['records:read']);
    const response = await app.inject({
      url: `/api/v1/worker-voice/sites/${SCENARIO_SUPPLY_SITE.code}/risk`,
      headers: { authorization: `Bearer ${brand}` },
    });
    expect(response.statusCode, response.body).toBe(200);
    const risk = response.json<{
      current: { suppressed: boolean; respondents?: number; risk?: number; level?: string };
      previous: { suppressed: boolean; risk?: number; level?: string };
      trend: string;
      indicators: { id: string; current: { suppressed: boolean; share?: number } }[];
    }>();
    const documents = risk.indicators.find((indicator) => indicator.id === 'retention_of_identity_documents');
    console.log(
      `demo: ${SCENARIO_SUPPLY_SITE.code} risk ${risk.current.risk?.toFixed(2)} (${risk.current.level}, ` +
        `${risk.current.respondents} respondents) against ${risk.previous.risk?.toFixed(2)} (${risk.previous.level}) ` +
        `last month, ${risk.trend}; documents kept: ${documents?.current.share?.toFixed(2)}`,
    );
    expect(risk.current.suppressed).toBe(false);
    expect(risk.previous.suppressed).toBe(false);
    expect(risk.trend).toBe('up');
  });

  it('turns an Arabic tip naming the ring’s phone into a triaged report linked to the world, and a reply read by code', async () => {
    const phone = ring.phones[0] ?? '';
    const form = multipartForm([
      { name: 'language', value: 'ar' },
      { name: 'inDanger', value: 'no' },
      { name: 'concerns', value: 'sexual_exploitation' },
      { name: 'where', value: ring.cities[0] ?? '' },
      { name: 'text', value: `فتيات صغيرات يُنقلن ليلاً إلى الفندق. الرجل يرد على الرقم ${phone}` },
    ]);
    const submitted = await app.inject({
      method: 'POST',
      url: '/report?lang=ar',
      payload: form.payload,
      headers: form.headers,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.body).toContain('dir="rtl"');
    const code = /data-receipt-code>([0-9A-Z-]+)</u.exec(submitted.body)?.[1] ?? '';
    expect(code).not.toBe('');

    // The server resolves records in the background; here, at once.
    await new Resolver(store).resolvePending();
    const queue = await app.inject({ url: '/api/v1/reports', headers: headers() });
    const [report] = queue.json<{
      reports: { id: string; language: string; extracted: { phones: { e164: string }[] } }[];
    }>().reports;
    expect(report?.language).toBe('ar');
    expect(report?.extracted.phones.map((found) => found.e164)).toContain(phone);
    const detail = await app.inject({ url: `/api/v1/reports/${report?.id}`, headers: headers() });
    expect(detail.statusCode, detail.body).toBe(200);
    const linked = detail.json<{ linked: { recordId: string; type: string; via: string }[] }>().linked;
    console.log(
      `demo: an Arabic tip naming ${phone} (${ring.id}) links to ${linked.length} records the hotline may see: ` +
        [...new Set(linked.map((record) => record.type))].sort().join(', '),
    );
    // The hotline's earlier tips about the same ring carry the same phone.
    expect(linked.some((record) => record.type === 'Tip')).toBe(true);

    const replied = await app.inject({
      method: 'POST',
      url: `/api/v1/reports/${report?.id}/replies`,
      headers: headers(),
      payload: { body: 'شكرًا لك. هل تعرف اسم الفندق؟' },
    });
    expect(replied.statusCode, replied.body).toBe(201);
    const follow = multipartForm([{ name: 'code', value: code }]);
    const read = await app.inject({
      method: 'POST',
      url: '/report/follow-up?lang=ar',
      payload: follow.payload,
      headers: follow.headers,
    });
    expect(read.statusCode).toBe(200);
    expect(read.body).toContain('هل تعرف اسم الفندق؟');
  });
});
