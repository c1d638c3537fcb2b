/**
 * Cases, tips triage and worker voice in Chromium, against the demo world: the tip line's reviewer
 * opens a tip with phones and linked records, replies to the reporter and routes it to the police;
 * the police analyst (who finds the routed tip in their inbox) opens a case, notes it, adds an
 * entity and a file, shares it with a victim support NGO chosen from the member directory and
 * writes on its thread; the NGO's caseworker sees the case, the unread message,
 * and reads it; the brand sees its supply site at high risk with the ILO indicator table, and
 * starts a survey campaign. axe-core finds no WCAG 2.1 A or AA violation on any of these screens,
 * in English or in Arabic.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DemoLogin } from '../../src/apps/ingest/demo.ts';
import { SCENARIO_POLICE, SCENARIO_SUPPLY_SITE, WORLD_TIP_LINE } from '../../src/domain/synth/index.ts';
import { NO_HASHING } from '../support/no-hashing.ts';
import {
  accessibilityViolations,
  CHROMIUM_AVAILABLE,
  SCREENSHOTS,
  startWorkbench,
  type Workbench,
} from '../support/workbench.ts';

const SUPPORT_NGO = 'safe-harbour';

/**
 * Picks an organisation in the directory's searchable select, typing part of its id: again when
 * the list closed before the click landed (a refetch re-rendering the page just then closes it).
 */
async function pickOrganisation(page: Page, id: string): Promise<void> {
  const combobox = page.getByRole('combobox', { name: /^Organisation/ });
  await vi.waitFor(
    async () => {
      await combobox.fill(id);
      await page.getByRole('option', { name: new RegExp(`\\(${id}\\)$`, 'u') }).click({ timeout: 5_000 });
      expect(await combobox.inputValue()).toMatch(new RegExp(`\\(${id}\\)$`, 'u'));
    },
    { timeout: 30_000, interval: 500 },
  );
}

/** A GET of the API as the page's signed-in user, with the purpose the session chose. */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  const purpose = await page.evaluate<string | null>("sessionStorage.getItem('weft.purpose')");
  const response = await page.request.get(new URL(`/api/v1${path}`, page.url()).toString(), {
    headers: purpose === null ? {} : { 'x-weft-purpose': purpose },
  });
  expect(response.status(), `GET ${path}`).toBe(200);
  return (await response.json()) as T;
}

interface TipDetail {
  readonly report: { readonly id: string; readonly extracted: { readonly phones?: { e164: string }[] } | null };
  readonly linked: readonly { recordId: string }[];
  readonly messages: readonly unknown[];
}

/** The WCAG problems axe-core finds on the page now, each prefixed with where. */
async function violations(page: Page, where: string): Promise<string[]> {
  // The pointer off the content, so that no hover state is judged.
  await page.mouse.move(0, 0);
  return (await accessibilityViolations(page)).map((violation) => `${where}: ${violation}`);
}

/** Reloads the page at `path` in a language, and waits for `ready`. */
async function inLanguage(page: Page, origin: string, locale: string, path: string, ready: string): Promise<void> {
  await page.evaluate(`localStorage.setItem('weft.language', '${locale}')`);
  await page.goto(`${origin}${path}`);
  await page.locator(ready).first().waitFor();
  expect(await page.evaluate('document.documentElement.lang')).toBe(locale);
}

describe.skipIf(!CHROMIUM_AVAILABLE)('cases, tips and worker voice in Chromium', { timeout: 300_000 }, () => {
  let workbench: Workbench;
  const problems: string[] = [];
  let routedReport = '';
  let caseId = '';
  const caseTitle = `Leicester garment unit ${Date.now().toString(36)}`;

  beforeAll(async () => {
    workbench = await startWorkbench();
  });
  afterAll(async () => {
    await workbench.close();
  });

  it('lets the tip line triage a tip: its phones and linked records, a reply, and routing to the police', async () => {
    const { context, page, errors } = await workbench.signIn(WORLD_TIP_LINE, 'reviewer', { forAccessibility: true });
    await page.getByRole('link', { name: 'Tips' }).click();
    await page.getByRole('heading', { name: 'Tips', level: 2 }).waitFor();
    await page.getByTestId('tip-row').first().waitFor();
    const queued = await page.getByTestId('tip-row').count();
    expect(queued).toBeGreaterThan(0);

    // A new tip whose text names phones and that resolution links to records, found through the API.
    const { reports } = await apiGet<{ reports: { id: string; extracted: TipDetail['report']['extracted'] }[] }>(
      page,
      '/reports?state=new&limit=500',
    );
    let chosen: TipDetail | undefined;
    for (const report of reports.filter((one) => (one.extracted?.phones?.length ?? 0) > 0)) {
      const detail = await apiGet<TipDetail>(page, `/reports/${report.id}`);
      if (detail.linked.length > 0) {
        chosen = detail;
        break;
      }
    }
    expect(chosen, 'a new tip with phones and linked records').toBeDefined();
    const tip = chosen as TipDetail;
    routedReport = tip.report.id;
    problems.push(...(await violations(page, 'tips queue en')));
    if (SCREENSHOTS !== undefined) await page.screenshot({ path: join(SCREENSHOTS, 'workbench-tips.png') });

    await page.locator(`a[href="/tips/${tip.report.id}"]`).click();
    await page.getByTestId('tip-text').waitFor();
    const phones = page.getByTestId('extracted-phones');
    for (const phone of tip.report.extracted?.phones ?? []) await phones.getByText(phone.e164).first().waitFor();
    await expect.poll(() => page.getByTestId('linked-record').count()).toBe(tip.linked.length);
    expect(await page.getByTestId('linked-record').first().locator('a').getAttribute('href')).toMatch(/^\/entities\//);
    problems.push(...(await violations(page, 'tip en')));

    // A reply to the reporter joins the conversation.
    await page.getByRole('textbox', { name: /^Reply to the reporter/ }).fill('Thank you. Are they still there?');
    await page.getByRole('button', { name: 'Send the reply' }).click();
    await page.getByText('Reply sent.').waitFor();
    await expect.poll(() => page.getByTestId('tip-message').count()).toBe(tip.messages.length + 1);

    // Routed to the police: the tip says so.
    await pickOrganisation(page, SCENARIO_POLICE);
    await page.getByRole('button', { name: 'Route the tip' }).click();
    await page.getByText(`Tip routed to ${SCENARIO_POLICE}.`).waitFor();
    await expect.poll(() => page.getByTestId('tip-state').textContent()).toBe('Routed');
    expect(await page.getByTestId('routed-to').textContent()).toContain(SCENARIO_POLICE);
    if (SCREENSHOTS !== undefined) await page.screenshot({ path: join(SCREENSHOTS, 'workbench-tip.png') });

    await inLanguage(page, workbench.origin, 'ar', '/tips', '[data-testid=tip-row]');
    problems.push(...(await violations(page, 'tips queue ar')));
    await inLanguage(page, workbench.origin, 'ar', `/tips/${tip.report.id}`, '[data-testid=tip-text]');
    problems.push(...(await violations(page, 'tip ar')));
    if (SCREENSHOTS !== undefined) {
      await page.screenshot({ path: join(SCREENSHOTS, 'workbench-tip-ar.png') });
    }
    console.log(
      `tips: ${queued} new in the queue; tip ${tip.report.id.slice(0, 8)} with ${tip.report.extracted?.phones?.length ?? 0} phones and ${tip.linked.length} linked records, replied to and routed to ${SCENARIO_POLICE}`,
    );
    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  });

  it('lets the police open a case, note it, add an entity and a file, share it and write on its thread', async () => {
    const { context, page, errors } = await workbench.signIn(SCENARIO_POLICE, 'analyst', { forAccessibility: true });
    // The routed tip is in the police's inbox.
    const { alerts } = await apiGet<{ alerts: { kind: string; reference: string }[] }>(page, '/alerts?limit=500');
    expect(alerts.some((alert) => alert.kind === 'tip_routed' && alert.reference === routedReport)).toBe(true);

    await page.getByRole('link', { name: 'Cases' }).click();
    await page.getByRole('heading', { name: 'Cases', level: 2 }).waitFor();
    await page.getByRole('button', { name: 'Open a new case' }).click();
    await page.getByRole('textbox', { name: /^Title/ }).fill(caseTitle);
    await page.getByRole('textbox', { name: /^Reference/ }).fill('MST-2024-117');
    await page.getByRole('combobox', { name: 'Exploitation', exact: true }).click();
    await page.getByRole('option', { name: 'Forced labour' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('combobox', { name: 'Sharing (TLP)' }).click();
    await page.getByRole('option', { name: 'TLP:GREEN' }).click();
    problems.push(...(await violations(page, 'cases with the new case form en')));
    await page.getByRole('button', { name: 'Open the case' }).click();
    await page.getByRole('heading', { name: caseTitle, level: 2 }).waitFor();
    caseId = new URL(page.url()).pathname.split('/').pop() ?? '';
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
    await page.getByText('Forced labour').first().waitFor();

    await page.getByRole('textbox', { name: /^New note/ }).fill('The tip names the unit’s manager; phones match.');
    await page.getByRole('button', { name: 'Add the note' }).click();
    await expect.poll(() => page.getByTestId('case-note').count()).toBe(1);

    // An entity, by one of its records the analyst may see.
    const { records } = await apiGet<{ records: { id: string; caption: string | null }[] }>(
      page,
      '/records?type=Person&limit=1',
    );
    const person = records[0];
    expect(person).toBeDefined();
    await page.getByRole('textbox', { name: /^Id/ }).fill(person?.id ?? '');
    await page.getByRole('button', { name: 'Add to the case' }).click();
    await page.getByText('Added to the case.').waitFor();
    const item = page.getByTestId('case-item');
    await expect.poll(() => item.count()).toBe(1);
    expect(await item.locator('a').getAttribute('href')).toBe(`/entities/${person?.id ?? ''}`);

    // A file, attached and downloaded again.
    await page.locator('input[type=file]').setInputFiles({
      name: 'statement.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Witness statement, page 1.\n'),
    });
    await page.getByRole('button', { name: 'Attach', exact: true }).click();
    await page.getByText('File attached.').waitFor();
    const file = page.getByTestId('case-file').locator('a');
    await file.waitFor();
    const download = await page.request.get(new URL((await file.getAttribute('href')) ?? '', page.url()).toString());
    expect(download.status()).toBe(200);
    expect(await download.text()).toBe('Witness statement, page 1.\n');

    // A member chosen from the directory, whom the case's markings reach.
    await pickOrganisation(page, SUPPORT_NGO);
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await page.getByText(`Shared with ${SUPPORT_NGO}.`).waitFor();
    await expect.poll(() => page.getByTestId('case-share').count()).toBe(1);

    await page.getByRole('textbox', { name: /^Message/ }).fill('Shared with you: can you check the shelter list?');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => page.getByTestId('message').count()).toBe(1);
    problems.push(...(await violations(page, 'case en')));
    if (SCREENSHOTS !== undefined) await page.screenshot({ path: join(SCREENSHOTS, 'workbench-case.png') });

    await page.getByRole('link', { name: 'All cases' }).click();
    await page.getByTestId('case-row').first().waitFor();
    expect(await page.getByTestId('case-row').filter({ hasText: caseTitle }).count()).toBe(1);
    problems.push(...(await violations(page, 'cases en')));
    if (SCREENSHOTS !== undefined) await page.screenshot({ path: join(SCREENSHOTS, 'workbench-cases.png') });

    await inLanguage(page, workbench.origin, 'ar', '/cases', '[data-testid=case-row]');
    problems.push(...(await violations(page, 'cases ar')));
    await inLanguage(page, workbench.origin, 'ar', `/cases/${caseId}`, '[data-testid=case-note]');
    problems.push(...(await violations(page, 'case ar')));
    if (SCREENSHOTS !== undefined) {
      await page.screenshot({ path: join(SCREENSHOTS, 'workbench-case-ar.png') });
    }
    console.log(
      `cases: ${SCENARIO_POLICE} opened a case (1 note, 1 entity, 1 file of 27 bytes), shared it with ${SUPPORT_NGO} from the directory, and wrote 1 message`,
    );
    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  });

  it('shows the case to the organisation it is shared with, and its unread message until read', async () => {
    const { context, page, errors } = await workbench.signIn(SUPPORT_NGO, 'caseworker', { forAccessibility: true });
    await page.getByRole('link', { name: 'Cases' }).click();
    const row = page.getByTestId('case-row').filter({ hasText: caseTitle });
    await row.waitFor();
    expect(await row.textContent()).toContain('Shared with us');

    await page.getByRole('tab', { name: 'Messages' }).click();
    const thread = page.getByTestId('thread-row').filter({ has: page.locator(`a[href="/cases/${caseId}"]`) });
    await thread.waitFor();
    const unreadBefore = Number(await thread.locator('td').nth(2).textContent());
    expect(unreadBefore).toBe(1);
    problems.push(...(await violations(page, 'messages en')));
    if (SCREENSHOTS !== undefined) await page.screenshot({ path: join(SCREENSHOTS, 'workbench-messages.png') });
    await thread.getByRole('button', { name: 'Open the thread' }).click();
    await page.getByTestId('message').getByText('can you check the shelter list?').waitFor();
    await expect.poll(() => page.getByTestId('unread').textContent()).toBe('1 unread');
    await page.getByRole('button', { name: 'Mark as read' }).click();
    await expect.poll(() => page.getByTestId('unread').textContent()).toBe('0 unread');
    await expect.poll(async () => Number(await thread.locator('td').nth(2).textContent())).toBe(0);

    // The case as the NGO may see it: read only, its note, the police's item shown or restricted.
    await page.goto(`${workbench.origin}/cases/${caseId}`);
    await page.getByRole('heading', { name: caseTitle, level: 2 }).waitFor();
    await page.getByText('Only the owner organisation’s analysts').waitFor();
    expect(await page.getByTestId('case-note').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Add the note' }).count()).toBe(0);
    const item = page.getByTestId('case-item');
    const restricted = (await item.getAttribute('data-restricted')) === 'true';
    problems.push(...(await violations(page, 'shared case en')));

    await inLanguage(page, workbench.origin, 'ar', '/cases/messages', '[data-testid=thread-row]');
    problems.push(...(await violations(page, 'messages ar')));
    console.log(
      `messages: ${SUPPORT_NGO} saw ${unreadBefore} unread, then 0 after reading; the shared case's entity item is ${restricted ? 'restricted' : 'visible'} to it`,
    );
    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  });

  it('shows the brand its supply site at high risk, with the ILO indicators, and starts a campaign', async () => {
    // The demo world has no user at the brand: one is added here, as its administrator would.
    const login: DemoLogin = {
      email: `reporter@${SCENARIO_SUPPLY_SITE.brand}.example`,
      password: 'brand-demo-password-1',
      organisation: SCENARIO_SUPPLY_SITE.brand,
      role: 'reporter',
    };
    await workbench.store.users.create({
      organisationId: login.organisation,
      email: login.email,
      displayName: 'Brand reporter',
      roles: ['reporter'],
      clearance: 'confidential',
      passwordHash: await NO_HASHING.hash(login.password),
    });
    // signIn looks the login up among the demo's; this test's user joins them.
    (workbench.logins as DemoLogin[]).push(login);
    const { context, page, errors } = await workbench.signIn(login.organisation, 'reporter', {
      forAccessibility: true,
    });
    await page.getByRole('link', { name: 'Worker voice' }).click();
    await page.getByRole('heading', { name: 'Worker voice', level: 2 }).waitFor();
    await page.getByTestId('site').filter({ hasText: SCENARIO_SUPPLY_SITE.code }).getByRole('link').click();
    const level = page.getByTestId('risk-level');
    await level.waitFor();
    expect(await level.getAttribute('data-level')).toBe('high');
    expect(await level.textContent()).toBe('High risk');
    const rows = page.getByTestId('indicator-row');
    expect(await rows.count()).toBe(11);
    const rising = await page.locator('[data-testid=indicator-row] [data-trend=up]').count();
    const withheld = await page.locator('[data-testid=indicator-table] [data-withheld=true]').count();
    problems.push(...(await violations(page, 'worker voice en')));
    if (SCREENSHOTS !== undefined) {
      await page.screenshot({ path: join(SCREENSHOTS, 'workbench-worker-voice.png') });
    }

    await page.getByRole('textbox', { name: /^Name/ }).fill('Spring survey');
    await page.getByRole('button', { name: 'Start a campaign' }).click();
    await page.getByText('Campaign started.').waitFor();
    await expect.poll(() => page.getByTestId('campaign').count()).toBe(1);

    await inLanguage(
      page,
      workbench.origin,
      'ar',
      `/worker-voice?site=${SCENARIO_SUPPLY_SITE.code}`,
      '[data-testid=indicator-row]',
    );
    expect(await page.getByTestId('risk-level').textContent()).toBe('خطر مرتفع');
    problems.push(...(await violations(page, 'worker voice ar')));
    if (SCREENSHOTS !== undefined) {
      await page.screenshot({ path: join(SCREENSHOTS, 'workbench-worker-voice-ar.png') });
    }
    console.log(
      `worker voice: ${SCENARIO_SUPPLY_SITE.code} at high risk; 11 indicators, ${rising} rising, ${withheld} figures withheld; 1 campaign started`,
    );
    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  });

  it('finds no WCAG 2.1 A or AA violation on these screens in English and Arabic', () => {
    console.log(`accessibility: tips, cases, messages and worker voice in en and ar: ${problems.length} violations`);
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
