/**
 * The proof that tips stay anonymous: 1,000 tips by web and 1,000 by SMS, each carrying canary
 * addresses, user agents and sender numbers, then every table of the database and every line of
 * the log searched for them. Prints the figure; any canary found fails.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Organisation } from '../../../domain/model/organisation.ts';
import { testApp, type TestApp } from '../../../../test/support/app.ts';
import { databaseTargets } from '../../../../test/support/databases.ts';
import { multipartForm } from '../../../../test/support/multipart.ts';
import { Conversations, logOnlyOutbound } from '../../reporting/conversations.ts';
import { ReportingService } from '../../reporting/reporting.service.ts';
import { createLogger } from '../logger.ts';

const TIP_LINE: Organisation = { id: 'tip-line', name: 'Tip line', organisationType: 'ngo', sector: 'ngo' };
const TOKEN = 'gateway-token-for-canaries';
const TIPS = 1_000;
/** Senders whose tips are in flight at once. */
const CONCURRENT_SENDERS = 8;

/** The canaries of tip `index`: what a careless system would keep of its sender. */
const canaries = (index: number) => ({
  address: `198.51.100.${index % 250}`,
  forwarded: `203.0.113.${index % 250}`,
  userAgent: `CanaryBrowser/${index}.7 (canary-device-${index})`,
  // The national significant number, found whatever way the number was written (see `numbersIn`);
  // digits 1 to 9 only, so that no run of zeros in a timing figure of the log looks like one.
  phone: `7946${nonZeroDigits(index * 7_919 + 13_579)}`,
});

/**
 * What begins every address and user agent of `canaries`: any of these in the database or the log
 * is a canary kept, in part or whole. The mark alone is enough, so a canary cut short is caught too.
 */
const CANARY_MARKS = /198\.51\.100\.\d|203\.0\.113\.\d|CanaryBrowser|canary-device/gu;

/** Six digits 1–9 from a number (base 9, each digit plus one). */
function nonZeroDigits(value: number): string {
  let digits = '';
  for (let rest = value, place = 0; place < 6; place += 1, rest = Math.floor(rest / 9))
    digits += String((rest % 9) + 1);
  return digits;
}

/**
 * Runs `task` for 0 … count − 1, a few at a time, as tips from many senders arrive together (each
 * SMS conversation keeps its own messages in order).
 */
async function eachConcurrently(count: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < count) {
      const index = next;
      next += 1;
      await task(index);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENT_SENDERS }, lane));
}

/**
 * The sender numbers a text holds, however written (+44 7946…, 447946…, 07946…, 7946…), each as
 * its national number; digits inside a longer run of digits (a timing figure) are not a number.
 */
function numbersIn(text: string): Set<string> {
  const numbers = new Set<string>();
  for (const match of text.matchAll(/(?:^|\D)(?:\+?44|0)?(7946\d{6})(?!\d)/gu)) numbers.add(match[1] ?? '');
  return numbers;
}

describe.each(databaseTargets())('anonymity of tips on $name', (target) => {
  let t: TestApp;
  const logged: string[] = [];

  beforeAll(async () => {
    const log = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged.push(chunk.toString('utf8'));
        done();
      },
    });
    // Everything, down to debug: request lines, refusals, the outbound driver's lines.
    const logger = createLogger('debug', log);
    t = await testApp(target, {
      logger,
      services: (store) => {
        const reporting = new ReportingService({
          store,
          hashReceipt: (code) => Promise.resolve(createHmac('sha256', 'k').update(code).digest('hex')),
          tipLine: TIP_LINE.id,
          randomBytes,
        });
        const outbound = logOnlyOutbound((entry, message) => {
          logger.info(entry, message);
        });
        return { reporting, conversations: new Conversations({ reporting, outbound }), gatewayToken: TOKEN };
      },
    });
    await t.store.organisations.save(TIP_LINE);
  });
  afterAll(async () => {
    await t.close();
  });

  it(`keeps no address, user agent or sender number of ${TIPS} web and ${TIPS} SMS tips, in the database or the log`, async () => {
    await eachConcurrently(TIPS, async (index) => {
      const canary = canaries(index);
      const form = multipartForm([
        { name: 'language', value: ['en', 'es', 'fr', 'ar'][index % 4] ?? 'en' },
        { name: 'where', value: `Street ${index}` },
        { name: 'text', value: `Workers kept in a house, number ${index}` },
      ]);
      const response = await t.app.inject({
        method: 'POST',
        url: '/report',
        remoteAddress: canary.address,
        headers: {
          ...form.headers,
          'user-agent': canary.userAgent,
          'x-forwarded-for': canary.forwarded,
          'x-real-ip': canary.forwarded,
          forwarded: `for=${canary.forwarded}`,
        },
        payload: form.payload,
      });
      expect(response.statusCode).toBe(200);
    });
    await eachConcurrently(TIPS, async (index) => {
      const canary = canaries(index);
      const from = `+44 ${canary.phone}`;
      for (const text of ['REPORT', '2', '1', `Town ${index}`, '4', `A man takes their wages, ${index}`, '99']) {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/v1/channels/messages',
          remoteAddress: canary.address,
          headers: { authorization: `Bearer ${TOKEN}`, 'user-agent': canary.userAgent },
          payload: { channel: 'sms', from, text },
        });
        expect(response.statusCode).toBe(202);
      }
    });

    const tables = await t.store.database.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const texts: string[] = [];
    for (const { table_name: table } of tables) {
      const rows = await t.store.database.query<{ row: string }>(`SELECT t::text AS row FROM "${table}" t`);
      for (const { row } of rows) texts.push(row);
    }
    const planted = new Set<string>();
    const phones = new Set<string>();
    for (let index = 0; index < TIPS; index += 1) {
      const { phone, ...others } = canaries(index);
      phones.add(phone);
      for (const value of Object.values(others)) planted.add(value);
    }
    expect(phones.size).toBe(TIPS);
    // Every canary but the numbers carries a mark, found in one pass wherever it is, whole or cut short.
    for (const canary of planted) expect(canary.match(CANARY_MARKS), canary).not.toBeNull();
    // The search finds a number however it would be written, and not inside a timing figure.
    const sample = canaries(7).phone;
    for (const written of [`+44 ${sample}`, `+44${sample}`, `44${sample}`, `0${sample}`, `"${sample}"`]) {
      expect(numbersIn(written).has(sample), written).toBe(true);
    }
    expect(numbersIn(`"responseTime":0.0${sample}0011744`).size).toBe(0);
    const haystacks = [
      { name: 'the database', texts },
      { name: 'the log', texts: logged },
    ];
    const found = new Map<string, number>();
    for (const haystack of haystacks) {
      const joined = haystack.texts.join('\n');
      let count = 0;
      const leaked = [...new Set(joined.match(CANARY_MARKS))];
      leaked.push(...[...numbersIn(joined)].filter((number) => phones.has(number)));
      for (const canary of leaked) {
        count += 1;
        const where = haystack.texts.find((text) => text.includes(canary)) ?? '';
        console.log(`canary ${canary} found in ${haystack.name}: ${where.slice(0, 400)}`);
      }
      found.set(haystack.name, count);
    }
    const reports = await t.store.database.query<{ channel: string; count: number }>(
      'SELECT channel, count(*)::int AS count FROM reports GROUP BY channel ORDER BY channel',
    );
    console.log(
      `tips stay anonymous on ${target.name}: ${TIPS} web and ${TIPS} SMS tips (${reports
        .map((row) => `${row.count} ${row.channel}`)
        .join(', ')} filed), ${planted.size + phones.size} distinct canaries planted; found in the database ` +
        `(${tables.length} tables, ${texts.length} rows): ${found.get('the database')}; ` +
        `in the log (${logged.length} lines): ${found.get('the log')}`,
    );
    expect(reports).toEqual([
      { channel: 'sms', count: TIPS },
      { channel: 'web', count: TIPS },
    ]);
    // The log was written to (the check is not vacuous), and holds no canary.
    expect(logged.length).toBeGreaterThan(TIPS);
    expect(found.get('the database')).toBe(0);
    expect(found.get('the log')).toBe(0);
  }, 600_000);
});
