/**
 * Transaction monitoring in the server: every Payment record written (by the API, a file or the
 * ingest stream) is observed by the monitor of the institution that submitted it, under that
 * institution's configuration; at start-up the payments held are replayed in time order, so the
 * windows are what they would be had the server never stopped (alerts already raised are not
 * raised again). Alerts go to the submitting institution. Where an alert's account is also held by
 * a law-enforcement member (the same IBAN or account number in one of its records), that member is
 * told too, with the details only when it may see the payments under the sharing rules. A
 * protected victim's account (a victim coerced into opening a funnel account) gives a service
 * referral instead, to the institution alone: never an enforcement alert, never told to the police.
 */
import type { NewAlert, Store, StoredMonitorConfig } from '../../adapters/store/index.ts';
import { BackgroundTasks } from '../background-tasks.ts';
import type { RecordId } from '../../domain/model/ids.ts';
import type { Organisation } from '../../domain/model/organisation.ts';
import type { StoredRecord } from '../../domain/model/record.ts';
import {
  DAY_MS,
  LIBRARY,
  LONGEST_WINDOW_DAYS,
  Monitor,
  transactionOfPayment,
  type MonitorAlert,
  type MonitorConfig,
  type Transaction,
} from '../../domain/monitoring/index.ts';
import { organisationMaySee } from '../../domain/policy/index.ts';
import { stringsOf } from '../../domain/resolution/facts.ts';

/** Records read per page. */
const PAGE = 1_000;
/**
 * How far before an institution's newest payment a start-up replay reads: twice the longest window
 * (a payroll's kickback may follow its window) and a day's lateness.
 */
export const REPLAY_LOOKBACK_MS = (2 * LONGEST_WINDOW_DAYS + 1) * DAY_MS;
/** A record id. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;
/** The entity types an account is. */
const ACCOUNT_TYPES: ReadonlySet<string> = new Set(['BankAccount', 'PaymentInstrument']);
/** Organisation types told of a red flag on an account they hold. */
const ENFORCEMENT: ReadonlySet<string> = new Set(['law_enforcement', 'coordinator']);

/** What a protected victim's red flag asks of the institution. */
export const VICTIM_REFERRAL =
  'The account belongs to a protected victim: refer them to victim support services; never an enforcement action against them.';

/** What monitoring tells the server's log. */
export interface MonitoringReport {
  monitored(payments: number, alerts: number): void;
  failed(error: unknown): void;
}

export class PaymentMonitoring {
  private readonly monitors = new Map<string, Monitor>();
  private readonly configs = new Map<string, MonitorConfig>();
  private readonly tasks: BackgroundTasks;
  private unsubscribe: () => void = () => undefined;

  private constructor(
    private readonly store: Store,
    private readonly report: MonitoringReport,
  ) {
    this.tasks = new BackgroundTasks(
      () => this.observeUnmonitored(),
      (error) => {
        report.failed(error);
      },
    );
  }

  /** Starts: the configurations read, the payments held replayed, then every payment written observed. */
  static async start(store: Store, report: MonitoringReport): Promise<PaymentMonitoring> {
    const monitoring = new PaymentMonitoring(store, report);
    for (const stored of await store.monitoring.configs()) monitoring.configs.set(stored.organisationId, stored.config);
    await monitoring.replay();
    monitoring.unsubscribe = store.records.onWritten(() => {
      monitoring.tasks.announce();
    });
    monitoring.tasks.announce();
    return monitoring;
  }

  /**
   * Sets an institution's configuration (checked first: a ConfigError or UserRuleError refuses it),
   * stores it with its ledger entry, and monitors its payments held again under it.
   */
  async configure(
    organisationId: string,
    config: MonitorConfig,
    event: { readonly actor: string; readonly requestId: string | null; readonly purpose: string | null },
  ): Promise<StoredMonitorConfig> {
    new Monitor({ typologies: LIBRARY, config });
    return this.tasks.run(async () => {
      const stored = await this.store.monitoring.saveConfig(organisationId, config, event);
      this.configs.set(organisationId, config);
      await this.replay(organisationId);
      return stored;
    });
  }

  /** Waits until every payment written so far is observed. */
  settle(): Promise<void> {
    return this.tasks.settle();
  }

  async stop(): Promise<void> {
    this.unsubscribe();
    await this.tasks.stop();
  }

  private monitorOf(organisationId: string): Monitor {
    let monitor = this.monitors.get(organisationId);
    if (monitor === undefined) {
      const config = this.configs.get(organisationId);
      monitor = new Monitor({ typologies: LIBRARY, ...(config === undefined ? {} : { config }) });
      this.monitors.set(organisationId, monitor);
    }
    return monitor;
  }

  /**
   * Replays the payments held (of one institution, or all) into fresh monitors, in time order:
   * those that can still count, from {@link REPLAY_LOOKBACK_MS} before each institution's newest
   * payment (or before its oldest payment not yet monitored), so that a start reads months of
   * payments, not all of history. Older ones have had their alerts raised (they are kept) and fall
   * outside every window a payment to come can open.
   */
  private async replay(organisationId?: string): Promise<void> {
    // Only the transactions are held while reading: an alert's payments are read again by id.
    const byOwner = new Map<string, Transaction[]>();
    const read: { id: RecordId; version: number }[] = [];
    const starts = await this.store.monitoring.replayStarts(REPLAY_LOOKBACK_MS, organisationId);
    for (const [owner, from] of starts) {
      const transactions: Transaction[] = [];
      byOwner.set(owner, transactions);
      let after: RecordId | undefined;
      for (;;) {
        const ids = await this.store.monitoring.paymentsSince(owner, from, PAGE, after);
        const records = await this.store.records.getMany(ids);
        // In id order, as read: payments at one moment are observed in the same order every time.
        records.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
        for (const record of records) {
          read.push({ id: record.id, version: record.version });
          const transaction = transactionOfPayment(record);
          if (transaction !== undefined) transactions.push(transaction);
        }
        if (ids.length < PAGE) break;
        after = ids.at(-1);
      }
    }
    let raised = 0;
    for (const [owner, transactions] of byOwner) {
      this.monitors.delete(owner);
      raised += await this.raiseWithEvidence(owner, this.monitorOf(owner).replay(transactions));
    }
    if (organisationId !== undefined && !byOwner.has(organisationId)) this.monitors.delete(organisationId);
    await this.store.monitoring.markMonitored(read);
    this.report.monitored(read.length, raised);
  }

  /** Raises an institution's alerts, their payments read by id. */
  private async raiseWithEvidence(owner: string, alerts: readonly MonitorAlert[]): Promise<number> {
    if (alerts.length === 0) return 0;
    const evidence = await this.store.records.getMany([
      ...new Set(alerts.flatMap((alert) => alert.evidence.map((payment) => payment.id as RecordId))),
    ]);
    return this.raise(owner, alerts, new Map(evidence.map((record) => [record.id as string, record])));
  }

  /** Observes the payments written since (a new version of one already observed is not observed twice). */
  private async observeUnmonitored(): Promise<void> {
    let after: RecordId | undefined;
    for (;;) {
      const page = await this.store.monitoring.unmonitored(PAGE, after);
      if (page.length === 0) return;
      after = page.at(-1)?.id;
      const fresh = page.filter((row) => !row.seenBefore).map((row) => row.id);
      const transactions = (await this.store.records.getMany(fresh))
        .map((record) => ({ owner: record.envelope.ownerOrganisation, transaction: transactionOfPayment(record) }))
        .filter((each): each is { owner: string; transaction: Transaction } => each.transaction !== undefined)
        .sort((a, b) => a.transaction.time - b.transaction.time);
      const byOwner = new Map<string, MonitorAlert[]>();
      for (const { owner, transaction } of transactions) {
        const alerts = this.monitorOf(owner).observe(transaction);
        if (alerts.length > 0) byOwner.set(owner, [...(byOwner.get(owner) ?? []), ...alerts]);
      }
      let raised = 0;
      for (const [owner, alerts] of byOwner) raised += await this.raiseWithEvidence(owner, alerts);
      await this.store.monitoring.markMonitored(page);
      this.report.monitored(page.length, raised);
      if (page.length < PAGE) return;
    }
  }

  /** Raises an institution's alerts: red flags, service referrals, and the links law enforcement is told. */
  private async raise(
    owner: string,
    alerts: readonly MonitorAlert[],
    payments: ReadonlyMap<string, StoredRecord>,
  ): Promise<number> {
    if (alerts.length === 0) return 0;
    const members = await this.store.organisations.list();
    const byId = new Map(members.map((member) => [member.id, member]));
    // A payment names its accounts by their records (the model's references): the subject's record,
    // when it is one of the institution's own accounts, says whether it is a protected victim's.
    const subjects = [
      ...new Set(
        alerts
          .filter((alert) => alert.subjectType === 'account' && UUID.test(alert.subjectId))
          .map((alert) => alert.subjectId),
      ),
    ] as RecordId[];
    const accounts = new Map(
      (await this.store.records.getMany(subjects))
        .filter((record) => record.envelope.ownerOrganisation === owner && ACCOUNT_TYPES.has(record.type))
        .map((record) => [record.id as string, record]),
    );
    const institution = byId.get(owner);
    const raised: NewAlert[] = [];
    for (const alert of alerts) {
      const evidence = alert.evidence.flatMap((payment) => payments.get(payment.id) ?? []);
      const account = alert.subjectType === 'account' ? accounts.get(alert.subjectId) : undefined;
      const victim =
        account?.envelope.subjectCategory === 'victim' ||
        evidence.some((record) => record.envelope.subjectCategory === 'victim');
      const details = {
        typology: alert.typology,
        typologyVersion: alert.typologyVersion,
        rules: alert.rules,
        configVersion: alert.configVersion,
        subjectType: alert.subjectType,
        subjectId: alert.subjectId,
        ...(account === undefined ? {} : { account: account.id }),
        score: alert.score,
        explanation: alert.explanation,
        firstTime: new Date(alert.firstTime).toISOString(),
        lastTime: new Date(alert.lastTime).toISOString(),
        payments: evidence.map((record) => record.id),
        accounts: alert.accounts,
      };
      const last = evidence.at(-1)?.id ?? null;
      raised.push({
        organisationId: owner,
        kind: victim ? 'service_referral' : 'red_flag',
        urgency: victim ? 'urgent' : 'routine',
        dedupKey: `red_flag:${alert.id}`,
        reference: alert.id,
        recordId: last,
        raisedBy: owner,
        details: victim ? { ...details, guidance: VICTIM_REFERRAL } : details,
      });
      if (victim || account === undefined || institution === undefined) continue;
      raised.push(...(await this.linksOf(alert, account, evidence, institution, byId)));
    }
    const stored = await this.store.alerts.raise(raised, {
      actor: 'system:monitoring',
      organisation: owner,
      action: 'consult',
      requestId: null,
      purpose: null,
      objectIds: [...new Set(raised.flatMap((alert) => (alert.recordId === null ? [] : [alert.recordId])))],
      outcome: 'ok',
      detail: 'transaction monitoring',
    });
    return stored.length;
  }

  /** The alerts to law-enforcement members holding the alert's account in records of their own. */
  private async linksOf(
    alert: MonitorAlert,
    account: StoredRecord,
    evidence: readonly StoredRecord[],
    institution: Organisation,
    members: ReadonlyMap<string, Organisation>,
  ): Promise<NewAlert[]> {
    const compact = (value: unknown) => stringsOf(value).map((text) => text.replaceAll(' ', '').toUpperCase());
    const carriers = await this.store.monitoring.accountsCarrying(
      compact(account.properties['iban']),
      compact(account.properties['accountNumber']),
    );
    const held = await this.store.records.getMany(carriers.filter((id) => id !== account.id));
    const byHolder = new Map<string, StoredRecord[]>();
    for (const record of held) {
      const holder = members.get(record.envelope.ownerOrganisation);
      if (holder === undefined || holder.id === institution.id || !ENFORCEMENT.has(holder.organisationType)) continue;
      byHolder.set(holder.id, [...(byHolder.get(holder.id) ?? []), record]);
    }
    const links: NewAlert[] = [];
    for (const [holderId, records] of byHolder) {
      const holder = members.get(holderId) as Organisation;
      // What the payments say is told only when the member may see them (for some purpose, at
      // the lowest clearance, its sharing groups not counted); else only that a red flag was raised, and whom to ask.
      const mayRead =
        evidence.length > 0 &&
        evidence.every((record) =>
          organisationMaySee(
            { organisationId: holder.id, organisationType: holder.organisationType, sector: holder.sector, groups: [] },
            record.envelope,
          ),
        );
      links.push({
        organisationId: holder.id,
        kind: 'red_flag_link',
        urgency: 'routine',
        dedupKey: `red_flag_link:${alert.id}`,
        reference: alert.id,
        recordId: records[0]?.id ?? null,
        raisedBy: institution.id,
        details: {
          typology: alert.typology,
          typologyVersion: alert.typologyVersion,
          institution: { id: institution.id, name: institution.name, sector: institution.sector },
          yourRecords: records.map((record) => ({ id: record.id, type: record.type })),
          ...(mayRead
            ? {
                explanation: alert.explanation,
                payments: evidence.map((record) => record.id),
                accounts: alert.accounts,
              }
            : { ask: `the payments are ${institution.name}'s: ask them quoting ${alert.id}` }),
        },
      });
    }
    return links;
  }
}
