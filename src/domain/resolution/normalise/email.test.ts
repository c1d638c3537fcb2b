import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseEmail } from './index.ts';

describe('normalising an e-mail address', () => {
  it('trims, lowercases and removes a +tag at any provider', () => {
    expect(normaliseEmail('  Anna.Berg+ads@Example.ORG ')).toBe('anna.berg@example.org');
    expect(normaliseEmail('mailto:anna@example.org')).toBe('anna@example.org');
  });

  it('folds Gmail dots and googlemail.com', () => {
    expect(normaliseEmail('J.O.H.N.Smith+x@googlemail.com')).toBe('johnsmith@gmail.com');
    expect(normaliseEmail('john.smith@gmail.com')).toBe(normaliseEmail('johnsmith@gmail.com'));
  });

  it('keeps dots at other providers', () => {
    expect(normaliseEmail('john.smith@example.com')).not.toBe(normaliseEmail('johnsmith@example.com'));
  });

  it('turns international domains into their ASCII form', () => {
    expect(normaliseEmail('anna@bücher.de')).toBe('anna@xn--bcher-kva.de');
  });

  it('rejects what is not an address', () => {
    for (const text of [
      '',
      'anna',
      'anna@',
      '@example.org',
      'a@b',
      'a@@b.org',
      'a b@example.org',
      '+tag@example.org',
      'a..b@example.org',
      'a@-x.org',
      '...@gmail.com',
    ]) {
      expect(normaliseEmail(text)).toBeNull();
    }
  });

  it('is idempotent', () => {
    const local = fc.string({ unit: fc.constantFrom(...'aB.+-_x1'.split('')), minLength: 1, maxLength: 12 });
    const domain = fc.constantFrom('gmail.com', 'GoogleMail.com', 'example.org', 'mail.example.co.uk', 'bücher.de');
    fc.assert(
      fc.property(local, domain, (user, host) => {
        const once = normaliseEmail(`${user}@${host}`);
        if (once !== null) expect(normaliseEmail(once)).toBe(once);
      }),
    );
  });
});
