import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrganisationId } from '../model/ids.ts';
import { applyMapping, checkColumns, compileMapping, type CompiledMapping } from './mapping.ts';
import { prepareRecord, type IngestContext } from './prepare.ts';

const hotelGuests = {
  sourceSystem: 'hotel-guests',
  envelope: { tlp: 'AMBER' },
  records: [
    {
      type: 'Person',
      sourceRecordId: 'guest-{guest_id}',
      envelope: { subjectCategory: 'other' },
      properties: {
        name: 'full_name',
        birthDate: { column: 'dob', dateFormat: 'DD/MM/YYYY' },
        nationality: { column: 'nat', split: ';' },
        phone: ['phone1', 'phone2'],
        gender: { column: 'sex', map: { M: 'male', F: 'female' } },
        protectedVictim: { value: false },
      },
    },
    {
      type: 'Booking',
      sourceRecordId: 'booking-{booking_id}',
      properties: {
        checkIn: 'arrival',
        guests: { template: 'guest-{guest_id}' },
        amount: { column: 'total', decimals: 2 },
      },
    },
  ],
};

const header = ['guest_id', 'full_name', 'dob', 'nat', 'phone1', 'phone2', 'sex', 'booking_id', 'arrival', 'total'];

const row: Record<string, string> = {
  guest_id: '17',
  full_name: ' Ana Popescu ',
  dob: '3/2/1990',
  nat: 'RO; MD',
  phone1: '+40 721 000 000',
  phone2: '',
  sex: 'F',
  booking_id: 'B-9',
  arrival: '2025-06-01',
  total: '120.50',
};

function compiled(json: unknown): CompiledMapping {
  const result = compileMapping(json);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  return result.mapping;
}

function errorsOf(json: unknown): string[] {
  const result = compileMapping(json);
  return result.ok ? [] : result.errors;
}

const context: IngestContext = {
  organisation: { id: 'hotel-chain' as OrganisationId, sector: 'accommodation' },
  sourceSystem: 'upload',
  defaults: {},
  now: '2026-01-01T00:00:00Z',
  actor: 'system:test',
  requestId: null,
};

describe('compiling a mapping', () => {
  it('accepts the documented example', () => {
    expect(compileMapping(hotelGuests).ok).toBe(true);
  });

  it('accepts a single record at the top level', () => {
    const mapping = compiled({ type: 'Phone', sourceRecordId: '{number}', properties: { number: 'number' } });
    expect(applyMapping(mapping, { number: '+44 20 7946 0000' }).records).toEqual([
      { type: 'Phone', sourceRecordId: '+44 20 7946 0000', properties: { number: '+44 20 7946 0000' } },
    ]);
  });

  it('names an unknown type with its path', () => {
    const errors = errorsOf({ records: [{ type: 'Persn', sourceRecordId: '{id}', properties: {} }] });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^records\[0\]\.type: unknown entity type "Persn"/);
  });

  it('names an unknown property with its path', () => {
    const errors = errorsOf({ type: 'Phone', sourceRecordId: '{id}', properties: { number: 'n', colour: 'c' } });
    expect(errors).toEqual(['properties.colour: Phone has no property "colour"']);
  });

  it('reports a required property the mapping leaves out', () => {
    expect(errorsOf({ type: 'Phone', sourceRecordId: '{id}', properties: {} })).toEqual([
      'properties: Phone requires "number", which the mapping does not fill',
    ]);
  });

  it('refuses a property spec with two sources or none', () => {
    const errors = errorsOf({
      type: 'Phone',
      sourceRecordId: '{id}',
      properties: { number: { column: 'a', value: 'b' }, country: { split: ';' } },
    });
    expect(errors).toEqual([
      'properties.number: a property takes exactly one of "column", "columns", "value" or "template"',
      'properties.country: a property takes exactly one of "column", "columns", "value" or "template"',
    ]);
  });

  it('refuses unknown options in a property spec', () => {
    const errors = errorsOf({
      type: 'Phone',
      sourceRecordId: '{id}',
      properties: { number: { column: 'a', sep: ';' } },
    });
    expect(errors).toEqual(['properties.number.sep: unknown field: sep']);
  });

  it('refuses decimals on a text property and a date format on a number', () => {
    const errors = errorsOf({
      type: 'Booking',
      sourceRecordId: '{id}',
      properties: { checkIn: { column: 'a', decimals: 2 }, guestCount: { column: 'b', dateFormat: 'YYYYMMDD' } },
    });
    expect(errors).toEqual([
      'properties.checkIn.decimals: only amount and integer properties take decimals; "checkIn" is date',
      'properties.guestCount.dateFormat: only date properties take a date format; "guestCount" is integer',
    ]);
  });

  it('refuses an id template that names no column, since every row would share the id', () => {
    expect(errorsOf({ type: 'Phone', sourceRecordId: 'phone', properties: { number: 'n' } })[0]).toMatch(
      /^sourceRecordId: the template names no column/,
    );
  });

  it('refuses a template with an unclosed brace', () => {
    expect(errorsOf({ type: 'Phone', sourceRecordId: 'p-{id', properties: { number: 'n' } })[0]).toMatch(
      /^sourceRecordId: unclosed "\{"/,
    );
  });

  it('refuses a __proto__ key wherever it appears', () => {
    const json: unknown = JSON.parse(
      '{"type":"Person","sourceRecordId":"{id}","properties":{"name":{"column":"n","map":{"__proto__":"x"}}}}',
    );
    expect(errorsOf(json)).toEqual(['properties.name.map.__proto__: "__proto__" is not allowed as a name']);
  });

  it('reports a mapping that is not an object', () => {
    expect(errorsOf('Person')).toHaveLength(1);
    expect(errorsOf(null)).toHaveLength(1);
  });

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        compileMapping(json);
      }),
    );
  });
});

describe('checking columns against a header', () => {
  it('finds nothing wrong when every column is present', () => {
    expect(checkColumns(compiled(hotelGuests), header)).toEqual([]);
  });

  it('names each missing column with the mapping path that reads it', () => {
    const missing = header.filter((column) => column !== 'dob' && column !== 'guest_id');
    expect(checkColumns(compiled(hotelGuests), missing)).toEqual([
      'records[0].sourceRecordId: no column "guest_id" in the header',
      'records[0].properties.birthDate: no column "dob" in the header',
      'records[1].properties.guests: no column "guest_id" in the header',
    ]);
  });

  it('suggests a column that differs only in case', () => {
    const mapping = compiled({ type: 'Phone', sourceRecordId: '{id}', properties: { number: 'number' } });
    expect(checkColumns(mapping, ['id', 'Number'])).toEqual([
      'properties.number: no column "number" in the header (did you mean "Number"?)',
    ]);
  });

  it('reports a column named twice in the header', () => {
    const mapping = compiled({ type: 'Phone', sourceRecordId: '{id}', properties: { number: 'number' } });
    expect(checkColumns(mapping, ['id', 'number', 'id'])).toEqual([
      'header: column "id" appears more than once, so its cells are ambiguous',
    ]);
  });
});

describe('applying a mapping to a row', () => {
  it('makes the records of the documented example', () => {
    expect(applyMapping(compiled(hotelGuests), row)).toEqual({
      records: [
        {
          type: 'Person',
          sourceRecordId: 'guest-17',
          sourceSystem: 'hotel-guests',
          envelope: { tlp: 'AMBER', subjectCategory: 'other' },
          properties: {
            name: ['Ana Popescu'],
            birthDate: ['1990-02-03'],
            nationality: ['RO', 'MD'],
            phone: ['+40 721 000 000'],
            gender: 'female',
            protectedVictim: false,
          },
        },
        {
          type: 'Booking',
          sourceRecordId: 'booking-B-9',
          sourceSystem: 'hotel-guests',
          envelope: { tlp: 'AMBER' },
          properties: { checkIn: '2025-06-01', guests: ['guest-17'], amount: 12050 },
        },
      ],
      errors: [],
    });
  });

  it('makes records that prepareRecord accepts', () => {
    const { records } = applyMapping(compiled(hotelGuests), row);
    const prepared = records.map((record, index) => prepareRecord(record, index, context));
    expect(prepared.map((result) => (result.ok ? 'ok' : result.errors))).toEqual(['ok', 'ok']);
  });

  it('leaves out empty cells', () => {
    const { records } = applyMapping(compiled(hotelGuests), { ...row, dob: ' ', nat: ';', phone1: '', sex: '' });
    expect(records[0]?.properties).toEqual({ name: ['Ana Popescu'], protectedVictim: false });
  });

  it('takes the first non-empty column for a single-valued property', () => {
    const mapping = compiled({
      type: 'Booking',
      sourceRecordId: '{id}',
      properties: { checkIn: 'a', city: ['city1', 'city2'] },
    });
    expect(applyMapping(mapping, { id: '1', a: '2025', city1: '', city2: 'Cluj' }).records[0]?.properties).toEqual({
      checkIn: '2025',
      city: 'Cluj',
    });
  });

  it('holds back a record whose id template yields nothing and names the path', () => {
    const { records, errors } = applyMapping(compiled(hotelGuests), { ...row, guest_id: '' });
    expect(records.map((record) => record.type)).toEqual(['Booking']);
    expect(records[0]?.properties['guests']).toBeUndefined();
    expect(errors).toEqual([
      {
        field: 'records[0].sourceRecordId',
        message: 'the id template "guest-{guest_id}" yields nothing: column "guest_id" is empty',
      },
    ]);
  });

  it('names the column holding a bad number', () => {
    const { records, errors } = applyMapping(compiled(hotelGuests), { ...row, total: '12,50' });
    expect(records.map((record) => record.type)).toEqual(['Person']);
    expect(errors).toEqual([
      { field: 'records[1].properties.amount', message: 'column "total": "12,50" is not a number' },
    ]);
  });

  it('refuses more decimal places than declared rather than rounding', () => {
    const { errors } = applyMapping(compiled(hotelGuests), { ...row, total: '12.505' });
    expect(errors[0]?.message).toBe('column "total": "12.505" has more than 2 decimal places');
  });

  it('scales amounts exactly on the digits', () => {
    const mapping = compiled({
      type: 'Payment',
      sourceRecordId: '{id}',
      properties: {
        amount: { column: 'amount', decimals: 2 },
        currency: { value: 'EUR' },
        occurredAt: 'at',
      },
    });
    const amounts = ['0.29', '-3.5', '7', '.5', '1.'].map(
      (amount) =>
        applyMapping(mapping, { id: '1', amount, at: '2025-01-01T00:00:00Z' }).records[0]?.properties['amount'],
    );
    expect(amounts).toEqual([29, -350, 700, 50, 100]);
  });

  it('reads booleans as true/false, yes/no, y/n and 1/0 in any case', () => {
    const mapping = compiled({
      type: 'Notice',
      sourceRecordId: '{id}',
      properties: { noticeType: { value: 'warning' }, title: { value: 't' }, child: 'child' },
    });
    const read = (child: string) => applyMapping(mapping, { id: '1', child });
    expect(
      ['TRUE', 'Yes', 'y', '1', 'false', 'NO', 'n', '0'].map((word) => read(word).records[0]?.properties['child']),
    ).toEqual([true, true, true, true, false, false, false, false]);
    expect(read('maybe').errors[0]?.message).toMatch(/^column "child": "maybe" is not a yes\/no value/);
  });

  it('rewrites each date layout as YYYY-MM-DD and passes a bare year through', () => {
    const dates = [
      ['YYYY-MM-DD', '1990-2-3'],
      ['DD/MM/YYYY', '03/02/1990'],
      ['MM/DD/YYYY', '2/3/1990'],
      ['DD.MM.YYYY', '3.2.1990'],
      ['YYYYMMDD', '19900203'],
    ].map(([dateFormat, text]) => {
      const mapping = compiled({
        type: 'Person',
        sourceRecordId: '{id}',
        properties: { name: { value: 'x' }, birthDate: { column: 'dob', dateFormat } },
      });
      return applyMapping(mapping, { id: '1', dob: text ?? '' }).records[0]?.properties['birthDate'];
    });
    expect(dates).toEqual(Array.from({ length: 5 }, () => ['1990-02-03']));
    const yearOnly = compiled({
      type: 'Person',
      sourceRecordId: '{id}',
      properties: { name: { value: 'x' }, birthDate: { column: 'dob', dateFormat: 'DD/MM/YYYY' } },
    });
    expect(applyMapping(yearOnly, { id: '1', dob: '1990' }).records[0]?.properties['birthDate']).toEqual(['1990']);
    expect(applyMapping(yearOnly, { id: '1', dob: '1990-02-03' }).errors[0]?.message).toBe(
      'column "dob": "1990-02-03" is not a date as DD/MM/YYYY',
    );
  });

  it('keeps white space when trim is off', () => {
    const mapping = compiled({
      type: 'Person',
      sourceRecordId: '{id}',
      properties: { name: 'name', description: { column: 'notes', trim: false } },
    });
    expect(applyMapping(mapping, { id: '1', name: 'x', notes: '  indented' }).records[0]?.properties).toEqual({
      name: ['x'],
      description: '  indented',
    });
  });

  it('reads no inherited property of the row object', () => {
    const mapping = compiled({ type: 'Person', sourceRecordId: '{constructor}', properties: { name: 'toString' } });
    expect(applyMapping(mapping, {}).errors).toHaveLength(1);
  });

  it('never throws on arbitrary rows', () => {
    const mapping = compiled(hotelGuests);
    const column = fc.oneof(fc.constantFrom(...header, '__proto__', 'constructor'), fc.string());
    fc.assert(
      fc.property(
        fc.dictionary(column, fc.string()),
        fc.dictionary(column, fc.string({ unit: 'binary' })),
        (first, second) => {
          applyMapping(mapping, first);
          applyMapping(mapping, second);
        },
      ),
    );
  });
});
