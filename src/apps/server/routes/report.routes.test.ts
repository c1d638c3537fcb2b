import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation } from '../../../domain/model/organisation.ts';
import { databaseTargets } from '../../../../test/support/databases.ts';
import { bearer, testApp, type TestApp } from '../../../../test/support/app.ts';
import { multipartForm, type FormPart } from '../../../../test/support/multipart.ts';
import { Conversations, type OutboundMessages } from '../../reporting/conversations.ts';
import { ReportingService } from '../../reporting/reporting.service.ts';

/** The NGO that runs the tip line. */
const TIP_LINE: Organisation = {
  id: 'freedom-line-test',
  name: 'Freedom Line',
  organisationType: 'ngo',
  sector: 'ngo',
  country: 'GB',
};
const GATEWAY_TOKEN = 'gateway-secret-token-1234';

/** Receipt codes hashed cheaply (the Argon2id hasher has its own test). */
const quickHash = (code: string) => Promise.resolve(createHmac('sha256', 'test').update(code).digest('hex'));

/** A JPEG carrying Exif with a GPS canary: SOI, APP0 JFIF, APP1 Exif, a tiny frame, EOI. */
function jpegWithExif(canary: string): Uint8Array {
  const segment = (marker: number, body: Buffer) =>
    Buffer.concat([Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1')),
    segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from(canary, 'latin1')])),
    segment(0xdb, Buffer.alloc(65, 1)),
    segment(0xc0, Buffer.from([8, 0, 1, 0, 1, 1, 1, 0x11, 0])),
    segment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
    Buffer.from([0x12, 0x34, 0x56]),
    Buffer.from([0xff, 0xd9]),
  ]);
}

describe.each(databaseTargets())('the reporting channels on $name', (target) => {
  let t: TestApp;
  let tipLineKey = '';
  const sent: { alias: string; phone: string; text: string }[] = [];
  const outbound: OutboundMessages = {
    send: (message) => {
      sent.push(message);
      return Promise.resolve();
    },
  };

  const submit = (fields: Record<string, string | string[]>, photos: Uint8Array[] = [], headers = {}) => {
    const parts: FormPart[] = Object.entries(fields).flatMap(([name, value]) =>
      (Array.isArray(value) ? value : [value]).map((one) => ({ name, value: one })),
    );
    for (const [index, photo] of photos.entries()) {
      parts.push({ name: 'photos', value: photo, fileName: `photo-${index}.jpg`, contentType: 'image/jpeg' });
    }
    const form = multipartForm(parts);
    return t.app.inject({
      method: 'POST',
      url: '/report',
      payload: form.payload,
      headers: { ...form.headers, ...headers },
    });
  };
  const codeIn = (html: string) => /data-receipt-code>([0-9A-Z-]+)</u.exec(html)?.[1] ?? '';
  const followUp = (fields: Record<string, string>) => {
    const form = multipartForm(Object.entries(fields).map(([name, value]) => ({ name, value })));
    return t.app.inject({ method: 'POST', url: '/report/follow-up', payload: form.payload, headers: form.headers });
  };
  const queue = async () =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/reports', headers: bearer(tipLineKey) })).json<{
      reports: { id: string; priority: string; extracted: { phones: { e164: string }[] } }[];
    }>().reports;
  const sms = (from: string, text: string, channel: 'sms' | 'ussd' = 'sms') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/channels/messages',
      headers: { authorization: `Bearer ${GATEWAY_TOKEN}` },
      payload: { channel, from, text },
    });

  beforeAll(async () => {
    t = await testApp(target, {
      services: (store) => {
        const reporting = new ReportingService({
          store,
          hashReceipt: quickHash,
          tipLine: TIP_LINE.id,
          randomBytes,
          attemptsPerMinute: 5,
        });
        return {
          reporting,
          conversations: new Conversations({ reporting, outbound }),
          gatewayToken: GATEWAY_TOKEN,
        };
      },
    });
    await t.store.organisations.save(TIP_LINE);
    tipLineKey = await t.store.organisations.issueApiKey(TIP_LINE.id, 'triage', ['records:read', 'records:write']);
  });
  afterAll(async () => {
    await t.close();
  });

  it('serves the tip page in the browser’s language, right to left in Arabic, keeping nothing', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/report', headers: { 'accept-language': 'ar,en;q=0.5' } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<html lang="ar" dir="rtl">');
    expect(page.body).toContain('هل هناك شخص في خطر الآن؟');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['set-cookie']).toBeUndefined();
    const spanish = await t.app.inject({ method: 'GET', url: '/report?lang=es' });
    expect(spanish.body).toContain('<html lang="es" dir="ltr">');
    expect(spanish.body).not.toMatch(/<script|https?:\/\//u);
  });

  it('takes a tip, files it as the tip line’s Tip record with what its text names, and gives a receipt code', async () => {
    const response = await submit({
      language: 'en',
      inDanger: 'no',
      concerns: ['forced_labour', 'child_at_risk'],
      where: 'Car wash on the ring road, Leeds',
      when: 'this_week',
      text: 'Workers sleep at the car wash and the boss keeps their passports. Call him on 07700 900123.',
      vehicles: 'White van AB12 CDE',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['set-cookie']).toBeUndefined();
    const code = codeIn(response.body);
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/u);
    const [report] = await queue();
    expect(report?.extracted.phones.map((phone) => phone.e164)).toContain('+447700900123');
    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/${report?.id}`,
      headers: bearer(tipLineKey),
    });
    expect(detail.statusCode, detail.body).toBe(200);
    const body = detail.json<{ text: string; suggestedRoutes: { organisationId: string }[] }>();
    expect(body.text).toContain('keeps their passports');
    // Placed in Leeds, GB: the GB police first.
    expect(body.suggestedRoutes[0]?.organisationId).toBe('met-police-mst');
  });

  it('lets the reporter read replies and add information with the code, and the tip line see it', async () => {
    const code = codeIn(
      (await submit({ language: 'fr', text: 'Des enfants mendient au métro de Paris chaque jour' })).body,
    );
    const [report] = await queue();
    const replied = await t.app.inject({
      method: 'POST',
      url: `/api/v1/reports/${report?.id}/replies`,
      headers: bearer(tipLineKey),
      payload: { body: 'Merci. Quelle ligne de métro ?' },
    });
    expect(replied.statusCode, replied.body).toBe(201);
    const opened = await followUp({ code: code.toLowerCase().replaceAll('-', ' ') });
    expect(opened.statusCode).toBe(200);
    expect(opened.body).toContain('Quelle ligne de métro ?');
    expect(opened.body).toContain('Des enfants mendient');
    const added = await followUp({ code, message: 'La ligne 4, vers 18 heures' });
    expect(added.body).toContain('La ligne 4');
    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/${report?.id}`,
      headers: bearer(tipLineKey),
    });
    expect(detail.json<{ messages: { author: string; body: string }[] }>().messages).toEqual([
      expect.objectContaining({ author: 'organisation', body: 'Merci. Quelle ligne de métro ?' }),
      expect.objectContaining({ author: 'reporter', body: 'La ligne 4, vers 18 heures' }),
    ]);
  });

  it('refuses an empty tip with the form again, and a wrong code without saying more', async () => {
    const empty = await submit({ language: 'es', where: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Cuéntenos algo de lo que vio.');
    const wrong = await followUp({ code: 'AAAA-BBBB-CCCC-DDDD-EEEE' });
    expect(wrong.statusCode).toBe(404);
  });

  it('escalates a tip about someone in danger now with an urgent alert to the tip line', async () => {
    await submit({
      language: 'en',
      inDanger: 'yes',
      when: 'now',
      text: 'A woman is locked in the back room of the salon',
    });
    const [report] = await queue();
    expect(report?.priority).toBe('emergency');
    const alerts = await t.app.inject({ method: 'GET', url: '/api/v1/alerts', headers: bearer(tipLineKey) });
    expect(alerts.json<{ alerts: { kind: string; urgency: string; reference: string }[] }>().alerts).toContainEqual(
      expect.objectContaining({ kind: 'tip_emergency', urgency: 'urgent', reference: report?.id }),
    );
  });

  it('keeps photos without their metadata, and refuses what is not a photo', async () => {
    const canary = 'CANARY-GPS-51.5074N-0.1278W';
    const response = await submit({ language: 'en', text: 'The van outside the house at night' }, [
      jpegWithExif(canary),
    ]);
    expect(response.statusCode, response.body).toBe(200);
    const [report] = await queue();
    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/${report?.id}`,
      headers: bearer(tipLineKey),
    });
    const [file] = detail.json<{ files: { id: string; removed: string[] }[] }>().files;
    expect(file?.removed.join(' ')).toContain('Exif');
    const photo = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/${report?.id}/files/${file?.id}`,
      headers: bearer(tipLineKey),
    });
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect(photo.rawPayload.includes(Buffer.from(canary))).toBe(false);
    const notPhoto = await submit({ language: 'en', text: 'See the file' }, [Buffer.from('%PDF-1.4 hello')]);
    expect(notPhoto.statusCode).toBe(400);
  });

  it('routes a report to the police, who find it in their inbox', async () => {
    await submit({ language: 'en', text: 'Men selling places on lorries at the services near Dover' });
    const [report] = await queue();
    const routed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/reports/${report?.id}/route`,
      headers: bearer(tipLineKey),
      payload: { organisationId: 'met-police-mst', note: 'Smuggling, please review' },
    });
    expect(routed.statusCode, routed.body).toBe(200);
    expect(routed.json<{ state: string; routedTo: string[] }>()).toMatchObject({
      state: 'routed',
      routedTo: ['met-police-mst'],
    });
    const inbox = await t.app.inject({ method: 'GET', url: '/api/v1/alerts', headers: bearer(t.keys.police) });
    const alert = inbox
      .json<{ alerts: { kind: string; details: { text?: string; note?: string } }[] }>()
      .alerts.find((candidate) => candidate.kind === 'tip_routed');
    expect(alert?.details.text).toContain('lorries');
    expect(alert?.details.note).toBe('Smuggling, please review');
    // Another organisation cannot read the tip line's queue.
    const foreign = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/${report?.id}`,
      headers: bearer(t.keys.police),
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('takes a tip by SMS in Spanish, files it, and sends the receipt code, never keeping the number', async () => {
    const from = '+34 600 111 222';
    for (const text of ['DENUNCIA', '2', '2', 'Almería, invernaderos', '3', 'Trabajan 14 horas sin cobrar', '99']) {
      const answer = await sms(from, text);
      expect(answer.statusCode, answer.body).toBe(202);
    }
    const last = sent.at(-1);
    expect(last?.phone.replace(/\D/gu, '')).toBe('34600111222');
    expect(last?.text).toMatch(/Su código: [0-9A-Z]{4}-/u);
    const [report] = await queue();
    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/${report?.id}`,
      headers: bearer(tipLineKey),
    });
    expect(detail.json<{ text: string; report: { channel: string } }>()).toMatchObject({
      report: { channel: 'sms' },
      text: expect.stringContaining('14 horas') as unknown,
    });
    const dump = await t.store.database.query<{ dump: string }>(
      `SELECT string_agg(t::text, ' ') AS dump FROM (SELECT * FROM reports) t`,
    );
    expect(dump[0]?.dump ?? '').not.toContain('600111222');
  });

  it('answers USSD in Africa’s Talking format, CON to go on and END at the last screen', async () => {
    const call = (text: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/channels/africastalking/ussd?token=${GATEWAY_TOKEN}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          sessionId: 'ATU-1',
          serviceCode: '*384#',
          phoneNumber: '+254700000001',
          text,
        }).toString(),
      });
    const first = await call('');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.body).toMatch(/^CON /u);
    expect(first.body.length).toBeLessThanOrEqual(4 + 182);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/channels/africastalking/ussd?token=wrong',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'sessionId=x&phoneNumber=%2B254700000001&text=',
    });
    expect(refused.statusCode).toBe(401);
  });
});
