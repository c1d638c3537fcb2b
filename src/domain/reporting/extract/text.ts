/** Folding tip text for matching, and the small helpers every finder of entities shares. */
import { foldDigits } from '../../resolution/normalise/index.ts';

/** Characters of a tip read; the rest is ignored, so that a hostile text cannot make triage slow. */
export const MAX_EXTRACT_CHARACTERS = 20_000;

/** Most entities of one kind kept; a tip naming more is not describing one situation. */
export const MAX_ENTITIES_PER_KIND = 50;

/** Tatweel and the small waw and yaa of Quranic spelling, which Unicode does not class as combining marks. */
const ARABIC_EXTRAS = /[\u0640\u06e5\u06e6]/gu;
const COMBINING_MARKS = /\p{M}+/gu;
const DIGIT_LIKE = /[\p{Nd}\p{No}]/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/gu;

/**
 * Text folded for matching: lower case, accents and Arabic diacritics removed, Arabic letter
 * variants unified (alef forms, final yaa, taa marbuta), digits of every script as ASCII, and any
 * run of punctuation or space as one space.
 */
export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(ARABIC_EXTRAS, '')
    .replace(/\u0649/gu, '\u064a')
    .replace(/\u0629/gu, '\u0647')
    .replace(DIGIT_LIKE, (character) => foldDigits(character))
    .replace(NOT_WORD, ' ')
    .trim();
}

/** A letter of the Arabic script. */
export const ARABIC_LETTER = /\p{Script=Arabic}/u;
const ARABIC_PREFIXES = new Set(['\u0648', '\u0641', '\u0628', '\u0644', '\u0643']); // و ف ب ل ك

/**
 * A folded word and the forms it has without Arabic one-letter prefixes ("and", "with", "to",
 * "like"), which Arabic writes joined to the next word: "بلندن" is "in London".
 */
export function wordForms(word: string): string[] {
  const forms = [word];
  if (!ARABIC_LETTER.test(word)) return forms;
  const first = word.charAt(0);
  if (ARABIC_PREFIXES.has(first) && word.length >= 4) {
    forms.push(word.slice(1));
    const second = word.charAt(1);
    if ((first === '\u0648' || first === '\u0641') && ARABIC_PREFIXES.has(second) && word.length >= 5) {
      forms.push(word.slice(2));
    }
  }
  return forms;
}

/** Runs `read`, giving an empty list if it throws: one kind going wrong must not lose the others. */
export function safely<T>(read: () => T[]): T[] {
  try {
    return read();
  } catch {
    return [];
  }
}

/** Adds to a list keyed for repeats, up to the cap; false once the list is full. */
export function addUnique<T>(list: T[], seen: Set<string>, key: string, value: T): boolean {
  if (list.length >= MAX_ENTITIES_PER_KIND) return false;
  if (!seen.has(key)) {
    seen.add(key);
    list.push(value);
  }
  return list.length < MAX_ENTITIES_PER_KIND;
}
