import { describe, expect, it } from 'vitest';
import { completeEnvelope } from '../model/envelope.ts';
import type { RecordId } from '../model/ids.ts';
import type { StoredRecord } from '../model/record.ts';
import { decide, restrictedFor, shareRecord, type Viewer } from './sharing-gate.ts';

const envelope = completeEnvelope(
  { ownerOrganisation: 'bank-a', ownerSector: 'finance', sourceSystem: 'core', sourceRecordId: '1' },
  { tlp: 'CLEAR', fieldRestrictions: { iban: ['finance'], holderName: ['law_enforcement'] } },
  '2026-01-01T00:00:00Z',
);
const record: StoredRecord = {
  id: '00000000-0000-8000-8000-000000000001' as RecordId,
  type: 'BankAccount',
  envelope,
  properties: { iban: 'GB33BUKB20201555555555', holderName: ['A. Person'], country: 'GB' },
  caption: null,
  version: 1,
  createdAt: envelope.collectedAt,
  updatedAt: envelope.collectedAt,
};
const owner: Viewer = { organisationId: 'bank-a', sector: 'finance' };
const police: Viewer = { organisationId: 'police', sector: 'law_enforcement' };

describe('the sharing gate', () => {
  it('hides a record from every organisation but its owner, even when marked CLEAR', () => {
    expect(decide(police, envelope).visible).toBe(false);
    expect(shareRecord(police, record)).toBeUndefined();
  });

  it('shows the owner all of its record, even fields it restricted to other sectors', () => {
    expect(shareRecord(owner, record)?.properties).toEqual(record.properties);
  });

  it('names the fields a recipient of another sector may not see', () => {
    expect(restrictedFor(police, envelope)).toEqual(['iban']);
    expect(restrictedFor({ organisationId: 'bank-b', sector: 'finance' }, envelope)).toEqual(['holderName']);
  });
});
