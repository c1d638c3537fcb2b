/**
 * Administration and oversight in Chromium, against the demo world: the hub's administrator
 * creates a user in a member organisation (the temporary password shown once is the one stored),
 * changes their roles and disables them, issues an API key (its secret works) and revokes it (it
 * no longer does), creates a sharing group and adds a member; the demo auditor browses the
 * ledger, filters it to the hub's administration, and verifies the chain; the hub's administrator
 * sees only their own organisation's entries. axe-core finds no WCAG 2.1 A or AA violation on
 * either screen in English or Arabic.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accessibilityViolations,
  CHROMIUM_AVAILABLE,
  SCREENSHOTS,
  startWorkbench,
  type Workbench,
} from '../support/workbench.ts';

/** Picks an option of a Mantine select by its label. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe.skipIf(!CHROMIUM_AVAILABLE)('administration and oversight in Chromium', { timeout: 300_000 }, () => {
  let workbench: Workbench;

  // Loading and resolving the demo world takes a while on a busy machine.
  beforeAll(async () => {
    workbench = await startWorkbench();
  }, 300_000);
  afterAll(async () => {
    await workbench.close();
  });

  it("lets the hub's administrator manage users, API keys and sharing groups", async () => {
    const { context, page, errors } = await workbench.signIn('weft-hub', 'admin');
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { name: 'Administration' }).waitFor();
    const organisations = page.getByTestId('organisation-row');
    await organisations.first().waitFor();
    const organisationCount = await organisations.count();
    expect(organisationCount).toBe((await workbench.store.organisations.list()).length);
    if (SCREENSHOTS !== undefined) await page.screenshot({ path: join(SCREENSHOTS, 'workbench-admin.png') });

    // A user in Harbour Hotels: the temporary password is shown once, and is what was stored.
    await page.getByRole('tab', { name: 'Users' }).click();
    await choose(page, 'Organisation', 'Harbour Hotels');
    await page.getByTestId('user-row').first().waitFor();
    const email = 'night-manager@harbour-hotels.example';
    await page.getByRole('textbox', { name: 'E-mail' }).fill(email);
    await page.getByRole('textbox', { name: 'Display name' }).fill('Night manager');
    await page.getByRole('checkbox', { name: 'Reporter' }).check();
    await choose(page, 'Clearance', 'Confidential');
    await page.getByRole('button', { name: 'Create user' }).click();
    const secret = page.getByTestId('shown-once').getByTestId('secret');
    await secret.waitFor();
    const password = (await secret.textContent()) ?? '';
    expect(password).toMatch(/^[A-Za-z0-9]{20}$/);
    let user = await workbench.store.users.findByEmail(email);
    expect(user).toMatchObject({ organisationId: 'harbour-hotels', roles: ['reporter'], clearance: 'confidential' });
    expect(user?.passwordHash).toBe(`plain:${password}`);
    await page.getByRole('button', { name: 'I have kept it' }).click();
    await expect.poll(() => page.getByTestId('shown-once').count()).toBe(0);
    expect(await page.getByText(password).count()).toBe(0);

    // Their roles changed: reviewer added.
    const row = page.locator(`[data-testid=user-row][data-email="${email}"]`);
    await row.getByRole('button', { name: 'Roles and clearance (Night manager)' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('checkbox', { name: 'Reviewer' }).check();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Roles and clearance of Night manager saved.').waitFor();
    await row.getByText('Reviewer').waitFor();
    user = await workbench.store.users.findByEmail(email);
    expect([...(user?.roles ?? [])].sort()).toEqual(['reporter', 'reviewer']);

    // Disabled, after a confirmation.
    await row.getByRole('button', { name: 'Disable (Night manager)' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Disable' }).click();
    await row.getByText('Disabled').waitFor();
    expect((await workbench.store.users.findByEmail(email))?.disabledAt).not.toBeNull();

    // An API key: its secret, shown once, authenticates until the key is revoked.
    await page.getByRole('tab', { name: 'API keys' }).click();
    await page.getByTestId('key-row').first().waitFor();
    await page.getByRole('textbox', { name: 'Name' }).fill('Case system bridge');
    await page.getByRole('checkbox', { name: 'Analyst' }).check();
    await page.getByRole('button', { name: 'Issue key' }).click();
    const keySecret = (await page.getByTestId('shown-once').getByTestId('secret').textContent()) ?? '';
    expect(keySecret.length).toBeGreaterThan(20);
    const asKey = () =>
      fetch(`${workbench.origin}/api/v1/auth/me`, { headers: { authorization: `Bearer ${keySecret}` } });
    const before = await asKey();
    expect(before.status).toBe(200);
    expect(((await before.json()) as { organisation: { id: string } }).organisation.id).toBe('weft-hub');
    const keyRow = page.locator('[data-testid=key-row][data-name="Case system bridge"]');
    await keyRow.getByRole('button', { name: 'Revoke (Case system bridge)' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke' }).click();
    await keyRow.getByText(/^Revoked/).waitFor();
    expect((await asKey()).status).toBe(401);

    // A sharing group, with Harbour Hotels added beside the hub.
    await page.getByRole('tab', { name: 'Sharing groups' }).click();
    await page.getByRole('textbox', { name: 'Identifier' }).fill('harbour-watch');
    await page.getByRole('textbox', { name: 'Name' }).fill('Harbour watch');
    await page.getByRole('button', { name: 'Create group' }).click();
    const group = page.locator('[data-testid=group][data-group=harbour-watch]');
    await group.waitFor();
    await choose(page, 'Add a member organisation', 'Harbour Hotels');
    await group.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByText('Harbour Hotels added to Harbour watch.').waitFor();
    await expect
      .poll(async () => (await group.getByTestId('member').allTextContents()).sort())
      .toEqual(['Coordination hub', 'Harbour Hotels']);
    expect([...((await workbench.store.groups.get('harbour-watch'))?.members ?? [])].sort()).toEqual([
      'harbour-hotels',
      'weft-hub',
    ]);
    console.log(
      `administration: ${organisationCount} organisations listed; user created with a 20-character temporary password, roles changed, disabled; key issued (200) and revoked (401); group of 2 members`,
    );
    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  });

  it('lets the demo auditor browse and filter the ledger and verify its chain', async () => {
    const { context, page, errors } = await workbench.signIn('data-protection-board', 'auditor');
    await page.getByRole('link', { name: 'Oversight' }).click();
    await page.getByRole('heading', { name: 'Oversight', exact: true }).waitFor();
    const entries = page.getByTestId('ledger-entry');
    await entries.first().waitFor();
    expect(await entries.count()).toBe(50);
    await expect.poll(() => page.getByTestId('ledger-range').textContent()).toBe('Entries 1 to 50');

    // The hub's administration only: every entry shown is one.
    await page.getByRole('textbox', { name: 'Organisation' }).fill('weft-hub');
    await choose(page, 'Action', 'Administered');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect
      .poll(async () => new Set(await Promise.all((await entries.all()).map((row) => row.getAttribute('data-action')))))
      .toEqual(new Set(['administer']));
    expect(new Set(await page.getByTestId('entry-organisation').allTextContents())).toEqual(new Set(['weft-hub']));
    const filtered = await entries.count();
    expect(filtered).toBeGreaterThan(5);
    await page.getByText('user_created').first().waitFor();

    // One entry in full: ids and hashes.
    await entries.first().getByRole('button').click();
    const detail = page.getByRole('dialog');
    await detail.getByText('Previous hash').waitFor();
    expect(await detail.locator('pre, code').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^[0-9a-f]{64}$/)]),
    );
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });

    // The chain holds.
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    const verdict = page.getByTestId('verification');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-ok')).toBe('true');
    const checked = Number(((await page.getByTestId('verified-entries').textContent()) ?? '').replace(/\D/g, ''));
    // At least the page of 50 seen, at most what the ledger holds now (the verification is itself recorded).
    expect(checked).toBeGreaterThan(50);
    expect(checked).toBeLessThanOrEqual((await workbench.store.ledger.verify()).entries);
    if (SCREENSHOTS !== undefined) await page.screenshot({ path: join(SCREENSHOTS, 'workbench-oversight.png') });
    console.log(
      `oversight: ${filtered} of the hub's administration entries filtered; chain verified over ${checked} entries`,
    );
    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  });

  it("shows an administrator their own organisation's entries only, and no verification", async () => {
    const { context, page, errors } = await workbench.signIn('weft-hub', 'admin');
    await page.getByRole('link', { name: 'Oversight' }).click();
    const entries = page.getByTestId('ledger-entry');
    await entries.first().waitFor();
    expect(new Set(await page.getByTestId('entry-organisation').allTextContents())).toEqual(new Set(['weft-hub']));
    await page.getByText('Verifying the chain is for auditors.').waitFor();
    expect(await page.getByRole('button', { name: 'Verify the chain' }).count()).toBe(0);
    expect(await page.getByRole('textbox', { name: 'Organisation' }).count()).toBe(0);
    expect(errors, errors.join('\n')).toEqual([]);
    await context.close();
  });

  it('has no WCAG 2.1 A or AA violation that axe-core finds on administration and oversight, in English and Arabic', async () => {
    const problems: string[] = [];
    const admin = await workbench.signIn('weft-hub', 'admin', { forAccessibility: true });
    const auditor = await workbench.signIn('data-protection-board', 'auditor', { forAccessibility: true });
    for (const locale of ['en', 'ar']) {
      for (const tab of ['organisations', 'users', 'groups', 'keys', 'retention']) {
        const page = admin.page;
        await page.evaluate(`localStorage.setItem('weft.language', '${locale}')`);
        await page.goto(`${workbench.origin}/admin/${tab}`);
        await page.getByRole('tabpanel').waitFor();
        // Every list of the tab loaded.
        await expect.poll(() => page.getByRole('tabpanel').locator('.mantine-Loader-root').count()).toBe(0);
        expect(await page.evaluate('document.documentElement.lang')).toBe(locale);
        problems.push(
          ...(await accessibilityViolations(page)).map((violation) => `admin/${tab} ${locale}: ${violation}`),
        );
        if (SCREENSHOTS !== undefined && locale === 'ar' && tab === 'users') {
          await page.screenshot({ path: join(SCREENSHOTS, 'workbench-admin-ar.png') });
        }
      }
      const page = auditor.page;
      await page.evaluate(`localStorage.setItem('weft.language', '${locale}')`);
      await page.goto(`${workbench.origin}/oversight`);
      await page.getByTestId('ledger-entry').first().waitFor();
      await page.getByRole('button', { name: locale === 'ar' ? 'التحقق من السلسلة' : 'Verify the chain' }).click();
      await page.getByTestId('verification').waitFor();
      problems.push(...(await accessibilityViolations(page)).map((violation) => `oversight ${locale}: ${violation}`));
      if (SCREENSHOTS !== undefined && locale === 'ar') {
        await page.screenshot({ path: join(SCREENSHOTS, 'workbench-oversight-ar.png') });
      }
    }
    await admin.context.close();
    await auditor.context.close();
    console.log(`accessibility: administration (5 tabs) and oversight in en and ar: ${problems.length} violations`);
    expect(problems).toEqual([]);
  });
});
