/**
 * The history of notices' lives (each step: who, when, from which status to which, why) and the
 * subscriptions of organisations to notices and records. A notice's status itself is on the
 * notice record; a step is stored in the transaction that writes that status (see
 * `RecordsRepository.write`'s `also`).
 */
import type { LedgerEvent } from '../../domain/audit/index.ts';
import type { RecordId } from '../../domain/model/ids.ts';
import type { Database, Sql } from './database.ts';
import type { DirectoryCache } from './directory-cache.ts';
import type { LedgerRepository } from './ledger.repository.ts';
import { markVersionsRead, unreadVersions } from './read-versions.ts';

/** One step of a notice's life, as stored. */
export interface NoticeStepRow {
  readonly action: string;
  readonly from: string;
  readonly to: string;
  /** `user:<id>`, `key:<id>` or `system`. */
  readonly actor: string;
  readonly reason: string | null;
  readonly at: string;
}

/** A subscription of an organisation to a notice or record. */
export interface Subscription {
  readonly id: string;
  readonly organisationId: string;
  readonly recordId: string;
  readonly createdBy: string;
  readonly createdAt: string;
}

interface SubscriptionRow {
  id: string;
  organisation_id: string;
  record_id: string;
  created_by: string;
  created_at: string;
}

const presentSubscription = (row: SubscriptionRow): Subscription => ({
  id: row.id,
  organisationId: row.organisation_id,
  recordId: row.record_id,
  createdBy: row.created_by,
  createdAt: new Date(row.created_at).toISOString(),
});

/**
 * Notices' steps and subscriptions. Who subscribes to what is read on every hit: it is answered
 * from the directory cache, forgotten on every subscription and its end.
 */
export class NoticesRepository {
  constructor(
    private readonly database: Database,
    private readonly ledger: LedgerRepository,
    private readonly directory: DirectoryCache,
  ) {}

  /** Stores a step in the transaction `sql`, with its ledger event. */
  async recordStep(
    sql: Sql,
    noticeId: string,
    step: Omit<NoticeStepRow, 'at'>,
    event: Pick<LedgerEvent, 'organisation' | 'requestId' | 'purpose'>,
  ): Promise<void> {
    await sql.query(
      `INSERT INTO notice_steps (notice_id, action, from_status, to_status, actor, reason) VALUES ($1, $2, $3, $4, $5, $6)`,
      [noticeId, step.action, step.from, step.to, step.actor, step.reason],
    );
    await this.ledger.append(sql, [
      {
        ...event,
        actor: step.actor,
        action: 'alter',
        objectIds: [noticeId],
        outcome: 'ok',
        detail: `notice ${step.action}: ${step.from} to ${step.to}`,
      },
    ]);
  }

  /** A notice's steps, oldest first. */
  async history(noticeId: string): Promise<NoticeStepRow[]> {
    const rows = await this.database.query<{
      action: string;
      from_status: string;
      to_status: string;
      actor: string;
      reason: string | null;
      at: string;
    }>(
      `SELECT action, from_status, to_status, actor, reason, at FROM notice_steps WHERE notice_id = $1 ORDER BY at, id`,
      [noticeId],
    );
    return rows.map((row) => ({
      action: row.action,
      from: row.from_status,
      to: row.to_status,
      actor: row.actor,
      reason: row.reason,
      at: new Date(row.at).toISOString(),
    }));
  }

  /**
   * The ids of an organisation's notices, last changed first. (A notice about a victim is sealed and
   * has no row in entity_notice: its status is read from the record.)
   */
  async ownedBy(organisationId: string): Promise<RecordId[]> {
    const rows = await this.database.query<{ id: RecordId }>(
      `SELECT id FROM records WHERE owner_organisation = $1 AND entity_type = 'Notice' ORDER BY updated_at DESC, id`,
      [organisationId],
    );
    return rows.map((row) => row.id);
  }

  /** Records not screened in their current version (notices and cases are not screened), in id order after `after`. */
  async unscreened(limit: number, after?: RecordId): Promise<{ id: RecordId; version: number }[]> {
    return (await unreadVersions(this.database, 'screened_versions', limit, after)).map(({ id, version }) => ({
      id,
      version,
    }));
  }

  /** Marks records screened in these versions (records erased meanwhile are passed over). */
  markScreened(records: readonly { readonly id: RecordId; readonly version: number }[]): Promise<void> {
    return markVersionsRead(this.database, 'screened_versions', records);
  }

  /** Subscribes an organisation to a record (again is a no-op); the ledger records it. */
  async subscribe(
    organisationId: string,
    recordId: string,
    event: Omit<LedgerEvent, 'action' | 'objectIds' | 'outcome' | 'organisation'>,
  ): Promise<Subscription> {
    const subscription = await this.database.transaction(async (sql) => {
      await sql.query(
        `INSERT INTO subscriptions (organisation_id, record_id, created_by) VALUES ($1, $2, $3)
         ON CONFLICT (organisation_id, record_id) DO NOTHING`,
        [organisationId, recordId, event.actor],
      );
      await this.directory.announce(sql);
      const [row] = await sql.query<SubscriptionRow>(
        'SELECT * FROM subscriptions WHERE organisation_id = $1 AND record_id = $2',
        [organisationId, recordId],
      );
      await this.ledger.append(sql, [
        {
          ...event,
          organisation: organisationId,
          action: 'consult',
          objectIds: [recordId],
          outcome: 'ok',
          detail: 'subscribed',
        },
      ]);
      if (row === undefined) throw new Error('subscription vanished in its own transaction');
      return presentSubscription(row);
    });
    this.directory.forget();
    return subscription;
  }

  /** Ends an organisation's subscription, recorded in the ledger; false when it had none. */
  async unsubscribe(
    organisationId: string,
    id: string,
    event: Omit<LedgerEvent, 'action' | 'objectIds' | 'outcome' | 'organisation'>,
  ): Promise<boolean> {
    const ended = await this.database.transaction(async (sql) => {
      const [row] = await sql.query<{ record_id: string }>(
        'DELETE FROM subscriptions WHERE organisation_id = $1 AND id = $2 RETURNING record_id',
        [organisationId, id],
      );
      if (row === undefined) return false;
      await this.directory.announce(sql);
      await this.ledger.append(sql, [
        {
          ...event,
          organisation: organisationId,
          action: 'consult',
          objectIds: [row.record_id],
          outcome: 'ok',
          detail: 'unsubscribed',
        },
      ]);
      return true;
    });
    if (ended) this.directory.forget();
    return ended;
  }

  /** An organisation's subscriptions, newest first. */
  async subscriptionsOf(organisationId: string): Promise<Subscription[]> {
    const rows = await this.database.query<SubscriptionRow>(
      'SELECT * FROM subscriptions WHERE organisation_id = $1 ORDER BY created_at DESC, id',
      [organisationId],
    );
    return rows.map(presentSubscription);
  }

  /** The organisations subscribed to any of these records, by record. */
  async subscribers(recordIds: readonly string[]): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    if (recordIds.length === 0) return found;
    const all = await this.directory.remember('subscriptions', async () => {
      const rows = await this.database.query<{ record_id: string; organisation_id: string }>(
        'SELECT record_id, organisation_id FROM subscriptions ORDER BY record_id, organisation_id',
      );
      const byRecord = new Map<string, readonly string[]>();
      for (const row of rows)
        byRecord.set(row.record_id, [...(byRecord.get(row.record_id) ?? []), row.organisation_id]);
      return byRecord;
    });
    for (const id of recordIds) {
      const subscribers = all?.get(id);
      if (subscribers !== undefined) found.set(id, [...subscribers]);
    }
    return found;
  }
}
