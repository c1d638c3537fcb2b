import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openStore, type Store } from '../../adapters/store/index.ts';
import { openIngestStream } from '../../adapters/streams/index.ts';
import type { Config } from '../config.ts';
import { startPreparerPool } from '../ingest/preparer.ts';
import { streamWriter } from '../ingest/stream-writer.ts';
import { buildApp } from './app.ts';
import { createLogger } from './logger.ts';

/** A running server. */
export interface RunningServer {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly url: string;
  close(): Promise<void>;
}

/** The organisation a fresh installation starts with, so that the demo can be used at once. */
const DEMO_ORGANISATION = {
  id: 'demo-hub',
  name: 'Demo coordination hub',
  organisationType: 'coordinator',
  sector: 'coordination',
} as const;

/**
 * On first start (no organisation yet), creates the demo organisation and an API key for it.
 * The key is written to a file only its owner can read, never to a log. Returns the file's path.
 */
async function ensureDemoOrganisation(store: Store, dataDir: string): Promise<string | undefined> {
  if ((await store.organisations.list()).length > 0) return undefined;
  await store.organisations.save(DEMO_ORGANISATION);
  const key = await store.organisations.issueApiKey(DEMO_ORGANISATION.id, 'demo', [
    'records:write',
    'records:read',
    'records:export',
  ]);
  const path = join(dataDir, 'demo-api-key');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path, `${key}\n`, { mode: 0o600 });
  return path;
}

/** Opens the store and the stream, starts the stream consumer and the HTTP server. */
export async function startServer(config: Config, version: string): Promise<RunningServer> {
  const logger = createLogger(config.logLevel);
  const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const stream = await openIngestStream({
    natsUrl: config.natsUrl,
    onInvalid: (reason) => {
      logger.warn({ reason }, 'ingest stream message dropped');
    },
  });
  const stopConsuming = await stream.consume(
    streamWriter(store, (reason) => {
      logger.warn({ reason }, 'ingest stream batch dropped');
    }),
  );
  let consuming = true;
  // Uploaded files are validated in a worker thread while the previous batch is written.
  const preparer = startPreparerPool(store);
  const app = await buildApp(
    { store, stream, streamConsumerRunning: () => consuming, importPipeline: preparer.pipeline },
    { logger, version },
  );
  const keyFile = await ensureDemoOrganisation(store, config.dataDir);
  if (keyFile !== undefined) logger.info({ keyFile }, 'created the demo organisation; its API key is in keyFile');
  const url = await app.listen({ port: config.port, host: config.host });
  logger.info(
    { url, database: store.database.kind, stream: config.natsUrl === undefined ? 'in-process' : 'nats' },
    'Weft is serving',
  );
  return {
    app,
    store,
    url,
    async close() {
      await app.close();
      consuming = false;
      await stopConsuming();
      await stream.close();
      await preparer.close();
      await store.close();
    },
  };
}
