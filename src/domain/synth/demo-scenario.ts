/**
 * The demo's two screening stories, planted beside the synthetic world:
 *
 * - A wanted man, Bohdan Hnatyuk, has a published notice of the UK Modern Slavery Unit. Harbour
 *   Hotels' guest list for tonight names him as "HNATYUK Bohdan" among ordinary guests: screening
 *   it, the hotel's compliance user sees "secondary check advised" for that row, and the police
 *   unit gets the hit in its alerts inbox.
 * - A missing girl, Zornitsa Gancheva (13), has a notice submitted by the police unit's analyst and
 *   waiting for compliance review. Harbour Hotels already holds a booking naming "GANCHEVA Zornitsa":
 *   when the unit's reviewer publishes the notice, that booking raises an urgent alert to the
 *   police and a safeguarding alert to child protection.
 *
 * And one story of financial red flags: North Bank's monitoring raises after-hours card payments at
 * the nail salons and massage parlours the planted rings use, and the funnel account of the first
 * ring; the police unit holds that account in its case (a victim's statement gave its IBAN), so it
 * is told of the funnel red flag and whom to ask.
 *
 * And the worker-voice story: Fairwear Brands' supplier site in Leicester, whose workers' survey
 * answers show the indicators of forced labour rising this month (see SCENARIO_SUPPLY_SITE).
 */
import type { RecordInput } from '../ingest/record-input.ts';
import { ILO_FORCED_LABOUR_INDICATORS } from '../model/taxonomy.ts';
import { ORIGINS } from './gazetteer.ts';
import { latinName, personName } from './names.ts';
import { createRandom } from './random.ts';

/** The police unit that owns the scenario's notices, and the hotel that screens. */
export const SCENARIO_POLICE = 'gb-police-mst';
export const SCENARIO_HOTEL = 'harbour-hotels';

/** The wanted man, as his notice names him and as the guest list writes him. */
export const SCENARIO_WANTED = {
  name: 'Bohdan Hnatyuk',
  alias: 'Богдан Гнатюк',
  birthDate: '1981-03-14',
  passport: 'FK482913',
  country: 'UA',
  asGuest: 'HNATYUK Bohdan',
} as const;

/** The missing child, as her notice names her and as the hotel's booking writes her. */
export const SCENARIO_MISSING_CHILD = {
  name: 'Zornitsa Gancheva',
  alias: 'Зорница Ганчева',
  birthDate: '2013-06-02',
  country: 'BG',
  asGuest: 'GANCHEVA Zornitsa',
} as const;

/** The scenario's records by owner: notices arrive as reviewed (or, the child's, in review). */
export function scenarioRecords(today: string): { owner: string; record: RecordInput }[] {
  const year = Number(today.slice(0, 4));
  return [
    {
      owner: SCENARIO_POLICE,
      record: {
        type: 'Notice',
        sourceRecordId: 'scenario-wanted-hnatyuk',
        properties: {
          noticeType: 'wanted',
          title: `Wanted: ${SCENARIO_WANTED.name}`,
          reference: 'GB-POLICE-MST/DEMO-1',
          status: 'published',
          name: [SCENARIO_WANTED.name, SCENARIO_WANTED.alias],
          birthDate: [SCENARIO_WANTED.birthDate],
          gender: 'male',
          nationality: [SCENARIO_WANTED.country],
          documentNumber: [SCENARIO_WANTED.passport],
          documentCountry: SCENARIO_WANTED.country,
          circumstances: 'Suspected of recruiting and moving women for sexual exploitation through Dover and Calais',
          expiresAt: `${year + 2}-01-01`,
        },
        envelope: { tlp: 'GREEN' },
      },
    },
    {
      owner: SCENARIO_POLICE,
      record: {
        type: 'Notice',
        sourceRecordId: 'scenario-missing-gancheva',
        properties: {
          noticeType: 'missing_person',
          title: `Missing: ${SCENARIO_MISSING_CHILD.name}`,
          reference: 'GB-POLICE-MST/DEMO-2',
          status: 'in_review',
          name: [SCENARIO_MISSING_CHILD.name, SCENARIO_MISSING_CHILD.alias],
          birthDate: [SCENARIO_MISSING_CHILD.birthDate],
          gender: 'female',
          nationality: [SCENARIO_MISSING_CHILD.country],
          child: true,
          lastSeenPlace: 'Varna coach station',
          circumstances: 'Left with an older friend who promised work abroad',
        },
        envelope: { tlp: 'GREEN' },
      },
    },
    {
      owner: SCENARIO_HOTEL,
      record: {
        type: 'Booking',
        sourceRecordId: 'scenario-booking-gancheva',
        properties: {
          accommodationName: 'Harbour Hotel Dover',
          city: 'Dover',
          country: 'GB',
          checkIn: today,
          guestNames: ['Kostov Andrei', SCENARIO_MISSING_CHILD.asGuest],
          channel: 'walk_in',
        },
      },
    },
  ];
}

/** Tonight's guest list at Harbour Hotels as CSV: ordinary guests, and the wanted man among them. */
export function scenarioGuestList(rows = 24): string {
  const random = createRandom(2026);
  const lines = ['id,full_name,date_of_birth,nationality,document_number'];
  const wantedRow = Math.floor(rows / 2);
  for (let row = 1; row <= rows; row += 1) {
    if (row === wantedRow) {
      const [year, month, day] = SCENARIO_WANTED.birthDate.split('-');
      lines.push(
        `guest-${row},${SCENARIO_WANTED.asGuest},${day}/${month}/${year},${SCENARIO_WANTED.country},${SCENARIO_WANTED.passport}`,
      );
      continue;
    }
    const origin = random.pick(ORIGINS);
    const name = personName(random, origin, random.chance(0.5) ? 'female' : 'male');
    const birth = `${String(random.int(1, 28)).padStart(2, '0')}/${String(random.int(1, 12)).padStart(2, '0')}/${random.int(1950, 2004)}`;
    const document = `${origin.country}${random.int(1_000_000, 9_999_999)}`;
    lines.push(`guest-${row},${latinName(random, name.full)},${birth},${origin.country},${document}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The first ring's funnel account, as the police unit's case holds it (see the file's comment). */
export const SCENARIO_RING_ACCOUNT = { bank: 'northbank', sourceRecordId: 'acct-ring-1-f' } as const;

/** The police unit's record of the ring's funnel account, with its IBAN as a victim's statement gave it. */
export function scenarioRingAccount(iban: string): { owner: string; record: RecordInput } {
  return {
    owner: SCENARIO_POLICE,
    record: {
      type: 'BankAccount',
      sourceRecordId: 'scenario-ring-1-funnel',
      properties: { iban, bankName: 'North Bank', accountType: 'current', country: 'GB' },
    },
  };
}

/**
 * The worker-voice story: Fairwear Brands' supplier site in Leicester, whose workers answer the
 * survey by SMS and USSD. Last month's answers showed some indicators; this month's show more
 * (documents kept, debts, wages withheld): the brand sees the site's risk high and rising, over
 * groups large enough that no worker is singled out.
 */
export const SCENARIO_SUPPLY_SITE = {
  code: 'FW-LEI-7',
  name: 'Leicester garment unit 7',
  brand: 'fairwear',
  country: 'GB',
} as const;

/** One worker's scored answers: an ILO indicator id → 0 (absent) to 1 (present). */
export interface ScenarioSurvey {
  readonly day: string;
  readonly channel: 'sms' | 'ussd';
  readonly language: string;
  readonly scores: Readonly<Record<string, number>>;
}

/** The site's survey answers over the last two months, laid out without drawing on the world's randomness. */
export function scenarioWorkerVoice(today: string): ScenarioSurvey[] {
  const random = createRandom(2_026_11);
  const end = Date.parse(`${today}T00:00:00Z`);
  const indicators = ILO_FORCED_LABOUR_INDICATORS;
  // How often each indicator is reported, last month and this month.
  const likely: Readonly<Record<string, readonly [number, number]>> = {
    retention_of_identity_documents: [0.3, 0.6],
    debt_bondage: [0.35, 0.65],
    withholding_of_wages: [0.25, 0.55],
    excessive_overtime: [0.5, 0.7],
    deception: [0.3, 0.5],
  };
  const surveys: ScenarioSurvey[] = [];
  for (const [month, count] of [
    [1, 16],
    [0, 19],
  ] as const) {
    for (let worker = 0; worker < count; worker += 1) {
      const day = new Date(end - (month * 30 + random.int(0, 28)) * 86_400_000).toISOString().slice(0, 10);
      const scores: Record<string, number> = {};
      for (const indicator of indicators) {
        const chance = likely[indicator]?.[month === 1 ? 0 : 1] ?? 0.05;
        scores[indicator] = random.chance(chance) ? 1 : 0;
      }
      surveys.push({
        day,
        channel: random.chance(0.6) ? 'ussd' : 'sms',
        language: random.pick(['en', 'ar', 'es']),
        scores,
      });
    }
  }
  return surveys;
}
