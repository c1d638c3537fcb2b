import { describe, expect, it } from 'vitest';
import type { Organisation } from '../../domain/model/organisation.ts';
import { competentAuthorities, hitAlerts, type HitOrigin } from './hit-alerts.ts';
import type { NoticeOfHit } from './notice-index.ts';

const member = (id: string, organisationType: Organisation['organisationType'], country?: string, extra = {}) =>
  ({
    id,
    name: id,
    organisationType,
    sector: 'ngo',
    ...(country === undefined ? {} : { country }),
    ...extra,
  }) as Organisation;

const HOTEL = member('hotel', 'company', 'GB');
const GB_POLICE = member('gb-police', 'law_enforcement', 'GB');
const FR_POLICE = member('fr-police', 'law_enforcement', 'FR');
const HUB = member('hub', 'coordinator');
const CHILD_SAFE = member('child-safe', 'ngo', undefined, { childProtection: true });
const MEMBERS = [HOTEL, GB_POLICE, FR_POLICE, HUB, CHILD_SAFE];

const notice = (owner: string, child = false): NoticeOfHit => ({
  id: '00000000-0000-4000-8000-00000000000a',
  owner,
  noticeType: child ? 'missing_person' : 'wanted',
  child,
  distribution: { scope: 'all_members', sectors: [], groups: [] },
});
const HIT = { entryId: 'n', list: 'wanted', score: 0.93, features: [] };
const origin = (organisation: Organisation, extra: Partial<HitOrigin> = {}): HitOrigin => ({
  organisation,
  reference: 'SCR-1',
  dedupKey: 'screen:x',
  recordId: null,
  details: { screened: { names: ['A'] } },
  ...extra,
});

describe('who hears of a hit', () => {
  it('relays a company’s check to its country’s police, or to the coordinators where it has none', () => {
    expect(competentAuthorities(HOTEL, MEMBERS).map((each) => each.id)).toEqual(['gb-police']);
    expect(competentAuthorities(member('ngo', 'ngo', 'IT'), MEMBERS).map((each) => each.id)).toEqual(['hub']);
    expect(competentAuthorities(FR_POLICE, MEMBERS)).toEqual([]);
  });

  it('tells the owner and the authority the details, each once, and never the owner that saw it itself', () => {
    const alerts = hitAlerts(HIT, notice('fr-police'), origin(HOTEL), MEMBERS, []);
    expect(alerts.map((alert) => [alert.organisationId, alert.kind, alert.urgency])).toEqual([
      ['fr-police', 'screening_hit', 'routine'],
      ['gb-police', 'screening_hit', 'routine'],
    ]);
    expect(alerts[0]?.details).toMatchObject({ screened: { names: ['A'] }, score: 0.93 });
    expect(new Set(alerts.map((alert) => alert.dedupKey)).size).toBe(1);
    expect(hitAlerts(HIT, notice('gb-police'), origin(HOTEL), MEMBERS, [])).toHaveLength(1);
    expect(hitAlerts(HIT, notice('gb-police'), origin(GB_POLICE, { ownerSaw: true }), MEMBERS, [])).toEqual([]);
  });

  it('makes a missing child urgent for all, safeguarding for child protection, and tells subscribers only that it was hit', () => {
    const alerts = hitAlerts(HIT, notice('gb-police', true), origin(HOTEL), MEMBERS, ['fr-police', 'gb-police']);
    expect(alerts.map((alert) => [alert.organisationId, alert.kind, alert.urgency])).toEqual([
      ['gb-police', 'screening_hit', 'urgent'],
      ['child-safe', 'child_safeguarding', 'urgent'],
      ['fr-police', 'subscription_hit', 'urgent'],
    ]);
    expect(alerts[0]?.details['safeguarding']).toMatch(/never an enforcement action/);
    expect(alerts[2]?.details).toEqual({
      notice: notice('x').id,
      noticeType: 'missing_person',
      noticeOwner: 'gb-police',
    });
  });
});

describe('a protected victim’s record', () => {
  it('tells only the organisation supporting the victim, asking it to safeguard them', () => {
    const NGO = member('ngo', 'ngo', 'GB');
    const alerts = hitAlerts(
      HIT,
      notice('gb-police', true),
      origin(NGO, { recordId: 'r-1', dedupKey: 'record:r-1', victim: true }),
      MEMBERS,
      ['fr-police'],
    );
    expect(alerts.map((alert) => [alert.organisationId, alert.kind, alert.urgency])).toEqual([
      ['ngo', 'continuous_hit', 'urgent'],
    ]);
    expect(alerts[0]?.details).toMatchObject({
      noticeOwner: 'gb-police',
      safeguarding: expect.stringMatching(/victim/) as unknown,
    });
  });
});
