import { describe, expect, it } from 'vitest';
import { completeEnvelope } from '../model/envelope.ts';
import type { RecordId } from '../model/ids.ts';
import type { StoredRecord } from '../model/record.ts';
import type { Subject } from './policy.ts';
import { shareRecord } from './sharing-gate.ts';

const envelope = completeEnvelope(
  { ownerOrganisation: 'bank-a', ownerSector: 'finance', sourceSystem: 'core', sourceRecordId: '1' },
  { tlp: 'GREEN', fieldRestrictions: { iban: ['finance'], holderName: ['law_enforcement'] } },
  '2026-01-01T00:00:00Z',
);
const record: StoredRecord = {
  id: '00000000-0000-8000-8000-000000000001' as RecordId,
  type: 'BankAccount',
  envelope,
  properties: { iban: 'GB33BUKB20201555555555', holderName: ['A. Person'], country: 'GB' },
  caption: 'GB33BUKB20201555555555',
  version: 1,
  createdAt: envelope.collectedAt,
  updatedAt: envelope.collectedAt,
};
const analyst = (organisationId: string, sector: Subject['sector'], organisationType: Subject['organisationType']) => ({
  organisationId,
  organisationType,
  sector,
  roles: ['analyst' as const],
  clearance: 'restricted' as const,
  groups: [],
  userId: null,
});

describe('sharing a record', () => {
  it('shows the owner all of its record, even fields it restricted to other sectors', () => {
    expect(shareRecord(analyst('bank-a', 'finance', 'company'), 'screening', record)).toBe(record);
  });

  it('removes from another sector the fields restricted to others, and the caption they could give away', () => {
    const shared = shareRecord(analyst('police', 'law_enforcement', 'law_enforcement'), 'investigation', record);
    expect(shared?.properties).toEqual({ holderName: ['A. Person'], country: 'GB' });
    expect(shared?.caption).toBeNull();
    expect(shareRecord(analyst('bank-b', 'finance', 'company'), 'screening', record)?.properties).toEqual({
      iban: 'GB33BUKB20201555555555',
      country: 'GB',
    });
  });

  it('gives nothing at all when the record is not visible', () => {
    expect(shareRecord(analyst('police', 'law_enforcement', 'law_enforcement'), 'victim_support', record)).toBe(
      undefined,
    );
  });
});
