/** An app over a fresh store and an in-process stream, with two organisations and their keys. */
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { openIngestStream } from '../../src/adapters/streams/index.ts';
import { buildApp, type Services } from '../../src/apps/server/app.ts';
import { streamWriter } from '../../src/apps/ingest/stream-writer.ts';
import { NoticeIndex, ScreeningWatch } from '../../src/apps/screening/index.ts';
import { PaymentMonitoring } from '../../src/apps/monitor/payment-monitoring.ts';
import type { Store } from '../../src/adapters/store/index.ts';
import type { IngestStream } from '../../src/domain/ingest/stream.ts';
import { HOTEL, POLICE } from '../fixtures/records.ts';
import type { DatabaseTarget } from './databases.ts';

/** A test app and what it runs on. */
export interface TestApp {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly stream: IngestStream;
  /**
   * API keys: the hotel's (all permissions), the police's (an analyst's), a police reviewer's, and a
   * hotel key that may only read.
   */
  readonly keys: { hotel: string; police: string; policeReviewer: string; hotelReadOnly: string };
  /** Continuous screening, when the app was built with it. */
  readonly watch: ScreeningWatch | undefined;
  /** Transaction monitoring, when the app was built with it. */
  readonly monitoring: PaymentMonitoring | undefined;
  close(): Promise<void>;
}

/** What a test app runs besides the routes. */
export interface TestAppOptions {
  /** Continuous screening of records written against the live notices. */
  readonly watch?: boolean;
  /** Transaction monitoring of the payments written. */
  readonly monitoring?: boolean;
  /** More services over the store (the reporting channels…). */
  readonly services?: (store: Store) => Partial<Services>;
  /** The application log (tests that read what was logged). */
  readonly logger?: FastifyBaseLogger;
}

/** Builds the app on a target database. */
export async function testApp(target: DatabaseTarget, options: TestAppOptions = {}): Promise<TestApp> {
  const { store, dispose } = await target.open();
  await store.organisations.save(HOTEL);
  await store.organisations.save(POLICE);
  const keys = {
    hotel: await store.organisations.issueApiKey(HOTEL.id, 'test', ['records:write', 'records:read', 'records:export']),
    police: await store.organisations.issueApiKey(POLICE.id, 'test', [
      'records:write',
      'records:read',
      'records:export',
    ]),
    policeReviewer: await store.organisations.issueApiKey(POLICE.id, 'reviewer', ['records:read'], {
      roles: ['reviewer'],
    }),
    hotelReadOnly: await store.organisations.issueApiKey(HOTEL.id, 'read-only', ['records:read']),
  };
  const stream = await openIngestStream({ redeliveryDelayMs: 10 });
  const stop = await stream.consume(streamWriter(store, () => undefined));
  const notices = await NoticeIndex.open(store);
  const watch =
    options.watch === true
      ? ScreeningWatch.start(store, notices, {
          screened: () => undefined,
          failed: (error) => {
            throw error;
          },
        })
      : undefined;
  const monitoring =
    options.monitoring === true
      ? await PaymentMonitoring.start(store, {
          monitored: () => undefined,
          failed: (error) => {
            throw error;
          },
        })
      : undefined;
  const app = await buildApp(
    {
      store,
      stream,
      streamConsumerRunning: () => true,
      notices,
      ...(watch === undefined ? {} : { watch }),
      ...(monitoring === undefined ? {} : { monitoring }),
      ...options.services?.(store),
    },
    options.logger === undefined ? {} : { logger: options.logger },
  );
  await app.ready();
  return {
    app,
    store,
    stream,
    keys,
    watch,
    monitoring,
    async close() {
      await app.close();
      await watch?.stop();
      await monitoring?.stop();
      notices.close();
      await stop();
      await stream.close();
      await dispose();
    },
  };
}

/** The Authorization header for a key, and the purpose a read declares (investigation unless told). */
export const bearer = (key: string, purpose = 'investigation') => ({
  authorization: `Bearer ${key}`,
  'x-weft-purpose': purpose,
});

/** A notice drafted by the police analyst, submitted, and published by the police reviewer; its id. */
export async function publishNotice(
  t: TestApp,
  properties: Record<string, unknown>,
  envelope: Record<string, unknown> = { tlp: 'GREEN' },
): Promise<string> {
  const drafted = await t.app.inject({
    method: 'POST',
    url: '/api/v1/notices',
    headers: bearer(t.keys.police),
    payload: { properties, envelope },
  });
  if (drafted.statusCode !== 201) throw new Error(`drafting failed: ${drafted.body}`);
  const id = drafted.json<{ notice: { id: string } }>().notice.id;
  for (const [key, action] of [
    [t.keys.police, 'submit'],
    [t.keys.policeReviewer, 'approve'],
  ] as const) {
    const step = await t.app.inject({
      method: 'POST',
      url: `/api/v1/notices/${id}/steps`,
      headers: bearer(key),
      payload: { action },
    });
    if (step.statusCode !== 200) throw new Error(`${action} failed: ${step.body}`);
  }
  return id;
}

/** An alert as the inbox answers it. */
export interface AlertView {
  readonly kind: string;
  readonly urgency: string;
  readonly reference: string;
  readonly record: string | null;
  readonly raisedBy: string;
  readonly details: Record<string, unknown>;
}

/** The alerts inbox of a key's organisation (its latest 500). */
export async function alertsOf(t: TestApp, key: string): Promise<AlertView[]> {
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/alerts?limit=500', headers: bearer(key) });
  return response.json<{ alerts: AlertView[] }>().alerts;
}
