/**
 * What every part of a synthetic world shares: the items a world is made of, true people, the
 * emitter that collects a part's records with their truth, and small helpers for dates and money.
 */
import type { EnvelopeInput } from '../model/envelope.ts';
import { CITIES, MERCHANT_CATEGORIES, type City, type MerchantCategory, type Origin } from './gazetteer.ts';
import { personName } from './names.ts';
import { nameVariant, partialDate, phoneNumber } from './noise.ts';
import type { Random } from './random.ts';

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

/** The kinds of planted network. */
export type Exploitation = 'sexual_exploitation' | 'forced_labour' | 'migrant_smuggling' | 'forced_criminality';

/** What a true person does in a planted network. */
export type NetworkRole =
  'controller' | 'recruiter' | 'victim' | 'facilitator' | 'driver' | 'migrant' | 'agent' | 'worker' | 'collector';

/** A planted network and everything that belongs to it. */
export interface PlantedNetwork {
  readonly id: string;
  readonly exploitation: Exploitation;
  readonly members: readonly { readonly person: string; readonly role: NetworkRole }[];
  /** Phone numbers (E.164) the network uses. */
  readonly phones: readonly string[];
  /** Document numbers the network uses: stolen, fraudulent or retained. */
  readonly documents: readonly string[];
  readonly cities: readonly string[];
  /** The red-flag typologies it exhibits. */
  readonly typologies: readonly string[];
  /** Bank accounts, payment instruments and online accounts it uses. */
  readonly accounts: readonly RecordKey[];
  readonly adverts: readonly RecordKey[];
  readonly trips: readonly RecordKey[];
  /** Payments that belong to a typology, with that typology. */
  readonly transactions: readonly (RecordKey & { readonly typology: string })[];
  /** Every record that belongs to it. */
  readonly records: readonly RecordKey[];
}

/** One item of a world, in the order it is generated. */
export type WorldItem =
  | { readonly kind: 'record'; readonly owner: string; readonly record: SubmittedRecord }
  /** A record that refers to a person, and the true person it refers to. */
  | { readonly kind: 'mention'; readonly key: RecordKey; readonly person: string }
  /** A notice or tip, and whom or what it is about: a true person, a network, a document number. */
  | {
      readonly kind: 'reference';
      readonly key: RecordKey;
      readonly person?: string;
      readonly network?: string;
      readonly document?: string;
    }
  | { readonly kind: 'network'; readonly network: PlantedNetwork };

/** A person of the world as they really are, before any record writes them down. */
export interface TruePerson {
  readonly id: string;
  readonly origin: Origin;
  readonly gender: 'female' | 'male';
  readonly name: string;
  readonly birthDate: string;
  readonly phone: string;
  readonly home: City;
}

export const DAY = 86_400_000;
export const DESTINATIONS = CITIES.filter((city) => city.role === 'destination');
export const TRANSITS = CITIES.filter((city) => city.role === 'transit');

/** The merchant category with this code. */
export function mcc(code: string): MerchantCategory {
  const category = MERCHANT_CATEGORIES.find((candidate) => candidate.code === code);
  if (category === undefined) throw new Error(`no merchant category ${code}`);
  return category;
}

const days = new Map<number, string>();

/** The day `day` days after `start` (ms, midnight UTC), as YYYY-MM-DD. */
export function isoDay(start: number, day: number): string {
  const time = start + day * DAY;
  let text = days.get(time);
  if (text === undefined) {
    text = new Date(time).toISOString().slice(0, 10);
    if (days.size >= 100_000) days.clear();
    days.set(time, text);
  }
  return text;
}

const TWO_DIGITS = Array.from({ length: 60 }, (_, value) => String(value).padStart(2, '0'));

/** An instant on a day of the world, to the minute, in UTC (hours past 23 run into the next days). */
export function instant(start: number, day: number, hour: number, minute: number): string {
  const whole = day + Math.floor(hour / 24);
  return `${isoDay(start, whole)}T${TWO_DIGITS[hour % 24] ?? ''}:${TWO_DIGITS[minute] ?? ''}:00Z`;
}

/** A date of birth for someone aged between minAge and maxAge in 2026. */
export function birthDate(random: Random, minAge: number, maxAge: number): string {
  const year = 2026 - random.int(minAge, maxAge);
  return `${year}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
}

const homes = new Map<string, readonly City[]>();

/** Where people of a country live: its cities, and the destinations. */
function homesOf(country: string): readonly City[] {
  let cities = homes.get(country);
  if (cities === undefined) {
    cities = CITIES.filter((city) => city.country === country).concat(DESTINATIONS);
    homes.set(country, cities);
  }
  return cities;
}

/** A true person of the origin, living at home in their country or in a destination city. */
export function truePerson(
  random: Random,
  id: string,
  origin: Origin,
  gender: 'female' | 'male',
  age: readonly [number, number],
): TruePerson {
  const home = random.pick(homesOf(origin.country));
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

/**
 * A phone number that can never be a real person's, for planted networks: Ofcom's range for
 * drama, 07700 900000–900999. A synthetic trafficking record must never carry a possibly real number.
 */
export function fictionalPhone(random: Random): string {
  return `+447700900${String(random.int(0, 999)).padStart(3, '0')}`;
}

/** What a record emitted for a network adds to the network's truth. */
export interface EmitOptions {
  /** The true person the record refers to. */
  readonly person?: string;
  /** The red-flag typology a payment belongs to. */
  readonly typology?: string;
}

const ACCOUNT_TYPES = new Set(['BankAccount', 'PaymentInstrument', 'OnlineAccount']);

/** Collects a part of the world: records with their owner, mentions of true people, what belongs to a network. */
export class Emitter {
  readonly items: WorldItem[] = [];
  readonly keys: RecordKey[] = [];
  readonly accounts: RecordKey[] = [];
  readonly adverts: RecordKey[] = [];
  readonly trips: RecordKey[] = [];
  readonly transactions: (RecordKey & { typology: string })[] = [];

  /** Emits a record and returns its id, for other records of the same owner to refer to. */
  record(owner: string, record: SubmittedRecord, options: EmitOptions = {}): string {
    this.items.push({ kind: 'record', owner, record });
    const key = { owner, sourceRecordId: record.sourceRecordId };
    this.keys.push(key);
    if (ACCOUNT_TYPES.has(record.type)) this.accounts.push(key);
    else if (record.type === 'Advert') this.adverts.push(key);
    else if (record.type === 'Trip') this.trips.push(key);
    if (options.typology !== undefined) this.transactions.push({ ...key, typology: options.typology });
    if (options.person !== undefined) this.items.push({ kind: 'mention', key, person: options.person });
    return record.sourceRecordId;
  }

  /** Says whom or what an emitted notice or tip is about. */
  reference(key: RecordKey, about: { person?: string; network?: string; document?: string }): void {
    this.items.push({ kind: 'reference', key, ...about });
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
      { person: person.id },
    );
  }

  /**
   * A planted network with the records this emitter collected: its members are its people, its
   * documents the numbers of the documents it uses.
   */
  planted(
    people: Planted['people'],
    network: Omit<
      PlantedNetwork,
      'members' | 'documents' | 'accounts' | 'adverts' | 'trips' | 'transactions' | 'records'
    >,
    documents: readonly PlantedDocument[] = [],
  ): Planted {
    return {
      // Fields in the order the truth files have always listed them.
      network: {
        id: network.id,
        exploitation: network.exploitation,
        members: people.map(({ person, role }) => ({ person: person.id, role })),
        phones: network.phones,
        documents: documents.map((document) => document.number),
        cities: network.cities,
        typologies: network.typologies,
        accounts: this.accounts,
        adverts: this.adverts,
        trips: this.trips,
        transactions: this.transactions,
        records: this.keys,
      },
      people,
      documents,
    };
  }
}

const EURO = new Set(['AT', 'BE', 'DE', 'ES', 'FR', 'GR', 'IE', 'IT', 'NL']);

/** The currency payments are made in, in a country of the world. */
export function currencyOf(country: string): string {
  if (country === 'GB') return 'GBP';
  return EURO.has(country) ? 'EUR' : 'USD';
}

/** A planted network with the true people and documents notices and tips may be about. */
export interface Planted {
  readonly network: PlantedNetwork;
  readonly people: readonly { readonly person: TruePerson; readonly role: NetworkRole }[];
  /** Documents it uses that are not its users' own: stolen from, or forged in the name of, someone else. */
  readonly documents: readonly PlantedDocument[];
}

/** A document as its real holder knows it. */
export interface PlantedDocument {
  readonly number: string;
  readonly country: string;
  readonly documentType: 'passport' | 'national_id';
  readonly status: 'stolen' | 'fraudulent';
  readonly holderName: string;
  readonly holderBirthDate: string;
  /** When the real holder reported it stolen. */
  readonly reportedOn: string;
}

/** A fictional IBAN of the world's bank. */
export function northbankIban(random: Random): string {
  return `GB${String(random.int(10, 99))}NBNK${String(random.int(10_000_000, 99_999_999))}${String(random.int(100_000, 999_999))}`;
}
