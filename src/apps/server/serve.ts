import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../../adapters/store/index.ts';
import { openConfiguredStore } from '../open-store.ts';
import { openIngestStream } from '../../adapters/streams/index.ts';
import type { Config } from '../config.ts';
import { randomBytes } from 'node:crypto';
import { argon2Hasher, receiptHasher } from '../../adapters/passwords/argon2.ts';
import { loadDemoWorld } from '../ingest/demo.ts';
import { scenarioGuestList, WORLD_TIP_LINE } from '../../domain/synth/index.ts';
import { ReportingRefusal, ReportingService } from '../reporting/reporting.service.ts';
import { Conversations, logOnlyOutbound } from '../reporting/conversations.ts';
import { WorkerVoiceService } from '../reporting/worker-voice.service.ts';
import { startPreparerPool } from '../ingest/preparer.ts';
import { streamWriter } from '../ingest/stream-writer.ts';
import { startBackgroundResolution } from '../resolution/background.ts';
import { buildApp } from './app.ts';
import { NoticesService } from '../notices/index.ts';
import { NoticeIndex, ScreeningWatch } from '../screening/index.ts';
import { PaymentMonitoring } from '../monitor/payment-monitoring.ts';
import { SearchService } from '../search/index.ts';
import { createLogger } from './logger.ts';

/** A running server. */
export interface RunningServer {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * On first start (no organisation yet), loads the demo world: its organisations, their records,
 * an API key for each and a user per role. Keys and logins are written to files only their owner
 * can read (`demo-api-keys.json`, `demo-users.json`), never to a log; `demo-api-key` holds the
 * coordination hub's key. Returns the folder's key file and the count.
 */
async function ensureDemoWorld(
  store: Store,
  dataDir: string,
): Promise<{ keyFile: string; records: number } | undefined> {
  if ((await store.organisations.list()).length > 0) return undefined;
  const { keys, logins, report } = await loadDemoWorld(store, argon2Hasher());
  mkdirSync(dataDir, { recursive: true });
  const keyFile = join(dataDir, 'demo-api-keys.json');
  writeFileSync(keyFile, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  writeFileSync(join(dataDir, 'demo-users.json'), `${JSON.stringify(logins, null, 2)}\n`, { mode: 0o600 });
  writeFileSync(join(dataDir, 'demo-api-key'), `${keys['weft-hub'] ?? ''}\n`, { mode: 0o600 });
  // Harbour Hotels' guest list for tonight, with the demo's wanted man on it (see demo-scenario.ts).
  writeFileSync(join(dataDir, 'demo-guest-list.csv'), scenarioGuestList());
  return { keyFile, records: report.inserted + report.unchanged + report.updated };
}

/** How often the server sends retention notices. */
const NOTICE_ROUND_MS = 24 * 60 * 60 * 1000;

/**
 * Sends owners their retention notices now and once a day while the server runs. (Erasing overdue
 * records is left to the scheduled `weft retention purge --overdue`, where the operator decides.)
 */
function startNoticeRounds(store: Store, logger: ReturnType<typeof createLogger>): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const round = () => {
    running = store.retentionNotices
      .round(new Date().toISOString().slice(0, 10))
      .then((outcome) => {
        if (outcome.sent + outcome.reopened > 0) logger.info(outcome, 'retention notices sent');
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'retention notice round failed');
      });
  };
  round();
  const timer = setInterval(round, NOTICE_ROUND_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/** How often published notices past their expiry date are expired (the index drops them on the day anyway). */
const EXPIRY_ROUND_MS = 60 * 60 * 1000;

/** Expires notices at start and every hour; subscribers hear of it. Returns a function that stops the rounds. */
function startExpiryRounds(
  service: NoticesService,
  watch: ScreeningWatch,
  logger: ReturnType<typeof createLogger>,
): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const round = () => {
    running = running
      .then(async () => {
        for (const change of await service.expireDue()) watch.noticeChanged(change, 'system');
      })
      .catch((error: unknown) => {
        logger.error({ err: error }, 'notice expiry round failed');
      });
  };
  round();
  const timer = setInterval(round, EXPIRY_ROUND_MS);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/** Opens the store and the stream, starts the stream consumer and the HTTP server. */
export async function startServer(config: Config, version: string): Promise<RunningServer> {
  const logger = createLogger(config.logLevel);
  // The store, with the keys kept outside the database: the ledger's chain key, and the cipher of TOTP secrets.
  const { store, keys } = await openConfiguredStore(config);
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
  // Records written are resolved shortly after: identifiers, links, entities.
  const resolution = startBackgroundResolution(store, {
    done: (run) => {
      logger.info(run, 'records resolved');
    },
    failed: (error) => {
      logger.error({ err: error }, 'resolution failed');
    },
  });
  // The live notices, and continuous screening of every record written against them.
  const notices = await NoticeIndex.open(store);
  const noticesService = new NoticesService(store);
  const watch = ScreeningWatch.start(store, notices, {
    screened: (records, alerts) => {
      if (alerts > 0) logger.info({ records, alerts }, 'records screened against the live notices');
    },
    failed: (error) => {
      logger.error({ err: error }, 'continuous screening failed');
    },
  });
  // Entities as resolution groups them are screened too, and subscribers told of new links.
  const stopEntityScreening = resolution.resolver.onRegrouped((regrouped) => {
    watch.entitiesRegrouped(regrouped);
  });
  const stopExpiry = startExpiryRounds(noticesService, watch, logger);
  // Payments written are monitored for trafficking red flags, each institution's under its configuration.
  const monitoring = await PaymentMonitoring.start(store, {
    monitored: (payments, alerts) => {
      if (alerts > 0) logger.info({ payments, alerts }, 'payments monitored for red flags');
    },
    failed: (error) => {
      logger.error({ err: error }, 'transaction monitoring failed');
    },
  });
  // The reporting channels; receipt codes are hashed under a key derived from the key ring's.
  const reporting = new ReportingService({
    store,
    hashReceipt: receiptHasher(keys.fieldKey),
    tipLine: config.tipLine ?? WORLD_TIP_LINE,
    randomBytes,
  });
  const workerVoice = new WorkerVoiceService({ store });
  const conversations = new Conversations({
    reporting,
    survey: async (outcome) => {
      await workerVoice.record(outcome);
    },
    outbound: logOnlyOutbound((entry, message) => {
      logger.info(entry, message);
    }),
  });
  // The search box's index, built in the background and kept current with the store's writes and erasures.
  const search = SearchService.start(store, {
    follow: true,
    failed: (error) => {
      logger.error({ err: error }, 'search index failed to follow the store');
    },
  });
  const app = await buildApp(
    {
      store,
      search,
      reporting,
      conversations,
      workerVoice,
      ...(config.gatewayToken === undefined ? {} : { gatewayToken: config.gatewayToken }),
      notices,
      noticesService,
      watch,
      monitoring,
      stream,
      streamConsumerRunning: () => consuming,
      importPipeline: preparer.pipeline,
      fields: keys.fields,
      resolver: resolution.resolver,
      ...(config.oidc === undefined ? {} : { oidc: config.oidc }),
    },
    { logger, version },
  );
  const demo = await ensureDemoWorld(store, config.dataDir);
  if (demo !== undefined) {
    logger.info(demo, 'loaded the demo world; the API key of each of its organisations is in keyFile');
  }
  // The tip line's Tip records without a report (the demo world's, imported ones) join its queue.
  const heldTips = await reporting.fileHeldTips().catch((error: unknown) => {
    if (error instanceof ReportingRefusal) return 0;
    throw error;
  });
  if (heldTips > 0) logger.info({ reports: heldTips }, 'filed the tip line’s tips in its triage queue');
  const url = await app.listen({ port: config.port, host: config.host });
  const stopNotices = startNoticeRounds(store, logger);
  logger.info(
    { url, database: store.database.kind, stream: config.natsUrl === undefined ? 'in-process' : 'nats' },
    'Weft is serving',
  );
  return {
    app,
    store,
    url,
    async close() {
      await stopNotices();
      await stopExpiry();
      await app.close();
      stopEntityScreening();
      await watch.stop();
      await monitoring.stop();
      notices.close();
      await search.close();
      await resolution.stop();
      consuming = false;
      await stopConsuming();
      await stream.close();
      await preparer.close();
      await store.close();
    },
  };
}
