import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import multipart from '@fastify/multipart';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { randomBytes, randomUUID } from 'node:crypto';
import { fieldCipher, type FieldCipher } from '../../adapters/keys/key-ring.ts';
import { argon2Hasher, receiptHasher } from '../../adapters/passwords/argon2.ts';
import type { PasswordHasher } from '../../domain/access/index.ts';
import type { Store } from '../../adapters/store/index.ts';
import type { BatchPipeline } from '../../domain/ingest/ingest.service.ts';
import type { IngestStream } from '../../domain/ingest/stream.ts';
import { AccessRevoked } from '../sharing/index.ts';
import { authenticate } from './auth.ts';
import { registerWorkbench } from './workbench.ts';
import { errorBody, WeftError } from './errors.ts';
import { healthRoutes } from './routes/health.routes.ts';
import { recordsRoutes } from './routes/records.routes.ts';
import { modelRoutes } from './routes/model.routes.ts';
import { importRoutes } from './routes/imports.routes.ts';
import { exportRoutes } from './routes/export.routes.ts';
import { streamRoutes } from './routes/stream.routes.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { auditRoutes } from './routes/audit.routes.ts';
import { adminRoutes } from './routes/admin.routes.ts';
import { retentionRoutes } from './routes/retention.routes.ts';
import { oidcRoutes } from './routes/oidc.routes.ts';
import { networkRoutes } from './routes/network.routes.ts';
import { screeningRoutes } from './routes/screening.routes.ts';
import { monitoringRoutes } from './routes/monitoring.routes.ts';
import type { PaymentMonitoring } from '../monitor/payment-monitoring.ts';
import { noticesRoutes } from './routes/notices.routes.ts';
import { listsRoutes } from './routes/lists.routes.ts';
import { reportRoutes } from './routes/report.routes.ts';
import { reportsRoutes } from './routes/reports.routes.ts';
import { ReportingService } from '../reporting/reporting.service.ts';
import type { Conversations } from '../reporting/conversations.ts';
import { channelsRoutes } from './routes/channels.routes.ts';
import { workerVoiceRoutes } from './routes/worker-voice.routes.ts';
import { searchRoutes, type SearchService } from './routes/search.routes.ts';
import { casesRoutes } from './routes/cases.routes.ts';
import { trendsRoutes } from './routes/trends.routes.ts';
import { WorkerVoiceService } from '../reporting/worker-voice.service.ts';
import { NoticeIndex } from '../screening/notice-index.ts';
import type { ScreeningWatch } from '../screening/watch.ts';
import { NoticesService } from '../notices/index.ts';
import type { Resolver } from '../resolution/resolver.ts';
import type { OidcConfig } from '../config.ts';

/** What the server runs on. */
export interface Services {
  readonly store: Store;
  readonly stream: IngestStream;
  /** Whether the stream consumer is running (readiness). */
  readonly streamConsumerRunning: () => boolean;
  /** How uploaded files are validated and written; inline when absent. */
  readonly importPipeline?: BatchPipeline<unknown>;
  /** Seals TOTP secrets (the key ring's field cipher); absent, a random key for this process only (tests). */
  readonly fields?: FieldCipher;
  /** Hashes and checks passwords; Argon2id when absent. */
  readonly passwords?: PasswordHasher;
  /** The time; the system clock when absent (tests move it). */
  readonly clock?: () => Date;
  /** The organisation's OpenID Connect provider; absent, the OIDC sign-in routes do not exist (404). */
  readonly oidc?: OidcConfig;
  /** Resolution (the server's background one); absent, the routes make their own for judgements. */
  readonly resolver?: Resolver;
  /** The live notices indexed for screening; absent, the app opens its own over the store (and closes it). */
  readonly notices?: NoticeIndex;
  /** Drafting and stepping notices; absent, one over the store and the clock. */
  readonly noticesService?: NoticesService;
  /** Continuous screening (the server's background one); absent, publications screen nothing held. */
  readonly watch?: ScreeningWatch;
  /** Transaction monitoring (the server's background one); absent, configurations are stored only. */
  readonly monitoring?: PaymentMonitoring;
  /** The reporting channels; absent, no organisation runs the tip line (the tip page says so). */
  readonly reporting?: ReportingService;
  /** SMS and USSD conversations; absent, the gateway webhooks do not exist (404). */
  readonly conversations?: Conversations;
  /** The token SMS/USSD gateways present; absent, the gateway webhooks do not exist (404). */
  readonly gatewayToken?: string;
  /** Worker-voice surveys and site risk; absent, one over the store and the clock. */
  readonly workerVoice?: WorkerVoiceService;
  /** The search box's index (the server's follows the store); absent, the routes build one at the first search. */
  readonly search?: SearchService;
}

/** The services with every default filled in. */
export type ResolvedServices = Services &
  Required<
    Pick<Services, 'fields' | 'passwords' | 'clock' | 'notices' | 'noticesService' | 'reporting' | 'workerVoice'>
  >;

/** Options of the HTTP app. */
export interface AppOptions {
  /** The application log; none when absent (tests). */
  readonly logger?: FastifyBaseLogger;
  readonly version?: string;
}

/** The largest JSON body: a batch of 5,000 records with room to spare. */
const BODY_LIMIT = 64 * 1024 * 1024;
/** The largest uploaded file. */
const FILE_LIMIT = 2 * 1024 * 1024 * 1024;

/** Builds the HTTP app: routes, OpenAPI, authentication, the error catalogue. */
export async function buildApp(given: Services, options: AppOptions = {}): Promise<FastifyInstance> {
  const clock = given.clock ?? (() => new Date());
  const notices = given.notices ?? (await NoticeIndex.open(given.store, clock));
  const services: ResolvedServices = {
    ...given,
    fields: given.fields ?? fieldCipher(randomBytes(32)),
    passwords: given.passwords ?? argon2Hasher(),
    clock,
    notices,
    noticesService: given.noticesService ?? new NoticesService(given.store, clock),
    reporting:
      given.reporting ??
      new ReportingService({
        store: given.store,
        hashReceipt: receiptHasher(randomBytes(32)),
        tipLine: undefined,
        clock,
        randomBytes,
      }),
    workerVoice: given.workerVoice ?? new WorkerVoiceService({ store: given.store, clock }),
  };
  const app = Fastify({
    ...(options.logger === undefined ? { logger: false } : { loggerInstance: options.logger }),
    bodyLimit: BODY_LIMIT,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
  }).withTypeProvider<ZodTypeProvider>();

  if (given.notices === undefined) {
    app.addHook('onClose', (_instance, done) => {
      notices.close();
      done();
    });
  }
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('principal', null);

  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-correlation-id', request.id);
  });

  app.setErrorHandler((error: FastifyError | WeftError, request, reply) => {
    const known = toWeftError(error);
    if (known.category === 'system') request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: known.code }, 'request refused');
    void reply.code(known.status).send(errorBody(known, request.id));
  });
  // The web workbench answers the paths no route takes (its own screens), as a page.
  const workbench = await registerWorkbench(app);
  app.setNotFoundHandler((request, reply) => {
    if (workbench.page(request, reply)) return;
    void reply.code(404).send(errorBody(new WeftError('not_found'), request.id));
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Weft API',
        description:
          'Cross-sector counter-trafficking intelligence exchange. Authenticate with `Authorization: Bearer <API key>`, ' +
          'or sign in (password, then TOTP code) for the `weft_session` cookie.',
        version: options.version ?? '0.1.0',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'weft_session' },
        },
      },
      security: [{ apiKey: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: (document) => documentRecordItems(jsonSchemaTransformObject(document)),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  await app.register(multipart, { limits: { fileSize: FILE_LIMIT, files: 3, fields: 10, fieldSize: 1024 * 1024 } });

  await app.register(healthRoutes, { services });
  // The public tip page: no sign-in, no principal.
  await app.register(reportRoutes, { reporting: services.reporting });
  // SMS and USSD gateways prove themselves with their token, not as members.
  await app.register(channelsRoutes, {
    conversations: services.conversations,
    token: services.gatewayToken,
    prefix: '/api/v1',
  });
  // Signing in happens before there is a principal: these routes sit outside the hook below.
  await app.register(authRoutes, { services, prefix: '/api/v1' });
  if (services.oidc !== undefined) await app.register(oidcRoutes, { services, oidc: services.oidc, prefix: '/api/v1' });
  await app.register(
    async (api) => {
      api.addHook('onRequest', async (request) => {
        request.principal = await authenticate(request, services.store, services.clock());
      });
      await api.register(recordsRoutes, { services });
      await api.register(importRoutes, { services });
      await api.register(exportRoutes, { services });
      await api.register(streamRoutes, { services });
      await api.register(modelRoutes);
      await api.register(adminRoutes, { services });
      await api.register(retentionRoutes, { services });
      await api.register(auditRoutes, { services });
      await api.register(networkRoutes, { services });
      await api.register(screeningRoutes, { services });
      await api.register(noticesRoutes, { services });
      await api.register(listsRoutes, { services });
      await api.register(monitoringRoutes, { services });
      await api.register(reportsRoutes, { services, reporting: services.reporting });
      await api.register(workerVoiceRoutes, { services, workerVoice: services.workerVoice });
      await api.register(searchRoutes, { services });
      await api.register(casesRoutes, { services });
      await api.register(trendsRoutes, { services });
    },
    { prefix: '/api/v1' },
  );

  return app;
}

function toWeftError(error: unknown): WeftError {
  if (error instanceof WeftError) return error;
  // The credential was revoked while the request was reading: as if it had never been valid.
  if (error instanceof AccessRevoked) return new WeftError('unauthenticated');
  if (hasZodFastifySchemaValidationErrors(error)) {
    return new WeftError(
      'validation_failed',
      undefined,
      error.validation.map((issue) => ({
        field: issue.instancePath.replace(/^\//, '').replaceAll('/', '.'),
        message: issue.message,
      })),
    );
  }
  const status = (error as { statusCode?: number }).statusCode;
  const code = (error as { code?: string }).code;
  if (status === 413) return new WeftError('payload_too_large');
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return new WeftError('unsupported_media_type');
  }
  if (status === 400 || code === 'FST_ERR_CTP_INVALID_JSON_BODY' || code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
    return new WeftError('validation_failed', (error as Error).message);
  }
  return new WeftError('internal');
}

/** Points the records of `POST /api/v1/records` at the per-type record schemas. */
function documentRecordItems<T>(document: T): T {
  const post = (document as { paths?: Record<string, Record<string, unknown>> }).paths?.['/api/v1/records']?.[
    'post'
  ] as
    | { requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, { items?: unknown }> } }> } }
    | undefined;
  const records = post?.requestBody?.content?.['application/json']?.schema?.properties?.['records'];
  if (records !== undefined) records.items = { $ref: '#/components/schemas/SubmittedRecord' };
  return document;
}
