/**
 * The web workbench in a real browser, for browser tests: the demo world in an embedded store
 * (resolved and screened, copied from the run's snapshot), the server on a free port with the
 * built workbench, Debian's Chromium driven by playwright-core, and signing in as a demo user
 * through the sign-in screen itself (password, then the TOTP code computed from the key the
 * enrolment screen shows). Tests skip, saying why, where Chromium is not installed (CI installs it).
 */
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { Store } from '../../src/adapters/store/index.ts';
import { openIngestStream } from '../../src/adapters/streams/index.ts';
import type { DemoLogin } from '../../src/apps/ingest/demo.ts';
import { ReportingService } from '../../src/apps/reporting/reporting.service.ts';
import { Resolver } from '../../src/apps/resolution/resolver.ts';
import { buildApp } from '../../src/apps/server/app.ts';
import { decodeTotpSecret, totpCode, totpStep } from '../../src/domain/access/totp.ts';
import type { Role } from '../../src/domain/policy/index.ts';
import { WORLD_TIP_LINE } from '../../src/domain/synth/index.ts';
import { openDemoWorld, startScreening } from './demo-snapshot.ts';
import { NO_HASHING } from './no-hashing.ts';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_AVAILABLE = existsSync(CHROMIUM);
if (!CHROMIUM_AVAILABLE)
  console.log(`browser tests skipped: ${CHROMIUM} is not installed (apt-get install -y chromium)`);

const LAUNCH_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // WebGL (the graph, the map) in software.
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

/** Where WEFT_SCREENSHOTS asks screens to be photographed (docs/screenshots holds the committed ones). */
export const SCREENSHOTS = process.env['WEFT_SCREENSHOTS'];

export interface Workbench {
  readonly origin: string;
  readonly store: Store;
  readonly app: FastifyInstance;
  readonly browser: Browser;
  readonly logins: readonly DemoLogin[];
  /** A new browser context signed in as the demo user of `organisation` with `role`, on the first screen. */
  signIn(
    organisation: string,
    role: Role,
    options?: { readonly locale?: string; readonly forAccessibility?: boolean },
  ): Promise<SignedIn>;
  close(): Promise<void>;
}

export interface SignedIn {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Errors the page threw or logged (a test expects none). */
  readonly errors: string[];
}

/** Starts the demo world's server with the built workbench and a browser. */
export async function startWorkbench(): Promise<Workbench> {
  // The demo world loaded, resolved and screened (a copy of the run's snapshot, this suite's own).
  const { store, logins, dispose } = await openDemoWorld();
  const resolver = new Resolver(store);
  // As the server does at start (nothing is pending in the copy, but the resolver is ready).
  await resolver.resolvePending();
  const { notices, watch } = await startScreening(store);
  const stream = await openIngestStream({});
  const reporting = new ReportingService({
    store,
    hashReceipt: (code) => Promise.resolve(createHmac('sha256', 'workbench').update(code).digest('hex')),
    tipLine: WORLD_TIP_LINE,
    randomBytes,
  });
  await reporting.fileHeldTips();
  const app = await buildApp({
    store,
    stream,
    streamConsumerRunning: () => true,
    passwords: NO_HASHING,
    reporting,
    resolver,
    notices,
    watch,
  });
  const origin = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_FLAGS });
  // Each user's authenticator: the key enrolled, and the last step used (a code works once).
  const authenticators = new Map<string, { key: Uint8Array; lastStep: number }>();

  const codeFor = async (email: string): Promise<string> => {
    const authenticator = authenticators.get(email);
    if (authenticator === undefined) throw new Error(`${email} has not enrolled`);
    // A code works once; the server accepts the next step's too. When both are spent, wait.
    for (;;) {
      const now = Date.now();
      const at = [new Date(now), new Date(now + 30_000)].find((time) => totpStep(time) > authenticator.lastStep);
      if (at !== undefined) {
        authenticator.lastStep = totpStep(at);
        return totpCode(authenticator.key, at);
      }
      await new Promise((resolve) => setTimeout(resolve, 30_000 - (now % 30_000) + 50));
    }
  };

  return {
    origin,
    store,
    app,
    browser,
    logins,
    async signIn(organisation, role, options = {}) {
      const login = logins.find((entry) => entry.organisation === organisation && entry.role === role);
      if (login === undefined) throw new Error(`the demo world has no ${role} at ${organisation}`);
      const context = await browser.newContext({
        locale: options.locale ?? 'en',
        viewport: { width: 1280, height: 900 },
        // axe-core is injected as an inline script, which the workbench's own policy forbids.
        bypassCSP: options.forAccessibility === true,
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error' && !message.text().includes('401')) errors.push(message.text());
      });
      await page.goto(`${origin}/`);
      await page.locator('input[type=email]').fill(login.email);
      await page.locator('input[type=password]').fill(login.password);
      await page.locator('form button[type=submit]').click();
      const secret = page.getByTestId('totp-secret');
      const code = page.locator('input[autocomplete=one-time-code]');
      await code.waitFor();
      if ((await secret.count()) > 0) {
        authenticators.set(login.email, { key: decodeTotpSecret((await secret.textContent()) ?? ''), lastStep: 0 });
      }
      await code.fill(await codeFor(login.email));
      await page.locator('form button[type=submit]').click();
      await page.getByTestId('organisation').waitFor();
      // The purpose prompt (for users with more than one purpose): the default purpose, confirmed.
      const prompt = page.getByRole('dialog');
      const asked = await prompt
        .waitFor({ timeout: 3000 })
        .then(() => true)
        .catch(() => false);
      if (asked) {
        await prompt.locator('button[type=submit]').click();
        await prompt.waitFor({ state: 'hidden' });
      }
      return { context, page, errors };
    },
    async close() {
      await browser.close();
      await app.close();
      await watch.stop();
      notices.close();
      await stream.close();
      await dispose();
    },
  };
}

/** The WCAG 2.1 A and AA violations axe-core finds on the page now, as "rule: targets" lines (sign in `forAccessibility`). */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axe.source });
  return page.evaluate<string[]>(
    "axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })" +
      '.then((result) => result.violations.map((v) => v.id + ": " + v.nodes.map((n) => n.target.join(" ")).join(", ")))',
  );
}
