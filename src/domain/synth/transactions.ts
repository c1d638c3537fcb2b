/**
 * Synthetic transactions for the monitoring engine: a background of ordinary people and businesses
 * paying as people do, with instances of every typology of the library planted among them, and the
 * truth of what was planted.
 *
 * The background: people living in the world's destination cities, most of them employed (a monthly
 * salary from their employer, who pays many staff and is paid nothing back), many renting (a monthly
 * transfer from one tenant to one landlord), paying by card for groceries, restaurants (some late in
 * the evening), fuel, bars, shops, hair salons by day, taxis and things online, a day's public
 * transport charged once a day as contactless fares are, taking cash out, sending friends money in
 * random amounts, some sending money home every month, a few topping up one prepaid card, and now
 * and then travelling, with a booking for the journey and a hotel in one of the one or two cities
 * they go to. Businesses pay salaries, each other by wire, and their advertising once a month.
 *
 * Each planted instance is written to be found by its typology as its file and defaults describe
 * it, and its truth names the subject the typology alerts on (an account, a merchant or a card) and
 * the accounts it involves. Times are instants (milliseconds) with the local hour where the payment
 * was made; amounts are in minor units. Pure: the same options give the same transactions.
 *
 * How payments are written: a card payment names the merchant (by name), its category and the card
 * (the payer's account), and no payee account, as an issuer sees it; a cash deposit names the
 * account paid into as both payer and payee (structuring reads the account paying in), and a funnel's
 * cash deposits name only the depositor; a prepaid load names the card loaded as its payee; a
 * payment abroad has the payer's and the payee's countries.
 */
import { DAY_MS, type Channel, type Transaction } from '../monitoring/transaction.ts';
import { CITIES, ORIGINS, type City, type Origin } from './gazetteer.ts';
import { currencyOf } from './kit.ts';
import { personName } from './names.ts';
import { createRandom, type Random } from './random.ts';

/** What to generate. */
export interface TransactionWorldOptions {
  readonly seed: number;
  /** Background accounts, people and businesses (planted instances add the accounts they need). */
  readonly accounts: number;
  readonly days: number;
  /** Background transactions per account per day, on average (default 1). */
  readonly perAccountPerDay?: number;
  /** Instances planted of each typology (default 20). */
  readonly planted?: number;
}

/** One planted instance: its typology, the subject the typology alerts on, and the accounts it involves. */
export interface PlantedInstance {
  readonly typology: string;
  readonly subjectId: string;
  readonly accounts: readonly string[];
}

/** A generated world's transactions, in time order, and what was planted among them. */
export interface TransactionWorld {
  readonly transactions: Transaction[];
  readonly truth: PlantedInstance[];
}

/** The typologies planted, by id. */
export const PLANTED_TYPOLOGIES = [
  'structuring',
  'fan_in',
  'cycle',
  'after_hours_personal_services',
  'funnel_account',
  'classified_ad_payments',
  'stays_many_cities',
  'one_payer_many_stays',
  'third_party_travel',
  'prepaid_loads',
  'debt_bondage_remittances',
  'payroll_deductions',
  'smuggling_corridor',
] as const;
export type PlantedTypology = (typeof PLANTED_TYPOLOGIES)[number];

/** The first day of the world: midnight UTC of Monday 5 January 2026. */
export const WORLD_START = Date.UTC(2026, 0, 5);

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/** Hours ahead of UTC (standard time; summer time is left out). */
const UTC_OFFSET: Readonly<Record<string, number>> = {
  GB: 0,
  IE: 0,
  FR: 1,
  ES: 1,
  IT: 1,
  DE: 1,
  NL: 1,
  BE: 1,
  AT: 1,
  HU: 1,
  RS: 1,
  AL: 1,
  NG: 1,
  NE: 1,
  GR: 2,
  RO: 2,
  BG: 2,
  UA: 2,
  EG: 2,
  LY: 2,
  RU: 3,
  TR: 3,
  SY: 3,
  IQ: 3,
  QA: 3,
  AE: 4,
  VN: 7,
  TH: 7,
  CN: 8,
  PH: 8,
  MX: -6,
  GT: -6,
};

/** Cities of the smuggling corridors (destinations of planted transfers). */
const CORRIDOR_CITIES: readonly City[] = [
  { name: 'Tripoli', country: 'LY', latitude: 32.89, longitude: 13.19, role: 'transit' },
  { name: 'Agadez', country: 'NE', latitude: 16.97, longitude: 7.99, role: 'transit' },
  { name: 'Istanbul', country: 'TR', latitude: 41.01, longitude: 28.98, role: 'transit' },
  { name: 'Tapachula', country: 'MX', latitude: 14.91, longitude: -92.26, role: 'transit' },
  { name: 'Guatemala City', country: 'GT', latitude: 14.63, longitude: -90.51, role: 'transit' },
];

const DESTINATIONS = CITIES.filter((city) => city.role === 'destination');
const ORIGIN_CITIES = CITIES.filter((city) => city.role === 'origin');
/** Cities people travel to: the destinations and the transit cities of Europe and the Gulf. */
const TRAVEL_CITIES = CITIES.filter((city) => city.role !== 'origin' && city.country !== 'LY');
/** How many people live in each destination, relatively. */
const CITY_WEIGHT: Readonly<Record<string, number>> = {
  London: 5,
  Paris: 3,
  Madrid: 2,
  Barcelona: 2,
  Berlin: 2.5,
  Manchester: 2,
  Birmingham: 2,
  Milan: 1.5,
  Rome: 1.5,
};

/** Merchants' names by category, as prefixes to the city. */
const BRANDS: Readonly<Record<string, readonly string[]>> = {
  '5411': ['FreshMart', 'Corner Grocer', 'Daily Market', 'ValueFoods', 'Green Basket', 'Harvest Foods'],
  '5812': [
    'Trattoria Roma',
    'Bistro Lumière',
    'Noodle House',
    'The Grill',
    'Curry Palace',
    'Sushi Bar',
    'Café Central',
  ],
  '5541': ['FuelPoint', 'Petrol Express', 'Roadside Fuel'],
  '5813': ['The Crown', 'Night Owl Bar', 'Blue Lounge', 'The Anchor'],
  '5651': ['Urban Threads', 'StyleHouse', 'Denim Depot'],
  '5912': ['CityPharm', 'HealthFirst Pharmacy'],
  '7230': ['Hair Studio', 'Classic Barber', 'Cuts & Colour', 'Salon Bella'],
  '7297': ['Wellness Massage', 'Sports Massage Clinic'],
  '7298': ['Day Spa', 'Beauty & Spa'],
  '7011': ['Grand Hotel', 'City Inn', 'Park Hotel', 'Budget Lodge', 'Station Hotel', 'Riverside Hotel'],
  '4121': ['RideNow'],
  '4111': ['Metro Transit'],
  '6011': ['Cash Machine'],
};

/** Sellers that are not in a city (online, national). */
const ONLINE: readonly { readonly name: string; readonly code: string; readonly amount: readonly [number, number] }[] =
  [
    { name: 'ShopOnline', code: '5999', amount: [800, 15_000] },
    { name: 'BookNook', code: '5942', amount: [600, 4_000] },
    { name: 'StreamPlus', code: '5815', amount: [499, 1_599] },
    { name: 'GadgetHub', code: '5732', amount: [1_500, 60_000] },
    { name: 'HomeWares Direct', code: '5712', amount: [1_000, 25_000] },
  ];

/** Planted ad sites: classified-ad and escort-ad sites and their merchant categories. */
const AD_SITES: readonly { readonly name: string; readonly code: string }[] = [
  { name: 'QuickPost Classifieds', code: '7311' },
  { name: 'CityNights Adult Listings', code: '5967' },
  { name: 'VIP Escort Directory', code: '7273' },
  { name: 'LocalList Media', code: '7311' },
  { name: 'Late Personals', code: '7273' },
  { name: 'AdultWork Adverts', code: '5967' },
];

const TRAVEL_SELLERS: readonly { readonly name: string; readonly code: string }[] = [
  { name: 'SkyEuro Airlines', code: '4511' },
  { name: 'EuroCoach', code: '4131' },
  { name: 'Continental Rail', code: '4112' },
  { name: 'Globe Travel Agency', code: '4722' },
  { name: 'Air Meridian', code: '3005' },
  { name: 'FlyBudget', code: '4511' },
];

/** Where people book a journey abroad, and at home. */
const FLIGHTS = TRAVEL_SELLERS.filter((seller) => ['4511', '3005'].includes(seller.code));
const JOURNEYS = TRAVEL_SELLERS.filter((seller) => ['4112', '4131'].includes(seller.code));

/** A transaction while it is made (its id is given once all are in time order). */
type Draft = { -readonly [K in keyof Transaction]: Transaction[K] };

interface Merchant {
  readonly id: string;
  readonly code: string;
  readonly city: City;
}

interface Business {
  readonly account: string;
  readonly city: City;
  /** Day of the month salaries are paid. */
  readonly payday: number;
  readonly staff: Person[];
}

interface Person {
  readonly account: string;
  readonly city: City;
  /** Where the person came from, when not from the country they live in. */
  readonly origin: Origin | undefined;
  /** How much more or less than most the person spends (about 1). */
  readonly activity: number;
  readonly car: boolean;
  commuter: boolean;
  readonly friends: Person[];
  /** The one or two cities the person stays in when away. */
  readonly travel: City[];
  employer: Business | undefined;
  salary: number;
  rent: { readonly landlord: Person; readonly amount: number; readonly day: number } | undefined;
  tenants: number;
  remittance: { readonly recipient: string; readonly city: City; readonly share: number } | undefined;
  prepaidCard: string | undefined;
  /** Day of the month a dating subscription is paid. */
  dating: number | undefined;
  /** Where the person is staying, and until which day, while away from home. */
  away: { readonly city: City; readonly until: number } | undefined;
  lastFriendTransfer: number;
}

/** Weights of the local hours of payments, written `hour:weight …` (hours past 23 run into the next day). */
function hours(weights: string): readonly (readonly [number, number])[] {
  return weights.split(' ').map((pair) => {
    const [hour, weight] = pair.split(':').map(Number);
    return [hour ?? 0, weight ?? 0] as const;
  });
}

const SHOP_HOURS = hours('8:2 9:4 10:6 11:7 12:9 13:8 14:6 15:6 16:7 17:9 18:10 19:7 20:4 21:2');
const DAY_HOURS = hours('9:5 10:8 11:8 12:6 13:7 14:8 15:8 16:7 17:6 18:4 19:2');
const MEAL_HOURS = hours('8:2 12:10 13:12 14:5 18:3 19:9 20:11 21:8 22:4 23:1');
const BAR_HOURS = hours('17:3 18:6 19:8 20:9 21:9 22:8 23:6 24:3 25:1');
const FUEL_HOURS = hours('6:2 7:6 8:8 9:6 10:5 11:5 12:5 13:5 14:5 15:6 16:7 17:9 18:8 19:5 20:3 21:2');
const TAXI_HOURS = hours('7:3 8:4 12:2 17:3 18:4 19:4 20:4 21:4 22:5 23:5 24:4 25:3 26:2');
const ONLINE_HOURS = hours('7:2 8:3 9:4 10:4 11:4 12:6 13:5 14:4 15:4 16:4 17:4 18:5 19:7 20:9 21:9 22:6 23:3');
const MASSAGE_HOURS = hours('10:3 11:5 12:6 13:6 14:6 15:6 16:7 17:8 18:8 19:7 20:4 21:2 22:1');
const TRANSFER_HOURS = hours('8:3 9:5 10:6 11:6 12:7 13:6 14:5 15:5 16:5 17:6 18:7 19:7 20:7 21:5 22:3');
const CASH_HOURS = hours('7:2 8:4 9:5 10:6 11:6 12:8 13:7 14:5 15:5 16:6 17:8 18:8 19:6 20:5 21:4 22:3 23:2');
const CHECK_IN_HOURS = hours('12:2 13:3 14:6 15:8 16:8 17:7 18:6 19:5 20:4 21:3 22:2 23:1');

/** The items in an order drawn from `random`. */
function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index -= 1) {
    const other = random.int(0, index);
    [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
  }
  return copy;
}

/** Generates a world of transactions with planted typology instances (see the module's comment). */
export function generateTransactions(options: TransactionWorldOptions): TransactionWorld {
  const { seed, days } = options;
  const perAccountPerDay = options.perAccountPerDay ?? 1;
  const plantedCount = options.planted ?? 20;
  if (!(days >= 1) || !(options.accounts >= 10)) throw new Error('a world needs at least 10 accounts and a day');
  const root = createRandom(seed);
  const drafts: Draft[] = [];
  const truth: PlantedInstance[] = [];
  const end = WORLD_START + days * DAY_MS;

  // --- ids -------------------------------------------------------------------------------------
  const ids = root.fork('ids');
  const taken = new Set<string>();
  const newId = (prefix: string): string => {
    for (;;) {
      const id = `${prefix}${String(ids.int(10_000_000, 99_999_999))}`;
      if (!taken.has(id)) {
        taken.add(id);
        return id;
      }
    }
  };
  const newAccount = () => newId('AC');

  // --- time and emission -----------------------------------------------------------------------
  const offsetOf = (country: string) => UTC_OFFSET[country] ?? 0;
  /** The instant of a local hour (past 23: the next day) and minute on a day, where `country` is. */
  const timeOf = (day: number, hour: number, minute: number, country: string) =>
    WORLD_START + day * DAY_MS + (hour - offsetOf(country)) * HOUR_MS + minute * MINUTE_MS;
  const localHourOf = (time: number, country: string) => {
    const local = (time + offsetOf(country) * HOUR_MS) % DAY_MS;
    return Math.floor((local < 0 ? local + DAY_MS : local) / HOUR_MS);
  };
  const dayOfMonth = Array.from({ length: days }, (_, day) => new Date(WORLD_START + day * DAY_MS).getUTCDate());

  interface Spec {
    readonly time: number;
    /** Where the payment was made (its local hour and currency are that country's). */
    readonly country: string;
    readonly amount: number;
    readonly channel: Channel;
    readonly payer?: string | undefined;
    readonly payee?: string | undefined;
    readonly payerName?: string | undefined;
    readonly merchant?: string | undefined;
    readonly category?: string | undefined;
    readonly payerCountry?: string | undefined;
    readonly payeeCountry?: string | undefined;
    readonly city?: string | undefined;
    readonly currency?: string | undefined;
  }
  const emit = (spec: Spec): void => {
    if (spec.time < WORLD_START || spec.time >= end) return;
    // Every transaction has the same fields in the same order (undefined when it has none).
    drafts.push({
      id: '',
      time: spec.time,
      localHour: localHourOf(spec.time, spec.country),
      amount: Math.max(1, Math.round(spec.amount)),
      currency: spec.currency ?? currencyOf(spec.country),
      payerAccount: spec.payer,
      payeeAccount: spec.payee,
      payerName: spec.payerName,
      payeeName: undefined,
      merchantId: spec.merchant,
      merchantCategory: spec.category,
      channel: spec.channel,
      payerCountry: spec.payerCountry,
      payeeCountry: spec.payeeCountry,
      city: spec.city,
      card: spec.channel === 'card' ? spec.payer : undefined,
    });
  };

  const logUniform = (random: Random, low: number, high: number) => low * Math.pow(high / low, random.next());
  const roundTo = (value: number, step: number) => Math.max(step, Math.round(value / step) * step);
  const poisson = (random: Random, mean: number): number => {
    const limit = Math.exp(-mean);
    let count = 0;
    let product = random.next();
    while (product > limit) {
      count += 1;
      product *= random.next();
    }
    return count;
  };
  const seconds = (random: Random) => random.int(0, 59) * 1_000;
  /** An instant at an hour drawn from `weights` on `day`, where `country` is. */
  const at = (random: Random, day: number, weights: readonly (readonly [number, number])[], country: string) =>
    timeOf(day, random.weighted(weights), random.int(0, 59), country) + seconds(random);

  // --- merchants --------------------------------------------------------------------------------
  const population = new Map<string, number>();
  const merchantLists = new Map<string, Merchant[]>();
  /** How many merchants of a category a city has, by its people. */
  const PER_THOUSAND: Readonly<Record<string, readonly [number, number]>> = {
    '5411': [2, 8],
    '5812': [3, 12],
    '5541': [1, 3],
    '5813': [1, 4],
    '5651': [1, 4],
    '5912': [1, 3],
    '7230': [1, 4],
    '7297': [1, 1],
    '7298': [1, 1],
    '7011': [3, 4],
    '4121': [1, 0],
    '4111': [1, 0],
    '6011': [1, 0],
  };
  const merchantsOf = (city: City, code: string): Merchant[] => {
    const key = `${city.name}\u0000${code}`;
    let list = merchantLists.get(key);
    if (list === undefined) {
      const [least, perThousand] = PER_THOUSAND[code] ?? [1, 0];
      const count = Math.max(least, Math.round(((population.get(city.name) ?? 0) / 1000) * perThousand));
      const brands = BRANDS[code] ?? ['Merchant'];
      list = Array.from({ length: count }, (_, index) => {
        const brand = brands[index % brands.length] as string;
        const round = Math.floor(index / brands.length);
        return { id: `${brand} ${city.name}${round === 0 ? '' : ` ${round + 1}`}`, code, city };
      });
      merchantLists.set(key, list);
    }
    return list;
  };

  // --- the background population ----------------------------------------------------------------
  const people = root.fork('people');
  const businessCount = Math.max(2, Math.round(options.accounts * 0.04));
  const personCount = options.accounts - businessCount;
  const cityWeights = DESTINATIONS.map((city) => [city, CITY_WEIGHT[city.name] ?? 1] as const);
  const originWeights = ORIGINS.map((origin) => [origin, origin.weight] as const);
  const businesses: Business[] = [];
  const businessesByCity = new Map<string, Business[]>();
  for (let index = 0; index < businessCount; index += 1) {
    const business: Business = {
      account: newAccount(),
      city: people.weighted(cityWeights),
      payday: people.int(25, 28),
      staff: [],
    };
    businesses.push(business);
    const list = businessesByCity.get(business.city.name) ?? [];
    list.push(business);
    businessesByCity.set(business.city.name, list);
  }
  const persons: Person[] = [];
  const personsByCity = new Map<string, Person[]>();
  for (let index = 0; index < personCount; index += 1) {
    const city = people.weighted(cityWeights);
    let origin: Origin | undefined;
    if (people.chance(0.25)) {
      origin = people.weighted(originWeights);
      if (origin.country === city.country || origin.country === 'GB' || origin.country === 'FR') origin = undefined;
    }
    const travel = [people.pick(TRAVEL_CITIES)];
    if (people.chance(0.4)) travel.push(people.pick(TRAVEL_CITIES));
    const person: Person = {
      account: newAccount(),
      city,
      origin,
      activity: 0.4 + people.next() * 1.2,
      car: people.chance(0.55),
      commuter: false,
      friends: [],
      travel: travel.filter((place) => place.name !== city.name),
      employer: undefined,
      salary: 0,
      rent: undefined,
      tenants: 0,
      remittance: undefined,
      prepaidCard: undefined,
      dating: undefined,
      away: undefined,
      lastFriendTransfer: -10,
    };
    persons.push(person);
    population.set(city.name, (population.get(city.name) ?? 0) + 1);
    const list = personsByCity.get(city.name) ?? [];
    list.push(person);
    personsByCity.set(city.name, list);
  }
  // Work, rent, friends, remittances, prepaid cards and subscriptions.
  for (const person of persons) {
    const local = businessesByCity.get(person.city.name) ?? businesses;
    if (people.chance(0.85)) {
      // Employers of very different sizes: a few large, many small.
      const employer = local[Math.floor(Math.pow(people.next(), 2.2) * local.length)] as Business;
      person.employer = employer;
      employer.staff.push(person);
      person.salary = roundTo(logUniform(people, 160_000, 650_000), 100);
      person.commuter = people.chance(0.5);
    }
    const neighbours = personsByCity.get(person.city.name) ?? persons;
    if (people.chance(0.55)) {
      // One landlord, who lets to at most two tenants.
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const landlord = people.pick(neighbours);
        if (landlord === person || landlord.tenants >= 2 || landlord.rent !== undefined) continue;
        landlord.tenants += 1;
        person.rent = { landlord, amount: roundTo(logUniform(people, 55_000, 220_000), 500), day: people.int(1, 4) };
        break;
      }
    }
    const friends = people.int(2, 6);
    for (let count = 0; count < friends; count += 1) {
      const friend = people.chance(0.9) ? people.pick(neighbours) : people.pick(persons);
      if (friend === person || person.friends.includes(friend)) continue;
      person.friends.push(friend);
      friend.friends.push(person);
    }
    if (person.origin !== undefined && person.employer !== undefined && people.chance(0.45)) {
      const homes = ORIGIN_CITIES.filter((city) => city.country === person.origin?.country);
      person.remittance = {
        recipient: newAccount(),
        city: homes.length === 0 ? people.pick(ORIGIN_CITIES) : people.pick(homes),
        share: 0.08 + people.next() * 0.17,
      };
    }
    if (people.chance(0.03)) person.prepaidCard = newId('PC');
    if (people.chance(0.04)) person.dating = people.int(1, 28);
  }

  // --- the background, day by day ----------------------------------------------------------------
  const daily = root.fork('background');
  // Salaries, rent and the day's fares are most of a commuter's monthly count; the rest is spending.
  const scheduledPerDay = 0.85 / 30 + 0.55 / 30 + 0.5 * 0.85 * (5 / 7) + 0.05;
  const spendPerDay = Math.max(
    0.2,
    (perAccountPerDay * options.accounts - businessCount * 0.1) / Math.max(1, personCount) - scheduledPerDay,
  );
  const here = (person: Person, day: number): City =>
    person.away !== undefined && day < person.away.until ? person.away.city : person.city;
  const card = (
    random: Random,
    person: Person,
    day: number,
    code: string,
    weights: typeof SHOP_HOURS,
    amount: readonly [number, number],
    step = 1,
  ) => {
    const city = here(person, day);
    const merchant = random.pick(merchantsOf(city, code));
    emit({
      time: at(random, day, weights, city.country),
      country: city.country,
      amount: roundTo(logUniform(random, amount[0], amount[1]), step),
      channel: 'card',
      payer: person.account,
      merchant: merchant.id,
      category: code,
      payerCountry: person.city.country,
      payeeCountry: city.country,
      city: city.name,
    });
  };
  const spendKinds = [
    ['grocery', 26],
    ['restaurant', 13],
    ['fuel', 7],
    ['bar', 4],
    ['clothing', 4],
    ['pharmacy', 3],
    ['salon', 1.6],
    ['massage', 0.3],
    ['spa', 0.4],
    ['taxi', 3],
    ['online', 8],
    ['telecom', 1.5],
    ['friend', 3],
    ['cash', 5],
  ] as const;
  type SpendKind = (typeof spendKinds)[number][0];
  const spend = (random: Random, person: Person, day: number, kind: SpendKind): void => {
    switch (kind) {
      case 'grocery':
        card(random, person, day, '5411', SHOP_HOURS, [300, 12_000]);
        return;
      case 'restaurant':
        card(random, person, day, '5812', MEAL_HOURS, [1_200, 9_000]);
        return;
      case 'fuel':
        if (person.car) card(random, person, day, '5541', FUEL_HOURS, [2_000, 9_000]);
        else card(random, person, day, '5411', SHOP_HOURS, [300, 6_000]);
        return;
      case 'bar':
        card(random, person, day, '5813', BAR_HOURS, [500, 6_000]);
        return;
      case 'clothing':
        card(random, person, day, '5651', DAY_HOURS, [1_500, 15_000]);
        return;
      case 'pharmacy':
        card(random, person, day, '5912', SHOP_HOURS, [300, 4_000]);
        return;
      case 'salon':
        card(random, person, day, '7230', DAY_HOURS, [1_500, 9_000], 50);
        return;
      case 'massage':
        card(random, person, day, '7297', MASSAGE_HOURS, [4_000, 12_000], 100);
        return;
      case 'spa':
        card(random, person, day, '7298', DAY_HOURS, [3_000, 15_000], 100);
        return;
      case 'taxi':
        card(random, person, day, '4121', TAXI_HOURS, [800, 6_000]);
        return;
      case 'online':
      case 'telecom': {
        const seller =
          kind === 'online' ? random.pick(ONLINE) : { name: 'MobileTop', code: '4814', amount: [500, 3_000] as const };
        emit({
          time: at(random, day, ONLINE_HOURS, person.city.country),
          country: person.city.country,
          amount: logUniform(random, seller.amount[0], seller.amount[1]),
          channel: 'card',
          payer: person.account,
          merchant: seller.name,
          category: seller.code,
          payerCountry: person.city.country,
          payeeCountry: person.city.country,
        });
        return;
      }
      case 'friend': {
        if (person.friends.length === 0 || day - person.lastFriendTransfer < 3) return;
        person.lastFriendTransfer = day;
        const friend = random.pick(person.friends);
        const amount = logUniform(random, 500, 30_000);
        emit({
          time: at(random, day, TRANSFER_HOURS, person.city.country),
          country: person.city.country,
          amount: random.chance(0.6) ? roundTo(amount, 100) : amount,
          channel: 'transfer',
          payer: person.account,
          payee: friend.account,
          payerCountry: person.city.country,
          payeeCountry: friend.city.country,
          city: person.city.name,
        });
        return;
      }
      case 'cash': {
        const city = here(person, day);
        emit({
          time: at(random, day, CASH_HOURS, city.country),
          country: city.country,
          amount: roundTo(logUniform(random, 2_000, 30_000), 1_000),
          channel: 'cash',
          payer: person.account,
          category: '6011',
          payerCountry: person.city.country,
          payeeCountry: city.country,
          city: city.name,
        });
        return;
      }
      default: {
        const unknown: never = kind;
        throw new Error(`unknown kind ${String(unknown)}`);
      }
    }
  };

  const trip = (random: Random, person: Person, day: number): void => {
    if (person.travel.length === 0) return;
    const city = random.pick(person.travel);
    const nights = random.int(1, 4);
    person.away = { city, until: day + nights };
    // One booking for the journey, made days or weeks before (some book the way back apart, while away).
    const abroad = city.country !== person.city.country;
    const seller = random.pick(abroad ? FLIGHTS : JOURNEYS);
    const booking = (when: number, from: City) => {
      emit({
        time: at(random, when, ONLINE_HOURS, from.country),
        country: from.country,
        amount: logUniform(random, abroad ? 6_000 : 1_500, abroad ? 60_000 : 15_000),
        channel: 'card',
        payer: person.account,
        merchant: seller.name,
        category: seller.code,
        payerCountry: person.city.country,
        payeeCountry: from.country,
      });
    };
    booking(day - random.int(1, 30), person.city);
    if (random.chance(0.25)) booking(day + random.int(0, nights - 1), city);
    const hotel = random.pick(merchantsOf(city, '7011'));
    emit({
      time: at(random, day, CHECK_IN_HOURS, city.country),
      country: city.country,
      amount: nights * roundTo(logUniform(random, 6_000, 22_000), 100),
      channel: 'card',
      payer: person.account,
      merchant: hotel.id,
      category: '7011',
      payerCountry: person.city.country,
      payeeCountry: city.country,
      city: city.name,
    });
  };

  for (let day = 0; day < days; day += 1) {
    const weekend = day % 7 >= 5;
    const date = dayOfMonth[day] as number;
    for (const person of persons) {
      if (person.away !== undefined && day >= person.away.until) person.away = undefined;
      const count = poisson(daily, spendPerDay * person.activity * (weekend ? 1.15 : 1));
      for (let index = 0; index < count; index += 1) spend(daily, person, day, daily.weighted(spendKinds));
      if (person.commuter && !weekend && person.away === undefined && daily.chance(0.9)) {
        // Contactless fares are charged once a day, at the day's end.
        const transit = merchantsOf(person.city, '4111')[0] as Merchant;
        emit({
          time: timeOf(day, 23, daily.int(0, 59), person.city.country) + seconds(daily),
          country: person.city.country,
          amount: roundTo(logUniform(daily, 280, 900), 10),
          channel: 'card',
          payer: person.account,
          merchant: transit.id,
          category: '4111',
          payerCountry: person.city.country,
          payeeCountry: person.city.country,
          city: person.city.name,
        });
      }
      if (person.away === undefined && daily.chance(0.006)) trip(daily, person, day);
      if (person.rent !== undefined && date === person.rent.day) {
        emit({
          time: at(daily, day, TRANSFER_HOURS, person.city.country),
          country: person.city.country,
          amount: person.rent.amount,
          channel: 'transfer',
          payer: person.account,
          payee: person.rent.landlord.account,
          payerCountry: person.city.country,
          payeeCountry: person.rent.landlord.city.country,
          city: person.city.name,
        });
      }
      if (person.remittance !== undefined && person.employer !== undefined && date === person.employer.payday) {
        const remittance = person.remittance;
        emit({
          time: at(daily, day + daily.int(1, 3), TRANSFER_HOURS, person.city.country),
          country: person.city.country,
          amount: roundTo(person.salary * remittance.share, 500),
          channel: 'wire',
          payer: person.account,
          payee: remittance.recipient,
          payerCountry: person.city.country,
          payeeCountry: remittance.city.country,
          city: person.city.name,
        });
      }
      if (person.prepaidCard !== undefined && daily.chance(0.1)) {
        emit({
          time: at(daily, day, SHOP_HOURS, person.city.country),
          country: person.city.country,
          amount: roundTo(logUniform(daily, 1_000, 5_000), 500),
          channel: 'prepaid',
          payer: person.account,
          payee: person.prepaidCard,
          merchant: 'TopUp Card Services',
          category: '6540',
          payerCountry: person.city.country,
          payeeCountry: person.city.country,
          city: person.city.name,
        });
      }
      if (person.dating === date) {
        emit({
          time: at(daily, day, ONLINE_HOURS, person.city.country),
          country: person.city.country,
          amount: daily.pick([1_499, 1_999, 2_999]),
          channel: 'card',
          payer: person.account,
          merchant: 'MatchMaker Dating',
          category: '7273',
          payerCountry: person.city.country,
          payeeCountry: person.city.country,
        });
      }
    }
    for (const business of businesses) {
      const country = business.city.country;
      if (date === business.payday) {
        const batch = timeOf(day, daily.int(5, 8), daily.int(0, 59), country);
        for (const person of business.staff) {
          emit({
            time: batch + daily.int(0, 600) * 1_000,
            country,
            amount: person.salary,
            channel: 'transfer',
            payer: business.account,
            payee: person.account,
            payerCountry: country,
            payeeCountry: person.city.country,
            city: business.city.name,
          });
        }
      }
      if (daily.chance(0.07)) {
        const other = daily.pick(businesses);
        if (other !== business) {
          emit({
            time: at(daily, day, DAY_HOURS, country),
            country,
            amount: roundTo(logUniform(daily, 20_000, 2_000_000), 100),
            channel: 'wire',
            payer: business.account,
            payee: other.account,
            payerCountry: country,
            payeeCountry: other.city.country,
            city: business.city.name,
          });
        }
      }
      if (date === 10) {
        emit({
          time: at(daily, day, DAY_HOURS, country),
          country,
          amount: roundTo(logUniform(daily, 5_000, 80_000), 100),
          channel: 'card',
          payer: business.account,
          merchant: 'AdWorks Media',
          category: '7311',
          payerCountry: country,
          payeeCountry: country,
        });
      }
    }
  }

  // --- planted instances ---------------------------------------------------------------------------
  // People of the background who take part in planted activity, each in one instance at most.
  const pool = shuffled(root.fork('pool'), persons);
  let nextInPool = 0;
  const someone = (): Person | undefined => pool[nextInPool++];
  /** A first day for something lasting `span` days, inside the world. */
  const startDay = (random: Random, span: number) => random.int(0, Math.max(0, days - Math.ceil(span) - 1));
  const destinationIn = (random: Random, countries?: readonly string[]) =>
    random.pick(
      countries === undefined ? DESTINATIONS : DESTINATIONS.filter((city) => countries.includes(city.country)),
    );
  const plant = (typology: PlantedTypology, subjectId: string, accounts: Iterable<string>) =>
    truth.push({ typology, subjectId, accounts: [...new Set(accounts)].sort() });
  const origins = ORIGINS.filter((origin) => !['GB', 'FR', 'ES'].includes(origin.country));

  const planters: Record<PlantedTypology, (random: Random, index: number) => void> = {
    structuring(random, index) {
      const person = someone();
      const depositor = person?.account ?? newAccount();
      const city = person?.city ?? destinationIn(random);
      if (index % 2 === 0) {
        // Cash paid into the depositor's own account, just under the threshold, on days of one week.
        const count = random.int(3, 5);
        const first = startDay(random, 7);
        const offsets = shuffled(random, [0, 1, 2, 3, 4, 5])
          .slice(0, count)
          .sort((a, b) => a - b);
        for (const offset of offsets) {
          emit({
            time: at(random, first + offset, DAY_HOURS, city.country),
            country: city.country,
            amount: random.int(9_050, 9_950) * 100,
            channel: 'cash',
            payer: depositor,
            payee: depositor,
            payerCountry: city.country,
            payeeCountry: city.country,
            city: random.chance(0.5) ? city.name : destinationIn(random, [city.country]).name,
          });
        }
        plant('structuring', depositor, [depositor]);
        return;
      }
      // One sum split into near-identical transfers to one account on one day.
      const payee = random.chance(0.5) ? (someone()?.account ?? newAccount()) : newAccount();
      const parts = random.int(3, 5);
      const sum = random.int(15_000, 45_000) * 100;
      const day = startDay(random, 1);
      const times = Array.from({ length: parts }, () => timeOf(day, random.int(8, 19), random.int(0, 59), city.country))
        .sort((a, b) => a - b)
        .map((time, part) => time + part * 1_000);
      for (const time of times) {
        emit({
          time,
          country: city.country,
          amount: roundTo((sum / parts) * (0.97 + random.next() * 0.06), 100),
          channel: 'transfer',
          payer: depositor,
          payee,
          payerCountry: city.country,
          payeeCountry: city.country,
          city: city.name,
        });
      }
      plant('structuring', depositor, [depositor, payee]);
    },

    fan_in(random) {
      const collector = newAccount();
      const city = destinationIn(random);
      const payers = Array.from({ length: random.int(5, 10) }, () => newAccount());
      const base = logUniform(random, 60_000, 800_000);
      const span = random.int(3, 25);
      const first = startDay(random, span);
      for (const payer of payers) {
        const from = destinationIn(random, [city.country]);
        emit({
          time: at(random, first + random.int(0, span), TRANSFER_HOURS, from.country),
          country: from.country,
          amount: roundTo(base * (0.98 + random.next() * 0.04), 100),
          channel: 'transfer',
          payer,
          payee: collector,
          payerCountry: from.country,
          payeeCountry: city.country,
          city: from.name,
        });
      }
      plant('fan_in', collector, [collector, ...payers]);
    },

    cycle(random) {
      const members = Array.from({ length: random.int(3, 6) }, () => newAccount());
      const city = destinationIn(random);
      const span = random.int(2, 25);
      const first = startDay(random, span);
      const times = Array.from(
        { length: members.length },
        () => WORLD_START + first * DAY_MS + random.next() * span * DAY_MS,
      )
        .sort((a, b) => a - b)
        .map((time, leg) => Math.floor(time / 1_000) * 1_000 + leg);
      // Half the chains are laid down leg by leg in order, half in any order.
      const order = random.chance(0.5) ? shuffled(random, times) : times;
      let amount = logUniform(random, 100_000, 3_000_000);
      let latest = -Infinity;
      let closer = members[0] as string;
      members.forEach((payer, leg) => {
        const payee = members[(leg + 1) % members.length] as string;
        const time = order[leg] as number;
        if (time > latest) {
          latest = time;
          closer = payee;
        }
        emit({
          time,
          country: city.country,
          amount: roundTo(amount, 100),
          channel: random.chance(0.7) ? 'transfer' : 'wire',
          payer,
          payee,
          payerCountry: city.country,
          payeeCountry: city.country,
          city: city.name,
        });
        // Each account keeps a small fee: near-identical amounts all the way round.
        amount *= 1 - random.next() * 0.008;
      });
      // The engine alerts on the account the last payment closes the cycle at.
      plant('cycle', closer, members);
    },

    after_hours_personal_services(random, index) {
      const city = destinationIn(random);
      const code = random.pick(['7230', '7297', '7298']);
      const label = code === '7230' ? 'Nails' : code === '7297' ? 'Massage' : 'Spa';
      const name = `${random.pick(['Lotus', 'Orchid', 'Jade', 'Pearl', 'Silk', 'Velvet', 'Golden'])} ${label} ${city.name} ${index + 1}`;
      const customers = personsByCity.get(city.name) ?? persons;
      const span = random.int(20, 28);
      const first = startDay(random, span);
      const late = random.int(8, 20);
      const daytime = random.int(0, late);
      const payers: string[] = [];
      for (let count = 0; count < late + daytime; count += 1) {
        const payer = random.pick(customers).account;
        payers.push(payer);
        const hour = count < late ? random.int(22, 28) : random.int(10, 20);
        emit({
          time: timeOf(first + random.int(0, span), hour, random.int(0, 59), city.country) + seconds(random),
          country: city.country,
          amount: roundTo(logUniform(random, 4_000, 20_000), 500),
          channel: 'card',
          payer,
          merchant: name,
          category: code,
          payerCountry: city.country,
          payeeCountry: city.country,
          city: city.name,
        });
      }
      plant('after_hours_personal_services', name, payers);
    },

    funnel_account(random) {
      const country = random.weighted([
        ['GB', 3],
        ['FR', 1],
      ] as const);
      const cities = CITIES.filter((city) => city.country === country);
      const home = random.pick(cities.filter((city) => city.role === 'destination'));
      const funnel = newAccount();
      const controller = newAccount();
      const span = random.int(4, 11);
      const first = startDay(random, span + 2);
      const towns = shuffled(random, cities).slice(0, random.int(3, Math.min(5, cities.length)));
      const accounts = [funnel, controller];
      const inflows: number[][] = Array.from({ length: span + 1 }, () => []);
      const payers = random.int(8, 14);
      for (let payer = 0; payer < payers; payer += 1) {
        const town = towns[payer % towns.length] as City;
        const cash = random.chance(0.5);
        const account = cash ? undefined : newAccount();
        if (account !== undefined) accounts.push(account);
        const name = cash
          ? personName(random, random.pick(origins), random.chance(0.7) ? 'female' : 'male').full
          : undefined;
        const times = random.chance(0.3) ? 2 : 1;
        for (let payment = 0; payment < times; payment += 1) {
          const offset = random.int(0, span);
          const amount = roundTo(logUniform(random, 20_000, 150_000), cash ? 1_000 : 100);
          (inflows[offset] as number[]).push(amount);
          emit({
            time: at(random, first + offset, DAY_HOURS, country),
            country,
            amount,
            channel: cash ? 'cash' : 'transfer',
            payer: account,
            payee: funnel,
            payerName: name,
            payerCountry: country,
            payeeCountry: country,
            city: town.name,
          });
        }
      }
      // Emptied the next day: most of each day's takings, in cash or sent on to the controller.
      inflows.forEach((amounts, offset) => {
        if (amounts.length === 0) return;
        const total = amounts.reduce((sum, amount) => sum + amount, 0);
        const out = roundTo(total * (0.8 + random.next() * 0.15), 100);
        const toController = random.chance(0.5);
        emit({
          time: timeOf(first + offset + 1, random.int(9, 17), random.int(0, 59), country),
          country,
          amount: out,
          channel: toController ? 'transfer' : 'cash',
          payer: funnel,
          payee: toController ? controller : undefined,
          payerCountry: country,
          payeeCountry: country,
          city: home.name,
        });
      });
      plant('funnel_account', funnel, accounts);
    },

    classified_ad_payments(random) {
      const person = someone();
      const payer = person?.account ?? newAccount();
      const country = person?.city.country ?? 'GB';
      const sites = Array.from({ length: random.int(1, 3) }, () => random.pick(AD_SITES));
      const span = random.int(6, 25);
      const first = startDay(random, span);
      const count = random.int(5, 10);
      for (let payment = 0; payment < count; payment += 1) {
        const site = random.pick(sites);
        emit({
          time: timeOf(first + random.int(0, span), random.int(0, 23), random.int(0, 59), country) + seconds(random),
          country,
          amount: roundTo(logUniform(random, 500, 8_000), 50),
          channel: 'card',
          payer,
          merchant: site.name,
          category: site.code,
          payerCountry: country,
          payeeCountry: random.chance(0.5) ? country : 'US',
        });
      }
      plant('classified_ad_payments', payer, [payer]);
    },

    stays_many_cities(random) {
      const person = someone();
      const payer = person?.account ?? newAccount();
      const home = person?.city ?? destinationIn(random);
      const count = random.chance(0.7) ? 4 : 5;
      const cities = shuffled(
        random,
        TRAVEL_CITIES.filter((city) => city.name !== home.name),
      ).slice(0, count);
      // A circuit: a few nights in each city, all within two weeks.
      const spacing = count === 4 ? 4.2 : 3.2;
      const first = startDay(random, 14);
      cities.forEach((city, stop) => {
        const hotel = random.pick(merchantsOf(city, '7011'));
        const day = first + Math.floor(stop * spacing);
        emit({
          time: at(random, day, CHECK_IN_HOURS, city.country),
          country: city.country,
          amount: Math.floor(spacing) * roundTo(logUniform(random, 6_000, 16_000), 100),
          channel: 'card',
          payer,
          merchant: hotel.id,
          category: random.chance(0.8) ? '7011' : random.pick(['3509', '3640', '3710']),
          payerCountry: home.country,
          payeeCountry: city.country,
          city: city.name,
        });
      });
      plant('stays_many_cities', payer, [payer]);
    },

    one_payer_many_stays(random) {
      const person = someone();
      const payer = person?.account ?? newAccount();
      const home = person?.city ?? destinationIn(random);
      const places = random.int(3, 5);
      const span = random.int(1, 6);
      const first = startDay(random, span);
      const accounts = [payer];
      const hotels = merchantsOf(home, '7011').slice();
      for (let place = 0; place < places; place += 1) {
        const kind = random.weighted([
          ['7011', 5],
          ['7012', 2],
          ['6513', 2],
        ] as const);
        const day = first + random.int(0, span);
        if (kind === '7011' && hotels.length > 0) {
          const hotel = hotels.splice(random.int(0, hotels.length - 1), 1)[0] as Merchant;
          emit({
            time: at(random, day, CHECK_IN_HOURS, home.country),
            country: home.country,
            amount: random.int(2, 7) * roundTo(logUniform(random, 5_000, 12_000), 100),
            channel: 'card',
            payer,
            merchant: hotel.id,
            category: '7011',
            payerCountry: home.country,
            payeeCountry: home.country,
            city: home.name,
          });
        } else if (kind === '6513') {
          const agent = newAccount();
          accounts.push(agent);
          emit({
            time: at(random, day, DAY_HOURS, home.country),
            country: home.country,
            amount: roundTo(logUniform(random, 40_000, 120_000), 1_000),
            channel: 'transfer',
            payer,
            payee: agent,
            merchant: `${random.pick(['Key', 'Home', 'Room', 'Urban'])} Lettings ${home.name} ${agent.slice(-3)}`,
            category: '6513',
            payerCountry: home.country,
            payeeCountry: home.country,
            city: home.name,
          });
        } else {
          emit({
            time: at(random, day, ONLINE_HOURS, home.country),
            country: home.country,
            amount: random.int(3, 7) * roundTo(logUniform(random, 4_000, 10_000), 100),
            channel: 'card',
            payer,
            merchant: `${random.pick(['CityStay', 'ShortLet', 'FlatShare'])} Apartments ${home.name} ${random.int(1, 999)}`,
            category: '7012',
            payerCountry: home.country,
            payeeCountry: home.country,
            city: home.name,
          });
        }
      }
      plant('one_payer_many_stays', payer, accounts);
    },

    third_party_travel(random, index) {
      const person = someone();
      const payer = person?.account ?? newAccount();
      const country = person?.city.country ?? 'GB';
      const tickets = random.int(4, 7);
      const first = startDay(random, 2);
      const hoursSpan = random.int(1, 40);
      const named = index % 2 === 0;
      const origin = random.pick(origins);
      for (let ticket = 0; ticket < tickets; ticket += 1) {
        const seller = random.pick(TRAVEL_SELLERS);
        emit({
          time: timeOf(first, 8, 0, country) + Math.floor(random.next() * hoursSpan * HOUR_MS),
          country,
          amount: roundTo(logUniform(random, 2_000, 40_000), 100),
          channel: 'card',
          payer,
          payerName: named ? personName(random, origin, random.chance(0.6) ? 'female' : 'male').full : undefined,
          merchant: seller.name,
          category: seller.code,
          payerCountry: country,
          payeeCountry: country,
        });
      }
      plant('third_party_travel', payer, [payer]);
    },

    prepaid_loads(random) {
      const person = someone();
      const payer = person?.account ?? newAccount();
      const city = person?.city ?? destinationIn(random);
      const cards = Array.from({ length: random.int(3, 6) }, () => newId('PC'));
      const loads = random.int(Math.max(5, cards.length), 10);
      const span = random.int(1, 6);
      const first = startDay(random, span);
      for (let load = 0; load < loads; load += 1) {
        emit({
          time: at(random, first + random.int(0, span), SHOP_HOURS, city.country),
          country: city.country,
          amount: roundTo(logUniform(random, 5_000, 50_000), 1_000),
          channel: 'prepaid',
          payer,
          payee: load < cards.length ? cards[load] : random.pick(cards),
          merchant: random.pick(['TopUp Card Services', 'PayPoint', 'CashCard Reload']),
          category: '6540',
          payerCountry: city.country,
          payeeCountry: city.country,
          city: city.name,
        });
      }
      plant('prepaid_loads', payer, [payer, ...cards]);
    },

    debt_bondage_remittances(random) {
      const origin = random.pick(origins);
      const homes = ORIGIN_CITIES.filter((city) => city.country === origin.country);
      const home = homes.length === 0 ? random.pick(ORIGIN_CITIES) : random.pick(homes);
      const recipient = newAccount();
      const senders = Array.from({ length: random.int(5, 9) }, () => newAccount());
      const span = random.int(20, 33);
      const first = startDay(random, span);
      const workplace = destinationIn(random);
      for (const sender of senders) {
        const instalment = logUniform(random, 8_000, 40_000);
        const times = random.int(2, 4);
        const gap = Math.floor(span / times);
        for (let payment = 0; payment < times; payment += 1) {
          const day = first + payment * gap + random.int(0, Math.max(0, gap - 5));
          emit({
            time: at(random, day, TRANSFER_HOURS, workplace.country),
            country: workplace.country,
            amount: Math.min(50_000, roundTo(instalment * (0.9 + random.next() * 0.2), 100)),
            channel: random.chance(0.5) ? 'transfer' : 'wire',
            payer: sender,
            payee: recipient,
            payerCountry: workplace.country,
            payeeCountry: home.country,
            city: workplace.name,
            currency: currencyOf(workplace.country),
          });
        }
      }
      plant('debt_bondage_remittances', recipient, [recipient, ...senders]);
    },

    payroll_deductions(random) {
      const employer = newAccount();
      const city = destinationIn(random);
      const workers = Array.from({ length: random.int(5, 10) }, () => newAccount());
      const base = logUniform(random, 110_000, 220_000);
      const collector = random.chance(0.25) ? newAccount() : undefined;
      const payday = startDay(random, 6);
      const paying = workers.slice(0, Math.max(3, Math.ceil(workers.length * (0.6 + random.next() * 0.4))));
      const paydays = payday + 30 < days - 6 && random.chance(0.5) ? [payday, payday + 30] : [payday];
      for (const day of paydays) {
        const batch = timeOf(day, random.int(6, 9), random.int(0, 59), city.country);
        for (const worker of workers) {
          const wage = roundTo(base * (0.92 + random.next() * 0.16), 100);
          emit({
            time: batch + random.int(0, 600) * 1_000,
            country: city.country,
            amount: wage,
            channel: 'transfer',
            payer: employer,
            payee: worker,
            payerCountry: city.country,
            payeeCountry: city.country,
            city: city.name,
          });
          if (!paying.includes(worker)) continue;
          // A part of the wage paid back within days ("lodging", "transport", a recruitment debt).
          emit({
            time: batch + Math.floor((0.2 + random.next() * 3.5) * DAY_MS),
            country: city.country,
            amount: roundTo(wage * (0.25 + random.next() * 0.2), 100),
            channel: random.chance(0.7) ? 'transfer' : 'cash',
            payer: worker,
            payee: collector ?? employer,
            payerCountry: city.country,
            payeeCountry: city.country,
            city: city.name,
          });
        }
      }
      plant('payroll_deductions', employer, [employer, ...workers, ...(collector === undefined ? [] : [collector])]);
    },

    smuggling_corridor(random) {
      const home = destinationIn(random, ['GB', 'DE', 'IT', 'FR', 'ES', 'NL', 'BE', 'AT']);
      const account = newAccount();
      const corridor = random.pick(CORRIDOR_CITIES);
      const onward = Array.from({ length: random.int(2, 3) }, () => newAccount());
      const payers = Array.from({ length: random.int(3, 7) }, () => newAccount());
      const first = startDay(random, 7);
      const fees = payers
        .map((payer) => {
          const from = random.chance(0.5) ? home : random.pick(ORIGIN_CITIES);
          return {
            payer,
            from,
            time: at(random, first + random.int(0, 3), TRANSFER_HOURS, from.country),
            amount: roundTo(logUniform(random, 150_000, 600_000), 1_000),
          };
        })
        .sort((a, b) => a.time - b.time);
      fees.forEach((fee, number) => {
        emit({
          time: fee.time,
          country: fee.from.country,
          amount: fee.amount,
          channel: fee.from.country === home.country ? 'transfer' : 'wire',
          payer: fee.payer,
          payee: account,
          payerCountry: fee.from.country,
          payeeCountry: home.country,
          city: fee.from.name,
        });
        // Passed on across the border within hours or a couple of days.
        emit({
          time: fee.time + Math.floor((4 + random.next() * 56) * HOUR_MS),
          country: home.country,
          amount: roundTo(fee.amount * (0.85 + random.next() * 0.12), 100),
          channel: random.chance(0.6) ? 'wire' : 'transfer',
          payer: account,
          payee: onward[number % onward.length],
          payerCountry: home.country,
          payeeCountry: corridor.country,
          city: home.name,
        });
      });
      plant('smuggling_corridor', account, [account, ...payers, ...onward]);
    },
  };

  for (const typology of PLANTED_TYPOLOGIES) {
    const random = root.fork(`planted:${typology}`);
    for (let index = 0; index < plantedCount; index += 1) planters[typology](random, index);
  }

  // --- in time order, with ids ---------------------------------------------------------------------
  drafts.sort((a, b) => a.time - b.time);
  drafts.forEach((draft, index) => {
    draft.id = `TX${String(index + 1).padStart(8, '0')}`;
  });
  return { transactions: drafts, truth };
}

/** The model's payment channel of a transaction (card payments online are not present). */
const ONLINE_CATEGORIES = new Set([
  '5999',
  '5942',
  '5815',
  '5732',
  '5712',
  '4814',
  '7273',
  '7311',
  '5967',
  '4511',
  '4131',
  '4112',
  '4722',
  '3005',
]);

/**
 * A transaction as a Payment record of the model, as a source would submit it: the time written
 * in local time with its offset (so the hour as written is the local hour), the merchant by name.
 */
export function paymentRecordOf(transaction: Transaction): {
  readonly type: 'Payment';
  readonly sourceRecordId: string;
  readonly properties: Readonly<Record<string, unknown>>;
} {
  let occurredAt = new Date(transaction.time).toISOString();
  if (transaction.localHour !== undefined) {
    const utcHour = new Date(transaction.time).getUTCHours();
    const offset = ((transaction.localHour - utcHour + 36) % 24) - 12;
    const local = new Date(transaction.time + offset * HOUR_MS).toISOString().slice(0, 23);
    const sign = offset < 0 ? '-' : '+';
    occurredAt = `${local}${sign}${String(Math.abs(offset)).padStart(2, '0')}:00`;
  }
  const channel =
    transaction.channel === 'card'
      ? ONLINE_CATEGORIES.has(transaction.merchantCategory ?? '')
        ? 'card_not_present'
        : 'card_present'
      : transaction.channel;
  const properties: Record<string, unknown> = {
    payerAccount: transaction.payerAccount,
    payeeAccount: transaction.payeeAccount,
    payerName: transaction.payerName,
    payeeName: transaction.payeeName,
    payerCountry: transaction.payerCountry,
    payeeCountry: transaction.payeeCountry,
    amount: transaction.amount,
    currency: transaction.currency,
    occurredAt,
    merchantCategory: transaction.merchantCategory,
    merchantName: transaction.merchantId,
    channel,
    city: transaction.city,
    country: transaction.payeeCountry,
  };
  return {
    type: 'Payment',
    sourceRecordId: transaction.id,
    properties: Object.fromEntries(Object.entries(properties).filter(([, value]) => value !== undefined)),
  };
}
