/**
 * Transaction monitoring's storage: which version of each Payment record has been read, the
 * accounts payments name, and each organisation's monitoring configuration.
 */
import type { LedgerEvent } from '../../domain/audit/index.ts';
import type { RecordId } from '../../domain/model/ids.ts';
import type { MonitorConfig } from '../../domain/monitoring/index.ts';
import type { Database } from './database.ts';
import type { LedgerRepository } from './ledger.repository.ts';
import { markVersionsRead, unreadVersions } from './read-versions.ts';

/** A stored monitoring configuration. */
export interface StoredMonitorConfig {
  readonly organisationId: string;
  readonly config: MonitorConfig;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export class MonitoringRepository {
  constructor(
    private readonly database: Database,
    private readonly ledger: LedgerRepository,
  ) {}

  /** Payment records not read in their current version, in id order after `after`, and whether any version was. */
  unmonitored(limit: number, after?: RecordId): Promise<{ id: RecordId; version: number; seenBefore: boolean }[]> {
    return unreadVersions(this.database, 'monitored_versions', limit, after);
  }

  /**
   * Where a replay of each owner's payments starts (event time, ISO): `lookbackMs` before the
   * newest payment, or before the oldest payment not yet monitored in its current version when
   * that is older (a payment written while no server watched is read with the ones before it).
   * Owners with no dated payment are left out.
   */
  async replayStarts(lookbackMs: number, organisationId?: string): Promise<Map<string, string>> {
    const rows = await this.database.query<{ owner: string; start: Date | string }>(
      `SELECT r.owner_organisation AS owner,
              least(max(p.occurred_at), min(p.occurred_at) FILTER (WHERE v.version IS DISTINCT FROM r.version))
                - ($1::bigint * interval '1 millisecond') AS start
       FROM records r
       JOIN entity_payment p ON p.record_id = r.id
       LEFT JOIN monitored_versions v ON v.record_id = r.id
       WHERE r.entity_type = 'Payment' AND p.occurred_at IS NOT NULL
         AND ($2::text IS NULL OR r.owner_organisation = $2)
       GROUP BY r.owner_organisation`,
      [lookbackMs, organisationId ?? null],
    );
    return new Map(rows.map((row) => [row.owner, new Date(row.start).toISOString()]));
  }

  /** The ids of an owner's Payment records that happened at or after `from`, in id order after `after`. */
  async paymentsSince(owner: string, from: string, limit: number, after?: RecordId): Promise<RecordId[]> {
    const rows = await this.database.query<{ id: RecordId }>(
      `SELECT r.id FROM records r JOIN entity_payment p ON p.record_id = r.id
       WHERE r.entity_type = 'Payment' AND r.owner_organisation = $1 AND p.occurred_at >= $2::timestamptz
         AND ($3::uuid IS NULL OR r.id > $3::uuid)
       ORDER BY r.id LIMIT $4`,
      [owner, from, after ?? null, limit],
    );
    return rows.map((row) => row.id);
  }

  /** Marks Payment records read in these versions (records erased meanwhile are passed over). */
  markMonitored(records: readonly { readonly id: RecordId; readonly version: number }[]): Promise<void> {
    return markVersionsRead(this.database, 'monitored_versions', records);
  }

  /**
   * The bank-account records (of any organisation) carrying one of these IBANs or account numbers,
   * compared without spaces and case: read from the records themselves, so that an account is found
   * as soon as it is written, before resolution has indexed it.
   */
  async accountsCarrying(ibans: readonly string[], accountNumbers: readonly string[]): Promise<RecordId[]> {
    if (ibans.length === 0 && accountNumbers.length === 0) return [];
    const rows = await this.database.query<{ record_id: RecordId }>(
      `SELECT record_id FROM entity_bank_account
       WHERE upper(replace(iban, ' ', '')) = ANY($1) OR upper(replace(account_number, ' ', '')) = ANY($2)`,
      [ibans, accountNumbers],
    );
    return rows.map((row) => row.record_id);
  }

  /** Every organisation's configuration (or one organisation's). */
  async configs(organisationId?: string): Promise<StoredMonitorConfig[]> {
    const rows = await this.database.query<{
      organisation_id: string;
      config: MonitorConfig;
      updated_at: string;
      updated_by: string;
    }>(
      `SELECT organisation_id, config, updated_at, updated_by FROM monitoring_configs
       WHERE $1::text IS NULL OR organisation_id = $1 ORDER BY organisation_id`,
      [organisationId ?? null],
    );
    return rows.map((row) => ({
      organisationId: row.organisation_id,
      config: row.config,
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
    }));
  }

  /** One organisation's configuration, if it has set one. */
  async configOf(organisationId: string): Promise<StoredMonitorConfig | undefined> {
    const [stored] = await this.configs(organisationId);
    return stored;
  }

  /** Stores an organisation's configuration, recorded in the ledger. */
  async saveConfig(
    organisationId: string,
    config: MonitorConfig,
    event: Pick<LedgerEvent, 'actor' | 'requestId' | 'purpose'>,
  ): Promise<StoredMonitorConfig> {
    return this.database.transaction(async (sql) => {
      const [row] = await sql.query<{ updated_at: string }>(
        `INSERT INTO monitoring_configs (organisation_id, config, updated_by) VALUES ($1, $2::jsonb, $3)
         ON CONFLICT (organisation_id) DO UPDATE SET config = excluded.config, updated_by = excluded.updated_by, updated_at = now()
         RETURNING updated_at`,
        [organisationId, JSON.stringify(config), event.actor],
      );
      await this.ledger.append(sql, [
        {
          ...event,
          organisation: organisationId,
          action: 'administer',
          objectIds: [`monitoring:${config.version}`],
          outcome: 'ok',
          detail: 'monitoring_configured',
        },
      ]);
      return { organisationId, config, updatedAt: row?.updated_at ?? '', updatedBy: event.actor };
    });
  }
}
