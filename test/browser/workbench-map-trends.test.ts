/**
 * The map and the trends dashboard in Chromium, against the demo world. The police unit's analyst
 * switches measures, groupings and periods on /trends: the table under the chart shows numbers and
 * marks withheld cells "suppressed", and never publishes a count of 1 to 10. A coordination hub
 * analyst (AMBER transport records reach coordinators only, so the hub is who sees routes) opens
 * /map: the flows table lists flows with coordinates, the WebGL map draws in SwiftShader, the
 * planted ring's phone is followed over time with the slider, and the page asks no other origin.
 * axe-core finds no WCAG 2.1 A or AA violation on either screen in English or Arabic.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_WORLD } from '../../src/apps/ingest/demo.ts';
import { generateWorld } from '../../src/domain/synth/index.ts';
import {
  accessibilityViolations,
  CHROMIUM_AVAILABLE,
  SCREENSHOTS,
  startWorkbench,
  type Workbench,
} from '../support/workbench.ts';

/** The first planted ring's phones (the controller's, the recruiter's), from the demo world's truth. */
function ringPhones(): readonly string[] {
  for (const item of generateWorld(DEMO_WORLD)) {
    if (item.kind === 'network' && item.network.exploitation === 'sexual_exploitation') return item.network.phones;
  }
  throw new Error('the demo world has no sexual-exploitation ring');
}

/** The numbers the trends table publishes, and how many cells it marks suppressed. */
async function tableCells(page: Page): Promise<{ counts: number[]; suppressed: number; texts: string[] }> {
  const table = page.getByTestId('trend-table');
  await table.waitFor();
  // The table is read in English, whose numbers group thousands with commas.
  const counts = (await table.locator('td[data-count]').allTextContents()).map((text) =>
    Number(text.replace(/,/g, '')),
  );
  const texts = await table.locator('td[data-suppressed]').allTextContents();
  return { counts, suppressed: texts.length, texts };
}

/** Distinct colours in a PNG of the element, counted in the page (a blank canvas has one). */
async function coloursOf(page: Page, png: Buffer): Promise<number> {
  // Written as the page's own script: the tests' TypeScript has no DOM types.
  return page.evaluate<number>(`(async () => {
    const image = new Image();
    image.src = 'data:image/png;base64,${png.toString('base64')}';
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height).data;
    const seen = new Set();
    for (let index = 0; index < pixels.length; index += 28) {
      seen.add((pixels[index] << 16) | (pixels[index + 1] << 8) | pixels[index + 2]);
    }
    return seen.size;
  })()`);
}

describe.skipIf(!CHROMIUM_AVAILABLE)('the map and the trends dashboard in Chromium', { timeout: 300_000 }, () => {
  let workbench: Workbench;
  beforeAll(async () => {
    workbench = await startWorkbench();
  });
  afterAll(async () => {
    await workbench.close();
  });

  it('shows trends by measure, grouping and period, small counts suppressed in the chart and its table', async () => {
    const { context, page, errors } = await workbench.signIn('gb-police-mst', 'analyst');
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.getByRole('link', { name: 'Trends' }).click();
    await page.getByRole('heading', { name: 'Trends' }).waitFor();
    await page.getByTestId('trend-chart').locator('canvas').waitFor();

    const all = await tableCells(page);
    expect(Math.max(...all.counts)).toBeGreaterThan(10);

    // Records by sector: the police see a few of their own among many adverts; withheld together.
    await page.getByRole('combobox', { name: 'Group by' }).click();
    await page.getByRole('option', { name: 'Sector' }).click();
    await expect.poll(async () => (await tableCells(page)).suppressed).toBeGreaterThan(0);
    const bySector = await tableCells(page);
    expect(bySector.texts.every((text) => text === 'suppressed')).toBe(true);
    expect(await page.getByTestId('suppressed-note').textContent()).toContain('Suppressed: fewer than 11');

    // Alerts allow only "none" and "type": the grouping follows.
    await page.getByRole('combobox', { name: 'Measure' }).click();
    await page.getByRole('option', { name: 'Alerts' }).click();
    await page.getByRole('combobox', { name: 'Group by' }).click();
    expect(await page.getByRole('option').allTextContents()).toEqual(['No grouping', 'Type']);
    await page.getByRole('option', { name: 'Type' }).click();
    await expect.poll(() => page.getByTestId('trend-range').textContent()).toMatch(/^Alerts from /);
    const alerts = await tableCells(page);

    // Weeks: 26 rows of periods by default.
    await page.getByText('Week', { exact: true }).click();
    await expect.poll(async () => page.getByTestId('trend-table').locator('tbody tr').count()).toBeGreaterThan(20);
    const weeks = await tableCells(page);

    const published = [...all.counts, ...bySector.counts, ...alerts.counts, ...weeks.counts];
    expect(published.filter((count) => count >= 1 && count <= 10)).toEqual([]);
    if (SCREENSHOTS !== undefined)
      await page.screenshot({ path: join(SCREENSHOTS, 'workbench-trends.png'), fullPage: true });
    console.log(
      `trends: records ${String(Math.max(...all.counts))} in all; by sector ${String(bySector.counts.length)} cells shown, ` +
        `${String(bySector.suppressed)} suppressed; alerts by type ${String(alerts.counts.length)} shown, ` +
        `${String(alerts.suppressed)} suppressed; weekly ${String(weeks.counts.length)} shown, ${String(weeks.suppressed)} suppressed; ` +
        `${String(published.filter((count) => count >= 1 && count <= 10).length)} published counts of 1 to 10`,
    );
    expect(new Set(requested.map((url) => new URL(url).origin))).toEqual(new Set([workbench.origin]));
    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  });

  it('maps the flows with coordinates, draws them in WebGL, and follows the ring’s phone over time', async () => {
    const { context, page, errors } = await workbench.signIn('weft-hub', 'analyst');
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    await page.getByRole('link', { name: 'Map and routes' }).click();
    await page.getByRole('heading', { name: 'Map and routes' }).waitFor();
    const rows = page.getByTestId('flows').getByTestId('flow-row');
    await rows.first().waitFor({ timeout: 120_000 });
    const firstPage = await rows.count();
    expect(firstPage).toBeGreaterThan(0);
    const coordinates = await page.getByTestId('flows').getByTestId('flow-from-coordinates').allTextContents();
    expect(coordinates.every((text) => /^-?\d+\.\d\d, -?\d+\.\d\d$/.test(text))).toBe(true);
    const counts = await page.getByTestId('flows').getByTestId('flow-count').allTextContents();
    const shown = counts.filter((text) => /^\d[\d,]*$/.test(text)).map((text) => Number(text.replace(/,/g, '')));
    expect(shown.every((count) => count >= 11)).toBe(true);
    const total = (await page.getByTestId('routes-total').textContent()) ?? '';

    // The map: WebGL in SwiftShader, something drawn (countries, sea, flows), no tile server.
    const map = page.getByTestId('flow-map');
    await expect.poll(() => map.getAttribute('data-rendered'), { timeout: 60_000 }).toBe('true');
    const canvas = map.locator('canvas.maplibregl-canvas');
    expect(await canvas.count()).toBe(1);
    const colours = await coloursOf(page, await canvas.screenshot());
    expect(colours).toBeGreaterThan(3);

    // The last page of the table: the smallest flows, withheld and marked.
    await page.getByRole('button', { name: 'Last page' }).first().click();
    const withheld = page.getByTestId('flows').locator('[data-suppressed=true]');
    await withheld.first().waitFor();
    expect(await withheld.first().textContent()).toBe('Fewer than 11 (withheld)');
    const lastPage = await page.getByTestId('flows').getByTestId('flow-count').allTextContents();
    expect(lastPage.filter((text) => /^\d+$/.test(text) && Number(text) <= 10)).toEqual([]);

    // The ring's phone, followed over time.
    const [phone] = ringPhones();
    await page.getByRole('textbox', { name: 'Value' }).fill(phone ?? '');
    await page.getByRole('button', { name: 'Follow' }).click();
    const summary = page.getByTestId('movement-summary');
    await summary.waitFor({ timeout: 60_000 });
    const stops = page.getByTestId('movement-stops').locator('li');
    const stopCount = await stops.count();
    expect(stopCount).toBeGreaterThan(1);
    const located = await page.getByTestId('movement-stops').locator('li[data-located=true]').count();
    expect(located).toBeGreaterThan(0);
    const first = await page.getByTestId('movement-current').textContent();
    await page.getByRole('slider').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('movement-current').textContent()).not.toBe(first);
    if (SCREENSHOTS !== undefined)
      await page.screenshot({ path: join(SCREENSHOTS, 'workbench-map.png'), fullPage: true });
    console.log(
      `map: ${total.trim()}; ${String(firstPage)} flows on the first page, all with coordinates, ` +
        `${String(await withheld.count())} withheld on the last page; canvas with ${String(colours)} colours; ` +
        `the ring's phone ${String(stopCount)} stops, ${String(located)} placed on the map`,
    );

    expect(new Set(requested.map((url) => new URL(url).origin))).toEqual(new Set([workbench.origin]));
    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  });

  it('has no WCAG 2.1 A or AA violation that axe-core finds on the map and trends, in English and Arabic', async () => {
    const problems: string[] = [];
    const { context, page } = await workbench.signIn('weft-hub', 'analyst', { forAccessibility: true });
    for (const locale of ['en', 'ar']) {
      await page.evaluate(`localStorage.setItem('weft.language', '${locale}')`);
      await page.goto(`${workbench.origin}/trends`);
      await page.getByTestId('trend-table').waitFor();
      expect(await page.evaluate('document.documentElement.dir')).toBe(locale === 'ar' ? 'rtl' : 'ltr');
      problems.push(...(await accessibilityViolations(page)).map((violation) => `trends ${locale}: ${violation}`));
      if (SCREENSHOTS !== undefined && locale === 'ar') {
        await page.screenshot({ path: join(SCREENSHOTS, 'workbench-trends-ar.png'), fullPage: true });
      }
      await page.goto(`${workbench.origin}/map`);
      await page.getByTestId('flows').getByTestId('flow-row').first().waitFor({ timeout: 120_000 });
      await expect
        .poll(() => page.getByTestId('flow-map').getAttribute('data-rendered'), { timeout: 60_000 })
        .toBe('true');
      problems.push(...(await accessibilityViolations(page)).map((violation) => `map ${locale}: ${violation}`));
      if (SCREENSHOTS !== undefined && locale === 'ar') {
        await page.screenshot({ path: join(SCREENSHOTS, 'workbench-map-ar.png'), fullPage: true });
      }
    }
    await context.close();
    console.log(`accessibility: the map and trends in English and Arabic: ${String(problems.length)} violations`);
    expect(problems).toEqual([]);
  });
});
