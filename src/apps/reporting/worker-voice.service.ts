/**
 * Worker voice over the store: a finished survey is scored against the ILO indicators and kept
 * under its site (dated to the day); the site's risk is worked out over groups large enough that no
 * worker can be singled out; a brand is alerted once each time a site's risk reaches the threshold,
 * and with it the members of the sharing groups the brand named for the site (the figures only).
 */
import type { Store, SupplySite, SurveyCampaign } from '../../adapters/store/index.ts';
import type { FlowOutcome } from '../../domain/reporting/flows/index.ts';
import {
  crossesThreshold,
  DEFAULT_PERIOD_DAYS,
  scoreSurvey,
  siteRisk,
  type RiskLevel,
  type SiteRisk,
} from '../../domain/reporting/index.ts';

const DAY_MS = 86_400_000;

/** What worker voice needs. */
export interface WorkerVoiceOptions {
  readonly store: Store;
  readonly clock?: () => Date;
  /** The level at which a brand is alerted. */
  readonly alertAt?: RiskLevel;
  readonly periodDays?: number;
}

/** Worker-voice surveys and site risk. */
export class WorkerVoiceService {
  private readonly clock: () => Date;

  constructor(private readonly options: WorkerVoiceOptions) {
    this.clock = options.clock ?? (() => new Date());
  }

  /** Keeps a finished survey; false when its site code names no registered site (nothing is kept). */
  async record(outcome: FlowOutcome): Promise<boolean> {
    const code = (outcome.answers['site'] ?? '').trim().toUpperCase();
    const site = code === '' ? undefined : await this.options.store.workerVoice.site(code);
    if (site === undefined) return false;
    const before = await this.risk(site);
    const now = this.clock();
    const day = now.toISOString().slice(0, 10);
    const campaign = await this.options.store.workerVoice.runningCampaign(site.code, day);
    await this.options.store.workerVoice.record({
      siteCode: site.code,
      language: outcome.language,
      channel: outcome.channel,
      scores: scoreSurvey(outcome.answers),
      day,
      campaignId: campaign?.id ?? null,
    });
    const after = await this.risk(site);
    const threshold = this.options.alertAt ?? 'high';
    const current = after.current;
    if (crossesThreshold(before, after, threshold) && !current.suppressed) {
      // The brand, and the members of the groups it shares the site's figures with.
      const told = new Set([site.organisationId]);
      for (const id of site.sharingGroups) {
        for (const member of (await this.options.store.groups.get(id))?.members ?? []) told.add(member);
      }
      const details = {
        site: site.code,
        name: site.name,
        brand: site.organisationId,
        level: current.level,
        risk: current.risk,
        respondents: current.respondents,
        periodDays: after.periodDays,
      };
      await this.options.store.alerts.raise(
        [...told].map((organisationId) => ({
          organisationId,
          kind: 'worker_voice_risk' as const,
          urgency: current.level === 'high' ? ('urgent' as const) : ('routine' as const),
          // Once per crossing: the day and level name it.
          dedupKey: `site:${site.code}:${day}:${current.level}`,
          reference: site.code,
          recordId: null,
          raisedBy: site.organisationId,
          details,
        })),
        undefined,
      );
    }
    return true;
  }

  /**
   * A site's risk now: this period against the last, small groups suppressed. Of a campaign: its
   * answers over its whole span (to today while it runs), with no earlier period to compare.
   */
  async risk(site: SupplySite, campaign?: SurveyCampaign): Promise<SiteRisk> {
    const today = this.clock().getTime();
    if (campaign !== undefined) {
      const start = Date.parse(`${campaign.startsOn}T00:00:00Z`);
      const end = campaign.endsOn === null ? today : Math.min(today, Date.parse(`${campaign.endsOn}T23:59:59Z`));
      const periodDays = Math.max(1, Math.ceil((end - start) / DAY_MS) + 1);
      const responses = await this.options.store.workerVoice.responses(site.code, campaign.startsOn, campaign.id);
      return siteRisk(responses, { now: end, periodDays });
    }
    const periodDays = this.options.periodDays ?? DEFAULT_PERIOD_DAYS;
    const since = new Date(today - 2 * periodDays * DAY_MS).toISOString().slice(0, 10);
    const responses = await this.options.store.workerVoice.responses(site.code, since);
    return siteRisk(responses, { now: today, periodDays });
  }
}
