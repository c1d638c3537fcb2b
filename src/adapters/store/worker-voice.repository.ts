/**
 * Worker voice: supply-chain sites and their workers' scored survey answers. A response keeps its
 * site, language, channel, scores and day, nothing else; it is read back only as a site's series,
 * for figures over groups (domain/reporting/worker-voice.ts suppresses small ones).
 */
import type { LedgerEvent } from '../../domain/audit/index.ts';
import type { Database } from './database.ts';
import type { LedgerRepository } from './ledger.repository.ts';

/** A supply-chain site and the brand it belongs to. */
export interface SupplySite {
  readonly code: string;
  readonly name: string;
  readonly organisationId: string;
  readonly country: string | null;
  readonly createdAt: string;
}

/** A scored response, as the risk figures read it. */
export interface StoredSurveyResponse {
  /** The day it was given, at midnight UTC (epoch milliseconds). */
  readonly at: number;
  readonly scores: Readonly<Record<string, number>>;
}

interface SiteRow {
  code: string;
  name: string;
  organisation_id: string;
  country: string | null;
  created_at: string;
}

const presentSite = (row: SiteRow): SupplySite => ({
  code: row.code,
  name: row.name,
  organisationId: row.organisation_id,
  country: row.country,
  createdAt: new Date(row.created_at).toISOString(),
});

/** The worker-voice store. */
export class WorkerVoiceRepository {
  constructor(
    private readonly database: Database,
    private readonly ledger: LedgerRepository,
  ) {}

  /** Registers a site for a brand; false when the code is taken. In the ledger. */
  async createSite(
    site: { code: string; name: string; organisationId: string; country: string | null },
    actor: Pick<LedgerEvent, 'actor' | 'organisation' | 'requestId' | 'purpose'>,
  ): Promise<SupplySite | undefined> {
    return this.database.transaction(async (sql) => {
      const [row] = await sql.query<SiteRow>(
        `INSERT INTO supply_sites (code, name, organisation_id, country, created_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (code) DO NOTHING RETURNING code, name, organisation_id, country, created_at`,
        [site.code, site.name, site.organisationId, site.country, actor.actor],
      );
      if (row === undefined) return undefined;
      await this.ledger.append(sql, [
        { ...actor, action: 'administer', objectIds: [row.code], outcome: 'ok', detail: 'supply site registered' },
      ]);
      return presentSite(row);
    });
  }

  /** A site by code. */
  async site(code: string): Promise<SupplySite | undefined> {
    const [row] = await this.database.query<SiteRow>(
      'SELECT code, name, organisation_id, country, created_at FROM supply_sites WHERE code = $1',
      [code],
    );
    return row === undefined ? undefined : presentSite(row);
  }

  /** A brand's sites, by code. */
  async sitesOf(organisationId: string): Promise<SupplySite[]> {
    const rows = await this.database.query<SiteRow>(
      'SELECT code, name, organisation_id, country, created_at FROM supply_sites WHERE organisation_id = $1 ORDER BY code',
      [organisationId],
    );
    return rows.map(presentSite);
  }

  /** Keeps a scored response, dated to the day. */
  async record(response: {
    siteCode: string;
    language: string;
    channel: string;
    scores: Readonly<Record<string, number>>;
    day: string;
  }): Promise<void> {
    await this.database.query(
      `INSERT INTO worker_voice_responses (site_code, language, channel, scores, received_on)
       VALUES ($1, $2, $3, $4::jsonb, $5::date)`,
      [response.siteCode, response.language, response.channel, JSON.stringify(response.scores), response.day],
    );
  }

  /** A site's responses since a day, oldest first. */
  async responses(siteCode: string, sinceDay: string): Promise<StoredSurveyResponse[]> {
    const rows = await this.database.query<{ received_on: string; scores: Record<string, number> }>(
      `SELECT received_on::text AS received_on, scores FROM worker_voice_responses
       WHERE site_code = $1 AND received_on >= $2::date ORDER BY received_on, id`,
      [siteCode, sinceDay],
    );
    return rows.map((row) => ({ at: Date.parse(`${row.received_on}T00:00:00Z`), scores: row.scores }));
  }
}
