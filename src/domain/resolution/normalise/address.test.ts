import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractPostcodes, normaliseAddress } from './index.ts';

describe('normalising an address', () => {
  it('folds, expands abbreviations and keeps the order', () => {
    expect(normaliseAddress('12 Baker St., London').text).toBe('12 baker street london');
    expect(normaliseAddress('5 St. John’s Rd').text).toBe('5 saint johns road');
    expect(normaliseAddress('Hauptstr. 5, München').text).toBe('hauptstrasse 5 munchen');
    expect(normaliseAddress('Königsallee Str 3').tokens).toEqual(['konigsallee', 'strasse', '3']);
    expect(normaliseAddress('Flat 3 b, 10 Elm Ave').tokens).toEqual(['flat', '3', 'b', '10', 'elm', 'avenue']);
  });

  it('extracts postcodes in their canonical spelling', () => {
    expect(normaliseAddress('10 Downing Street, London sw1a2aa').postcodes).toEqual(['SW1A 2AA']);
    expect(extractPostcodes('1600 Pennsylvania Avenue NW, Washington, DC 20500')).toEqual(['20500']);
    expect(extractPostcodes('Bahnhofstrasse 1, 8001 Zürich')).toEqual(['8001']);
    expect(extractPostcodes('Damrak 1, 1012 LG Amsterdam')).toEqual(['1012 LG']);
    expect(extractPostcodes('ul. Marszałkowska 1, 00-950 Warszawa')).toEqual(['00-950']);
    expect(extractPostcodes('24 Sussex Drive, Ottawa ON K1M 1M4')).toEqual(['K1M 1M4']);
  });

  it('does not take a leading house number for a postcode', () => {
    expect(extractPostcodes('1600 Pennsylvania Avenue')).toEqual([]);
  });

  it('is idempotent', () => {
    const part = fc.constantFrom(
      '12',
      'Baker',
      'St',
      'St.',
      'Rd',
      'Hauptstr.',
      'Straße',
      'Ave',
      'N',
      'Élysée',
      'c/',
      'Mayor',
      ',',
      'SW1A 2AA',
      '8001',
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 8 }), (parts) => {
        const once = normaliseAddress(parts.join(' '));
        expect(normaliseAddress(once.text).text).toBe(once.text);
      }),
    );
  });
});
