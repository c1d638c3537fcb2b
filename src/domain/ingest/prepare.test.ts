import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordIdOf } from '../model/ids.ts';
import { prepareRecord, type IngestContext } from './prepare.ts';

const context: IngestContext = {
  organisation: { id: 'airline' as never, sector: 'transport' },
  sourceSystem: 'pnr',
  defaults: {},
  now: '2026-03-01T00:00:00Z',
  actor: 'system:test',
  requestId: null,
};

const errorsOf = (raw: unknown) => {
  const prepared = prepareRecord(raw, 7, context);
  return prepared.ok ? [] : prepared.errors.map((error) => [error.field, error.message]);
};

describe('preparing a record', () => {
  it('names each bad field with a message a person can act on', () => {
    expect(
      errorsOf({
        type: 'Person',
        sourceRecordId: 'p1',
        properties: { birthDate: '1999-13', nationality: ['GB', 'Britain'], shoeSize: 42 },
      }),
    ).toEqual([
      ['properties.name', 'required'],
      ['properties.birthDate', 'expected a date as YYYY, YYYY-MM or YYYY-MM-DD'],
      ['properties.nationality[1]', 'expected an ISO 3166-1 alpha-2 country code'],
      ['properties.shoeSize', 'unknown field: shoeSize'],
    ]);
  });

  it('accepts partial dates but not days the calendar lacks', () => {
    const person = (birthDate: string) => ({
      type: 'Person',
      sourceRecordId: 'p',
      properties: { name: 'X', birthDate },
    });
    expect(errorsOf(person('1984'))).toEqual([]);
    expect(errorsOf(person('1984-02'))).toEqual([]);
    expect(errorsOf(person('1984-02-29'))).toEqual([]);
    expect(errorsOf(person('1983-02-29'))).toEqual([['properties.birthDate', 'no such day in the calendar']]);
  });

  it('refuses markings that restrict unknown fields or keep data past five years', () => {
    expect(
      errorsOf({
        type: 'Phone',
        sourceRecordId: 'ph',
        envelope: { fieldRestrictions: { imei: ['law_enforcement'] }, retentionReviewAt: '2040-01-01' },
        properties: { number: '+44 20 7946 0000' },
      }),
    ).toEqual([
      ['envelope.fieldRestrictions.imei', 'Phone has no property "imei" to restrict'],
      ['envelope.retentionReviewAt', 'retention review may be at most 5 years after collection (2031-03-01)'],
    ]);
  });

  it('refuses NUL characters, which the database cannot store', () => {
    expect(errorsOf({ type: 'Person', sourceRecordId: 'p', properties: { name: 'A\u0000B' } })).toEqual([
      ['properties.name', 'text may not contain NUL characters'],
    ]);
  });

  it('resolves references to the ids the referenced records will have', () => {
    const prepared = prepareRecord(
      {
        type: 'TravelledOn',
        sourceRecordId: 't1',
        properties: { passenger: 'pax-1', trip: { sourceSystem: 'schedules', sourceRecordId: 'LH-902' } },
      },
      0,
      context,
    );
    expect(prepared.ok && prepared.record.sourceId).toBe(recordIdOf('airline', 'pnr', 'pax-1'));
    expect(prepared.ok && prepared.record.targetId).toBe(recordIdOf('airline', 'schedules', 'LH-902'));
  });

  it('gives the same content hash whatever the order of the submitted keys', () => {
    const a = prepareRecord(
      {
        type: 'Person',
        sourceRecordId: 'p',
        envelope: { tlp: 'GREEN', sector: 'transport' },
        properties: { name: 'A', gender: 'male' },
      },
      0,
      context,
    );
    const b = prepareRecord(
      {
        properties: { gender: 'male', name: 'A' },
        envelope: { sector: 'transport', tlp: 'GREEN' },
        sourceRecordId: 'p',
        type: 'Person',
      },
      0,
      context,
    );
    expect(a.ok && b.ok && a.record.contentHash === b.record.contentHash).toBe(true);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('Person', 'Payment', 'Trip', 'UsesPhone'), (value, type) => {
        const withType =
          typeof value === 'object' && value !== null && !Array.isArray(value) ? { type, ...value } : value;
        const prepared = prepareRecord(withType, 0, context);
        expect(typeof prepared.ok).toBe('boolean');
        const properties = prepareRecord({ type, sourceRecordId: 'x', properties: value }, 0, context);
        expect(typeof properties.ok).toBe('boolean');
      }),
      { numRuns: 5_000 },
    );
  });
});
