/**
 * Notices and tips: the police publish wanted, missing-person and stolen-document notices and the
 * hub describes each modus operandi; the hotline takes tips from the public. Some point at planted
 * people and documents, most at no one in the world, as in life; the truth says which is which.
 */
import { CITIES, ORIGINS } from './gazetteer.ts';
import {
  birthDate,
  instant,
  isoDay,
  truePerson,
  type Emitter,
  type Exploitation,
  type Planted,
  type PlantedDocument,
  type TruePerson,
} from './kit.ts';
import { nameVariant, obfuscatePhone, partialDate, phoneNumber, phoneVariant } from './noise.ts';
import { personName } from './names.ts';
import type { Random } from './random.ts';
import { WORLD_TIP_LINE, worldOrganisation } from './organisations.ts';

const HUB = 'weft-hub';
const HOTLINE = WORLD_TIP_LINE;
const POLICE: Readonly<Record<string, string>> = {
  GB: 'gb-police-mst',
  FR: 'fr-police-ocrteh',
  RO: 'ro-police-diicot',
  BG: 'ro-police-diicot',
  AL: 'ro-police-diicot',
};

/** The police unit that publishes a notice about someone or something of this country. */
function policeOf(country: string): string {
  return POLICE[country] ?? HUB;
}

const MODUS_OPERANDI: Readonly<Record<Exploitation, string>> = {
  sexual_exploitation:
    'Young women recruited by job offers on social media are advertised as escorts, moved city to city every one or two weeks, and lodged in hotels and short lets booked by a man who also pays for the adverts.',
  forced_labour:
    'Workers recruited abroad pay an agency fee they borrow, live many to a house the agency rents, and have most of their wages moved out of their accounts on pay day.',
  migrant_smuggling:
    'Groups travel on passports stolen in Western Europe, fly to a transit hub, continue by coach on one booking and cross by small boat; families pay the organiser by money transfer.',
  forced_criminality:
    'Children and teenagers from one town are brought by coach to pick pockets in city centres, sleep in short lets and send the takings to one receiver.',
};

function ageOn(person: TruePerson, isoDate: string): number {
  return Number(isoDate.slice(0, 4)) - Number(person.birthDate.slice(0, 4));
}

interface Counter {
  notices: number;
  tips: number;
}

function wanted(
  random: Random,
  out: Emitter,
  count: Counter,
  start: number,
  planted: Planted,
  person: TruePerson,
): void {
  const owner = policeOf(person.origin.country);
  const id = `notice-${++count.notices}`;
  out.record(owner, {
    type: 'Notice',
    sourceRecordId: id,
    properties: {
      noticeType: 'wanted',
      title: `Wanted: ${planted.network.exploitation.replace('_', ' ')}`,
      reference: `${owner.toUpperCase()}/${String(count.notices).padStart(5, '0')}`,
      status: 'published',
      name: [nameVariant(random, person.name, person.origin)],
      birthDate: [random.chance(0.7) ? person.birthDate : partialDate(random, person.birthDate)],
      gender: person.gender,
      nationality: [person.origin.country],
      ...(random.chance(0.6) ? { phone: [phoneVariant(random, person.phone)] } : {}),
      issuingAuthority: worldOrganisation(owner).name,
      circumstances: `Suspected of organising ${planted.network.exploitation.replace('_', ' ')} in ${planted.network.cities.join(', ')}`,
      expiresAt: isoDay(start, 730),
    },
  });
  out.reference({ owner, sourceRecordId: id }, { person: person.id, network: planted.network.id });
}

function missing(
  random: Random,
  out: Emitter,
  count: Counter,
  start: number,
  person: TruePerson,
  network?: string,
): void {
  const owner = policeOf(person.origin.country);
  const id = `notice-${++count.notices}`;
  const lastSeen = isoDay(start, -random.int(5, 120));
  out.record(owner, {
    type: 'Notice',
    sourceRecordId: id,
    properties: {
      noticeType: 'missing_person',
      title: `Missing: ${person.name}`,
      reference: `${owner.toUpperCase()}/${String(count.notices).padStart(5, '0')}`,
      status: 'published',
      name: [...new Set([person.name, nameVariant(random, person.name, person.origin)])],
      birthDate: [person.birthDate],
      gender: person.gender,
      nationality: [person.origin.country],
      child: ageOn(person, lastSeen) < 18,
      ...(random.chance(0.5) ? { phone: [person.phone] } : {}),
      lastSeenAt: lastSeen,
      lastSeenPlace: person.home.name,
      issuingAuthority: worldOrganisation(owner).name,
      circumstances: random.pick(
        ageOn(person, lastSeen) < 18
          ? [
              'Did not come back from school',
              'Left with an older friend to work abroad',
              'Last seen at a coach station',
            ]
          : [
              'Left home for a job abroad and has not called since',
              'Last heard from at a coach station',
              'Stopped answering the phone after moving away for work',
            ],
      ),
    },
  });
  out.reference({ owner, sourceRecordId: id }, { person: person.id, ...(network === undefined ? {} : { network }) });
}

function stolenDocument(out: Emitter, count: Counter, document: PlantedDocument, network?: string): void {
  const owner = policeOf(document.country);
  const id = `notice-${++count.notices}`;
  out.record(owner, {
    type: 'Notice',
    sourceRecordId: id,
    properties: {
      noticeType: 'stolen_document',
      title: `${document.status === 'stolen' ? 'Stolen' : 'Forged'} ${document.documentType.replace('_', ' ')}`,
      reference: `${owner.toUpperCase()}/${String(count.notices).padStart(5, '0')}`,
      status: 'published',
      documentNumber: [document.number],
      documentCountry: document.country,
      name: [document.holderName],
      birthDate: [document.holderBirthDate],
      lastSeenAt: document.reportedOn,
      issuingAuthority: worldOrganisation(owner).name,
    },
  });
  out.reference(
    { owner, sourceRecordId: id },
    { document: document.number, ...(network === undefined ? {} : { network }) },
  );
}

interface TipContent {
  readonly text: string;
  readonly city?: string;
  readonly country?: string;
  readonly phone?: string;
  readonly exploitation?: Exploitation;
  readonly inDanger?: boolean;
}

function tip(random: Random, out: Emitter, count: Counter, start: number, days: number, content: TipContent): string {
  const id = `tip-${++count.tips}`;
  out.record(HOTLINE, {
    type: 'Tip',
    sourceRecordId: id,
    properties: {
      receivedAt: instant(start, random.int(0, days - 1), random.int(0, 23), random.int(0, 59)),
      channel: random.weighted([
        ['web', 5],
        ['sms', 3],
        ['phone', 2],
      ] as const),
      language: 'en',
      text: content.text,
      ...(content.city === undefined ? {} : { city: content.city }),
      ...(content.country === undefined ? {} : { country: content.country }),
      ...(content.phone === undefined ? {} : { phone: [content.phone] }),
      // Smuggling is a crime against a state, not an exploitation: a tip about it names none.
      ...(content.exploitation === undefined || content.exploitation === 'migrant_smuggling'
        ? {}
        : { exploitationType: [content.exploitation] }),
      inDanger: content.inDanger ?? false,
    },
  });
  return id;
}

/** Tips about a planted network, as members of the public would word them. */
function tipsAbout(random: Random, out: Emitter, count: Counter, start: number, days: number, planted: Planted): void {
  const { network } = planted;
  const lead = planted.people[0]?.person;
  if (lead === undefined) return;
  const city = random.pick(network.cities);
  const phone = network.phones[0] ?? lead.phone;
  const spoken = random.chance(0.5);
  // Each caller words it their own way.
  const texts: Readonly<Record<Exploitation, () => string>> = {
    sexual_exploitation: () =>
      random.pick([
        `Several very young girls brought in and out of the ${random.pick(['hotel', 'flat next door'])} at night by the same man, he answers ${spoken ? obfuscatePhone(random, phone) : 'the number in the adverts'}`,
        `Girls who look under age are dropped off by taxi late every night in ${city}; the advert says new in town`,
        `My cousin answered a job offer online and now she is in ${city} and cannot leave, a man keeps her passport`,
      ]),
    forced_labour: () =>
      random.pick([
        `Workers from the ${city} unit live twelve to a house and say they owe the agency money; the agent's number is ${phoneVariant(random, phone)}`,
        `The agency takes most of the wages of the foreign workers at the factory in ${city}, they work seven days`,
      ]),
    migrant_smuggling: () =>
      random.pick([
        `A man at the coach station in ${city} sells places to England, call ${phoneVariant(random, phone)}`,
        `Group of young men with the same passports photocopies waiting for a van near ${city} station at night`,
      ]),
    forced_criminality: () =>
      random.pick([
        `Same group of kids pickpocketing every day at ${city} station, a man collects from them at night`,
        `Children begging and stealing on the metro in ${city}, they are brought by a man in a van`,
      ]),
  };
  for (let number = 0; number < random.int(1, 3); number += 1) {
    const withPhone = network.exploitation !== 'forced_criminality' && !spoken;
    const id = tip(random, out, count, start, days, {
      text: texts[network.exploitation](),
      city,
      ...(withPhone ? { phone: phoneVariant(random, phone) } : {}),
      exploitation: network.exploitation,
      inDanger: random.chance(0.3),
    });
    out.reference({ owner: HOTLINE, sourceRecordId: id }, { person: lead.id, network: network.id });
  }
}

/** The NGO's casework: victims it supports, as protected victims, and a case per network it knows of. */
function casework(random: Random, out: Emitter, start: number, planted: Planted): void {
  const supported = planted.people.filter(({ role }) => role === 'victim' && random.chance(0.25));
  if (supported.length === 0) return;
  const ngo = 'safe-harbour';
  const { network } = planted;
  const exploitedIn = CITIES.find((city) => city.name === network.cities.at(-1))?.country;
  const subjects = supported.map(({ person }) =>
    out.person(random, ngo, `client-${network.id}-${person.id.toLowerCase()}`, person, {
      protectedVictim: true,
      ...(random.chance(0.5) ? { phone: [phoneVariant(random, person.phone)] } : {}),
    }),
  );
  out.record(ngo, {
    type: 'Case',
    sourceRecordId: `case-${network.id}`,
    properties: {
      title: `Support: ${network.exploitation.replace('_', ' ')} (${network.cities[0] ?? 'unknown'})`,
      status: 'open',
      openedAt: isoDay(start, random.int(0, 60)),
      ...(network.exploitation === 'migrant_smuggling' ? {} : { exploitationType: [network.exploitation] }),
      ...(exploitedIn === undefined ? {} : { countryOfExploitation: [exploitedIn] }),
      countryOfOrigin: [...new Set(supported.map(({ person }) => person.origin.country))],
      subjects,
    },
  });
}

const BACKGROUND_TIP_TEXTS = [
  'My neighbour has lots of visitors at night, not sure if it is anything',
  'Car wash on the ring road, workers look tired and never leave',
  'Saw an advert offering jobs abroad with free flights, seems too good',
  'Someone called me offering work and asked for my passport number',
  'A nail bar where the staff never speak and a man drives them home',
];

/**
 * The notices and tips of a world: about planted networks (wanted organisers, missing victims,
 * stolen documents, each kind's modus operandi, tips from the public), and as many again about no
 * one in it.
 */
export function noticesAndTips(
  random: Random,
  planted: readonly Planted[],
  people: number,
  start: number,
  days: number,
  out: Emitter,
): void {
  const count: Counter = { notices: 0, tips: 0 };
  const kinds = new Set<Exploitation>();
  for (const network of planted) {
    kinds.add(network.network.exploitation);
    for (const { person, role } of network.people) {
      if (['controller', 'facilitator', 'agent'].includes(role) && random.chance(0.6))
        wanted(random, out, count, start, network, person);
      if (role === 'victim' && random.chance(0.35)) missing(random, out, count, start, person, network.network.id);
    }
    for (const document of network.documents) {
      if (document.status === 'stolen') stolenDocument(out, count, document, network.network.id);
    }
    tipsAbout(random, out, count, start, days, network);
    casework(random, out, start, network);
  }
  for (const kind of kinds) {
    const id = `notice-${++count.notices}`;
    out.record(HUB, {
      type: 'Notice',
      sourceRecordId: id,
      properties: {
        noticeType: 'modus_operandi',
        title: `Modus operandi: ${kind.replace('_', ' ')}`,
        status: 'published',
        modusOperandi: MODUS_OPERANDI[kind],
        issuingAuthority: worldOrganisation(HUB).name,
      },
    });
  }
  // Notices about people and documents the world holds no other record of.
  const background = Math.max(5, Math.floor(people / 1_000));
  for (let index = 0; index < background; index += 1) {
    const origin = random.pick(ORIGINS);
    const person = truePerson(
      random,
      `N${String(index).padStart(6, '0')}`,
      origin,
      random.chance(0.5) ? 'female' : 'male',
      [8, 60],
    );
    missing(random, out, count, start, person);
    const holder = personName(random, origin, random.chance(0.5) ? 'female' : 'male');
    const number = `${origin.country}${String(random.int(10_000_000, 99_999_999))}`;
    stolenDocument(out, count, {
      number,
      country: origin.country,
      documentType: random.chance(0.7) ? 'passport' : 'national_id',
      status: 'stolen',
      holderName: holder.full,
      holderBirthDate: birthDate(random, 18, 70),
      reportedOn: isoDay(start, -random.int(1, 700)),
    });
    tip(random, out, count, start, days, {
      text: random.pick(BACKGROUND_TIP_TEXTS),
      ...(random.chance(0.4) ? { phone: phoneNumber(random, origin) } : {}),
    });
  }
}
