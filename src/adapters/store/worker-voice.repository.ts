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
  /** Sharing groups whose members are told, with the brand, when the site's risk crosses its threshold. */
  readonly sharingGroups: readonly string[];
  readonly createdAt: string;
}

/** A survey campaign at a site. */
export interface SurveyCampaign {
  readonly id: string;
  readonly siteCode: string;
  readonly name: string;
  readonly languages: readonly string[];
  readonly startsOn: string;
  readonly endsOn: string | null;
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
  sharing_groups: string[];
  created_at: string;
}

interface CampaignRow {
  id: string;
  site_code: string;
  name: string;
  languages: string[];
  starts_on: string;
  ends_on: string | null;
}

const CAMPAIGN_COLUMNS = 'id, site_code, name, languages, starts_on::text AS starts_on, ends_on::text AS ends_on';
const presentCampaign = (row: CampaignRow): SurveyCampaign => ({
  id: row.id,
  siteCode: row.site_code,
  name: row.name,
  languages: row.languages,
  startsOn: row.starts_on,
  endsOn: row.ends_on,
});
const SITE_COLUMNS = 'code, name, organisation_id, country, sharing_groups, created_at';

const presentSite = (row: SiteRow): SupplySite => ({
  code: row.code,
  name: row.name,
  organisationId: row.organisation_id,
  country: row.country,
  sharingGroups: row.sharing_groups,
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
    site: {
      code: string;
      name: string;
      organisationId: string;
      country: string | null;
      sharingGroups?: readonly string[];
    },
    actor: Pick<LedgerEvent, 'actor' | 'organisation' | 'requestId' | 'purpose'>,
  ): Promise<SupplySite | undefined> {
    return this.database.transaction(async (sql) => {
      const [row] = await sql.query<SiteRow>(
        `INSERT INTO supply_sites (code, name, organisation_id, country, sharing_groups, created_by)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6) ON CONFLICT (code) DO NOTHING RETURNING ${SITE_COLUMNS}`,
        [
          site.code,
          site.name,
          site.organisationId,
          site.country,
          JSON.stringify(site.sharingGroups ?? []),
          actor.actor,
        ],
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
    const [row] = await this.database.query<SiteRow>(`SELECT ${SITE_COLUMNS} FROM supply_sites WHERE code = $1`, [
      code,
    ]);
    return row === undefined ? undefined : presentSite(row);
  }

  /** A brand's sites, by code. */
  async sitesOf(organisationId: string): Promise<SupplySite[]> {
    const rows = await this.database.query<SiteRow>(
      `SELECT ${SITE_COLUMNS} FROM supply_sites WHERE organisation_id = $1 ORDER BY code`,
      [organisationId],
    );
    return rows.map(presentSite);
  }

  /** Starts a campaign at a site. In the ledger. */
  async createCampaign(
    campaign: { siteCode: string; name: string; languages: readonly string[]; startsOn: string; endsOn: string | null },
    actor: Pick<LedgerEvent, 'actor' | 'organisation' | 'requestId' | 'purpose'>,
  ): Promise<SurveyCampaign> {
    return this.database.transaction(async (sql) => {
      const [row] = await sql.query<CampaignRow>(
        `INSERT INTO survey_campaigns (site_code, name, languages, starts_on, ends_on, created_by)
         VALUES ($1, $2, $3::jsonb, $4::date, $5::date, $6) RETURNING ${CAMPAIGN_COLUMNS}`,
        [
          campaign.siteCode,
          campaign.name,
          JSON.stringify(campaign.languages),
          campaign.startsOn,
          campaign.endsOn,
          actor.actor,
        ],
      );
      if (row === undefined) throw new Error('the campaign was not stored');
      await this.ledger.append(sql, [
        {
          ...actor,
          action: 'administer',
          objectIds: [row.site_code, row.id],
          outcome: 'ok',
          detail: 'survey campaign',
        },
      ]);
      return presentCampaign(row);
    });
  }

  /** A site's campaigns, newest first. */
  async campaignsOf(siteCode: string): Promise<SurveyCampaign[]> {
    const rows = await this.database.query<CampaignRow>(
      `SELECT ${CAMPAIGN_COLUMNS} FROM survey_campaigns WHERE site_code = $1 ORDER BY starts_on DESC, id`,
      [siteCode],
    );
    return rows.map(presentCampaign);
  }

  /** The campaign running at a site on a day (the latest started, if several). */
  async runningCampaign(siteCode: string, day: string): Promise<SurveyCampaign | undefined> {
    const [row] = await this.database.query<CampaignRow>(
      `SELECT ${CAMPAIGN_COLUMNS} FROM survey_campaigns
       WHERE site_code = $1 AND starts_on <= $2::date AND (ends_on IS NULL OR ends_on >= $2::date)
       ORDER BY starts_on DESC, id LIMIT 1`,
      [siteCode, day],
    );
    return row === undefined ? undefined : presentCampaign(row);
  }

  /** Keeps a scored response, dated to the day, under the campaign running then (if any). */
  async record(response: {
    siteCode: string;
    language: string;
    channel: string;
    scores: Readonly<Record<string, number>>;
    day: string;
    campaignId?: string | null;
  }): Promise<void> {
    await this.database.query(
      `INSERT INTO worker_voice_responses (site_code, language, channel, scores, received_on, campaign_id)
       VALUES ($1, $2, $3, $4::jsonb, $5::date, $6)`,
      [
        response.siteCode,
        response.language,
        response.channel,
        JSON.stringify(response.scores),
        response.day,
        response.campaignId ?? null,
      ],
    );
  }

  /** A site's responses since a day (of one campaign, when given), oldest first. */
  async responses(siteCode: string, sinceDay: string, campaignId?: string): Promise<StoredSurveyResponse[]> {
    const rows = await this.database.query<{ received_on: string; scores: Record<string, number> }>(
      `SELECT received_on::text AS received_on, scores FROM worker_voice_responses
       WHERE site_code = $1 AND received_on >= $2::date AND ($3::uuid IS NULL OR campaign_id = $3::uuid)
       ORDER BY received_on, id`,
      [siteCode, sinceDay, campaignId ?? null],
    );
    return rows.map((row) => ({ at: Date.parse(`${row.received_on}T00:00:00Z`), scores: row.scores }));
  }
}
