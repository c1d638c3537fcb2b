/**
 * The synthetic world: a background population seen by every sector, and planted trafficking
 * networks, as the records each organisation would submit, with the ground truth beside them.
 * Streams item by item, so that a world of any size needs little memory.
 */
import type { EnvelopeInput } from '../model/envelope.ts';
import { CITIES, MERCHANT_CATEGORIES, ORIGINS, type City, type Origin } from './gazetteer.ts';
import { personName } from './names.ts';
import { nameVariant, obfuscatePhone, partialDate, phoneNumber, phoneVariant } from './noise.ts';
import { createRandom, type Random } from './random.ts';
import { worldOrganisation } from './organisations.ts';

/** How big a world, and how it is seeded. */
export interface WorldOptions {
  readonly seed: number;
  /** People of the background population. */
  readonly people: number;
  /** Planted sexual-exploitation rings. */
  readonly rings: number;
  /** First day of the period the world covers (YYYY-MM-DD) and its length. */
  readonly start?: string;
  readonly days?: number;
  /** Told every thousand people, and at the end, how much of the world is done. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** A record as its owner submits it. */
export interface SubmittedRecord {
  readonly type: string;
  readonly sourceRecordId: string;
  readonly envelope?: EnvelopeInput;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** Where a record stands: its owner and its id there. */
export interface RecordKey {
  readonly owner: string;
  readonly sourceRecordId: string;
}

/** A planted network and everything that belongs to it. */
export interface PlantedNetwork {
  readonly id: string;
  readonly exploitation: 'sexual_exploitation';
  readonly members: readonly { readonly person: string; readonly role: 'controller' | 'recruiter' | 'victim' }[];
  readonly phones: readonly string[];
  readonly cities: readonly string[];
  readonly typologies: readonly string[];
  readonly records: readonly RecordKey[];
}

/** One item of a world, in the order it is generated. */
export type WorldItem =
  | { readonly kind: 'record'; readonly owner: string; readonly record: SubmittedRecord }
  /** A record that refers to a person, and the true person it refers to. */
  | { readonly kind: 'mention'; readonly key: RecordKey; readonly person: string }
  | { readonly kind: 'network'; readonly network: PlantedNetwork };

interface TruePerson {
  readonly id: string;
  readonly origin: Origin;
  readonly gender: 'female' | 'male';
  readonly name: string;
  readonly birthDate: string;
  readonly phone: string;
  readonly home: City;
}

const DAY = 86_400_000;
const DESTINATIONS = CITIES.filter((city) => city.role === 'destination');

function mcc(code: string) {
  const category = MERCHANT_CATEGORIES.find((candidate) => candidate.code === code);
  if (category === undefined) throw new Error(`no merchant category ${code}`);
  return category;
}

function isoDay(start: number, day: number): string {
  return new Date(start + day * DAY).toISOString().slice(0, 10);
}

function instant(start: number, day: number, hour: number, minute: number): string {
  return new Date(start + day * DAY + hour * 3_600_000 + minute * 60_000).toISOString().replace('.000Z', 'Z');
}

function birthDate(random: Random, minAge: number, maxAge: number): string {
  const year = 2026 - random.int(minAge, maxAge);
  return `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
}

function truePerson(
  random: Random,
  id: string,
  origin: Origin,
  gender: 'female' | 'male',
  age: [number, number],
): TruePerson {
  const home = random.pick(CITIES.filter((city) => city.country === origin.country).concat(DESTINATIONS));
  return {
    id,
    origin,
    gender,
    name: personName(random, origin, gender).full,
    birthDate: birthDate(random, age[0], age[1]),
    phone: phoneNumber(random, origin),
    home,
  };
}

/** Collects a part of the world: records with their owner, mentions of true people, network membership. */
class Emitter {
  readonly items: WorldItem[] = [];
  readonly keys: RecordKey[] = [];

  record(owner: string, record: SubmittedRecord, person?: string): string {
    this.items.push({ kind: 'record', owner, record });
    const key = { owner, sourceRecordId: record.sourceRecordId };
    this.keys.push(key);
    if (person !== undefined) this.items.push({ kind: 'mention', key, person });
    return record.sourceRecordId;
  }

  /** A Person record as an organisation holds it: the name as it wrote it, and what it knows. */
  person(random: Random, owner: string, id: string, person: TruePerson, extra: Record<string, unknown> = {}): string {
    return this.record(
      owner,
      {
        type: 'Person',
        sourceRecordId: id,
        properties: {
          name: nameVariant(random, person.name, person.origin),
          birthDate: random.chance(0.3) ? partialDate(random, person.birthDate) : person.birthDate,
          nationality: person.origin.country,
          gender: person.gender,
          ...extra,
        },
      },
      person.id,
    );
  }
}

/** What one person of the background population leaves in the records of each sector. */
function backgroundPerson(random: Random, person: TruePerson, start: number, days: number, out: Emitter): void {
  const tag = person.id.toLowerCase();
  if (random.chance(0.5)) {
    const bank = worldOrganisation('northbank').id;
    const customer = out.person(random, bank, `cust-${tag}`, person, { phone: phoneVariant(random, person.phone) });
    const account = out.record(bank, {
      type: 'BankAccount',
      sourceRecordId: `acct-${tag}`,
      properties: {
        iban: `GB${String(random.int(10, 99))}NBNK${String(random.int(10_000_000, 99_999_999))}${String(random.int(100_000, 999_999))}`,
        holder: customer,
        currency: 'GBP',
        country: 'GB',
      },
    });
    const card = out.record(bank, {
      type: 'PaymentInstrument',
      sourceRecordId: `card-${tag}`,
      properties: {
        instrumentType: 'debit_card',
        fingerprint: `fp-${tag}`,
        lastDigits: String(random.int(1000, 9999)),
        holder: customer,
        account,
      },
    });
    const payments = random.int(0, 8);
    for (let index = 0; index < payments; index += 1) {
      const category = random.pick(MERCHANT_CATEGORIES.filter((candidate) => candidate.code !== '7311'));
      const day = random.int(0, days - 1);
      const city = random.chance(0.8) ? person.home : random.pick(DESTINATIONS);
      out.record(bank, {
        type: 'Payment',
        sourceRecordId: `pay-${tag}-${index}`,
        properties: {
          payer: customer,
          payerAccount: card,
          amount: random.int(category.typicalAmount[0], category.typicalAmount[1]),
          currency: 'GBP',
          occurredAt: instant(
            start,
            day,
            random.int(category.opensAt, Math.max(category.opensAt, category.closesAt - 1)),
            random.int(0, 59),
          ),
          merchantCategory: category.code,
          merchantName: `${category.label} ${city.name}`,
          channel: 'card_present',
          city: city.name,
          country: city.country,
        },
      });
    }
  }
  if (random.chance(0.3)) {
    const airline = worldOrganisation('skyways').id;
    const passenger = out.person(random, airline, `pax-${tag}`, person, { name: person.name.toUpperCase() });
    const document = out.record(airline, {
      type: 'IdentityDocument',
      sourceRecordId: `doc-${tag}`,
      properties: {
        documentType: 'passport',
        number: `${person.origin.country}${String(random.int(1_000_000, 9_999_999))}`,
        issuingCountry: person.origin.country,
        holder: passenger,
      },
    });
    const destination = random.pick(DESTINATIONS.filter((city) => city !== person.home));
    const day = random.int(0, days - 1);
    const trip = out.record(airline, {
      type: 'Trip',
      sourceRecordId: `flt-${tag}`,
      properties: {
        mode: 'air',
        origin: person.home.name,
        originCountry: person.home.country,
        destination: destination.name,
        destinationCountry: destination.country,
        departureAt: instant(start, day, random.int(6, 21), 5 * random.int(0, 11)),
        carrier: 'Skyways',
        serviceNumber: `SK${String(random.int(100, 999))}`,
        passengers: [passenger],
      },
    });
    out.record(airline, {
      type: 'TravelledOn',
      sourceRecordId: `tvl-${tag}`,
      properties: { passenger, trip, document },
    });
  }
  if (random.chance(0.25)) {
    const hotel = worldOrganisation('harbour-hotels').id;
    const guest = out.person(random, hotel, `guest-${tag}`, person, { phone: phoneVariant(random, person.phone) });
    const city = random.pick(DESTINATIONS);
    const day = random.int(0, days - 3);
    const booking = out.record(hotel, {
      type: 'Booking',
      sourceRecordId: `bk-${tag}`,
      properties: {
        accommodationName: `Harbour Hotel ${city.name}`,
        city: city.name,
        country: city.country,
        checkIn: isoDay(start, day),
        checkOut: isoDay(start, day + random.int(1, 3)),
        guests: [guest],
        amount: random.int(6_000, 25_000),
        currency: 'GBP',
        channel: random.pick(['direct', 'platform', 'agency'] as const),
      },
    });
    out.record(hotel, { type: 'StayedAt', sourceRecordId: `stay-${tag}`, properties: { guest, stay: booking } });
  }
  if (random.chance(0.3)) {
    const rides = worldOrganisation('ridenow').id;
    const rider = out.person(random, rides, `rider-${tag}`, person, { phone: phoneVariant(random, person.phone) });
    const day = random.int(0, days - 1);
    const trip = out.record(rides, {
      type: 'Trip',
      sourceRecordId: `ride-${tag}`,
      properties: {
        mode: 'ride_hailing',
        origin: `${person.home.name} centre`,
        destination: `${person.home.name} station`,
        departureAt: instant(start, day, random.int(0, 23), random.int(0, 59)),
        carrier: 'RideNow',
        passengers: [rider],
      },
    });
    out.record(rides, { type: 'TravelledOn', sourceRecordId: `rtv-${tag}`, properties: { passenger: rider, trip } });
  }
  if (random.chance(0.15)) {
    // A coach ticket names its passenger as written at the counter, with no person record.
    const destination = random.pick(CITIES.filter((city) => city !== person.home));
    out.record(
      worldOrganisation('eurobus').id,
      {
        type: 'Trip',
        sourceRecordId: `bus-${tag}`,
        properties: {
          mode: 'bus',
          origin: person.home.name,
          originCountry: person.home.country,
          destination: destination.name,
          destinationCountry: destination.country,
          departureAt: instant(start, random.int(0, days - 1), random.int(5, 23), 15 * random.int(0, 3)),
          carrier: 'Eurobus',
          serviceNumber: `EB${String(random.int(10, 99))}`,
          passengerNames: [nameVariant(random, person.name, person.origin)],
        },
      },
      person.id,
    );
  }
  if (random.chance(0.1)) {
    // A remittance home: the sender as the transfer company knows them, and the family receiving it.
    const transfers = worldOrganisation('swiftsend').id;
    const sender = out.person(random, transfers, `snd-${tag}`, person, { phone: phoneVariant(random, person.phone) });
    // The receiver is a true person of their own: a relative outside the background population.
    const receiver = out.record(
      transfers,
      {
        type: 'Person',
        sourceRecordId: `rcv-${tag}`,
        properties: {
          name: personName(random, person.origin, random.chance(0.5) ? 'female' : 'male').full,
          country: person.origin.country,
        },
      },
      `${person.id}-K`,
    );
    out.record(transfers, {
      type: 'Payment',
      sourceRecordId: `trf-${tag}`,
      properties: {
        payer: sender,
        payee: receiver,
        amount: random.int(5_000, 60_000),
        currency: 'GBP',
        occurredAt: instant(start, random.int(0, days - 1), random.int(9, 19), random.int(0, 59)),
        merchantCategory: '4829',
        channel: 'transfer',
        city: person.home.name,
        country: person.home.country,
      },
    });
  }
}

/** A sexual-exploitation ring: adverts moving city to city, stays and rides paid by a controller. */
function plantRing(random: Random, index: number, start: number, days: number, out: Emitter): PlantedNetwork {
  const id = `ring-${index + 1}`;
  const pick = (countries: readonly string[]) =>
    random.pick(ORIGINS.filter((origin) => countries.includes(origin.country)));
  // The phone a ring advertises with comes from Ofcom's range for drama (07700 900000-900999):
  // a synthetic trafficking advert must never carry a number that may be a real person's.
  const controller = {
    ...truePerson(random, `R${index + 1}-C`, pick(['RO', 'AL', 'BG']), 'male', [28, 50]),
    phone: `+447700900${String(random.int(0, 999)).padStart(3, '0')}`,
  };
  const recruiter = truePerson(
    random,
    `R${index + 1}-R`,
    controller.origin,
    random.chance(0.5) ? 'female' : 'male',
    [22, 45],
  );
  const victims = Array.from({ length: random.int(3, 6) }, (_, number) =>
    truePerson(random, `R${index + 1}-V${number + 1}`, pick(['RO', 'BG', 'NG', 'UA', 'VN', 'AL']), 'female', [16, 26]),
  );
  const cities = Array.from({ length: random.int(3, 4) }, () => random.pick(DESTINATIONS));
  const bank = worldOrganisation('northbank').id;
  const ads = worldOrganisation('classifieds-market').id;
  const hotel = worldOrganisation('harbour-hotels').id;
  const rides = worldOrganisation('ridenow').id;
  const tag = id;

  // The controller banks like anyone else; the card pays for the network's costs.
  const customer = out.person(random, bank, `cust-${tag}-c`, controller, { phone: controller.phone });
  const card = out.record(bank, {
    type: 'PaymentInstrument',
    sourceRecordId: `card-${tag}-c`,
    properties: { instrumentType: 'credit_card', fingerprint: `fp-${tag}-c`, holder: customer },
  });
  out.record(ads, {
    type: 'OnlineAccount',
    sourceRecordId: `user-${tag}`,
    properties: {
      service: 'Classifieds Market',
      username: `angels${random.int(10, 99)}`,
      phone: phoneVariant(random, controller.phone),
    },
  });
  const text = random.pick([
    'New girls in town, sweet and discreet, outcall and incall',
    'Relaxing massage by young ladies, open late, new in town',
    'Beautiful new models visiting this week only, call now',
  ]);
  let payment = 0;
  const pay = (day: number, hour: number, code: string, city: City) => {
    const category = mcc(code);
    out.record(bank, {
      type: 'Payment',
      sourceRecordId: `pay-${tag}-${payment++}`,
      properties: {
        payer: customer,
        payerAccount: card,
        amount: random.int(category.typicalAmount[0], category.typicalAmount[1]),
        currency: 'GBP',
        occurredAt: instant(start, day, hour, random.int(0, 59)),
        merchantCategory: category.code,
        merchantName: `${category.label} ${city.name}`,
        channel: code === '7311' ? 'card_not_present' : 'card_present',
        city: city.name,
        country: city.country,
      },
    });
  };
  const week = Math.max(1, Math.floor(days / cities.length));
  cities.forEach((city, stop) => {
    const day = Math.min(days - 2, stop * week);
    pay(day, random.int(9, 22), '7311', city);
    const guests = victims.map((victim, number) =>
      out.person(
        random,
        hotel,
        `guest-${tag}-${stop}-${number}`,
        victim,
        random.chance(0.5) ? { phone: phoneVariant(random, controller.phone) } : {},
      ),
    );
    const booking = out.record(hotel, {
      type: 'Booking',
      sourceRecordId: `bk-${tag}-${stop}`,
      properties: {
        accommodationName: `Harbour Hotel ${city.name}`,
        city: city.name,
        country: city.country,
        checkIn: isoDay(start, day),
        checkOut: isoDay(start, Math.min(days - 1, day + week)),
        guests,
        guestCount: guests.length,
        amount: random.int(40_000, 90_000),
        currency: 'GBP',
        channel: 'direct',
      },
    });
    guests.forEach((guest, number) =>
      out.record(hotel, {
        type: 'StayedAt',
        sourceRecordId: `stay-${tag}-${stop}-${number}`,
        properties: { guest, stay: booking },
      }),
    );
    pay(day, random.int(12, 20), '7011', city);
    victims.forEach((victim, number) => {
      const obfuscated = random.chance(0.5);
      out.record(ads, {
        type: 'Advert',
        sourceRecordId: `ad-${tag}-${stop}-${number}`,
        properties: {
          site: 'classifieds.example',
          category: 'escort',
          title: `${personName(random, victim.origin, 'female').given}, new in ${city.name}`,
          body: obfuscated ? `${text}. Call ${obfuscatePhone(random, controller.phone)}` : text,
          postedAt: instant(start, day, random.int(8, 23), random.int(0, 59)),
          city: [city.name],
          country: [city.country],
          ...(obfuscated ? {} : { phone: [phoneVariant(random, controller.phone)] }),
          ageClaimed: random.int(19, 23),
          advertiser: `user-${tag}`,
        },
      });
      const rider = out.person(random, rides, `rider-${tag}-${stop}-${number}`, victim, {
        phone: phoneVariant(random, controller.phone),
      });
      const trip = out.record(rides, {
        type: 'Trip',
        sourceRecordId: `ride-${tag}-${stop}-${number}`,
        properties: {
          mode: 'ride_hailing',
          origin: `Harbour Hotel ${city.name}`,
          destination: `${city.name} residential`,
          departureAt: instant(start, day + random.int(0, week - 1), random.int(20, 23), random.int(0, 59)),
          carrier: 'RideNow',
          passengers: [rider],
        },
      });
      out.record(rides, {
        type: 'TravelledOn',
        sourceRecordId: `rtv-${tag}-${stop}-${number}`,
        properties: { passenger: rider, trip },
      });
    });
    // After-hours card payments at nail salons and massage businesses.
    for (let night = 0; night < random.int(2, 5); night += 1) {
      pay(day + random.int(0, week - 1), random.int(0, 3), random.pick(['7230', '7297']), city);
    }
  });
  return {
    id,
    exploitation: 'sexual_exploitation',
    members: [
      { person: controller.id, role: 'controller' },
      { person: recruiter.id, role: 'recruiter' },
      ...victims.map((victim) => ({ person: victim.id, role: 'victim' as const })),
    ],
    phones: [controller.phone],
    cities: cities.map((city) => city.name),
    typologies: ['after_hours_payments', 'classified_ad_payments', 'multi_city_stays', 'shared_advert_phone'],
    records: out.keys,
  };
}

/** Generates a world item by item: the background population, then the planted networks. */
export function* generateWorld(options: WorldOptions): Generator<WorldItem> {
  const root = createRandom(options.seed);
  const start = Date.parse(`${options.start ?? '2026-01-01'}T00:00:00Z`);
  const days = options.days ?? 90;
  const population = root.fork('population');
  const weights = ORIGINS.map((origin) => [origin, origin.weight] as const);
  for (let index = 0; index < options.people; index += 1) {
    const random = population.fork(`person-${index}`);
    const origin = random.weighted(weights);
    const person = truePerson(
      random,
      `P${String(index).padStart(7, '0')}`,
      origin,
      random.chance(0.5) ? 'female' : 'male',
      [18, 80],
    );
    const out = new Emitter();
    backgroundPerson(random, person, start, days, out);
    yield* out.items;
    if ((index + 1) % 1_000 === 0) options.onProgress?.(index + 1, options.people + options.rings);
  }
  for (let index = 0; index < options.rings; index += 1) {
    const out = new Emitter();
    const network = plantRing(root.fork(`ring-${index}`), index, start, days, out);
    yield* out.items;
    yield { kind: 'network', network };
  }
  options.onProgress?.(options.people + options.rings, options.people + options.rings);
}
