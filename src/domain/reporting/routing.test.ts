import { describe, expect, it } from 'vitest';
import { competentOrganisations, type RoutingCandidate } from './routing.ts';

const ORGANISATIONS: RoutingCandidate[] = [
  { id: 'hub', name: 'Hub', organisationType: 'coordinator' },
  { id: 'gb-police', name: 'GB police', organisationType: 'law_enforcement', country: 'GB' },
  { id: 'fr-police', name: 'FR police', organisationType: 'law_enforcement', country: 'FR' },
  { id: 'ngo', name: 'NGO', organisationType: 'ngo', country: 'GB', childProtection: true },
  { id: 'hotline', name: 'Hotline', organisationType: 'ngo', country: 'GB' },
];

describe('routing a tip', () => {
  it('suggests the police of the countries the tip is placed in, in order', () => {
    const suggestions = competentOrganisations(
      { countries: ['FR', 'GB'], concerns: ['forced_labour'], child: false },
      ORGANISATIONS,
      'hotline',
    );
    expect(suggestions.map((suggestion) => suggestion.organisationId)).toEqual(['fr-police', 'gb-police']);
    expect(suggestions[0]?.reason).toContain('FR');
  });

  it('adds child protection when a child is at risk', () => {
    const suggestions = competentOrganisations(
      { countries: ['GB'], concerns: [], child: true },
      ORGANISATIONS,
      'hotline',
    );
    expect(suggestions.map((suggestion) => suggestion.organisationId)).toEqual(['gb-police', 'ngo']);
  });

  it('falls back to the hub when no country is known, and never suggests the tip line', () => {
    expect(
      competentOrganisations({ countries: [], concerns: [], child: false }, ORGANISATIONS, 'hotline').map(
        (suggestion) => suggestion.organisationId,
      ),
    ).toEqual(['hub']);
    expect(
      competentOrganisations({ countries: ['GB'], concerns: [], child: false }, ORGANISATIONS, 'gb-police'),
    ).toEqual([{ organisationId: 'hub', name: 'Hub', reason: expect.stringContaining('hub') as string }]);
  });
});
