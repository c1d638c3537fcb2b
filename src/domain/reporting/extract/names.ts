/** Candidate names of people, found by cue words and capitalisation. */
import { type PlaceIndex, placeAt } from './places.ts';
import { ARABIC_LETTER, addUnique, foldText } from './text.ts';

function wordSet(list: string): ReadonlySet<string> {
  return new Set(foldText(list).split(' '));
}

/** Capitalised words that are not names: function words, sentence openers, titles of things, in the four languages. */
const NOT_NAME_WORDS: ReadonlySet<string> = wordSet(`
  i a an the my your his her its our their this that these those there here he she it we you they me him us them
  and or but so if when while because then also only just very please help hello hi hey yes no not all some many
  several every each any who what where why how which yesterday today tonight tomorrow now last next since after
  before during around about near at in on to from by with for of as into over under between behind since
  mr mrs ms miss dr sir madam police hotel motel street road avenue lane square station airport hospital school
  church mosque park house flat apartment building factory farm restaurant bar club shop market centre center
  north south east west city town village county district north car van bus taxi train
  whatsapp instagram telegram facebook tiktok snapchat twitter onlyfans signal viber google gmail
  god allah jesus christmas easter ramadan eid
  english british french spanish arabic romanian bulgarian ukrainian russian nigerian vietnamese chinese syrian
  iraqi egyptian albanian filipino thai turkish african european asian latin american polish moroccan
  euro euros dollars pounds
  el la los las lo un una unos unas mi mis tu tus su sus yo ella ellos ellas nosotros usted ustedes este esta
  estos estas ese esa eso aqui alli hay por para con sin de del en y o pero que quien como donde cuando ayer
  hoy manana ahora anoche favor ayuda hola gracias senor senora calle plaza hotel policia estacion
  le les des une mon ma mes ton ta tes son sa ses je tu il elle nous vous ils elles ce cet cette ces ici la
  et ou mais que qui quoi comment quand hier aujourd hui demain maintenant soir aide aidez bonjour merci
  monsieur madame rue place gare avec sans pour dans sur chez
  january february march april may june july august september october november december
  monday tuesday wednesday thursday friday saturday sunday
  enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre diciembre
  lunes martes miercoles jueves viernes sabado domingo
  janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
  lundi mardi mercredi jeudi vendredi samedi dimanche
  who where when vehicles phones links
`);

/** Particles inside names ("Juan de la Cruz", "Ludwig van Beethoven", "Ahmed bin Ali"). */
const NAME_PARTICLES: ReadonlySet<string> = new Set(
  'de del della di da dos das du van von der den le la bin ibn al el ben'.split(' '),
);

/** Titles: what follows is a name even alone ("Mr Popescu", "Señora García"). */
const TITLES: ReadonlySet<string> = wordSet('mr mrs ms miss dr señor señora sr sra don doña monsieur madame mme mlle');

/** Cues after which a name follows, as folded word sequences. */
const NAME_CUES: readonly (readonly string[])[] = [
  ['named'],
  ['called'],
  ['name', 'is'],
  ['names', 'are'],
  ['goes', 'by'],
  ['known', 'as'],
  ['alias'],
  ['se', 'llama'],
  ['se', 'llaman'],
  ['llamado'],
  ['llamada'],
  ['de', 'nombre'],
  ['nombre', 'es'],
  ['alias'],
  ['s', 'appelle'],
  ['s appelle'],
  ['s', 'appellent'],
  ['s appellent'],
  ['nomme'],
  ['nommee'],
  ['appele'],
  ['appelee'],
  ['nom', 'est'],
];

/** Arabic cues ("his name is", "her name is", "called", "the one called"), folded. */
const ARABIC_NAME_CUES: ReadonlySet<string> = new Set(
  ['اسمه', 'اسمها', 'يدعى', 'تدعى', 'يسمى', 'تسمى', 'المدعو', 'المدعوة'].map(foldText),
);

/** Arabic words that end a name read after a cue. */
const ARABIC_STOPS: ReadonlySet<string> = new Set(
  // "على" (on) is left out: folded, it is written like the name Ali.
  [
    'في',
    'من',
    'الى',
    'إلى',
    'عن',
    'و',
    'هو',
    'هي',
    'كان',
    'كانت',
    'مع',
    'الذي',
    'التي',
    'وهو',
    'وهي',
    'يعمل',
    'رقم',
  ].map(foldText),
);

const NAME_TOKEN = /(\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*)|([.!?؟。…\n]+)|(\S)/gu;
const LATIN_WORD = /^[\p{Script=Latin}\p{M}'’-]+$/u;
const UPPER_START = /^\p{Lu}/u;
const HAS_LOWER = /\p{Ll}/u;

interface NameToken {
  readonly text: string;
  readonly folded: string;
  readonly kind: 'word' | 'end' | 'other';
}

function isCapitalised(word: string): boolean {
  return LATIN_WORD.test(word) && UPPER_START.test(word) && HAS_LOWER.test(word);
}

/** Candidate names of people in the text, as written. */
export function findNames(text: string, index: PlaceIndex): string[] {
  const tokens: NameToken[] = [];
  for (const match of text.matchAll(NAME_TOKEN)) {
    const kind = match[1] !== undefined ? 'word' : match[2] !== undefined ? 'end' : 'other';
    const written = match[0];
    tokens.push({ text: written, folded: kind === 'word' ? foldText(written.replace(/['’]/gu, ' ')) : '', kind });
  }
  const names: string[] = [];
  const seen = new Set<string>();
  const add = (words: readonly string[]): boolean => {
    const name = words.join(' ');
    return addUnique(names, seen, foldText(name), name);
  };
  const excluded = (position: number): number => {
    const token = tokens[position];
    if (token === undefined) return 1;
    if (NOT_NAME_WORDS.has(token.folded)) return 1;
    const words = tokens.slice(position, position + 4).map((entry) => entry.folded);
    return placeAt(index, words, 0)?.length ?? 0;
  };

  // Runs of capitalised Latin words, cut at words that are not names.
  let run: number[] = [];
  const flush = (): boolean => {
    let segment: number[] = [];
    const close = (): boolean => {
      while (segment.length > 0 && !isCapitalised(tokens[segment[segment.length - 1] ?? -1]?.text ?? '')) segment.pop();
      const capitals = segment.filter((position) => isCapitalised(tokens[position]?.text ?? '')).length;
      const ok = capitals < 2 || capitals > 4 || add(segment.map((position) => tokens[position]?.text ?? ''));
      segment = [];
      return ok;
    };
    for (let cursor = 0; cursor < run.length;) {
      const position = run[cursor] ?? 0;
      const skip = isCapitalised(tokens[position]?.text ?? '') ? excluded(position) : 0;
      if (skip > 0) {
        if (!close()) return false;
        cursor += skip;
        continue;
      }
      if (segment.length > 0 || isCapitalised(tokens[position]?.text ?? '')) segment.push(position);
      cursor++;
    }
    run = [];
    return close();
  };
  for (let position = 0; position < tokens.length; position++) {
    const token = tokens[position];
    if (token === undefined) break;
    if (token.kind === 'word' && isCapitalised(token.text)) run.push(position);
    else if (token.kind === 'word' && run.length > 0 && NAME_PARTICLES.has(token.folded)) run.push(position);
    else if (!flush()) return names;
  }
  if (!flush()) return names;

  // Names after cues and titles, where one word is enough.
  for (let position = 0; position < tokens.length; position++) {
    const token = tokens[position];
    if (token?.kind !== 'word') continue;
    let next = -1;
    if (TITLES.has(token.folded)) next = position + 1;
    else if (ARABIC_NAME_CUES.has(token.folded)) next = position + 1;
    else {
      for (const cue of NAME_CUES) {
        if (cue.every((word, offset) => tokens[position + offset]?.folded === word)) next = position + cue.length;
      }
    }
    if (next < 0) continue;
    while (tokens[next]?.kind === 'other' || (tokens[next]?.kind === 'end' && tokens[next]?.text === '.')) {
      if (next - position > 3) break;
      next++;
    }
    const words: string[] = [];
    if (ARABIC_NAME_CUES.has(token.folded)) {
      for (let at = next; at < tokens.length && words.length < 3; at++) {
        const word = tokens[at];
        if (word?.kind !== 'word' || !ARABIC_LETTER.test(word.text)) break;
        if (ARABIC_STOPS.has(word.folded) || ARABIC_NAME_CUES.has(word.folded)) break;
        if (words.length > 0 && word.folded.startsWith('\u0648')) break;
        words.push(word.text);
      }
    } else {
      for (let at = next; at < tokens.length && words.length < 4; at++) {
        const word = tokens[at];
        if (word?.kind !== 'word') break;
        if (isCapitalised(word.text) && !NOT_NAME_WORDS.has(word.folded)) words.push(word.text);
        else if (words.length > 0 && NAME_PARTICLES.has(word.folded) && isCapitalised(tokens[at + 1]?.text ?? ''))
          words.push(word.text);
        else break;
      }
    }
    if (words.length > 0 && !add(words)) break;
  }
  return names;
}
