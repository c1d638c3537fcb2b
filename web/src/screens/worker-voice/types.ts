/** The shapes the worker-voice API answers with (src/apps/server/routes/worker-voice.routes.ts). */

export interface Site {
  readonly code: string;
  readonly name: string;
  readonly country: string | null;
  readonly sharingGroups: readonly string[];
  readonly createdAt: string;
}

export interface Campaign {
  readonly id: string;
  readonly name: string;
  readonly languages: readonly string[];
  readonly startsOn: string;
  readonly endsOn: string | null;
}

export type Level = 'low' | 'medium' | 'high';
export type Trend = 'up' | 'down' | 'flat' | 'unknown';

/** A figure, or withheld because it rests on fewer workers than the minimum group. */
export type Figure =
  { readonly suppressed: true } | { readonly suppressed: false; readonly share: number; readonly respondents: number };

export type Overall =
  | { readonly suppressed: true }
  | { readonly suppressed: false; readonly respondents: number; readonly risk: number; readonly level: Level };

export interface SiteRisk {
  readonly site: Site;
  readonly periodDays: number;
  readonly minimumGroup: number;
  readonly current: Overall;
  readonly previous: Overall;
  readonly trend: Trend;
  readonly indicators: readonly {
    readonly id: string;
    readonly name: string;
    readonly current: Figure;
    readonly previous: Figure;
    readonly trend: Trend;
  }[];
}
