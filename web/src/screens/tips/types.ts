/** The shapes the tip line's triage API answers with (src/apps/server/routes/reports.routes.ts). */

export const STATES = ['new', 'triaged', 'routed', 'closed'] as const;
export type TipState = (typeof STATES)[number];
export const PRIORITIES = ['emergency', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** What extraction found in a tip's text (absent lists are empty). */
export interface Extracted {
  readonly phones?: readonly { readonly raw: string; readonly e164: string }[];
  readonly emails?: readonly string[];
  readonly links?: readonly { readonly url: string; readonly host: string }[];
  readonly handles?: readonly { readonly platform: string | null; readonly handle: string }[];
  readonly plates?: readonly string[];
  readonly amounts?: readonly { readonly raw: string; readonly minor: number; readonly currency: string | null }[];
  readonly places?: readonly { readonly name: string; readonly country: string }[];
  readonly names?: readonly string[];
}

export interface Report {
  readonly id: string;
  readonly recordId: string;
  readonly channel: string;
  readonly language: string;
  readonly state: TipState;
  readonly priority: string;
  readonly priorityReasons: readonly string[];
  readonly extracted: Extracted | null;
  readonly duplicateOf: string | null;
  readonly assignedTo: string | null;
  readonly routedTo: readonly string[];
  readonly receivedAt: string;
  readonly updatedAt: string;
}

export interface TipMessage {
  readonly id: string;
  readonly author: 'reporter' | 'organisation';
  readonly body: string;
  readonly createdAt: string;
}

export interface ReportDetail {
  readonly report: Report;
  readonly text: string | null;
  readonly linked: readonly {
    readonly recordId: string;
    readonly type: string;
    readonly label: string | null;
    readonly via: string;
  }[];
  readonly suggestedRoutes: readonly {
    readonly organisationId: string;
    readonly name: string;
    readonly reason: string;
  }[];
  readonly messages: readonly TipMessage[];
  readonly files: readonly {
    readonly id: string;
    readonly mediaType: string;
    readonly byteLength: number;
    readonly removed: readonly string[];
  }[];
}

/** Mantine's darkest orange is too light for white text (4.1:1): a darker one (6:1). */
export const DARK_ORANGE = '#a63d00';

/** A priority's badge colour, dark enough for white text. */
export function priorityColour(priority: string): string {
  switch (priority) {
    case 'emergency':
      return 'red.9';
    case 'high':
      return DARK_ORANGE;
    case 'low':
      return 'gray.7';
    default:
      return 'blue.8';
  }
}
