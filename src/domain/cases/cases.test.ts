import { describe, expect, it } from 'vitest';
import type { PolicyMarking, Subject } from '../policy/index.ts';
import {
  CASE_FILE_MAX_BYTES,
  fileProblems,
  isParty,
  itemView,
  mayChangeCase,
  mayOpenThread,
  recipientsOf,
  shareRefusal,
  standingOf,
  threadParties,
  type ThreadSubject,
} from './index.ts';

const marking = (overrides: Partial<PolicyMarking> = {}): PolicyMarking => ({
  ownerOrganisation: 'police',
  subjectCategory: 'other',
  purposes: ['investigation', 'screening', 'crime_analysis', 'victim_support', 'oversight'],
  tlp: 'GREEN',
  confidentiality: 'restricted',
  sharingGroups: [],
  fieldRestrictions: {},
  recipients: [],
  ...overrides,
});

const subject = (organisationId: string, roles: Subject['roles']): Subject => ({
  organisationId,
  organisationType: 'law_enforcement',
  sector: 'law_enforcement',
  roles,
  clearance: 'restricted',
  groups: [],
  userId: null,
});

const hotel = { organisationId: 'hotel', organisationType: 'company', sector: 'accommodation', groups: [] } as const;
const hub = { organisationId: 'hub', organisationType: 'coordinator', sector: 'coordination', groups: [] } as const;

describe('a case', () => {
  it('is changed only by its owner’s admins, analysts and reporters', () => {
    expect(mayChangeCase(subject('police', ['analyst']), 'police')).toBe(true);
    expect(mayChangeCase(subject('police', ['reporter']), 'police')).toBe(true);
    expect(mayChangeCase(subject('police', ['reviewer', 'caseworker']), 'police')).toBe(false);
    expect(mayChangeCase(subject('police', ['auditor']), 'police')).toBe(false);
    expect(mayChangeCase(subject('hotel', ['admin', 'analyst']), 'police')).toBe(false);
  });

  it('gives each organisation its standing: owner, shared, or none', () => {
    const parties = { owner: 'police', shares: ['hub'] };
    expect(standingOf('police', parties)).toBe('owner');
    expect(standingOf('hub', parties)).toBe('shared');
    expect(standingOf('hotel', parties)).toBe('none');
  });

  it('is shared only where the policy lets the organisation see the case record', () => {
    expect(shareRefusal(hotel, marking())).toBeUndefined();
    // AMBER without groups reaches the coordinators only.
    expect(shareRefusal(hotel, marking({ tlp: 'AMBER' }))).toBe('may_not_see');
    expect(shareRefusal(hub, marking({ tlp: 'AMBER' }))).toBeUndefined();
    // Unmarked: the owner alone. A victim's case never reaches a company.
    expect(shareRefusal(hub, marking({ tlp: null }))).toBe('may_not_see');
    expect(shareRefusal(hotel, marking({ subjectCategory: 'victim' }))).toBe('may_not_see');
    // RED is for named people, never an organisation as a whole.
    expect(shareRefusal(hub, marking({ tlp: 'RED', recipients: ['someone'] }))).toBe('may_not_see');
    expect(shareRefusal({ ...hotel, organisationId: 'police' }, marking())).toBe('is_owner');
  });

  it('shows an item the reader may not see as restricted, with nothing of it', () => {
    const item = { id: 'i1', kind: 'notice', ref: 'r1', addedBy: 'user:1', addedAt: '2026-01-01T00:00:00Z' } as const;
    expect(itemView(item, undefined)).toEqual({ id: 'i1', restricted: true });
    expect(itemView(item, { caption: 'Ana' })).toMatchObject({ restricted: false, kind: 'notice', caption: 'Ana' });
  });
});

describe('a case file', () => {
  const pdf = new TextEncoder().encode('%PDF-1.7\n…');
  it('is taken when its bytes are what its type says', () => {
    expect(fileProblems({ name: 'statement.pdf', mediaType: 'application/pdf', bytes: pdf })).toEqual([]);
    expect(fileProblems({ name: 'notes.txt', mediaType: 'text/plain; charset=utf-8', bytes: pdf })).toEqual([]);
  });

  it('is refused, naming the field, when its type, content, size or name is wrong', () => {
    const executable = new Uint8Array([0x4d, 0x5a, 0x90, 0x00]);
    expect(fileProblems({ name: 'a.pdf', mediaType: 'application/pdf', bytes: executable })).toEqual([
      { field: 'file', message: 'the content is not application/pdf' },
    ]);
    expect(fileProblems({ name: 'a.exe', mediaType: 'application/x-msdownload', bytes: executable })[0]?.field).toBe(
      'file',
    );
    expect(
      fileProblems({ name: 'big.pdf', mediaType: 'application/pdf', bytes: new Uint8Array(CASE_FILE_MAX_BYTES + 1) }),
    ).toEqual([{ field: 'file', message: `at most ${CASE_FILE_MAX_BYTES} bytes` }]);
    expect(fileProblems({ name: '../etc/passwd', mediaType: 'application/pdf', bytes: pdf })[0]?.field).toBe('name');
    expect(fileProblems({ name: 'x.txt', mediaType: 'text/plain', bytes: new Uint8Array([0x61, 0x00]) })).toHaveLength(
      1,
    );
  });
});

describe('a thread', () => {
  const onCase: ThreadSubject = { kind: 'case', id: 'c1', owner: 'police', shares: ['hub', 'ngo'] };
  const onAlert: ThreadSubject = { kind: 'alert', id: 'a1', alerted: 'police', raisedBy: 'hotel' };

  it('has as parties the case’s owner and shares, or the organisation alerted and the one that raised it', () => {
    expect(threadParties(onCase)).toEqual(['hub', 'ngo', 'police']);
    expect(threadParties(onAlert)).toEqual(['hotel', 'police']);
    expect(threadParties({ ...onAlert, raisedBy: 'police' })).toEqual(['police']);
    expect(isParty(onCase, 'hotel')).toBe(false);
    expect(isParty(onAlert, 'hub')).toBe(false);
  });

  it('on an alert is opened by the organisation alerted alone, so that a blind hit stays blind', () => {
    expect(mayOpenThread(onAlert, 'police')).toBe(true);
    expect(mayOpenThread(onAlert, 'hotel')).toBe(false);
    expect(mayOpenThread(onCase, 'ngo')).toBe(true);
    expect(mayOpenThread(onCase, 'hotel')).toBe(false);
  });

  it('tells every party but the author’s organisation of a new message', () => {
    expect(recipientsOf(onCase, 'hub')).toEqual(['ngo', 'police']);
    expect(recipientsOf(onAlert, 'hotel')).toEqual(['police']);
  });
});
