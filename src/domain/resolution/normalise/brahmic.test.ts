import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { romaniseBrahmic } from './brahmic.ts';
import { nameSimilarity, normaliseName } from './index.ts';

describe('names in the Brahmic scripts of South Asia', () => {
  it('gives consonants their unwritten vowel, spoken or not as the languages speak them', () => {
    expect(romaniseBrahmic('नरेंद्र')).toBe('narendra'); // ends on a cluster: the vowel stays
    expect(romaniseBrahmic('राहुल')).toBe('rahul'); // the last one is not spoken
    expect(romaniseBrahmic('न')).toBe('na'); // a word of one letter keeps it
    expect(romaniseBrahmic('గోపాల')).toBe('gopala'); // Telugu speaks it
    expect(romaniseBrahmic('गोपाल')).toBe('gopal'); // Hindi does not
    // Between a vowel and a consonant and a consonant and a vowel, Hindi does not speak it either.
    expect(romaniseBrahmic('ममता')).toBe('mamta');
    expect(romaniseBrahmic('तेंदुलकर')).toBe('tendulkar');
    expect(romaniseBrahmic('अजय')).toBe('ajay');
    expect(romaniseBrahmic('विक्रम')).toBe('vikram');
  });

  it('spells anusvara, sibilants, flaps and vocalic r as Latin spellings do', () => {
    expect(romaniseBrahmic('गांधी')).toBe('gandhi');
    expect(romaniseBrahmic('अंबानी')).toBe('ambani');
    expect(romaniseBrahmic('शाह')).toBe('shah');
    expect(romaniseBrahmic('सचिन')).toBe('sachin');
    expect(romaniseBrahmic('कृष्ण')).toBe('krishna');
    expect(romaniseBrahmic('चोपड़ा')).toBe(romaniseBrahmic('चोपड़ा')); // precomposed or with a nukta
  });

  it('reads the nine scripts of one layout alike', () => {
    for (const suresh of ['सुरेश', 'সুরেশ', 'ਸੁਰੇਸ਼', 'સુરેશ', 'ସୁରେଶ', 'சுரேஷ்', 'సురేష్', 'ಸುರೇಶ್', 'സുരേഷ്']) {
      expect(normaliseName(suresh).ascii).toBe('suresh');
    }
  });

  it('meets the Latin spellings of names', () => {
    for (const [native, latin] of [
      ['नरेंद्र मोदी', 'Narendra Modi'],
      ['राहुल गांधी', 'Rahul Gandhi'],
      ['রহিম উদ্দিন', 'Rahim Uddin'],
      ['ਹਰਪ੍ਰੀਤ ਸਿੰਘ', 'Harpreet Singh'],
      ['लक्ष्मी', 'Lakshmi'],
    ] as const) {
      expect(nameSimilarity(native, latin)).toBeGreaterThanOrEqual(0.85);
    }
  });

  it('always gives lower-case ASCII letters', () => {
    const letter = fc.integer({ min: 0x0900, max: 0x0d7f }).map((point) => String.fromCodePoint(point));
    fc.assert(
      fc.property(fc.array(letter, { maxLength: 12 }), (letters) => {
        expect(romaniseBrahmic(letters.join(''))).toMatch(/^[a-z0-9]*$/);
      }),
    );
  });
});
