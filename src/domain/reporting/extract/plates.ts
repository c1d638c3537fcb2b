/** Vehicle registration plates. */
import { CURRENCY_CODES } from './amounts.ts';
import { addUnique, foldText } from './text.ts';

/** Plate formats: Great Britain, France and Italy, dashed European, Belgium, Spain (consonants only), Romania, Germany. */
const PLATE_FORMAT = [
  '[A-Z]{2}[0-9]{2} ?[A-Z]{3}',
  '[A-Z]{2}[- ]?[0-9]{3}[- ]?[A-Z]{2}',
  '[A-Z]{1,3}-[0-9]{1,4}-[A-Z]{1,3}',
  '[0-9]-[A-Z]{3}-[0-9]{3}',
  '[0-9]{4}[- ]?[BCDFGHJKLMNPRSTVWXYZ]{3}',
  '(?:B|[A-Z]{2})[- ][0-9]{2,3}[- ][A-Z]{3}',
  '[A-ZÄÖÜ]{1,3}-[A-Z]{1,2} ?[0-9]{1,4}',
].join('|');
/** Plates read without a cue word: written in capitals, bounded by non-letters. */
const PLATE_FORMATS = new RegExp(`(?<![\\p{L}\\p{N}-])(?:${PLATE_FORMAT})(?![\\p{L}\\p{N}-])`, 'gu');
const WHOLE_PLATE = new RegExp(`^(?:${PLATE_FORMAT})$`, 'u');
/** A number and a unit ("10pm", "30mph", "2nd"), which a cue word may come before but is no plate. */
const NUMBER_AND_UNIT = /^[0-9]+(?:am|pm|h|hr|hrs|hs|mph|kmh|km|kg|mg|min|mins|st|nd|rd|th|er|e|eme|ieme|ans|anos)$/iu;

/** Words after which a plate is written, in the four languages (and the form labels). */
const PLATE_CUES =
  /(?<![\p{L}])(number plate|licen[cs]e plate|registration|reg|plates?|vehicles?|cars?|vans?|trucks?|lorry|matr[ií]culas?|placas?|patente|veh[ií]culos?|coches?|furgonetas?|camionetas?|plaques?|immatriculation|immatricul[ée]e?s?|v[ée]hicules?|voitures?|camionnettes?|لوحة|اللوحة|لوحه|نمرة|سيارة|السيارة|سياره)(?![\p{L}])/giu;

/** Words between a cue and the plate ("plate number is …", "matrícula de …"), folded. */
const PLATE_FILLERS: ReadonlySet<string> = new Set(
  'number no nr num n is was with reg registration de la el le du del numero its ist رقم هي هو رقمها'.split(' '),
);

/** Short words that end a plate read after a cue, so that "AB12 and" is not read as one plate. */
const PLATE_STOPS: ReadonlySet<string> = new Set(
  'and the was are with in on at to for his her our que qui les los las une una uno con y et en la le de del un is it or ou o'.split(
    ' ',
  ),
);

const YEAR = /^(?:19|20)[0-9]{2}$/u;

function plateOf(written: string): string {
  return written.toUpperCase().replace(/[\s-]+/gu, '');
}

/** Whether a plate read by format is something else: a currency code after a number ("1500 GBP"), a year. */
function notAPlate(plate: string): boolean {
  const letters = plate.replace(/[0-9]/gu, '');
  const digits = plate.replace(/[^0-9]/gu, '');
  if (letters === '') return YEAR.test(digits);
  return /^[0-9]+[A-Z]{3}$/u.test(plate) && CURRENCY_CODES.has(letters);
}

/** Vehicle plates in the text: in national formats, or after a cue ("plate", "matrícula"); never a year, a sum or part of a phone. */
export function findPlates(text: string, phoneDigits: readonly string[]): string[] {
  const plates: string[] = [];
  const seen = new Set<string>();
  for (const match of text.matchAll(PLATE_FORMATS)) {
    const plate = plateOf(match[0]);
    if (notAPlate(plate)) continue;
    if (!addUnique(plates, seen, plate, plate)) return plates;
  }
  for (const cue of text.matchAll(PLATE_CUES)) {
    // A plate is read up to the end of its clause: "plaque AB-123-CD, 500 €" is one plate and a sum.
    const after =
      text.slice(cue.index + cue[0].length, cue.index + cue[0].length + 48).split(/[,;!?\n\u060c]/u)[0] ?? '';
    const tokens = after.split(/[\s:#()"'.]+/u).filter((token) => token !== '');
    let index = 0;
    while (index < tokens.length && index < 3 && PLATE_FILLERS.has(foldText(tokens[index] ?? ''))) index++;
    const parts: string[] = [];
    for (; index < tokens.length && parts.length < 3; index++) {
      const token = tokens[index] ?? '';
      if (!/^[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*$/u.test(token)) break;
      const letters = /^[A-Za-z]{1,3}$/u.test(token);
      if (!/[0-9]/u.test(token) && !letters) break;
      // A plate may open with letters only when they are capitals ("B 123 ABC"), not "the car had 3 men".
      if (letters && (PLATE_STOPS.has(token.toLowerCase()) || (parts.length === 0 && token !== token.toUpperCase())))
        break;
      if (plateOf([...parts, token].join('')).length > 10) break;
      parts.push(token);
    }
    const written = parts.join(' ');
    const plate = plateOf(written);
    if (plate === '' || notAPlate(plate)) continue;
    if (/^[0-9]+$/u.test(plate)) {
      // A bare number after a cue is a plate only when one short token, neither a year nor part of a phone.
      if (parts.length > 1 || plate.length < 3 || plate.length > 6 || YEAR.test(plate)) continue;
      if (phoneDigits.some((phone) => phone.includes(plate))) continue;
    } else {
      if (plate.length < 5 || !/[0-9]/u.test(plate) || NUMBER_AND_UNIT.test(plate)) continue;
      const capitals = written === written.toUpperCase();
      const single = parts.length === 1 && /[A-Za-z].*[0-9]|[0-9].*[A-Za-z]/u.test(plate);
      if (!capitals && !single && !WHOLE_PLATE.test(written.toUpperCase())) continue;
    }
    if (!addUnique(plates, seen, plate, plate)) return plates;
  }
  return plates;
}
