/**
 * An app for sign-in tests: like `testApp`, with a clock the test moves (idle timeouts, lockouts
 * and TOTP steps without sleeping), a coordination hub beside the hotel and the police, and
 * helpers to create users and sign them in with both factors.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { argon2Hasher } from '../../src/adapters/passwords/argon2.ts';
import type { Store, UserAccount } from '../../src/adapters/store/index.ts';
import { openIngestStream } from '../../src/adapters/streams/index.ts';
import { streamWriter } from '../../src/apps/ingest/stream-writer.ts';
import { buildApp } from '../../src/apps/server/app.ts';
import type { OidcConfig } from '../../src/apps/config.ts';
import { decodeTotpSecret, TOTP_PERIOD_SECONDS, totpCode } from '../../src/domain/access/index.ts';
import type { Organisation } from '../../src/domain/model/organisation.ts';
import type { Confidentiality, Role } from '../../src/domain/policy/index.ts';
import { HOTEL, POLICE } from '../fixtures/records.ts';
import type { DatabaseTarget } from './databases.ts';

/** The coordination hub: its admins manage every organisation's users. */
export const HUB: Organisation = {
  id: 'weft-hub',
  name: 'Coordination Hub',
  organisationType: 'coordinator',
  sector: 'coordination',
};

/** A clock the test moves. */
export interface TestClock {
  now(): Date;
  advance(ms: number): void;
  /** Moves to the start of the next TOTP step, so that a new code is due. */
  nextStep(): void;
}

/** The app, its store and its clock. */
export interface SignInApp {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly clock: TestClock;
  close(): Promise<void>;
}

/** A fresh store with the hotel, the police and the hub, and the app over it (with OIDC sign-in when given). */
export async function signInApp(target: DatabaseTarget, options: { oidc?: OidcConfig } = {}): Promise<SignInApp> {
  const { store, dispose } = await target.open();
  for (const organisation of [HOTEL, POLICE, HUB]) await store.organisations.save(organisation);
  let now = Date.parse('2026-03-02T09:00:10.000Z');
  const clock: TestClock = {
    now: () => new Date(now),
    advance(ms) {
      now += ms;
    },
    nextStep() {
      const period = TOTP_PERIOD_SECONDS * 1000;
      now = (Math.floor(now / period) + 1) * period + 1000;
    },
  };
  const stream = await openIngestStream({ redeliveryDelayMs: 10 });
  const stop = await stream.consume(streamWriter(store, () => undefined));
  const app = await buildApp({
    store,
    stream,
    streamConsumerRunning: () => true,
    clock: () => clock.now(),
    ...(options.oidc === undefined ? {} : { oidc: options.oidc }),
  });
  await app.ready();
  return {
    app,
    store,
    clock,
    async close() {
      await app.close();
      await stop();
      await stream.close();
      await dispose();
    },
  };
}

const hasher = argon2Hasher();

/** What a test user is made of. */
export interface UserSpec {
  readonly email: string;
  readonly password: string;
  readonly organisationId?: string;
  readonly roles?: readonly Role[];
  readonly clearance?: Confidentiality;
}

/** Creates a user straight in the store (as `weft user add` does). */
export async function addUser(store: Store, spec: UserSpec): Promise<UserAccount> {
  return store.users.create({
    organisationId: spec.organisationId ?? HOTEL.id,
    email: spec.email,
    displayName: spec.email.slice(0, spec.email.indexOf('@')),
    roles: spec.roles ?? ['reporter'],
    clearance: spec.clearance ?? 'restricted',
    passwordHash: await hasher.hash(spec.password),
  });
}

/** The `weft_session=<token>` pair a response sets, for the next request's Cookie header. */
export function sessionCookie(response: LightMyRequestResponse): string {
  const header = response.headers['set-cookie'];
  const value = Array.isArray(header) ? header[0] : header;
  const pair = value?.split(';')[0];
  if (pair?.startsWith('weft_session=') !== true) throw new Error(`no session cookie in ${String(value)}`);
  return pair;
}

/** The token inside a cookie pair. */
export const tokenOf = (cookie: string): string => cookie.slice('weft_session='.length);

/** The current TOTP code of a base32 secret, by the test's clock. */
export function codeOf(secret: string, clock: TestClock): string {
  return totpCode(decodeTotpSecret(secret), clock.now());
}

/** Step 1: the password. */
export function postSignIn(app: FastifyInstance, email: string, password: string) {
  return app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email, password } });
}

/** Step 2: the code, with the password-stage cookie. */
export function postCode(app: FastifyInstance, cookie: string, code: string) {
  return app.inject({ method: 'POST', url: '/api/v1/auth/totp', headers: { cookie }, payload: { code } });
}

/** A complete sign-in of a user who has not enrolled yet: returns the session cookie and the TOTP secret. */
export async function signInAndEnrol(
  t: SignInApp,
  spec: Pick<UserSpec, 'email' | 'password'>,
): Promise<{ cookie: string; secret: string }> {
  const first = await postSignIn(t.app, spec.email, spec.password);
  if (first.statusCode !== 200) throw new Error(`sign-in refused: ${first.body}`);
  const pending = sessionCookie(first);
  const enrolment = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/totp/enrol',
    headers: { cookie: pending },
  });
  const { secret } = enrolment.json<{ secret: string }>();
  const done = await postCode(t.app, pending, codeOf(secret, t.clock));
  if (done.statusCode !== 200) throw new Error(`code refused: ${done.body}`);
  return { cookie: sessionCookie(done), secret };
}
