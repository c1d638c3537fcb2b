import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation } from '../../../domain/model/organisation.ts';
import { bearer, testApp, type TestApp } from '../../../../test/support/app.ts';
import { databaseTargets } from '../../../../test/support/databases.ts';
import { Conversations } from '../../reporting/conversations.ts';
import { ReportingService } from '../../reporting/reporting.service.ts';
import { WorkerVoiceService } from '../../reporting/worker-voice.service.ts';

const BRAND: Organisation = {
  id: 'fairwear-test',
  name: 'Fairwear',
  organisationType: 'company',
  sector: 'supply_chain',
};
const TOKEN = 'gateway-token-worker-voice';

/** Answers to the eleven indicator questions: yes to each yes/no, "often" to each how-often. */
const ABUSED = ['1', '1', '3', '3', '1', '3', '1', '3', '1', '3', '3'];
/** "No" and "never" throughout. */
const FINE = ['2', '2', '1', '1', '2', '1', '2', '1', '2', '1', '1'];

describe.each(databaseTargets())('worker voice on $name', (target) => {
  let t: TestApp;
  let brandKey = '';
  let campaignId = '';

  /** One worker's survey by USSD: language, menu, site code, the answers; returns the last screen. */
  const surveyByUssd = async (worker: number, answers: readonly string[], site = 'KX7-2') => {
    const phoneNumber = `+8801700${String(worker).padStart(6, '0')}`;
    let screen = '';
    for (const text of ['', '1', '3', site, ...answers]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/channels/messages',
        headers: { authorization: `Bearer ${TOKEN}` },
        payload: { channel: 'ussd', from: phoneNumber, text },
      });
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json<{ reply: string; end: boolean }>();
      expect(body.reply.length).toBeLessThanOrEqual(182);
      screen = `${body.end ? 'END' : 'CON'} ${body.reply}`;
    }
    return screen;
  };
  const risk = async () =>
    t.app.inject({ method: 'GET', url: '/api/v1/worker-voice/sites/KX7-2/risk', headers: bearer(brandKey) });

  beforeAll(async () => {
    t = await testApp(target, {
      services: (store) => {
        const reporting = new ReportingService({
          store,
          hashReceipt: () => Promise.resolve(''),
          tipLine: undefined,
          randomBytes,
        });
        const workerVoice = new WorkerVoiceService({ store });
        return {
          reporting,
          workerVoice,
          gatewayToken: TOKEN,
          conversations: new Conversations({
            reporting,
            outbound: { send: () => Promise.resolve() },
            survey: async (outcome) => {
              await workerVoice.record(outcome);
            },
          }),
        };
      },
    });
    await t.store.organisations.save(BRAND);
    brandKey = await t.store.organisations.issueApiKey(BRAND.id, 'sourcing', ['records:read', 'records:write']);
    // The brand shares its sites' figures with the police through a group of its own.
    await t.store.groups.create({ id: 'sourcing-watch', name: 'Sourcing watch', createdBy: BRAND.id });
    await t.store.groups.addMember('sourcing-watch', 'met-police-mst');
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/v1/worker-voice/sites',
      headers: bearer(brandKey),
      payload: { code: 'kx7-3', name: 'Elsewhere', sharingGroups: ['not-ours'] },
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.body).toContain('not-ours');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/worker-voice/sites',
      headers: bearer(brandKey),
      payload: { code: 'kx7-2', name: 'Dhaka knitwear unit 2', country: 'BD', sharingGroups: ['sourcing-watch'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    const campaign = await t.app.inject({
      method: 'POST',
      url: '/api/v1/worker-voice/sites/KX7-2/campaigns',
      headers: bearer(brandKey),
      payload: { name: 'Autumn 2026', languages: ['en', 'ar'], startsOn: new Date().toISOString().slice(0, 10) },
    });
    expect(campaign.statusCode, campaign.body).toBe(201);
    campaignId = campaign.json<{ id: string }>().id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('withholds every figure while fewer than eleven workers have answered', async () => {
    for (let worker = 0; worker < 10; worker += 1) {
      expect(await surveyByUssd(worker, worker < 6 ? ABUSED : FINE)).toMatch(/^END /u);
    }
    const response = await risk();
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{
      current: { suppressed: boolean };
      indicators: { current: { suppressed: boolean } }[];
    }>();
    expect(body.current).toEqual({ suppressed: true });
    expect(body.indicators.every((indicator) => indicator.current.suppressed)).toBe(true);
  });

  it('shows the site’s indicator shares from the eleventh answer, and alerts the brand once at high risk', async () => {
    await surveyByUssd(10, ABUSED);
    const body = (await risk()).json<{
      current: { suppressed: boolean; respondents: number; level: string };
      indicators: { id: string; current: { suppressed: boolean; share?: number } }[];
    }>();
    expect(body.current).toMatchObject({ suppressed: false, respondents: 11, level: 'high' });
    const documents = body.indicators.find((indicator) => indicator.id === 'retention_of_identity_documents');
    expect(documents?.current).toEqual({ suppressed: false, share: 7 / 11, respondents: 11 });
    await surveyByUssd(11, ABUSED);
    const inbox = await t.app.inject({ method: 'GET', url: '/api/v1/alerts', headers: bearer(brandKey) });
    const alerts = inbox.json<{ alerts: { kind: string; reference: string }[] }>().alerts;
    expect(alerts.filter((alert) => alert.kind === 'worker_voice_risk')).toEqual([
      expect.objectContaining({ reference: 'KX7-2' }),
    ]);
    // The police, in the group the brand named for the site, are told too: the figures, no answer.
    const police = await t.app.inject({ method: 'GET', url: '/api/v1/alerts', headers: bearer(t.keys.police) });
    const told = police
      .json<{ alerts: { kind: string; details: Record<string, unknown> }[] }>()
      .alerts.filter((alert) => alert.kind === 'worker_voice_risk');
    expect(told).toHaveLength(1);
    expect(told[0]?.details).toMatchObject({ site: 'KX7-2', level: 'high', respondents: 11 });
  });

  it('gives a campaign’s figures over its answers', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/worker-voice/sites/KX7-2/risk?campaign=${campaignId}`,
      headers: bearer(brandKey),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<{ current: unknown }>().current).toMatchObject({ suppressed: false, respondents: 12 });
    const listed = await t.app.inject({
      method: 'GET',
      url: '/api/v1/worker-voice/sites/KX7-2/campaigns',
      headers: bearer(brandKey),
    });
    expect(listed.json<{ campaigns: { name: string; languages: string[] }[] }>().campaigns).toEqual([
      expect.objectContaining({ name: 'Autumn 2026', languages: ['en', 'ar'] }),
    ]);
  });

  it('keeps no answer for a site code no brand registered, and hides one brand’s site from another', async () => {
    await surveyByUssd(50, ABUSED, 'ZZ9-9');
    const [row] = await t.store.database.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM worker_voice_responses WHERE site_code = 'ZZ9-9'",
    );
    expect(row?.count).toBe(0);
    const other = await t.app.inject({
      method: 'GET',
      url: '/api/v1/worker-voice/sites/KX7-2/risk',
      headers: bearer(t.keys.hotel),
    });
    expect(other.statusCode).toBe(404);
  });
});
