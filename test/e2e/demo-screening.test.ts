/**
 * The demo's screening stories, end to end on the demo world: Harbour Hotels' compliance user
 * screens tonight's guest list and sees "secondary check advised" for the planted wanted man,
 * while the police unit that owns his notice gets the hit; the unit's reviewer publishes the
 * missing girl's notice, and the booking the hotel already holds raises an urgent alert to the
 * police and a safeguarding alert to child protection. And the red-flag story: North Bank's
 * analyst sees after-hours nail-salon and massage payments and the planted ring's funnel account
 * among the bank's alerts, with their evidence and reasons; the police unit, which holds that
 * account in its case, is told of the funnel red flag and whom to ask.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../src/adapters/store/index.ts';
import { openIngestStream } from '../../src/adapters/streams/index.ts';
import { loadDemoWorld } from '../../src/apps/ingest/demo.ts';
import { NoticeIndex, ScreeningWatch } from '../../src/apps/screening/index.ts';
import { PaymentMonitoring } from '../../src/apps/monitor/payment-monitoring.ts';
import { buildApp } from '../../src/apps/server/app.ts';
import {
  SCENARIO_HOTEL,
  SCENARIO_MISSING_CHILD,
  SCENARIO_POLICE,
  SCENARIO_RING_ACCOUNT,
  SCENARIO_WANTED,
  scenarioGuestList,
} from '../../src/domain/synth/index.ts';
import { databaseTargets } from '../support/databases.ts';
// The demo's users are not signed in here: a hasher that does no work keeps the load fast.
import { NO_HASHING } from '../support/no-hashing.ts';

interface Alert {
  kind: string;
  urgency: string;
  reference: string;
  raisedBy: string;
  details: Record<string, unknown>;
}

describe.each(databaseTargets())('the demo’s screening stories on $name', { timeout: 300_000 }, (target) => {
  let store: Store;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  let notices: NoticeIndex;
  let watch: ScreeningWatch;
  let monitoring: PaymentMonitoring;
  let closeStream: () => Promise<void>;
  const keys = { hotel: '', police: '', reviewer: '', childProtection: '', bank: '' };
  const headers = (key: string, purpose = 'screening') => ({
    authorization: `Bearer ${key}`,
    'x-weft-purpose': purpose,
  });
  const alertsOf = async (key: string) =>
    (await app.inject({ url: '/api/v1/alerts?limit=500', headers: headers(key) })).json<{ alerts: Alert[] }>().alerts;

  beforeAll(async () => {
    ({ store, dispose } = await target.open());
    await loadDemoWorld(store, NO_HASHING);
    keys.hotel = await store.organisations.issueApiKey(SCENARIO_HOTEL, 'compliance', ['records:read'], {
      roles: ['reporter'],
    });
    keys.police = await store.organisations.issueApiKey(SCENARIO_POLICE, 'analyst', ['records:read'], {
      roles: ['analyst'],
      clearance: 'secret',
    });
    keys.reviewer = await store.organisations.issueApiKey(SCENARIO_POLICE, 'reviewer', ['records:read'], {
      roles: ['reviewer'],
    });
    keys.childProtection = await store.organisations.issueApiKey('safe-harbour', 'caseworker', ['records:read'], {
      roles: ['caseworker'],
    });
    keys.bank = await store.organisations.issueApiKey(SCENARIO_RING_ACCOUNT.bank, 'analyst', ['records:read'], {
      roles: ['analyst'],
    });
    // The payments held, replayed as the server does when it starts.
    monitoring = await PaymentMonitoring.start(store, {
      monitored: () => undefined,
      failed: (error) => {
        throw error;
      },
    });
    const stream = await openIngestStream({});
    closeStream = () => stream.close();
    notices = await NoticeIndex.open(store);
    watch = ScreeningWatch.start(store, notices, {
      screened: () => undefined,
      failed: (error) => {
        throw error;
      },
    });
    // Continuous screening of the world's records as the server would do after loading it.
    await watch.settle();
    app = await buildApp({ store, stream, streamConsumerRunning: () => true, notices, watch });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await watch.stop();
    await monitoring.stop();
    notices.close();
    await closeStream();
    await dispose();
  });

  it('shows the hotel "secondary check advised" for the wanted man on its guest list, and the police the hit', async () => {
    const sent = await app.inject({
      method: 'POST',
      url: '/api/v1/screen/batches',
      headers: { ...headers(keys.hotel), 'content-type': 'text/csv' },
      payload: scenarioGuestList(),
    });
    expect(sent.statusCode, sent.body).toBe(202);
    const { id, total } = sent.json<{ id: string; total: number }>();
    expect(total).toBe(24);
    let batch: { state: string; done: number; results: { id: string; result: string; reference: string | null }[] };
    for (;;) {
      batch = (await app.inject({ url: `/api/v1/screen/batches/${id}`, headers: headers(keys.hotel) })).json();
      if (batch.state === 'done' || batch.state === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(batch.state).toBe('done');
    const wanted = batch.results.find((row) => row.id === 'guest-12');
    expect(wanted).toMatchObject({ result: 'secondary_check_advised', hits: [] });
    expect(JSON.stringify(batch)).not.toContain(SCENARIO_WANTED.name);
    const advised = batch.results.filter((row) => row.result !== 'no_hit');
    console.log(
      `demo: guest list of ${total}: ${advised.length} secondary check advised (${advised.map((row) => row.id).join(', ')})`,
    );

    const hit = (await alertsOf(keys.police)).find((alert) => alert.reference === wanted?.reference);
    expect(hit).toMatchObject({ kind: 'screening_hit', raisedBy: SCENARIO_HOTEL });
    expect(hit?.details).toMatchObject({ noticeType: 'wanted', callerReference: 'guest-12' });
  });

  it('raises an urgent alert from the booking the hotel holds when the reviewer publishes the missing girl’s notice', async () => {
    const queue = (
      await app.inject({ url: '/api/v1/notices?status=in_review', headers: headers(keys.reviewer) })
    ).json<{ notices: { notice: { id: string; properties: { name: string[] } } }[] }>().notices;
    const notice = queue.find((each) => each.notice.properties.name.includes(SCENARIO_MISSING_CHILD.name))?.notice;
    expect(notice).toBeDefined();
    const approved = await app.inject({
      method: 'POST',
      url: `/api/v1/notices/${notice?.id ?? ''}/steps`,
      headers: headers(keys.reviewer),
      payload: { action: 'approve' },
    });
    expect(approved.json()).toMatchObject({ status: 'published' });
    await watch.settle();
    const urgent = (await alertsOf(keys.police)).filter(
      (alert) => alert.kind === 'continuous_hit' && alert.details['notice'] === notice?.id,
    );
    expect(urgent).toMatchObject([{ urgency: 'urgent', raisedBy: SCENARIO_HOTEL }]);
    expect(urgent[0]?.details).toMatchObject({ record: { type: 'Booking', heldBy: SCENARIO_HOTEL } });
    const safeguarding = (await alertsOf(keys.childProtection)).filter(
      (alert) => alert.details['notice'] === notice?.id,
    );
    expect(safeguarding).toMatchObject([{ kind: 'child_safeguarding', urgency: 'urgent' }]);
  });

  it('shows the bank after-hours and funnel-account red flags with evidence and reasons, and the police the link', async () => {
    const flags = (await alertsOf(keys.bank)).filter((alert) => alert.kind === 'red_flag');
    const byTypology = new Map<string, Alert[]>();
    for (const flag of flags) {
      const typology = String(flag.details['typology']);
      byTypology.set(typology, [...(byTypology.get(typology) ?? []), flag]);
    }
    console.log(
      `demo: North Bank red flags: ${[...byTypology].map(([typology, each]) => `${typology} ${each.length}`).join(', ')}`,
    );
    const afterHours = byTypology.get('after_hours_personal_services') ?? [];
    expect(afterHours.length).toBeGreaterThan(0);
    expect(String(afterHours[0]?.details['explanation'])).toMatch(/between 22:00 and 05:00/);
    expect((afterHours[0]?.details['payments'] as string[]).length).toBeGreaterThanOrEqual(5);
    const funnel = byTypology.get('funnel_account') ?? [];
    expect(funnel.length).toBeGreaterThan(0);
    expect(String(funnel[0]?.details['explanation'])).toMatch(/in \d+ cities within 14 days, and paid out/);

    const links = (await alertsOf(keys.police)).filter((alert) => alert.kind === 'red_flag_link');
    expect(links.length).toBeGreaterThan(0);
    expect(links[0]?.details).toMatchObject({
      typology: 'funnel_account',
      institution: { id: SCENARIO_RING_ACCOUNT.bank },
    });
    expect(links.every((link) => funnel.some((flag) => flag.reference === link.reference))).toBe(true);
  });
});
