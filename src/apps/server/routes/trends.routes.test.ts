/**
 * Trends and routes through the API: series per group and period with totals, small counts withheld
 * with partners so that no total gives them away, counts of only what the reader may see (a company
 * never counts victims' cases; a field hidden from the reader groups as "(withheld)"), the ledger
 * entry of each read, a reader without the permission refused, and bad parameters named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation } from '../../../domain/model/organisation.ts';
import { databaseTargets } from '../../../../test/support/databases.ts';
import { bearer, testApp, type TestApp } from '../../../../test/support/app.ts';
import { HOTEL, POLICE } from '../../../../test/fixtures/records.ts';

const NGO: Organisation = {
  id: 'safe-house',
  name: 'Safe House',
  organisationType: 'ngo',
  sector: 'ngo',
  country: 'GB',
};

interface Shown {
  count: number | null;
  suppressed: boolean;
}
interface TrendsBody {
  periods: string[];
  by: string;
  series: { group: string; points: (Shown & { period: string })[]; total: Shown }[];
  totals: { points: (Shown & { period: string })[]; total: Shown };
}
interface Place {
  name: string;
  country: string | null;
  lat: number | null;
  lon: number | null;
}
interface RoutesBody {
  flows: (Shown & { from: Place; to: Place; stage: string })[];
  unlocated: (Shown & { from: Place; to: Place; stage: string })[];
  total: Shown;
}

/** Every count an answer shows, totals included. */
function shownCounts(body: TrendsBody): (number | null)[] {
  return [
    ...body.series.flatMap((series) => [...series.points.map((point) => point.count), series.total.count]),
    ...body.totals.points.map((point) => point.count),
    body.totals.total.count,
  ];
}

const tip = (id: string, receivedAt: string, country: string, exploitationType: string) => ({
  type: 'Tip',
  sourceRecordId: id,
  properties: { receivedAt, channel: 'web', country, exploitationType: [exploitationType], text: 'seen' },
});

const trip = (id: string, origin: string, destination: string, departureAt: string) => ({
  type: 'Trip',
  sourceRecordId: id,
  properties: { mode: 'bus', origin, destination, departureAt },
});

describe.each(databaseTargets())('trends and routes through the API on $name', (target) => {
  let t: TestApp;
  const keys = { police: '', hotel: '', ngo: '', writer: '' };

  const get = (key: string, url: string, purpose = 'crime_analysis') =>
    t.app.inject({ url: `/api/v1${url}`, headers: bearer(key, purpose) });
  const submit = async (owner: Organisation, sourceSystem: string, envelope: object, records: object[]) => {
    const key = await t.store.organisations.issueApiKey(owner.id, 'writer', ['records:write']);
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/records',
      headers: { authorization: `Bearer ${key}` },
      payload: { sourceSystem, envelope, records },
    });
    expect(response.json()).toMatchObject({ rejected: 0 });
  };

  beforeAll(async () => {
    t = await testApp(target);
    await t.store.organisations.save(NGO);
    const analyst = { roles: ['analyst' as const], clearance: 'secret' as const };
    keys.police = await t.store.organisations.issueApiKey(POLICE.id, 'analyst', ['records:read'], analyst);
    keys.hotel = await t.store.organisations.issueApiKey(HOTEL.id, 'analyst', ['records:read'], analyst);
    keys.ngo = await t.store.organisations.issueApiKey(NGO.id, 'caseworker', ['records:read'], {
      roles: ['caseworker'],
      clearance: 'secret',
    });
    keys.writer = await t.store.organisations.issueApiKey(POLICE.id, 'writer only', ['records:write']);
    // The hotline's tips: GB 25 in January and 30 in February, FR 4 in February and 20 in March.
    const tips = [
      ...Array.from({ length: 25 }, (_, n) => tip(`gb-jan-${n}`, '2026-01-10T10:00:00Z', 'GB', 'forced_labour')),
      ...Array.from({ length: 30 }, (_, n) => tip(`gb-feb-${n}`, '2026-02-10T10:00:00Z', 'GB', 'sexual_exploitation')),
      ...Array.from({ length: 4 }, (_, n) => tip(`fr-feb-${n}`, '2026-02-11T10:00:00Z', 'FR', 'forced_labour')),
      ...Array.from({ length: 20 }, (_, n) => tip(`fr-mar-${n}`, '2026-03-11T10:00:00Z', 'FR', 'forced_labour')),
    ];
    await submit(NGO, 'hotline', { tlp: 'GREEN' }, tips);
    // Tips whose country the hotline shows to law enforcement only.
    await submit(
      NGO,
      'hotline-restricted',
      { tlp: 'GREEN', fieldRestrictions: { country: ['law_enforcement'] } },
      Array.from({ length: 12 }, (_, n) => tip(`es-${n}`, '2026-03-02T10:00:00Z', 'ES', 'forced_labour')),
    );
    // Victims' cases (sealed): 12 from Romania exploited in Great Britain.
    await submit(
      NGO,
      'casework',
      { tlp: 'GREEN', subjectCategory: 'victim', confidentiality: 'secret' },
      Array.from({ length: 12 }, (_, n) => ({
        type: 'Case',
        sourceRecordId: `case-${n}`,
        properties: {
          title: `Support ${n}`,
          openedAt: '2026-02-20',
          exploitationType: ['sexual_exploitation'],
          countryOfOrigin: ['RO'],
          countryOfExploitation: ['GB'],
        },
      })),
    );
    // Coach legs: 40 Istanbul → London, 12 Bucharest → London, 3 Bucharest → Istanbul, 2 from nowhere known.
    await submit(POLICE, 'coaches', { tlp: 'GREEN' }, [
      ...Array.from({ length: 40 }, (_, n) => trip(`il-${n}`, 'Istanbul', 'London Victoria', '2026-02-01T08:00:00Z')),
      ...Array.from({ length: 12 }, (_, n) => trip(`bl-${n}`, 'Bucharest', 'London', '2026-02-02T08:00:00Z')),
      ...Array.from({ length: 3 }, (_, n) => trip(`bi-${n}`, 'Bucharest', 'Istanbul', '2026-02-03T08:00:00Z')),
      ...Array.from({ length: 2 }, (_, n) => trip(`al-${n}`, 'Atlantis', 'London', '2026-02-04T08:00:00Z')),
      trip('late', 'Istanbul', 'London', '2026-06-01T08:00:00Z'),
    ]);
  });

  afterAll(async () => {
    await t.close();
  });

  it('gives a series per group and a point per month, with totals', async () => {
    const response = await get(
      keys.police,
      '/trends?measure=tips&by=country&interval=month&from=2026-01-01&to=2026-03-31',
    );
    expect(response.statusCode).toBe(200);
    const body = response.json<TrendsBody>();
    expect(body.periods).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(body.series.map((series) => series.group)).toEqual(['ES', 'FR', 'GB']);
    const gb = body.series.find((series) => series.group === 'GB');
    expect(gb?.points[0]).toEqual({ period: '2026-01', count: 25, suppressed: false });
    expect(gb?.points[2]).toEqual({ period: '2026-03', count: 0, suppressed: false });
    // FR February is 4: withheld, and so is at least one partner in its row and its column.
    const fr = body.series.find((series) => series.group === 'FR');
    expect(fr?.points[1]).toEqual({ period: '2026-02', count: null, suppressed: true });
    const frWithheld = [...(fr?.points ?? []), fr?.total].filter((point) => point?.suppressed === true);
    expect(frWithheld.length).toBeGreaterThanOrEqual(2);
    const february = body.series.map((series) => series.points[1]).concat(body.totals.points[1]);
    expect(february.filter((point) => point?.suppressed).length).toBeGreaterThanOrEqual(2);
    for (const count of shownCounts(body)) expect(count === null || count === 0 || count >= 11).toBe(true);
    expect(body.totals.total).toEqual({ count: 91, suppressed: false });
  });

  it('gives ISO weeks by their Monday, and keeps to the range asked', async () => {
    const response = await get(keys.police, '/trends?measure=tips&interval=week&from=2026-02-09&to=2026-02-15');
    const body = response.json<TrendsBody>();
    expect(body.by).toBe('none');
    expect(body.periods).toEqual(['2026-02-09']);
    expect(body.series).toEqual([
      {
        group: 'all',
        points: [{ period: '2026-02-09', count: 34, suppressed: false }],
        total: { count: 34, suppressed: false },
      },
    ]);
  });

  it('counts only what the reader may see: a company no victim, a hidden field as withheld', async () => {
    const police = (
      await get(keys.police, '/trends?measure=cases&by=exploitationType&from=2026-01-01&to=2026-03-31')
    ).json<TrendsBody>();
    expect(police.totals.total).toEqual({ count: 12, suppressed: false });
    expect(police.series.map((series) => series.group)).toEqual(['sexual_exploitation']);
    const hotel = (await get(keys.hotel, '/trends?measure=cases&from=2026-01-01&to=2026-03-31')).json<TrendsBody>();
    expect(hotel.series).toEqual([]);
    expect(hotel.totals.total).toEqual({ count: 0, suppressed: false });
    const byCountry = (
      await get(keys.hotel, '/trends?measure=tips&by=country&from=2026-03-01&to=2026-03-31')
    ).json<TrendsBody>();
    expect(byCountry.series.map((series) => series.group)).toEqual(['(withheld)', 'FR']);
    expect(byCountry.series[0]?.total).toEqual({ count: 12, suppressed: false });
  });

  it('counts as many records as the reader may list, for each reader', async () => {
    for (const [key, purpose] of [
      [keys.police, 'crime_analysis'],
      [keys.hotel, 'crime_analysis'],
      [keys.ngo, 'victim_support'],
    ] as const) {
      let listed = 0;
      let after: string | null = null;
      do {
        const page: { records: unknown[]; next: string | null } = (
          await get(key, `/records?limit=1000${after === null ? '' : `&after=${after}`}`, purpose)
        ).json();
        listed += page.records.length;
        after = page.next;
      } while (after !== null);
      expect(listed).toBeGreaterThan(100);
      const counted = (await get(key, '/trends?measure=records', purpose)).json<TrendsBody>();
      expect(counted.totals.total).toEqual({ count: listed, suppressed: false });
    }
  });

  it('counts records by type and sector, and alerts of the reader by typology', async () => {
    const records = (await get(keys.police, '/trends?measure=records&by=type')).json<TrendsBody>();
    expect(records.series.map((series) => series.group).sort()).toEqual(['Case', 'Tip', 'Trip']);
    const today = new Date().toISOString().slice(0, 10);
    await t.store.alerts.raise(
      Array.from({ length: 13 }, (_, n) => ({
        organisationId: POLICE.id,
        kind: 'red_flag' as const,
        urgency: 'routine' as const,
        dedupKey: `flag-${n}`,
        reference: `ref-${n}`,
        recordId: null,
        raisedBy: POLICE.id,
        details: { typology: n < 11 ? 'funnel-account' : 'structuring' },
      })),
      undefined,
    );
    const typologies = (
      await get(keys.police, `/trends?measure=typologies&from=${today}&to=${today}`)
    ).json<TrendsBody>();
    expect(typologies.by).toBe('type');
    expect(typologies.series.map((series) => series.group)).toEqual(['funnel-account', 'structuring']);
    expect(typologies.series[1]?.total).toEqual({ count: null, suppressed: true });
    expect(typologies.series[0]?.total).toEqual({ count: null, suppressed: true });
    expect(typologies.totals.total).toEqual({ count: 13, suppressed: false });
    const hotel = (await get(keys.hotel, `/trends?measure=alerts&from=${today}&to=${today}`)).json<TrendsBody>();
    expect(hotel.totals.total).toEqual({ count: 0, suppressed: false });
  });

  it('maps flows between located places with their stages, the unlocated apart, small ones withheld', async () => {
    const response = await get(keys.police, '/routes?from=2026-01-01&to=2026-03-31');
    expect(response.statusCode).toBe(200);
    const body = response.json<RoutesBody>();
    const istanbulLondon = body.flows.find((flow) => flow.from.name === 'Istanbul' && flow.to.name === 'London');
    expect(istanbulLondon).toEqual({
      from: { name: 'Istanbul', country: 'TR', lat: 41.01, lon: 28.98 },
      to: { name: 'London', country: 'GB', lat: 51.51, lon: -0.13 },
      stage: 'transit-destination',
      count: 40,
      suppressed: false,
    });
    expect(body.flows.find((flow) => flow.to.name === 'Istanbul')).toMatchObject({
      stage: 'origin-transit',
      count: null,
      suppressed: true,
    });
    expect(body.flows.find((flow) => flow.from.name === 'RO')).toMatchObject({
      to: { name: 'GB', country: 'GB' },
      stage: 'origin-destination',
      count: 12,
    });
    expect(body.unlocated).toEqual([
      {
        // Two movements from a place not located: too few to name it as written.
        from: { name: '(elsewhere)', country: null, lat: null, lon: null },
        to: { name: 'London', country: 'GB', lat: 51.51, lon: -0.13 },
        stage: 'other',
        count: null,
        suppressed: true,
      },
    ]);
    for (const flow of [...body.flows, ...body.unlocated]) {
      expect(flow.count === null || flow.count >= 11).toBe(true);
    }
    expect(body.total).toEqual({ count: 69, suppressed: false });
  });

  it('maps only cases of the exploitation asked for', async () => {
    const body = (
      await get(keys.police, '/routes?from=2026-01-01&to=2026-03-31&exploitationType=sexual_exploitation')
    ).json<RoutesBody>();
    expect(body.flows.map((flow) => [flow.from.name, flow.to.name, flow.count])).toEqual([['RO', 'GB', 12]]);
    const none = (
      await get(keys.police, '/routes?from=2026-01-01&to=2026-03-31&exploitationType=forced_begging')
    ).json<RoutesBody>();
    expect(none).toMatchObject({ flows: [], unlocated: [], total: { count: 0, suppressed: false } });
  });

  it('records each aggregate read in the ledger, by count and without record ids', async () => {
    const response = await get(keys.police, '/trends?measure=tips&from=2026-01-01&to=2026-03-31');
    const requestId = response.headers['x-correlation-id'];
    const entries = (await t.store.ledger.search({ after: 0, limit: 10_000, action: 'consult' })).filter(
      (entry) => entry.requestId === requestId,
    );
    expect(entries).toMatchObject([
      {
        action: 'consult',
        organisation: POLICE.id,
        purpose: 'crime_analysis',
        objectIds: [],
        detail: 'trends:tips:none:month: 91 counted',
      },
    ]);
  });

  it('refuses a reader without the permission, and a purpose the reader may not declare', async () => {
    expect((await get(keys.writer, '/trends')).statusCode).toBe(403);
    expect((await get(keys.writer, '/routes')).statusCode).toBe(403);
    expect((await get(keys.ngo, '/trends', 'investigation')).statusCode).toBe(403);
  });

  it('names the field of a bad parameter', async () => {
    const field = async (url: string) => {
      const response = await get(keys.police, url);
      expect(response.statusCode).toBe(400);
      return response.json<{ error: { details?: { field: string }[] } }>().error.details?.map((detail) => detail.field);
    };
    expect(await field('/trends?measure=victims')).toEqual(['measure']);
    expect(await field('/trends?interval=day')).toEqual(['interval']);
    expect(await field('/trends?measure=records&by=country')).toEqual(['by']);
    expect(await field('/trends?from=2026-03-01&to=2026-01-01')).toEqual(['from']);
    expect(await field('/trends?from=2026-13-01')).toEqual(['from']);
    expect(await field('/trends?interval=week&from=2020-01-01&to=2026-01-01')).toEqual(['from']);
    expect(await field('/routes?exploitationType=smuggling')).toEqual(['exploitationType']);
  });
});
