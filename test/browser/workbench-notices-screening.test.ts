/**
 * The notices and screening screens in Chromium, against the demo world: the police unit's analyst
 * drafts a wanted-person notice (the server names what it lacks, next to the field), submits it;
 * the unit's reviewer approves it and it is listed as published. Harbour Hotels' reporter screens
 * the demo's wanted man and sees only the blind answer, then screens tonight's guest list as a
 * batch, its progress reaching 100% and his row flagged "secondary check advised". axe-core finds
 * no WCAG 2.1 A or AA violation on either screen, in English and Arabic.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_WANTED, scenarioGuestList } from '../../src/domain/synth/index.ts';
import {
  accessibilityViolations,
  CHROMIUM_AVAILABLE,
  SCREENSHOTS,
  startWorkbench,
  type Workbench,
} from '../support/workbench.ts';

const TITLE = 'Wanted: Marek Kowalczyk';
/** The guest list's row of the wanted man (the middle row of 24). */
const WANTED_ROW = 'guest-12';

/** Types a value into a tags input and accepts it. */
async function addTag(page: Page, label: string, value: string): Promise<void> {
  const input = page.getByRole('combobox', { name: label, exact: true });
  await input.fill(value);
  await input.press('Enter');
}

describe.skipIf(!CHROMIUM_AVAILABLE)('notices and screening in the workbench', { timeout: 240_000 }, () => {
  let workbench: Workbench;
  let noticeId = '';

  beforeAll(async () => {
    workbench = await startWorkbench();
  });
  afterAll(async () => {
    await workbench.close();
  });

  it('has an analyst draft and submit a wanted-person notice, and a reviewer publish it', async () => {
    const analyst = await workbench.signIn('gb-police-mst', 'analyst');
    const { page } = analyst;
    await page.getByRole('link', { name: 'Notices' }).click();
    await page.getByRole('heading', { name: 'Notices' }).waitFor();
    await page.getByRole('link', { name: 'New notice' }).click();
    await page.getByRole('heading', { name: 'Draft a notice' }).waitFor();

    // Saved without a title: the server refuses and names the field.
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.getByRole('alert').waitFor();
    await expect.poll(() => page.locator('input[name=title]').getAttribute('aria-invalid')).toBe('true');

    // A wanted-person notice, first without the name it needs.
    await page.locator('input[name=title]').fill(TITLE);
    await page.locator('input[name=reference]').fill('GB-POLICE-MST/BROWSER-1');
    await addTag(page, 'Dates of birth', '1979-05-02');
    const nationalities = page.getByRole('combobox', { name: 'Nationalities', exact: true });
    await nationalities.click();
    await nationalities.fill('Poland');
    await page.getByRole('option', { name: 'Poland (PL)' }).click();
    await page.keyboard.press('Escape');
    await addTag(page, 'Document numbers', 'PL7719023');
    await page.getByLabel('Circumstances', { exact: true }).fill('Recruits workers with false promises of jobs.');
    await page.getByRole('combobox', { name: 'Marking (TLP)' }).click();
    await page.getByRole('option', { name: 'TLP:GREEN' }).click();
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.waitForURL(/\/notices\/[0-9a-f-]{36}/);
    noticeId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    await page.getByText('Draft saved.').waitFor();
    expect(await page.getByTestId('notice-status').textContent()).toBe('Draft');

    // Submitted without a name: the server's problem is shown under the Names field.
    await page.getByRole('button', { name: 'Submit for review' }).click();
    const namesError = page.getByText('a wanted notice names the person wanted', { exact: true });
    await namesError.waitFor();
    expect(await page.getByRole('combobox', { name: 'Names', exact: true }).getAttribute('aria-invalid')).toBe('true');

    // Named, and submitted (the change is saved first).
    await addTag(page, 'Names', 'Marek Kowalczyk');
    await page.getByRole('button', { name: 'Submit for review' }).click();
    await page.getByText('Done: the notice is now “In review”.').waitFor();
    await expect.poll(() => page.getByTestId('notice-status').textContent()).toBe('In review');
    const history = page.getByTestId('notice-history').locator('tbody tr');
    await expect.poll(() => history.count()).toBe(3);
    const actions = await Promise.all((await history.all()).map((row) => row.getAttribute('data-action')));
    expect(actions).toEqual(['draft', 'amend', 'submit']);
    // The analyst is offered no approval: it is for a reviewer.
    expect(await page.getByRole('button', { name: 'Approve and publish' }).count()).toBe(0);
    // The browser logs the two refusals provoked above (400); nothing else went wrong.
    const refusals = analyst.errors.filter((error) => error.includes('status of 400'));
    expect(refusals).toHaveLength(2);
    expect(analyst.errors.length - refusals.length, analyst.errors.join('\n')).toBe(0);
    await analyst.context.close();

    // The reviewer finds it in their queue and approves it.
    const reviewer = await workbench.signIn('gb-police-mst', 'reviewer');
    const review = reviewer.page;
    await review.getByRole('link', { name: 'Notices' }).click();
    await review.getByRole('button', { name: 'Waiting for my review' }).click();
    await review.waitForURL(/status=in_review/);
    const queued = review.getByTestId('notice-row').filter({ hasText: TITLE });
    await queued.waitFor();
    const queue = await review.getByTestId('notice-row').count();
    await queued.getByRole('link').click();
    await review.getByRole('heading', { name: TITLE }).waitFor();
    await review.getByRole('button', { name: 'Approve and publish' }).click();
    await review.getByText('Done: the notice is now “Published”.').waitFor();
    await expect.poll(() => review.getByTestId('notice-status').textContent()).toBe('Published');

    // And subscribes to it: alerts on anything that links to it.
    await review.getByRole('button', { name: 'Alert me when anything links to this' }).click();
    await review.getByTestId('subscribed').waitFor();

    // Listed as published.
    await review.getByRole('link', { name: 'All notices' }).click();
    await review.getByRole('combobox', { name: 'Status' }).click();
    await review.getByRole('option', { name: 'Published' }).click();
    await review.waitForURL(/status=published/);
    const published = review.getByTestId('notice-row').filter({ hasText: TITLE });
    await published.waitFor();
    expect(await published.getAttribute('data-status')).toBe('published');
    expect(await published.getByLabel('TLP:GREEN').count()).toBe(1);
    const publishedCount = await review.getByTestId('notice-row').count();
    if (SCREENSHOTS !== undefined) await review.screenshot({ path: join(SCREENSHOTS, 'workbench-notices.png') });
    console.log(
      `notices: drafted ${noticeId}, refused twice with the field named (title, name), submitted, ` +
        `${queue} in the reviewer's queue, approved; ${publishedCount} published notices listed`,
    );
    expect(reviewer.errors, reviewer.errors.join('\n')).toEqual([]);
    await reviewer.context.close();
  });

  it('gives a hotel only the blind answer for the wanted man, and flags him in its guest list', async () => {
    const { context, page, errors } = await workbench.signIn('harbour-hotels', 'reporter');
    await page.getByRole('link', { name: 'Screening' }).click();
    await page.getByRole('heading', { name: 'Screening' }).waitFor();

    await page.getByLabel('Full name', { exact: true }).fill(SCENARIO_WANTED.name);
    await page.getByLabel('Date of birth', { exact: true }).fill(SCENARIO_WANTED.birthDate);
    await page.getByLabel('Document number', { exact: true }).fill(SCENARIO_WANTED.passport);
    const answered = page.waitForResponse((response) => response.url().endsWith('/api/v1/screen'));
    await page.getByRole('button', { name: 'Check' }).click();
    const answer = (await (await answered).json()) as { result: string; hits: unknown[]; reference: string };
    expect(answer).toMatchObject({ result: 'secondary_check_advised', hits: [], secondaryCheckAdvised: true });

    const result = page.getByTestId('screen-result');
    await result.waitFor();
    expect(await page.getByTestId('screen-outcome').getAttribute('data-result')).toBe('secondary_check_advised');
    expect(await page.getByTestId('screen-reference').textContent()).toBe(answer.reference);
    expect(answer.reference).toMatch(/^SCR-[0-9A-F]{12}$/);
    // Nothing of the notice: no hit, score, feature, type, title or owner.
    expect(await page.getByTestId('screen-hits').count()).toBe(0);
    const shown = (await result.textContent()) ?? '';
    for (const secret of ['Hnatyuk', 'Wanted', 'GB-POLICE-MST', 'Score', 'What matched', '%']) {
      expect(shown).not.toContain(secret);
    }
    if (SCREENSHOTS !== undefined) await page.screenshot({ path: join(SCREENSHOTS, 'workbench-screening.png') });

    // Tonight's guest list, as the demo writes it, screened as a batch.
    await page.getByRole('tab', { name: 'A file (manifest, guest list)' }).click();
    const guestList = scenarioGuestList();
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'demo-guest-list.csv', mimeType: 'text/csv', buffer: Buffer.from(guestList) });
    await page.getByTestId('column-map').waitFor();
    expect(await page.getByRole('combobox', { name: 'Use of the column “full_name”' }).inputValue()).toBe('Full name');
    const percents: string[] = [];
    page.on('response', (response) => {
      if (!/\/screen\/batches\/[^/]+$/.test(response.url())) return;
      void response
        .json()
        .then((batch: { done: number; total: number }) => percents.push(`${batch.done}/${batch.total}`))
        .catch(() => undefined);
    });
    await page.getByRole('button', { name: 'Screen the file' }).click();
    const progress = page.getByTestId('batch-progress');
    await expect.poll(() => progress.getAttribute('data-percent'), { timeout: 60_000 }).toBe('100');
    expect(await progress.textContent()).toBe('24 of 24 rows screened (100%)');

    const wanted = page.locator(`[data-testid=batch-row][data-row-id="${WANTED_ROW}"]`);
    await wanted.waitFor();
    expect(await wanted.getAttribute('data-result')).toBe('secondary_check_advised');
    expect(await wanted.textContent()).toContain('Secondary check advised');
    const flagged = await page.locator('[data-testid=batch-row]:not([data-result=no_hit])').count();
    const rows = await page.getByTestId('batch-row').count();
    expect(flagged).toBe(1);
    expect(rows).toBe(24);
    if (SCREENSHOTS !== undefined) await page.screenshot({ path: join(SCREENSHOTS, 'workbench-screening-batch.png') });
    console.log(
      `screening: blind answer ${answer.reference} (no hit shown); guest list ${rows} rows, ` +
        `${flagged} flagged (${WANTED_ROW}), progress polled ${percents.join(' → ')}`,
    );
    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  });

  it('has no WCAG 2.1 A or AA violation that axe-core finds on notices and screening, in English and Arabic', async () => {
    const problems: string[] = [];
    const police = await workbench.signIn('gb-police-mst', 'analyst', { forAccessibility: true });
    const hotel = await workbench.signIn('harbour-hotels', 'reporter', { forAccessibility: true });
    for (const locale of ['en', 'ar']) {
      const check = async (page: Page, name: string) => {
        expect(await page.evaluate('document.documentElement.lang')).toBe(locale);
        problems.push(...(await accessibilityViolations(page)).map((violation) => `${name} ${locale}: ${violation}`));
      };
      const page = police.page;
      await page.evaluate(`localStorage.setItem('weft.language', '${locale}')`);
      await page.goto(`${workbench.origin}/notices`);
      await page.getByTestId('notice-row').first().waitFor();
      await check(page, 'notices list');
      await page.goto(`${workbench.origin}/notices/${noticeId}`);
      await page.getByTestId('notice-history').waitFor();
      await check(page, 'notice');
      if (SCREENSHOTS !== undefined && locale === 'ar') {
        await page.screenshot({ path: join(SCREENSHOTS, 'workbench-notices-ar.png') });
      }
      await page.goto(`${workbench.origin}/notices/new`);
      await page.locator('form').waitFor();
      await check(page, 'new notice');

      const screening = hotel.page;
      await screening.evaluate(`localStorage.setItem('weft.language', '${locale}')`);
      await screening.goto(`${workbench.origin}/screening`);
      await screening.locator('input[name=name]').fill(SCENARIO_WANTED.name);
      await screening.locator('form button[type=submit]').click();
      await screening.getByTestId('screen-result').waitFor();
      await check(screening, 'screening');
      if (SCREENSHOTS !== undefined && locale === 'ar') {
        await screening.screenshot({ path: join(SCREENSHOTS, 'workbench-screening-ar.png') });
      }
      await screening.goto(`${workbench.origin}/screening?tab=batch`);
      await screening
        .locator('input[type=file]')
        .setInputFiles({ name: 'guests.csv', mimeType: 'text/csv', buffer: Buffer.from(scenarioGuestList()) });
      await screening.getByTestId('column-map').waitFor();
      await check(screening, 'screening file');
      await screening
        .getByRole('button')
        .filter({ hasText: locale === 'en' ? 'Screen the file' : 'افحص الملف' })
        .click();
      await screening.getByTestId('batch-results').waitFor({ timeout: 60_000 });
      await check(screening, 'screening batch results');
    }
    await police.context.close();
    await hotel.context.close();
    console.log(
      `accessibility: notices (list, notice, form) and screening (check, file, results) in en and ar: ${problems.length} violations`,
    );
    expect(problems).toEqual([]);
  });
});
