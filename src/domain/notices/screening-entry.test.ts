import { describe, expect, it } from 'vitest';
import { completeEnvelope } from '../model/envelope.ts';
import type { RecordId } from '../model/ids.ts';
import type { StoredRecord } from '../model/record.ts';
import { noticeEntry, noticeStatus } from './screening-entry.ts';

function notice(properties: Record<string, unknown>, type = 'Notice'): StoredRecord {
  const now = '2026-11-01T00:00:00Z';
  return {
    id: '00000000-0000-4000-8000-000000000001' as RecordId,
    type,
    envelope: completeEnvelope(
      { ownerOrganisation: 'police', ownerSector: 'law_enforcement', sourceSystem: 'notices', sourceRecordId: 'n1' },
      {},
      now,
    ),
    properties,
    caption: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}

const WANTED = {
  noticeType: 'wanted',
  title: 'Viktor Petrenko',
  status: 'published',
  name: ['Viktor Petrenko', 'Віктор Петренко'],
  birthDate: ['1974-12-08'],
  gender: 'male',
  nationality: ['UA'],
  documentNumber: ['FT123456'],
  documentCountry: 'UA',
  phone: ['+380671234567'],
  expiresAt: '2027-06-01',
};

describe('a notice as a screening entry', () => {
  it('carries what the notice asks to look for, in the list of its type', () => {
    expect(noticeEntry(notice(WANTED), '2026-11-25')).toEqual({
      id: '00000000-0000-4000-8000-000000000001',
      list: 'wanted',
      names: ['Viktor Petrenko', 'Віктор Петренко'],
      birthDates: ['1974-12-08'],
      gender: 'male',
      nationalities: ['UA'],
      documents: [{ number: 'FT123456', country: 'UA' }],
      phones: ['+380671234567'],
      emails: [],
    });
  });

  it('is screened against only while published and before its expiry date', () => {
    expect(noticeEntry(notice({ ...WANTED, status: 'in_review' }), '2026-11-25')).toBeUndefined();
    expect(noticeEntry(notice({ ...WANTED, status: undefined }), '2026-11-25')).toBeUndefined();
    expect(noticeStatus(notice({ ...WANTED, status: undefined }))).toBe('draft');
    expect(noticeEntry(notice(WANTED), '2027-06-01')).toBeUndefined();
    expect(noticeEntry(notice(WANTED, 'Person'), '2026-11-25')).toBeUndefined();
    expect(
      noticeEntry(notice({ noticeType: 'information', title: 'x', status: 'published' }), '2026-11-25'),
    ).toBeUndefined();
  });
});
