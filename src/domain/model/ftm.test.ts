import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordInput } from '../ingest/record-input.ts';
import { completeEnvelope } from './envelope.ts';
import { decimalToMinorUnits, fromFtmEntity, ftmDeclarationProblems, minorUnitsToDecimal, toFtmEntity } from './ftm.ts';
import type { RecordId } from './ids.ts';
import type { StoredRecord } from './record.ts';
import { entityType } from './registry.ts';

const personId = '00000000-0000-8000-8000-000000000001' as RecordId;
const companyId = '00000000-0000-8000-8000-000000000002' as RecordId;

function stored(id: string, type: string, properties: Record<string, unknown>): StoredRecord {
  const envelope = completeEnvelope(
    { ownerOrganisation: 'bank-a', ownerSector: 'finance', sourceSystem: 'core', sourceRecordId: id },
    {},
    '2026-01-01T00:00:00Z',
  );
  return {
    id: id as RecordId,
    type,
    envelope,
    properties,
    caption: null,
    version: 1,
    createdAt: envelope.collectedAt,
    updatedAt: envelope.collectedAt,
  };
}

const person = stored(personId, 'Person', {
  name: ['Ana Popescu'],
  alias: ['Ana P.'],
  birthDate: ['1990-02-03'],
  gender: 'female',
  nationality: ['RO', 'MD'],
  phone: ['+40 721 000 000'],
  email: ['ana@example.org'],
  address: ['Strada Lunga 1, Cluj'],
  protectedVictim: true,
});

const payment = stored('00000000-0000-8000-8000-000000000003', 'Payment', {
  payer: personId,
  payee: companyId,
  amount: 12050,
  currency: 'EUR',
  occurredAt: '2025-03-01T10:15:00Z',
  reference: 'TX-1',
  description: 'rent',
  merchantName: 'Hotel Sol',
});

/** The properties of a record that have an FtM name: what survives a round trip. */
function mappedProperties(record: StoredRecord): Record<string, unknown> {
  const definition = entityType(record.type);
  return Object.fromEntries(
    Object.entries(record.properties).filter(([name]) => definition?.properties[name]?.ftm !== undefined),
  );
}

describe('the FtM declarations of the entity model', () => {
  it('name only schemata and properties that FollowTheMoney has', () => {
    expect(ftmDeclarationProblems()).toEqual([]);
  });
});

describe('amounts between minor units and FtM decimals', () => {
  it('writes minor units with the decimals of the currency', () => {
    expect(minorUnitsToDecimal(12050, 'EUR')).toBe('120.50');
    expect(minorUnitsToDecimal(5, 'usd')).toBe('0.05');
    expect(minorUnitsToDecimal(-12050, 'EUR')).toBe('-120.50');
    expect(minorUnitsToDecimal(1200, 'JPY')).toBe('1200');
    expect(minorUnitsToDecimal(1234, 'KWD')).toBe('1.234');
    expect(minorUnitsToDecimal(99, undefined)).toBe('0.99');
  });

  it('reads decimals back exactly and refuses more decimals than the currency has', () => {
    expect(decimalToMinorUnits('120.5', 'EUR')).toEqual({ value: 12050 });
    expect(decimalToMinorUnits('0.29', 'EUR')).toEqual({ value: 29 });
    expect(decimalToMinorUnits('12.500', 'EUR')).toEqual({ value: 1250 });
    expect(decimalToMinorUnits('1200', 'JPY')).toEqual({ value: 1200 });
    expect(decimalToMinorUnits('1.5', 'JPY')).toHaveProperty('error');
    expect(decimalToMinorUnits('1.2345', 'KWD')).toHaveProperty('error');
    expect(decimalToMinorUnits('12,50', 'EUR')).toHaveProperty('error');
  });

  it('round-trips every safe amount', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('EUR', 'JPY', 'KWD', 'CLF'),
        (amount, currency) => {
          expect(decimalToMinorUnits(minorUnitsToDecimal(amount, currency), currency)).toEqual({ value: amount });
        },
      ),
    );
  });
});

describe('writing a record as an FtM entity', () => {
  it('maps the properties that have an FtM name and leaves the rest behind', () => {
    expect(toFtmEntity(person)).toEqual({
      id: personId,
      schema: 'Person',
      properties: {
        name: ['Ana Popescu'],
        alias: ['Ana P.'],
        birthDate: ['1990-02-03'],
        gender: ['female'],
        nationality: ['ro', 'md'],
        phone: ['+40 721 000 000'],
        email: ['ana@example.org'],
        address: ['Strada Lunga 1, Cluj'],
      },
    });
  });

  it('keeps references as record ids and writes instants as FtM dates in UTC', () => {
    expect(
      toFtmEntity({ ...payment, properties: { ...payment.properties, occurredAt: '2025-03-01T12:15:00+02:00' } }),
    ).toEqual({
      id: payment.id,
      schema: 'Payment',
      properties: {
        payer: [personId],
        beneficiary: [companyId],
        amount: ['120.50'],
        currency: ['EUR'],
        date: ['2025-03-01T10:15:00'],
        transactionNumber: ['TX-1'],
        purpose: ['rent'],
      },
    });
  });

  it('gives nothing for a type without an FtM schema', () => {
    expect(toFtmEntity(stored(personId, 'Phone', { number: '+40 721 000 000' }))).toBeUndefined();
  });
});

describe('reading an FtM entity', () => {
  it('round-trips a person and a payment with the same mapped properties', () => {
    for (const record of [person, payment]) {
      const entity = toFtmEntity(record);
      const read = fromFtmEntity(JSON.parse(JSON.stringify(entity)));
      expect(read).toEqual({
        ok: true,
        record: { type: record.type, sourceRecordId: record.id, properties: mappedProperties(record) },
        dropped: [],
      });
    }
  });

  it('gives a record in the shape the ingest API accepts', () => {
    const read = fromFtmEntity(toFtmEntity(person));
    if (!read.ok) throw new Error('expected the person to read back');
    const input: RecordInput = read.record;
    expect(input.type).toBe('Person');
  });

  it('maps FtM descendants and aliases to the Weft type', () => {
    const typeOf = (schema: string) => {
      const read = fromFtmEntity({ id: 'x', schema, properties: {} });
      return read.ok ? read.record.type : read.errors;
    };
    expect(['Company', 'PublicBody', 'LegalEntity', 'Organization', 'Passport', 'Vessel'].map(typeOf)).toEqual([
      'Organization',
      'Organization',
      'Organization',
      'Organization',
      'IdentityDocument',
      'Vehicle',
    ]);
  });

  it('marks a passport as a passport', () => {
    const read = fromFtmEntity({ id: 'p1', schema: 'Passport', properties: { number: ['X123'], country: ['ro'] } });
    expect(read.ok && read.record.properties).toEqual({
      number: 'X123',
      issuingCountry: 'RO',
      documentType: 'passport',
    });
  });

  it('reads an OpenSanctions entity, listing what Weft does not keep', () => {
    const read = fromFtmEntity({
      id: 'NK-abc',
      schema: 'Company',
      caption: 'Acme Recruitment',
      datasets: ['sanctions'],
      properties: {
        name: ['Acme Recruitment', 'ACME'],
        country: ['ro'],
        topics: ['crime.traffick'],
        incorporationDate: ['2010-05'],
        notes: ['x'],
      },
    });
    expect(read).toEqual({
      ok: true,
      record: {
        type: 'Organization',
        sourceRecordId: 'NK-abc',
        properties: { name: ['Acme Recruitment', 'ACME'], country: ['RO'], incorporationDate: '2010-05' },
      },
      dropped: ['topics', 'notes'],
    });
  });

  it('keeps the first value of a single-valued property and naive FtM instants as UTC', () => {
    const read = fromFtmEntity({
      id: 'pay-1',
      schema: 'Payment',
      properties: { date: ['2025-03-01T10:15:00', '2025-03-02'], payer: [{ id: 'person-1', schema: 'Person' }] },
    });
    expect(read.ok && read.record.properties).toEqual({ occurredAt: '2025-03-01T10:15:00Z', payer: 'person-1' });
  });

  it('refuses an unknown schema, or one Weft has no type for, on the field schema', () => {
    for (const schema of ['Nope', 'constructor', 'Sanction']) {
      const read = fromFtmEntity({ id: 'x', schema, properties: {} });
      expect(read.ok ? [] : read.errors.map((error) => error.field)).toEqual(['schema']);
    }
  });

  it('refuses an entity without an id', () => {
    const read = fromFtmEntity({ schema: 'Person', properties: {} });
    expect(read.ok ? [] : read.errors.map((error) => error.field)).toEqual(['id']);
  });

  it('refuses a value that is not a string and names it', () => {
    const read = fromFtmEntity({ id: 'x', schema: 'Person', properties: { name: ['A', ['B']] } });
    expect(read.ok ? [] : read.errors).toEqual([{ field: 'properties.name[1]', message: 'expected a string' }]);
  });

  it('never throws on arbitrary input', () => {
    const schema = fc.constantFrom('Person', 'Payment', 'Company', 'Passport', 'Trip', 'Address', '__proto__');
    const entity = fc.record({
      id: fc.string(),
      schema: fc.oneof(schema, fc.string()),
      properties: fc.oneof(
        fc.dictionary(fc.string(), fc.array(fc.oneof(fc.string(), fc.integer(), fc.jsonValue()))),
        fc.jsonValue(),
      ),
    });
    fc.assert(
      fc.property(fc.oneof(entity, fc.anything()), (json) => {
        fromFtmEntity(json);
      }),
    );
  });
});
