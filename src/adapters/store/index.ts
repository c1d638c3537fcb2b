/** The store: the database and its repositories, the only place that talks SQL. */
import { AlertsRepository } from './alerts.repository.ts';
import { CasesRepository } from './cases.repository.ts';
import { MessagesRepository } from './messages.repository.ts';
import { openDatabase, type Database, type DatabaseLocation } from './database.ts';
import { DirectoryCache } from './directory-cache.ts';
import { IdempotencyRepository } from './idempotency.repository.ts';
import { IngestJobsRepository } from './ingest-jobs.repository.ts';
import { LedgerRepository } from './ledger.repository.ts';
import { MonitoringRepository } from './monitoring.repository.ts';
import { NoticesRepository } from './notices.repository.ts';
import { OrganisationsRepository } from './organisations.repository.ts';
import { RecordsRepository } from './records.repository.ts';
import { ReportsRepository } from './reports.repository.ts';
import { WorkerVoiceRepository } from './worker-voice.repository.ts';
import { ResolutionRepository } from './resolution.repository.ts';
import { ScreeningListsRepository } from './screening-lists.repository.ts';
import { RetentionNoticesRepository } from './retention-notices.repository.ts';
import { RetentionRepository } from './retention.repository.ts';
import { SharingGroupsRepository } from './sharing-groups.repository.ts';
import { UsersRepository } from './users.repository.ts';

export type { Database, DatabaseLocation, Sql } from './database.ts';
export { SealedRecordUnreadable } from './records.repository.ts';
export type { IdempotencyClaim } from './idempotency.repository.ts';
export type { IngestChannel, IngestJob } from './ingest-jobs.repository.ts';
export type { ApiKeyGrant, ApiKeyReach, ApiKeySummary } from './organisations.repository.ts';
export type { StoredMonitorConfig } from './monitoring.repository.ts';
export {
  REPORT_STATES,
  ReportsRepository,
  type NewReport,
  type NewReportFile,
  type Report,
  type ReportActor,
  type ReportAuthor,
  type ReportChange,
  type ReportFileSummary,
  type ReportMessage,
  type ReportState,
} from './reports.repository.ts';
export {
  WorkerVoiceRepository,
  type StoredSurveyResponse,
  type SupplySite,
  type SurveyCampaign,
} from './worker-voice.repository.ts';
export {
  CasesRepository,
  type CaseActor,
  type CaseFileSummary,
  type CaseNote,
  type CaseShare,
} from './cases.repository.ts';
export {
  MessagesRepository,
  type Message,
  type MessageActor,
  type Thread,
  type ThreadSummary,
} from './messages.repository.ts';
export { credentialLive, type Credential } from './credentials.ts';
export { IdempotencyRepository, IngestJobsRepository, LedgerRepository, OrganisationsRepository, RecordsRepository };
export { SharingGroupsRepository, UsersRepository };
export { ResolutionRepository, RetentionNoticesRepository, RetentionRepository };
export {
  AlertsRepository,
  ALERT_KINDS,
  ALERT_STATES,
  type AlertKind,
  type Alert,
  type AlertActor,
  type AlertState,
  type NewAlert,
} from './alerts.repository.ts';
export { NoticesRepository, type NoticeStepRow, type Subscription } from './notices.repository.ts';
export {
  LIST_VISIBILITIES,
  ScreeningListsRepository,
  type ListVisibility,
  type ScreeningList,
} from './screening-lists.repository.ts';
export { ordered } from './resolution.repository.ts';
export type {
  Judgement,
  KeyedIdentifier,
  LinkFeature,
  ResolvedEntity,
  StoredEdge,
  StoredLink,
} from './resolution.repository.ts';
export type { NoticeRound, RetentionNotice } from './retention-notices.repository.ts';
export type { DueCursor, DueRecord, PurgeCounts, PurgeOutcome } from './retention.repository.ts';
export type { MemberAddition, MemberRemoval, SharingGroup } from './sharing-groups.repository.ts';
export { EmailInUse, normaliseEmail } from './users.repository.ts';
export type { CompletionOutcome, NewUser, SessionView, UserAccount } from './users.repository.ts';

/** The database with every repository over it. */
export interface Store {
  readonly database: Database;
  readonly records: RecordsRepository;
  readonly organisations: OrganisationsRepository;
  readonly idempotency: IdempotencyRepository;
  readonly jobs: IngestJobsRepository;
  readonly ledger: LedgerRepository;
  readonly users: UsersRepository;
  readonly groups: SharingGroupsRepository;
  readonly retention: RetentionRepository;
  readonly retentionNotices: RetentionNoticesRepository;
  readonly resolution: ResolutionRepository;
  readonly alerts: AlertsRepository;
  readonly notices: NoticesRepository;
  readonly lists: ScreeningListsRepository;
  readonly monitoring: MonitoringRepository;
  readonly reports: ReportsRepository;
  readonly workerVoice: WorkerVoiceRepository;
  readonly cases: CasesRepository;
  readonly messages: MessagesRepository;
  close(): Promise<void>;
}

/** What a store needs besides its database. */
export interface StoreOptions {
  /**
   * The ledger's HMAC key, from the key ring (see apps/open-store.ts). Required: a store opened
   * with another key would chain entries no verification under the real key accepts.
   */
  readonly ledgerKey: Uint8Array;
  /**
   * The key ring's field key (32 bytes), which seals victims' records (see record-encoding.ts).
   * Required: records sealed under another key could not be read back.
   */
  readonly fieldKey: Uint8Array;
}

/** Opens the database, applies pending migrations and builds the repositories. */
export async function openStore(location: DatabaseLocation, options: StoreOptions): Promise<Store> {
  const database = await openDatabase(location);
  await database.migrate();
  const ledger = new LedgerRepository(database, options.ledgerKey);
  const directory = new DirectoryCache(database);
  return {
    database,
    records: new RecordsRepository(database, ledger, options.fieldKey),
    organisations: new OrganisationsRepository(database, ledger, directory),
    idempotency: new IdempotencyRepository(database),
    jobs: new IngestJobsRepository(database),
    ledger,
    users: new UsersRepository(database, ledger),
    groups: new SharingGroupsRepository(database, ledger, directory),
    retention: new RetentionRepository(database, ledger, options.fieldKey),
    retentionNotices: new RetentionNoticesRepository(database, ledger),
    resolution: new ResolutionRepository(database, ledger, options.fieldKey),
    alerts: new AlertsRepository(database, ledger),
    notices: new NoticesRepository(database, ledger, directory),
    lists: new ScreeningListsRepository(database, ledger),
    monitoring: new MonitoringRepository(database, ledger),
    reports: new ReportsRepository(database, ledger, options.fieldKey),
    workerVoice: new WorkerVoiceRepository(database, ledger),
    cases: new CasesRepository(database, ledger, options.fieldKey),
    messages: new MessagesRepository(database, ledger, options.fieldKey),
    close: () => database.close(),
  };
}
