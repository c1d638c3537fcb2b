/**
 * Which organisations a tip should go to: law enforcement of the country where it happens first,
 * child protection when a child is at risk, the coordinating hub when no country is known. The tip
 * line decides; these are suggestions, each with its reason.
 */

/** An organisation as routing reads it. */
export interface RoutingCandidate {
  readonly id: string;
  readonly name: string;
  readonly organisationType: string;
  readonly country?: string | undefined;
  readonly childProtection?: boolean | undefined;
}

/** What of a tip routing reads. */
export interface RoutingQuestion {
  /** Countries the tip's places lie in, most likely first. */
  readonly countries: readonly string[];
  readonly concerns: readonly string[];
  /** Whether the text speaks of a child. */
  readonly child: boolean;
}

/** A suggested recipient and why. */
export interface RouteSuggestion {
  readonly organisationId: string;
  readonly name: string;
  readonly reason: string;
}

/** The organisations competent for a tip, best first, never the tip line itself. */
export function competentOrganisations(
  question: RoutingQuestion,
  organisations: readonly RoutingCandidate[],
  tipLine: string,
): RouteSuggestion[] {
  const suggestions: RouteSuggestion[] = [];
  const add = (organisation: RoutingCandidate, reason: string) => {
    if (organisation.id === tipLine) return;
    if (suggestions.some((suggestion) => suggestion.organisationId === organisation.id)) return;
    suggestions.push({ organisationId: organisation.id, name: organisation.name, reason });
  };
  for (const country of question.countries) {
    for (const organisation of organisations) {
      if (organisation.organisationType === 'law_enforcement' && organisation.country === country) {
        add(organisation, `law enforcement in ${country}, where the tip places it`);
      }
    }
  }
  if (question.child || question.concerns.includes('child_soldiering')) {
    for (const organisation of organisations) {
      if (organisation.childProtection === true) add(organisation, 'child protection: the tip speaks of a child');
    }
  }
  if (suggestions.length === 0) {
    for (const organisation of organisations) {
      if (organisation.organisationType === 'coordinator') {
        add(organisation, 'the coordinating hub: the tip names no country with a member police force');
      }
    }
  }
  return suggestions;
}
