/**
 * The workbench's frame in Chromium: a demo analyst signs in with password and authenticator
 * (enrolled on the first sign-in), sees their organisation, roles and purpose, takes on and triages an alert,
 * and switches to Arabic (right to left throughout); the page asks no other origin; axe-core finds
 * no WCAG 2.1 A or AA violation on the sign-in screen or the alerts inbox in any language.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityViolations,
  CHROMIUM_AVAILABLE,
  SCREENSHOTS,
  startWorkbench,
  type Workbench,
} from '../support/workbench.ts';

describe.skipIf(!CHROMIUM_AVAILABLE)('the workbench in Chromium', { timeout: 180_000 }, () => {
  let workbench: Workbench;

  beforeAll(async () => {
    workbench = await startWorkbench();
  });
  afterAll(async () => {
    await workbench.close();
  });

  it('signs an analyst in with a second factor, shows who they are, and triages an alert', async () => {
    const { context, page, errors } = await workbench.signIn('gb-police-mst', 'analyst');
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    expect(await page.getByTestId('organisation').textContent()).toBe('UK Modern Slavery Unit');
    await page.getByRole('link', { name: 'Alerts' }).click();
    await page.getByRole('heading', { name: 'Alerts' }).waitFor();
    const alerts = page.getByTestId('alert');
    await alerts.first().waitFor();
    const before = await alerts.count();
    expect(before).toBeGreaterThan(0);
    if (SCREENSHOTS !== undefined) await page.screenshot({ path: join(SCREENSHOTS, 'workbench-alerts.png') });

    // Open the newest alert, take it on, and acknowledge it: it leaves the "new" list.
    await alerts.first().getByRole('button').first().click();
    await alerts.first().getByRole('button', { name: 'Assign to me' }).click();
    await page.getByText('Alert assigned to Demo analyst.').waitFor();
    await expect.poll(() => alerts.first().getByTestId('assignee').textContent()).toBe('Assigned to: Demo analyst');
    await alerts.first().getByRole('button', { name: 'Acknowledged' }).click();
    await page.getByText('Alert moved to “Acknowledged”.').waitFor();
    await expect.poll(() => alerts.count()).toBe(before - 1);
    // Mine: the acknowledged alert, assigned to the analyst.
    await page
      .locator('label')
      .filter({ hasText: /^Mine$/u })
      .click();
    await page
      .locator('label')
      .filter({ hasText: /^Acknowledged$/u })
      .click();
    await expect.poll(() => alerts.count()).toBe(1);

    expect(new Set(requested.map((url) => new URL(url).origin))).toEqual(new Set([workbench.origin]));
    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  });

  it('switches to Arabic, right to left throughout, and keeps the user signed in', async () => {
    const { context, page, errors } = await workbench.signIn('gb-police-mst', 'analyst');
    await page.getByRole('link', { name: 'Alerts' }).click();
    await page.getByRole('combobox', { name: 'Language' }).click();
    await page.getByRole('option', { name: 'العربية' }).click();
    await page.getByRole('heading', { name: 'التنبيهات' }).waitFor();
    expect(await page.evaluate('[document.documentElement.lang, document.documentElement.dir]')).toEqual(['ar', 'rtl']);
    expect(await page.evaluate('getComputedStyle(document.body).direction')).toBe('rtl');
    // The menu sits on the right in Arabic.
    const menu = await page.getByRole('navigation').boundingBox();
    expect(menu?.x ?? 0).toBeGreaterThan(600);
    if (SCREENSHOTS !== undefined) await page.screenshot({ path: join(SCREENSHOTS, 'workbench-alerts-ar.png') });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('has no WCAG 2.1 A or AA violation that axe-core finds on sign-in and the alerts inbox, in every language', async () => {
    const problems: string[] = [];
    for (const locale of ['en', 'es', 'fr', 'ar']) {
      const context = await workbench.browser.newContext({ locale, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${workbench.origin}/`);
      await page.locator('input[type=email]').waitFor();
      problems.push(...(await accessibilityViolations(page)).map((violation) => `sign-in ${locale}: ${violation}`));
      await context.close();
    }
    const { context, page } = await workbench.signIn('gb-police-mst', 'analyst', { forAccessibility: true });
    for (const locale of ['en', 'es', 'fr', 'ar']) {
      await page.evaluate(`localStorage.setItem('weft.language', '${locale}')`);
      await page.goto(`${workbench.origin}/alerts`);
      await page.getByTestId('alert').first().waitFor();
      expect(await page.evaluate('document.documentElement.lang')).toBe(locale);
      problems.push(...(await accessibilityViolations(page)).map((violation) => `alerts ${locale}: ${violation}`));
    }
    await context.close();
    console.log(`accessibility: the workbench's sign-in and alerts in 4 languages: ${problems.length} violations`);
    expect(problems).toEqual([]);
  });
});
