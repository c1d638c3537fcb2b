import { describe, expect, it } from 'vitest';
import { cityLookup } from './places.ts';

describe('the place lookup', () => {
  const places = cityLookup();
  const city = (name: string, country: string | null = null) => places.locate({ name, country, kind: 'city' })?.name;

  it('finds a city by its name in any case and without its diacritics', () => {
    expect(city('LONDON')).toBe('London');
    expect(city('leeds')).toBe('Leeds');
  });

  it('finds the city within a longer name, the longest run of words first', () => {
    expect(city('Leeds station')).toBe('Leeds');
    expect(city('Harbour Hotel Leeds')).toBe('Leeds');
    expect(city('Flat 23, Leeds')).toBe('Leeds');
  });

  it('keeps to the country named, and finds nothing it does not know', () => {
    expect(city('Leeds', 'FR')).toBeUndefined();
    expect(city('Nowhere Farm')).toBeUndefined();
  });

  it('places a country at the middle of its cities', () => {
    const country = places.locate({ name: 'gb', country: 'GB', kind: 'country' });
    expect(country).toMatchObject({ kind: 'country', country: 'GB' });
    expect(country?.latitude).toBeGreaterThan(49);
    expect(country?.latitude).toBeLessThan(59);
  });
});
