import { describe, expect, it } from 'vitest';
import { decide, decideDerived, mayAlter, organisationMaySee, type PolicyMarking, type Subject } from './policy.ts';

const marking = (overrides: Partial<PolicyMarking> = {}): PolicyMarking => ({
  ownerOrganisation: 'harbour-hotels',
  subjectCategory: 'other',
  purposes: ['investigation', 'screening', 'crime_analysis', 'victim_support', 'oversight'],
  tlp: 'GREEN',
  confidentiality: 'restricted',
  sharingGroups: [],
  recipients: [],
  fieldRestrictions: {},
  ...overrides,
});

const subject = (overrides: Partial<Subject> = {}): Subject => ({
  organisationId: 'gb-police-mst',
  organisationType: 'law_enforcement',
  sector: 'law_enforcement',
  roles: ['analyst'],
  clearance: 'confidential',
  groups: [],
  userId: null,
  ...overrides,
});

const hub = subject({ organisationId: 'weft-hub', organisationType: 'coordinator', sector: 'coordination' });
const bank = subject({ organisationId: 'northbank', organisationType: 'company', sector: 'finance' });

describe('the policy engine', () => {
  it('denies by default: an unmarked record is its owner’s alone', () => {
    expect(decide(subject(), 'investigation', marking({ tlp: null })).visible).toBe(false);
    expect(
      decide(subject({ organisationId: 'harbour-hotels' }), 'investigation', marking({ tlp: null })),
    ).toMatchObject({
      visible: true,
      reason: 'owner',
    });
  });

  it('shows GREEN to every member, AMBER only to coordinators, RED to the owner and the people it names', () => {
    expect(decide(bank, 'screening', marking()).visible).toBe(true);
    expect(decide(bank, 'screening', marking({ tlp: 'AMBER' })).visible).toBe(false);
    expect(decide(hub, 'screening', marking({ tlp: 'AMBER+STRICT' })).visible).toBe(true);
    expect(decide(hub, 'screening', marking({ tlp: 'RED' })).visible).toBe(false);
    const red = marking({ tlp: 'RED', recipients: ['user-7'], sharingGroups: ['uk-police'] });
    expect(decide(subject({ userId: 'user-7' }), 'investigation', red)).toMatchObject({
      visible: true,
      reason: 'shared',
    });
    // Not a colleague of the named person, nor a member of the record's group, nor a key.
    expect(decide(subject({ userId: 'user-8', groups: ['uk-police'] }), 'investigation', red)).toMatchObject({
      visible: false,
      reason: 'not_a_recipient',
    });
    expect(decide(subject({ groups: ['uk-police'] }), 'investigation', red).visible).toBe(false);
    // Named, but still bound by the other rules: a company never reads a victim's record.
    const redVictim = marking({ tlp: 'RED', recipients: ['user-9'], subjectCategory: 'victim' });
    expect(decide({ ...bank, userId: 'user-9' }, 'screening', redVictim).reason).toBe('victim_data_to_company');
  });

  it('lets sharing groups name the recipients, any one group sufficing', () => {
    const grouped = marking({ tlp: 'AMBER', sharingGroups: ['uk-hotels', 'uk-police'] });
    expect(decide(subject({ groups: ['uk-police'] }), 'investigation', grouped).visible).toBe(true);
    expect(decide(hub, 'investigation', grouped)).toMatchObject({ visible: false, reason: 'not_in_sharing_group' });
  });

  it('never shows victim data to a private company, even marked CLEAR', () => {
    const victim = marking({ tlp: 'CLEAR', subjectCategory: 'victim' });
    expect(decide(bank, 'screening', victim)).toMatchObject({ visible: false, reason: 'victim_data_to_company' });
    expect(decide(subject({ roles: ['caseworker'], organisationType: 'ngo' }), 'victim_support', victim).visible).toBe(
      true,
    );
  });

  it('holds every user, the owner’s too, to their clearance', () => {
    const secret = marking({ confidentiality: 'secret' });
    expect(decide(subject(), 'investigation', secret).reason).toBe('clearance');
    expect(decide(subject({ organisationId: 'harbour-hotels' }), 'investigation', secret).reason).toBe('clearance');
    expect(decide(subject({ clearance: 'secret' }), 'investigation', secret).visible).toBe(true);
  });

  it('checks the purpose against the roles and against the record', () => {
    expect(decide(subject(), 'victim_support', marking()).reason).toBe('purpose_not_allowed_for_role');
    expect(decide(subject(), 'screening', marking({ purposes: ['investigation'] })).reason).toBe(
      'purpose_not_allowed_for_record',
    );
    // Auditors may declare oversight, which reads the ledger and no content.
    expect(decide(subject({ roles: ['auditor'] }), 'oversight', marking()).visible).toBe(false);
    // Reporters and administrators read their own organisation's records only.
    expect(decide(subject({ roles: ['reporter'] }), 'investigation', marking()).reason).toBe('no_role_reaches');
  });

  it('hides from other sectors the fields the owner restricted, never from the owner', () => {
    const restricted = marking({ fieldRestrictions: { iban: ['finance'], name: ['law_enforcement'] } });
    expect(decide(subject(), 'investigation', restricted).hiddenFields).toEqual(['iban']);
    expect(decide(bank, 'screening', restricted).hiddenFields).toEqual(['name']);
    expect(decide(subject({ organisationId: 'harbour-hotels' }), 'investigation', restricted).hiddenFields).toEqual([]);
  });

  it('lets the most restrictive source decide for anything derived', () => {
    const green = marking();
    const amber = marking({ tlp: 'AMBER' });
    const restricted = marking({ fieldRestrictions: { phone: ['communications'] } });
    expect(decideDerived(bank, 'screening', [green, amber]).visible).toBe(false);
    expect(decideDerived(bank, 'screening', [green, restricted])).toMatchObject({
      visible: true,
      hiddenFields: ['phone'],
    });
    expect(decideDerived(bank, 'screening', []).visible).toBe(false);
  });

  it('lets only the owner alter a record', () => {
    expect(mayAlter(subject({ organisationId: 'harbour-hotels', roles: ['reporter'] }), marking())).toBe(true);
    expect(mayAlter(subject({ roles: ['analyst'] }), marking())).toBe(false);
    expect(mayAlter(subject({ organisationId: 'harbour-hotels', roles: ['auditor'] }), marking())).toBe(false);
  });

  it('tells an organisation of a record only when some analyst of it could see it at the lowest clearance', () => {
    const police = {
      organisationId: 'gb-police-mst',
      organisationType: 'law_enforcement',
      sector: 'law_enforcement',
      groups: [],
    } as const;
    expect(organisationMaySee(police, marking())).toBe(true);
    expect(organisationMaySee(police, marking({ tlp: null }))).toBe(false);
    expect(organisationMaySee(police, marking({ confidentiality: 'confidential' }))).toBe(false);
    expect(organisationMaySee(police, marking({ tlp: 'GREEN', sharingGroups: ['g1'] }))).toBe(false);
    expect(organisationMaySee({ ...police, groups: ['g1'] }, marking({ sharingGroups: ['g1'] }))).toBe(true);
  });
});
