/**
 * The tip page in a real browser (Debian's Chromium, headless, driven by playwright-core): the
 * Arabic page renders right to left, a tip is submitted with the keyboard alone, the page makes no
 * request to any other origin, and the browser keeps no cookie and no storage afterwards; axe-core
 * finds no WCAG 2.1 A or AA violation on any of its pages in any of its languages. Skipped,
 * saying why, where Chromium is not installed (CI installs it). With WEFT_SCREENSHOTS set to a
 * folder, the pages are photographed there (docs/screenshots holds the committed ones).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/adapters/store/index.ts';
import { openIngestStream } from '../../src/adapters/streams/index.ts';
import { ReportingService } from '../../src/apps/reporting/reporting.service.ts';
import { buildApp } from '../../src/apps/server/app.ts';
import { databaseTargets } from '../support/databases.ts';

const CHROMIUM = '/usr/bin/chromium';
const LAUNCH_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const TIP_LINE = { id: 'tip-line', name: 'Tip line', organisationType: 'ngo', sector: 'ngo', country: 'GB' } as const;
const SCREENSHOTS = process.env['WEFT_SCREENSHOTS'];

const [embedded] = databaseTargets();
const available = existsSync(CHROMIUM);
if (!available) console.log(`browser tests skipped: ${CHROMIUM} is not installed (apt-get install -y chromium)`);

describe.skipIf(!available || embedded === undefined)('the tip page in Chromium', { timeout: 120_000 }, () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;
  let closeStream: () => Promise<void>;
  let browser: Browser;
  let origin = '';

  beforeAll(async () => {
    ({ store, dispose } = await (embedded as NonNullable<typeof embedded>).open());
    await store.organisations.save(TIP_LINE);
    const stream = await openIngestStream({});
    closeStream = () => stream.close();
    const reporting = new ReportingService({
      store,
      hashReceipt: (code) => Promise.resolve(createHmac('sha256', 'browser').update(code).digest('hex')),
      tipLine: TIP_LINE.id,
      randomBytes,
    });
    app = await buildApp({ store, stream, streamConsumerRunning: () => true, reporting });
    origin = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_FLAGS });
  });
  afterAll(async () => {
    await browser.close();
    await app.close();
    await closeStream();
    await dispose();
  });

  it('renders Arabic right to left, takes a tip by keyboard, asks nothing of other sites, and keeps nothing', async () => {
    const context = await browser.newContext({ locale: 'ar', viewport: { width: 800, height: 1200 } });
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));

    await page.goto(`${origin}/report`);
    // Expressions as text: they run in the page, whose DOM types this Node project does not load.
    expect(await page.evaluate('[document.documentElement.lang, document.documentElement.dir]')).toEqual(['ar', 'rtl']);
    expect(await page.evaluate('getComputedStyle(document.body).direction')).toBe('rtl');
    if (SCREENSHOTS !== undefined) await page.screenshot({ path: join(SCREENSHOTS, 'report-ar.png'), fullPage: true });

    // Keyboard only: the skip link first, then the form's own controls.
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.className')).toBe('skip');
    await page.getByLabel('ماذا حدث؟').focus();
    await page.keyboard.type('رجل يحتجز عمالاً في مزرعة قرب ليدز ويأخذ جوازات سفرهم');
    await page.getByLabel('أين؟').focus();
    await page.keyboard.type('مزرعة قرب ليدز');
    await page.getByRole('button', { name: 'إرسال البلاغ' }).focus();
    await Promise.all([page.waitForURL(`${origin}/report?lang=ar`), page.keyboard.press('Enter')]);

    const code = await page.locator('[data-receipt-code]').textContent();
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/u);
    expect(await page.evaluate('document.documentElement.dir')).toBe('rtl');
    if (SCREENSHOTS !== undefined) await page.screenshot({ path: join(SCREENSHOTS, 'report-ar-receipt.png') });

    const origins = new Set(requested.map((url) => new URL(url).origin));
    console.log(
      `browser: ${requested.length} requests, to ${[...origins].join(', ')}; cookies ${(await context.cookies()).length}`,
    );
    expect([...origins]).toEqual([origin]);
    expect(await context.cookies()).toEqual([]);
    const storage = await page.evaluate('({ local: localStorage.length, session: sessionStorage.length })');
    expect(storage).toEqual({ local: 0, session: 0 });
    const state = await context.storageState();
    expect(state.cookies).toEqual([]);
    expect(state.origins.every((entry) => entry.localStorage.length === 0)).toBe(true);
    await context.close();
  });

  it('has no WCAG 2.1 A or AA violation that axe-core finds, on every page in every language', async () => {
    // Only this context may run the checker: the page's own policy forbids every script.
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    /** The violations axe-core finds on the page now, as "rule: target" lines. */
    const violations = async (where: Page): Promise<string[]> => {
      await where.addScriptTag({ content: axe.source });
      return where.evaluate<string[]>(
        "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })" +
          '.then((result) => result.violations.map((v) => v.id + ": " + v.nodes.map((n) => n.target.join(" ")).join(", ")))',
      );
    };
    // The checker finds what it should: an unlabelled field on a page with no language.
    await page.setContent('<!doctype html><html><head><title>x</title></head><body><input type="text"></body></html>');
    expect((await violations(page)).join(' ')).toMatch(/label/u);
    const checked: string[] = [];
    const problems: string[] = [];
    for (const language of ['en', 'es', 'fr', 'ar']) {
      await page.goto(`${origin}/report?lang=${language}`);
      problems.push(...(await violations(page)).map((violation) => `/report ${language}: ${violation}`));
      await page.getByRole('textbox').first().fill('A man keeps the workers’ passports');
      await Promise.all([page.waitForURL(/\/report\?lang=/u), page.locator('button[type=submit]').click()]);
      problems.push(...(await violations(page)).map((violation) => `receipt ${language}: ${violation}`));
      await page.goto(`${origin}/report/follow-up?lang=${language}`);
      problems.push(...(await violations(page)).map((violation) => `follow-up ${language}: ${violation}`));
      checked.push(`${language} ×3`);
    }
    console.log(`accessibility: axe-core ${axe.version} on ${checked.join(', ')} pages: ${problems.length} violations`);
    expect(problems).toEqual([]);
    await context.close();
  });
});
