/**
 * Worker voice over the store: a finished survey is scored against the ILO indicators and kept
 * under its site (dated to the day); the site's risk is worked out over groups large enough that no
 * worker can be singled out; a brand is alerted once each time a site's risk reaches the threshold.
 */
import type { Store, SupplySite } from '../../adapters/store/index.ts';
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
    await this.options.store.workerVoice.record({
      siteCode: site.code,
      language: outcome.language,
      channel: outcome.channel,
      scores: scoreSurvey(outcome.answers),
      day: now.toISOString().slice(0, 10),
    });
    const after = await this.risk(site);
    const threshold = this.options.alertAt ?? 'high';
    if (crossesThreshold(before, after, threshold) && !after.current.suppressed) {
      await this.options.store.alerts.raise(
        [
          {
            organisationId: site.organisationId,
            kind: 'worker_voice_risk',
            urgency: after.current.level === 'high' ? 'urgent' : 'routine',
            // Once per crossing: the period and level name it.
            dedupKey: `site:${site.code}:${now.toISOString().slice(0, 10)}:${after.current.level}`,
            reference: site.code,
            recordId: null,
            raisedBy: site.organisationId,
            details: {
              site: site.code,
              name: site.name,
              level: after.current.level,
              risk: after.current.risk,
              respondents: after.current.respondents,
              periodDays: after.periodDays,
            },
          },
        ],
        undefined,
      );
    }
    return true;
  }

  /** A site's risk now: this period against the last, small groups suppressed. */
  async risk(site: SupplySite): Promise<SiteRisk> {
    const now = this.clock().getTime();
    const periodDays = this.options.periodDays ?? DEFAULT_PERIOD_DAYS;
    const since = new Date(now - 2 * periodDays * DAY_MS).toISOString().slice(0, 10);
    const responses = await this.options.store.workerVoice.responses(site.code, since);
    return siteRisk(responses, { now, periodDays });
  }
}
