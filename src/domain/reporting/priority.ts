/**
 * How soon a tip must be read: an emergency when someone is in danger now, high when a child is at
 * risk, it is happening now or today, or the tip carries identifiers and a place to act on; low
 * when it is a few characters naming nothing; normal otherwise. Every level comes with the reasons
 * an analyst can check, in plain English, because a priority nobody can explain is not trusted.
 */
import { foldText, type ExtractedEntities } from './extract.ts';

/** How soon a tip must be read, most urgent first. */
export type TipPriority = 'emergency' | 'high' | 'normal' | 'low';

/** A tip's priority and why, as English sentences for analysts. */
export interface PriorityAssessment {
  readonly priority: TipPriority;
  readonly reasons: readonly string[];
}

/** The languages the cue lists are written in. */
export type CueLanguage = 'en' | 'es' | 'fr' | 'ar';

/** What the assessment reads of a tip. */
export interface PriorityInput {
  /** The reporter's answer to "is someone in danger now?", or null when unanswered. */
  readonly inDanger: boolean | null;
  readonly text: string;
  /** Exploitation types or concerns the reporter chose ("sexual_exploitation", "child_at_risk"…). */
  readonly exploitationTypes?: readonly string[];
  readonly when?: 'now' | 'today' | 'this_week' | 'earlier' | null;
  readonly entities: ExtractedEntities;
}

/** Words that say someone is in danger now: confinement, violence, weapons, cries for help. */
export const DANGER_CUES: Readonly<Record<CueLanguage, readonly string[]>> = {
  en: [
    'locked in',
    'locked up',
    'locked inside',
    "can't leave",
    'cant leave',
    'cannot leave',
    'can not leave',
    'not allowed to leave',
    "won't let her leave",
    "won't let him leave",
    "won't let them leave",
    'held captive',
    'held prisoner',
    'against her will',
    'against his will',
    'against their will',
    'kidnapped',
    'abducted',
    'trapped',
    'beaten',
    'beat her',
    'beat him',
    'beats her',
    'beats him',
    'beating her',
    'beating them',
    'hits her',
    'gun',
    'guns',
    'pistol',
    'knife',
    'knives',
    'weapon',
    'weapons',
    'armed',
    'threatened to kill',
    'going to kill',
    'help me',
    'help us',
    'please help',
    'save me',
    'emergency',
    'bleeding',
    'raped',
    'being raped',
    'tortured',
    'chained',
    'starving',
    'no food',
    'suicide',
  ],
  es: [
    'encerrada',
    'encerrado',
    'encerradas',
    'encerrados',
    'no puede salir',
    'no pueden salir',
    'no la dejan salir',
    'no lo dejan salir',
    'no nos dejan salir',
    'no me dejan salir',
    'secuestrada',
    'secuestrado',
    'retenida',
    'retenido',
    'atrapada',
    'atrapado',
    'golpeada',
    'golpeado',
    'la golpean',
    'le pegan',
    'la pegan',
    'paliza',
    'pistola',
    'arma',
    'armas',
    'armado',
    'cuchillo',
    'navaja',
    'amenazó con matar',
    'la van a matar',
    'ayúdame',
    'ayúdenme',
    'ayudenme',
    'socorro',
    'auxilio',
    'emergencia',
    'violada',
    'sangrando',
    'encadenada',
    'sin comida',
  ],
  fr: [
    'enfermée',
    'enfermé',
    'enfermées',
    'enfermés',
    'séquestrée',
    'séquestré',
    'ne peut pas sortir',
    'ne peut pas partir',
    'ne peuvent pas sortir',
    'ne la laissent pas partir',
    'ne me laissent pas partir',
    'kidnappée',
    'enlevée',
    'piégée',
    'battue',
    'battu',
    'frappée',
    'la frappe',
    'arme',
    'armes',
    'pistolet',
    'fusil',
    'couteau',
    'armé',
    'menacé de tuer',
    'menace de mort',
    'au secours',
    'aidez-moi',
    "à l'aide",
    'urgence',
    'violée',
    'saigne',
    'enchaînée',
    'sans nourriture',
  ],
  ar: [
    'محتجزة',
    'محتجز',
    'محتجزين',
    'محبوسة',
    'محبوس',
    'مسجونة',
    'لا تستطيع المغادرة',
    'لا يستطيع المغادرة',
    'لا تستطيع الخروج',
    'لا يسمحون لها بالخروج',
    'مخطوفة',
    'مخطوف',
    'تعرضت للضرب',
    'يضربها',
    'يضربونها',
    'يضربونهم',
    'مضروبة',
    'سلاح',
    'مسدس',
    'بندقية',
    'سكين',
    'مسلح',
    'هددها بالقتل',
    'النجدة',
    'ساعدوني',
    'ساعدني',
    'أنقذوني',
    'الحقوني',
    'طوارئ',
    'اغتصاب',
    'اغتصبت',
    'تنزف',
    'مقيدة',
    'بدون طعام',
  ],
};

/** Words for a child or a minor. */
export const CHILD_CUES: Readonly<Record<CueLanguage, readonly string[]>> = {
  en: [
    'child',
    'children',
    'kid',
    'kids',
    'minor',
    'minors',
    'underage',
    'under age',
    'under 18',
    'teenager',
    'teenagers',
    'teen',
    'teens',
    'young girl',
    'young girls',
    'little girl',
    'little girls',
    'young boy',
    'young boys',
    'schoolgirl',
    'schoolgirls',
    'schoolboy',
    'baby',
    'babies',
  ],
  es: [
    'niño',
    'niña',
    'niños',
    'niñas',
    'menor',
    'menores',
    'menor de edad',
    'adolescente',
    'adolescentes',
    'nena',
    'nenas',
    'chiquilla',
    'chiquillas',
    'bebé',
  ],
  fr: [
    'enfant',
    'enfants',
    'mineur',
    'mineure',
    'mineurs',
    'mineures',
    'adolescent',
    'adolescente',
    'adolescents',
    'adolescentes',
    'ado',
    'ados',
    'gamine',
    'gamines',
    'gamin',
    'fillette',
    'fillettes',
    'petite fille',
    'bébé',
  ],
  ar: [
    'طفل',
    'طفلة',
    'أطفال',
    'قاصر',
    'قاصرة',
    'قاصرات',
    'قاصرين',
    'فتاة صغيرة',
    'بنات صغيرات',
    'مراهقة',
    'مراهق',
    'رضيع',
  ],
};

/** Words for exploitation: sex for sale, forced work, begging, debt, marriage. */
export const EXPLOITATION_CUES: Readonly<Record<CueLanguage, readonly string[]>> = {
  en: [
    'sex',
    'sexual',
    'sexually',
    'prostitution',
    'prostitute',
    'prostituted',
    'brothel',
    'escort',
    'escorts',
    'pimp',
    'sold',
    'selling',
    'trafficked',
    'trafficking',
    'forced',
    'exploited',
    'exploitation',
    'massage',
    'clients',
    'porn',
    'begging',
    'unpaid',
    'debt',
    'abused',
    'groomed',
    'grooming',
    'married off',
  ],
  es: [
    'sexo',
    'sexual',
    'prostitución',
    'prostituta',
    'prostituyen',
    'burdel',
    'prostíbulo',
    'vendida',
    'vendido',
    'venden',
    'proxeneta',
    'chulo',
    'explotación',
    'explotada',
    'explotado',
    'obligada',
    'obligan',
    'forzada',
    'clientes',
    'mendigar',
    'deuda',
    'abusada',
    'abusan',
    'casarla',
  ],
  fr: [
    'sexe',
    'sexuel',
    'sexuelle',
    'prostitution',
    'prostituée',
    'maison close',
    'bordel',
    'vendue',
    'vendu',
    'proxénète',
    'exploitée',
    'exploité',
    'exploitation',
    'forcée',
    'forcé',
    'obligée',
    'clients',
    'mendier',
    'mendicité',
    'dette',
    'abusée',
    'la marier',
  ],
  ar: [
    // Not "جنس" (also "kind") nor "جنسية" (also "nationality").
    'جنسي',
    'جنسيا',
    'استغلال جنسي',
    'دعارة',
    'بيت دعارة',
    'باعوها',
    'بيعت',
    'مستغلة',
    'استغلال',
    'مجبرة',
    'يجبرونها',
    'تسول',
    'يتسولون',
    // Not "دين", which is also "religion".
    'ديون',
    'مديونة',
    'تزويج',
    'زوجوها',
    'اعتداء',
    'عمل قسري',
  ],
};

/** Words that say it is happening now or today. */
export const URGENCY_CUES: Readonly<Record<CueLanguage, readonly string[]>> = {
  en: [
    'right now',
    'at the moment',
    'as we speak',
    'happening now',
    'tonight',
    'today',
    'this morning',
    'this afternoon',
    'this evening',
  ],
  es: ['ahora mismo', 'en este momento', 'está pasando', 'esta noche', 'hoy', 'esta mañana', 'esta tarde'],
  fr: ['en ce moment', 'maintenant', 'ce soir', "aujourd'hui", 'ce matin', 'cet après-midi'],
  ar: ['الآن', 'حاليا', 'الليلة', 'اليوم', 'هذا الصباح', 'هذا المساء'],
};

/** Characters of the text read; as for extraction, a hostile text cannot make triage slow. */
const MAX_TEXT = 20_000;

/** Texts shorter than this (folded) that name nothing are too thin to act on. */
const SHORT_TEXT = 20;

const ARABIC_LETTER = /\p{Script=Arabic}/u;

/**
 * An Arabic word without the prefixes Arabic writes joined to it: "and"/"so", then "with"/"to"/
 * "like", then the article ("وبالسكين" → "سكين"). Applied to text and cues alike, so that a cue
 * matches whatever is joined to it; at least three letters are always kept.
 */
function arabicStem(word: string): string {
  if (!ARABIC_LETTER.test(word)) return word;
  let stem = word;
  if ((stem.startsWith('\u0648') || stem.startsWith('\u0641')) && stem.length - 1 >= 3) stem = stem.slice(1);
  if (/^[\u0628\u0644\u0643]/u.test(stem) && stem.length - 1 >= 3) stem = stem.slice(1);
  if (stem.startsWith('\u0627\u0644') && stem.length - 2 >= 3) stem = stem.slice(2);
  return stem;
}

function stemmed(folded: string): string {
  return folded
    .split(' ')
    .map((word) => arabicStem(word))
    .join(' ');
}

interface CompiledCue {
  readonly written: string;
  readonly language: CueLanguage;
  /** Folded and padded with spaces, for whole-word search. */
  readonly plain: string;
  /** The same with Arabic prefixes removed; null for cues without Arabic. */
  readonly arabic: string | null;
}

function compile(cues: Readonly<Record<CueLanguage, readonly string[]>>): readonly CompiledCue[] {
  return (Object.keys(cues) as CueLanguage[]).flatMap((language) =>
    cues[language].map((written) => {
      const folded = foldText(written);
      return {
        written,
        language,
        plain: ` ${folded} `,
        arabic: ARABIC_LETTER.test(folded) ? ` ${stemmed(folded)} ` : null,
      };
    }),
  );
}

const DANGER = compile(DANGER_CUES);
const CHILD = compile(CHILD_CUES);
const EXPLOITATION = compile(EXPLOITATION_CUES);
const URGENCY = compile(URGENCY_CUES);

/** A tip's text prepared for cue search. */
interface SearchableText {
  readonly plain: string;
  readonly arabic: string;
  readonly folded: string;
}

function searchable(text: string): SearchableText {
  const folded = foldText(text.slice(0, MAX_TEXT));
  return { folded, plain: ` ${folded} `, arabic: ` ${stemmed(folded)} ` };
}

/** The cues present in the text, as written in the lists, without repeats. */
function cuesIn(text: SearchableText, cues: readonly CompiledCue[]): CompiledCue[] {
  const found = new Map<string, CompiledCue>();
  for (const cue of cues) {
    const present = text.plain.includes(cue.plain) || (cue.arabic !== null && text.arabic.includes(cue.arabic));
    if (present && !found.has(cue.plain)) found.set(cue.plain, cue);
  }
  return [...found.values()];
}

/** Ages written in the four languages: "14 years old", "14-year-old", "aged 14", "tiene 14 años", "a 14 ans", "عمرها 14". */
const AGE =
  /(?:^| )(?:([0-9]{1,2}) (?:years?|yrs?) old|([0-9]{1,2}) yo|aged? ([0-9]{1,2})|(?:tiene|de) ([0-9]{1,2}) anos|(?:a|de) ([0-9]{1,2}) ans|(?:عمرها|عمره|عمرهم|بعمر) ([0-9]{1,2}))(?= |$)/gu;

/** The ages under 18 the text gives. */
function minorAges(folded: string): number[] {
  const ages: number[] = [];
  for (const match of folded.matchAll(AGE)) {
    const groups: (string | undefined)[] = match.slice(1);
    const written = groups.find((group) => group !== undefined);
    const age = Number(written);
    if (written !== undefined && age < 18 && !ages.includes(age)) ages.push(age);
  }
  return ages;
}

function quoted(cues: readonly CompiledCue[], most = 5): string {
  const shown = cues.slice(0, most).map((cue) => `“${cue.written}” (${cue.language})`);
  return shown.join(', ') + (cues.length > most ? ` and ${cues.length - most} more` : '');
}

/** Exploitation types the reporter chose that say exploitation, readable ("sexual exploitation"). */
function chosenExploitation(types: readonly string[]): string[] {
  return types.filter((type) => type !== 'other' && type !== 'smuggling').map((type) => type.replaceAll('_', ' '));
}

/** A tip's priority with the reasons for it, most serious first; pure and total. */
export function assessPriority(tip: PriorityInput): PriorityAssessment {
  const text = searchable(tip.text);
  const types = tip.exploitationTypes ?? [];
  const entities = tip.entities;
  const emergency: string[] = [];
  const high: string[] = [];

  if (tip.inDanger === true) emergency.push('The reporter says someone is in danger now');
  const danger = cuesIn(text, DANGER);
  if (danger.length > 0) emergency.push(`The text has words of danger: ${quoted(danger)}`);

  const childWords = cuesIn(text, CHILD);
  const ages = minorAges(text.folded);
  const childConcern = types.includes('child_at_risk') || types.includes('child_soldiering');
  const childInText = childWords.length > 0 || ages.length > 0;
  const child = [
    ...(childWords.length > 0 ? [quoted(childWords, 3)] : []),
    ...(ages.length > 0 ? [`an age of ${ages.join(', ')}`] : []),
  ].join(' and ');
  const exploitationWords = cuesIn(text, EXPLOITATION);
  const exploitationChosen = chosenExploitation(types.filter((type) => !type.startsWith('child_')));
  if (childInText && exploitationWords.length > 0) {
    emergency.push(`The text mentions a child (${child}) with words of exploitation: ${quoted(exploitationWords, 3)}`);
  } else if (childInText && exploitationChosen.length > 0) {
    emergency.push(`The text mentions a child (${child}) and the reporter suspects ${exploitationChosen.join(', ')}`);
  } else if (childInText) {
    high.push(`The text mentions a child (${child})`);
  }
  if (childConcern) high.push('The reporter says a child is at risk');

  if (tip.when === 'now') high.push('The reporter says it is happening now');
  else if (tip.when === 'today') high.push('The reporter says it happened today');
  const urgency = cuesIn(text, URGENCY);
  if (urgency.length > 0) high.push(`The text says it is happening now or today: ${quoted(urgency, 3)}`);

  const identifiers = [
    [entities.phones.length, 'phone'],
    [entities.plates.length, 'plate'],
    [entities.links.length, 'link'],
    [entities.emails.length, 'e-mail address'],
  ] as const;
  const named = identifiers
    .filter(([count]) => count > 0)
    .map(([count, kind]) => `${count} ${kind}${count > 1 ? 's' : ''}`);
  if (named.length > 0 && entities.places.length > 0) {
    const places = entities.places.map((place) => place.name).join(', ');
    high.push(`The tip carries identifiers (${named.join(', ')}) and a place (${places})`);
  }

  const nothingNamed = Object.values(entities).every((list: readonly unknown[]) => list.length === 0);
  const low =
    emergency.length === 0 && high.length === 0 && text.folded.length < SHORT_TEXT && nothingNamed && types.length === 0
      ? ['The text is very short and names nothing to act on']
      : [];

  const priority: TipPriority =
    emergency.length > 0 ? 'emergency' : high.length > 0 ? 'high' : low.length > 0 ? 'low' : 'normal';
  const normal =
    priority === 'normal'
      ? ['Nothing in the tip says someone is in danger, a child is at risk or it is happening now']
      : [];
  const reasons = [...emergency, ...high, ...normal, ...low];
  return { priority, reasons };
}
