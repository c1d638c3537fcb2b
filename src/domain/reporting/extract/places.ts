/** Places of a gazetteer named in a tip, in any of their names. */
import { CITIES } from '../../synth/gazetteer.ts';
import { addUnique, foldText, wordForms } from './text.ts';

/** A place a gazetteer knows: its name, its country (ISO 3166-1 alpha-2) and other names it goes by. */
export interface GazetteerPlace {
  readonly name: string;
  readonly country: string;
  /** Other spellings and names in other languages ("Londres", "لندن"); matches report `name`. */
  readonly aliases?: readonly string[];
}

/** The places extraction looks for; deployments pass their own. */
export interface Gazetteer {
  readonly places: readonly GazetteerPlace[];
}

/** Exonyms and common spellings of the synthetic world's cities in Spanish, French and Arabic. */
const CITY_ALIASES: Readonly<Record<string, readonly string[]>> = {
  Bucharest: ['Bucarest', 'București', 'بوخارست'],
  Constanța: ['Constanza', 'كونستانتا'],
  Kyiv: ['Kiev', 'Kíev', 'Kiew', 'كييف'],
  Odesa: ['Odessa', 'أوديسا'],
  Kharkiv: ['Kharkov', 'Járkov', 'خاركيف'],
  Moscow: ['Moscú', 'Moscou', 'Moskva', 'موسكو'],
  'Saint Petersburg': ['St Petersburg', 'San Petersburgo', 'Saint-Pétersbourg', 'سانت بطرسبرغ'],
  Lagos: ['لاغوس'],
  Hanoi: ['Hanói', 'Ha Noi', 'هانوي'],
  'Ho Chi Minh City': ['Ho Chi Minh', 'Saigon', 'Ciudad Ho Chi Minh', 'Hô Chi Minh-Ville'],
  Damascus: ['Damasco', 'Damas', 'دمشق'],
  Aleppo: ['Alepo', 'Alep', 'حلب'],
  Baghdad: ['Bagdad', 'بغداد'],
  Erbil: ['Arbil', 'Irbil', 'أربيل'],
  Cairo: ['El Cairo', 'Le Caire', 'القاهرة'],
  Alexandria: ['Alejandría', 'Alexandrie', 'الإسكندرية'],
  Tirana: ['Tiranë', 'تيرانا'],
  Durrës: ['Durazzo'],
  Manila: ['Manille', 'مانيلا'],
  Bangkok: ['بانكوك'],
  Istanbul: ['Estambul', 'إسطنبول'],
  Belgrade: ['Belgrado', 'بلغراد'],
  Tripoli: ['Trípoli', 'طرابلس'],
  Calais: ['كاليه'],
  Dunkirk: ['Dunkerque', 'دونكيرك'],
  Budapest: ['بودابست'],
  Sofia: ['صوفيا'],
  Doha: ['الدوحة'],
  Dubai: ['Dubái', 'Dubaï', 'دبي'],
  Athens: ['Atenas', 'Athènes', 'أثينا'],
  London: ['Londres', 'لندن'],
  Leeds: ['ليدز'],
  Manchester: ['مانشستر'],
  Birmingham: ['برمنغهام'],
  Glasgow: ['غلاسكو'],
  Paris: ['باريس'],
  Lyon: ['Lyons', 'ليون'],
  Marseille: ['Marseilles', 'Marsella', 'مرسيليا'],
  Madrid: ['مدريد'],
  Barcelona: ['Barcelone', 'برشلونة'],
  Milan: ['Milán', 'Milano', 'ميلانو'],
  Rome: ['Roma', 'روما'],
  Berlin: ['برلين'],
  Amsterdam: ['أمستردام'],
  Brussels: ['Bruselas', 'Bruxelles', 'بروكسل'],
  Dublin: ['دبلن'],
  Vienna: ['Viena', 'Vienne', 'Wien', 'فيينا'],
};

/** The synthetic world's cities with their exonyms: the gazetteer used when none is given. */
export const DEFAULT_GAZETTEER: Gazetteer = {
  places: CITIES.map((city) => ({
    name: city.name,
    country: city.country,
    aliases: CITY_ALIASES[city.name] ?? [],
  })),
};

/** One name of a place, folded into words. */
export interface PlaceEntry {
  readonly words: readonly string[];
  readonly place: { readonly name: string; readonly country: string };
}

/** Places by the first folded word of each of their names, longest names first. */
export type PlaceIndex = ReadonlyMap<string, readonly PlaceEntry[]>;

const placeIndexes = new WeakMap<Gazetteer, PlaceIndex>();

/** A gazetteer's places by the first folded word of each name, built once per gazetteer. */
export function placeIndex(gazetteer: Gazetteer): PlaceIndex {
  const cached = placeIndexes.get(gazetteer);
  if (cached !== undefined) return cached;
  const index = new Map<string, PlaceEntry[]>();
  for (const place of gazetteer.places) {
    for (const written of [place.name, ...(place.aliases ?? [])]) {
      const words = foldText(written).split(' ');
      const first = words[0];
      if (first === undefined || first === '') continue;
      const entries = index.get(first) ?? [];
      entries.push({ words, place: { name: place.name, country: place.country } });
      index.set(first, entries);
    }
  }
  for (const entries of index.values()) entries.sort((a, b) => b.words.length - a.words.length);
  placeIndexes.set(gazetteer, index);
  return index;
}

/** The longest place starting at word `at`, and how many words it spans. */
export function placeAt(
  index: PlaceIndex,
  words: readonly string[],
  at: number,
): { entry: PlaceEntry; length: number } | null {
  for (const form of wordForms(words[at] ?? '')) {
    for (const entry of index.get(form) ?? []) {
      let matches = true;
      for (let offset = 1; offset < entry.words.length && matches; offset++) {
        matches = words[at + offset] === entry.words[offset];
      }
      if (matches) return { entry, length: entry.words.length };
    }
  }
  return null;
}

/** Folded words after which a place name is a person's name ("a girl called Sofia"). */
const NAME_CUE_WORDS: ReadonlySet<string> = new Set([
  'named',
  'called',
  'llama',
  'llamado',
  'llamada',
  'appelle',
  'nomme',
  'nommee',
  'appele',
  'appelee',
  'اسمه',
  'اسمها',
  'يدعي',
  'تدعي',
]);

/** The places of the index named in the text, each once, except where a cue makes the name a person's ("called Sofia"). */
export function findPlaces(text: string, index: PlaceIndex): { name: string; country: string }[] {
  const places: { name: string; country: string }[] = [];
  const seen = new Set<string>();
  const words = foldText(text).split(' ');
  for (let at = 0; at < words.length;) {
    const found = placeAt(index, words, at);
    if (found === null) {
      at++;
      continue;
    }
    if (!NAME_CUE_WORDS.has(words[at - 1] ?? '')) {
      const { place } = found.entry;
      if (!addUnique(places, seen, `${place.name}|${place.country}`, { name: place.name, country: place.country }))
        break;
    }
    at += found.length;
  }
  return places;
}
