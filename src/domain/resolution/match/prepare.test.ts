import { describe, expect, it } from 'vitest';
import {
  organisationName,
  prepareDate,
  prepareEmail,
  prepareGivenName,
  prepareIdentifier,
  prepareName,
  prepareNameParts,
  preparePhone,
  prepareRecords,
  splitFullName,
} from './prepare.ts';

describe('field preparation', () => {
  it('reads the date forms records carry, month first unless the first part cannot be a month', () => {
    expect(prepareDate('19151111')).toEqual({ year: 1915, month: 11, day: 11 });
    expect(prepareDate('1993-09-14')).toEqual({ year: 1993, month: 9, day: 14 });
    expect(prepareDate('12/11/1978')).toEqual({ year: 1978, month: 12, day: 11 });
    expect(prepareDate('20/8/1991')).toEqual({ year: 1991, month: 8, day: 20 });
    expect(prepareDate('8/20/91')).toEqual({ year: 1991, month: 8, day: 20 });
    expect(prepareDate('5/24/11')).toEqual({ year: 2011, month: 5, day: 24 });
    expect(prepareDate('Mar 1 1970')).toEqual({ year: 1970, month: 3, day: 1 });
    expect(prepareDate('24-May-11')).toEqual({ year: 2011, month: 5, day: 24 });
    expect(prepareDate('1970')).toEqual({ year: 1970, month: 0, day: 0 });
    expect(prepareDate('not a date')).toBeUndefined();
    expect(prepareDate('19511340')).toBeUndefined();
  });

  it('folds names across case, diacritics and script, and drops suffixes', () => {
    expect(prepareName('  Müller-Lüdenscheidt ')).toBe('muller ludenscheidt');
    expect(prepareName("O'Hare")).toBe('ohare');
    expect(prepareName('Smith Jr')).toBe('smith');
    expect(prepareName('ВАСИЛЬЕВ')).toBe('vasilev');
  });

  it('keeps digits of phones, the address of e-mails and identifiers apart', () => {
    expect(preparePhone('+39 0352-655 3537')).toBe('3903526553537');
    expect(prepareEmail('"Jay Jones" <JJones@fmail.com>')).toBe('jjones@fmail.com');
    expect(prepareIdentifier('294-66-9999  X12')).toBe('294669999 x12');
  });

  it('transliterates every script word by word and reads spelling variants as one name', () => {
    expect(prepareName('王杰')).toBe('wang jie');
    expect(prepareName('Wang Jie')).toBe('wang jie');
    expect(prepareName('Mohammed')).toBe(prepareName('Muhammad'));
    expect(prepareName('Mohamed Ali')).toBe('muhammad ali');
    expect(prepareName('Dr. Ana Silva')).toBe('ana silva');
  });

  it('keeps a generational suffix apart from the name, but not an honorific in front', () => {
    expect(prepareNameParts('Robert Smith Sr.')).toEqual({ name: 'robert smith', generation: 'sr' });
    expect(prepareNameParts('Dobbins Junior')).toEqual({ name: 'dobbins', generation: 'jr' });
    expect(prepareNameParts('Morris III')).toEqual({ name: 'morris', generation: '3' });
    expect(prepareNameParts('Sr Juan Garcia')).toEqual({ name: 'juan garcia', generation: '' });
    // "I" is the first of his name only as the last word; before a surname it is an initial.
    expect(prepareNameParts('Morris I')).toEqual({ name: 'morris', generation: '1' });
    expect(prepareNameParts('John I Smith')).toEqual({ name: 'john i smith', generation: '' });
    const prepared = prepareRecords(
      [
        { id: 'father', source: 0, fields: { given_name: 'David', surname: 'Dobbins Sr' } },
        { id: 'son', source: 0, fields: { full_name: 'David Dobbins Jr.' } },
        { id: 'other', source: 0, fields: { given_name: 'David', surname: 'Dobbins' } },
      ],
      new Set(['full_name', 'given_name', 'surname'] as const),
    );
    expect(prepared.generations).toEqual(['sr', 'jr', '']);
    expect(prepared.text.get('surname')).toEqual(['dobbins', 'dobbins', 'dobbins']);
  });

  it('reads a diminutive as the formal given name, unless it has several', () => {
    expect(prepareGivenName('Bob')).toBe('robert');
    expect(prepareGivenName('Peggie')).toBe('margaret');
    expect(prepareGivenName('Pat')).toBe('pat');
    expect(prepareGivenName('Jack')).toBe('jack');
    expect(splitFullName('Charney, Peggie').given).toBe('margaret');
  });

  it('meets a phone written nationally and internationally, and e-mails as delivered', () => {
    expect(preparePhone('+44 (0)20 7946 0958')).toBe('442079460958');
    expect(preparePhone('+44 20 7946 0958')).toBe('442079460958');
    expect(preparePhone('702-919-1300')).toBe('7029191300');
    expect(prepareEmail('J.O.H.N+ads@GoogleMail.com')).toBe('john@gmail.com');
    expect(prepareEmail('not an address')).toBe('not an address');
  });

  it('splits full names either way round', () => {
    expect(splitFullName('Jones, Kaylee')).toEqual({ surname: 'jones', given: 'kaylee', middle: '' });
    expect(splitFullName('Alexander Pavlovich Vasiliev')).toEqual({
      given: 'alexander',
      middle: 'pavlovich',
      surname: 'vasiliev',
    });
  });

  it('fills name parts from a full name only where the record has none', () => {
    const prepared = prepareRecords(
      [
        { id: 'a', source: 0, fields: { full_name: 'Keeley Jones' } },
        { id: 'b', source: 0, fields: { full_name: 'Ignored Name', given_name: 'Kaylee', surname: 'Jones' } },
      ],
      new Set(['full_name', 'given_name', 'surname'] as const),
    );
    expect(prepared.text.get('given_name')).toEqual(['keeley', 'kaylee']);
    expect(prepared.text.get('surname')).toEqual(['jones', 'jones']);
  });

  it('reads a full name with a legal form or a business word as an organisation, its words sorted', () => {
    expect(organisationName('Univrsl Export Inc')).toBe('export univrsl');
    expect(organisationName('Universal Exports, USA')).toBe('exports universal usa');
    expect(organisationName('Singapore exports')).toBe(organisationName('Exports Singapore'));
    expect(organisationName('Acme Ltd')).toBe('acme');
    expect(organisationName('Wang Jie')).toBeUndefined();
    expect(organisationName('Ltd')).toBeUndefined();
  });

  it("compares an organisation's full name whole, as the surname, and a person's by its parts", () => {
    const records = prepareRecords(
      [
        { id: 'firm', source: 0, fields: { full_name: 'Worldwide Exports' } },
        { id: 'person', source: 0, fields: { full_name: 'Susan Meyer' } },
        { id: 'born', source: 0, fields: { full_name: 'Import Export', date_of_birth: '1970-01-01' } },
      ],
      new Set(['full_name', 'date_of_birth']),
    );
    expect(records.text.get('surname')).toEqual(['exports worldwide', 'meyer', 'export']);
    expect(records.text.get('given_name')).toEqual(['', 'susan', 'import']);
  });
});
