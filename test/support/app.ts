/** An app over a fresh store and an in-process stream, with two organisations and their keys. */
import type { FastifyInstance } from 'fastify';
import { openIngestStream } from '../../src/adapters/streams/index.ts';
import { buildApp } from '../../src/apps/server/app.ts';
import { streamWriter } from '../../src/apps/ingest/stream-writer.ts';
import type { Store } from '../../src/adapters/store/index.ts';
import type { IngestStream } from '../../src/domain/ingest/stream.ts';
import { HOTEL, POLICE } from '../fixtures/records.ts';
import type { DatabaseTarget } from './databases.ts';

/** A test app and what it runs on. */
export interface TestApp {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly stream: IngestStream;
  /** API keys: the hotel's (all permissions), the police's, and a hotel key that may only read. */
  readonly keys: { hotel: string; police: string; hotelReadOnly: string };
  close(): Promise<void>;
}

/** Builds the app on a target database. */
export async function testApp(target: DatabaseTarget): Promise<TestApp> {
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
    hotelReadOnly: await store.organisations.issueApiKey(HOTEL.id, 'read-only', ['records:read']),
  };
  const stream = await openIngestStream({ redeliveryDelayMs: 10 });
  const stop = await stream.consume(streamWriter(store, () => undefined));
  const app = await buildApp({ store, stream, streamConsumerRunning: () => true });
  await app.ready();
  return {
    app,
    store,
    stream,
    keys,
    async close() {
      await app.close();
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
