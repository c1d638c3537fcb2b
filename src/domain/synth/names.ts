/**
 * People's names: drawn from an origin's lists and written as that country writes them, and
 * turned into the Latin spellings that foreign records hold.
 */
import { FAMILY_NAME_FIRST, LATIN_FORMS, ORIGINS, type Origin } from './gazetteer.ts';
import type { Random } from './random.ts';

/** The genders the name lists are kept by. */
export type NameGender = 'female' | 'male';

/** A person's name: its parts, and the whole as written in the person's own country. */
export interface PersonName {
  given: string;
  family: string;
  full: string;
}

// Russian and Bulgarian family names in -ов, -ев, -ин take -а for women (Иванов → Иванова).
const GENDERED_CYRILLIC_ENDING = /(?:ов|ев|ёв|ин)$/u;
const HAN = /\p{Script=Han}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const CHINESE_FAMILY_CHARACTERS = new Set(
  ORIGINS.filter((origin) => origin.script === 'chinese').flatMap((origin) => origin.familyNames),
);

// A plain Cyrillic-to-Latin table for names the gazetteer does not list (a fallback, not a standard).
const CYRILLIC_LETTERS: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  ґ: 'g',
  д: 'd',
  е: 'e',
  ё: 'yo',
  є: 'ye',
  ж: 'zh',
  з: 'z',
  и: 'i',
  і: 'i',
  ї: 'yi',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'kh',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
};

/** True when the origin writes the family name before the given name. */
export function familyNameFirst(origin: Origin): boolean {
  return FAMILY_NAME_FIRST.includes(origin.country);
}

/** A name for someone of the origin and gender, with the full name in the origin's usual order. */
export function personName(random: Random, origin: Origin, gender: NameGender): PersonName {
  const given = random.pick(origin.givenNames[gender]);
  const family = genderedFamilyName(random.pick(origin.familyNames), origin, gender);
  // Chinese full names have no space between family and given name (王伟).
  const separator = origin.script === 'chinese' ? '' : ' ';
  const full = familyNameFirst(origin) ? `${family}${separator}${given}` : `${given}${separator}${family}`;
  return { given, family, full };
}

/**
 * A Latin spelling of a name written in another script: word by word, Chinese character by
 * character (family name apart from the given name), unknown words and characters left as they are.
 */
export function latinName(random: Random, name: string): string {
  return name
    .split(/(\s+)/u)
    .map((part) => (part.trim() === '' ? part : latinWord(random, part)))
    .join('');
}

function genderedFamilyName(family: string, origin: Origin, gender: NameGender): string {
  return origin.script === 'cyrillic' && gender === 'female' && GENDERED_CYRILLIC_ENDING.test(family)
    ? `${family}а`
    : family;
}

function latinWord(random: Random, word: string): string {
  const forms = LATIN_FORMS[word];
  if (forms !== undefined) return random.pick(forms);
  const masculineForms = word.endsWith('а') ? LATIN_FORMS[word.slice(0, -1)] : undefined;
  if (masculineForms !== undefined && GENDERED_CYRILLIC_ENDING.test(word.slice(0, -1))) {
    return `${random.pick(masculineForms)}a`;
  }
  if (HAN.test(word)) return latinHan(random, word);
  if (CYRILLIC.test(word)) return latinCyrillicLetters(word);
  return word;
}

function latinHan(random: Random, word: string): string {
  // Split into runs of Han characters and of anything else, which is kept as written.
  const runs = word.match(/\p{Script=Han}+|\P{Script=Han}+/gu) ?? [];
  return runs
    .map((run) => {
      const characters = Array.from(run);
      if (!HAN.test(run)) return run;
      const syllables = characters.map((character) => {
        const forms = LATIN_FORMS[character];
        return forms === undefined ? character : random.pick(forms);
      });
      const [first, ...rest] = syllables;
      if (first === undefined) return run;
      // A leading family-name character is written apart: 王建华 → Wang Jianhua.
      if (rest.length > 0 && CHINESE_FAMILY_CHARACTERS.has(characters[0] ?? '')) {
        return `${first} ${joinSyllables(rest)}`;
      }
      return joinSyllables(syllables);
    })
    .join('');
}

function joinSyllables(syllables: readonly string[]): string {
  return syllables.map((syllable, index) => (index === 0 ? syllable : syllable.toLowerCase())).join('');
}

function latinCyrillicLetters(word: string): string {
  return Array.from(word)
    .map((character) => {
      const lower = character.toLowerCase();
      const latin = CYRILLIC_LETTERS[lower];
      if (latin === undefined) return character;
      return character === lower ? latin : latin.charAt(0).toUpperCase() + latin.slice(1);
    })
    .join('');
}
