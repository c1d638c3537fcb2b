/**
 * A deterministic, realistic mix of records as sectors submit them: people, phones, documents,
 * trips, bookings, payments, adverts and the relationships between them. Until the synthetic
 * world generator covers every sector this is what ingest is measured on.
 */
import { createRandom } from '../../src/domain/synth/random.ts';

const GIVEN = ['Ana', 'Maria', 'Ivan', 'Olena', 'Mohammed', 'Fatima', 'Li', 'Wei', 'John', 'Grace', 'Nguyen', 'Amina'];
const FAMILY = ['Popescu', 'Ivanova', 'Kowalski', 'Haddad', 'Zhang', 'Okafor', 'Smith', 'Tran', 'Garcia', 'Mensah'];
const CITIES: readonly [string, string][] = [
  ['London', 'GB'],
  ['Leeds', 'GB'],
  ['Bucharest', 'RO'],
  ['Lagos', 'NG'],
  ['Madrid', 'ES'],
  ['Lyon', 'FR'],
  ['Doha', 'QA'],
  ['Hanoi', 'VN'],
];
const MCC = ['7230', '7297', '7011', '4121', '5812', '5411', '7311'];

/** `count` records of a realistic mix, in batches of `batchSize`. */
export function* recordMix(count: number, batchSize: number, seed = 1): Generator<unknown[]> {
  const random = createRandom(seed);
  const next = () => random.next();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const day = () =>
    `2025-${String(1 + Math.floor(next() * 12)).padStart(2, '0')}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
  let batch: unknown[] = [];
  for (let index = 0; index < count; index += 1) {
    const person = `p-${Math.floor(index / 10)}`;
    const [city, country] = pick(CITIES);
    const roll = next();
    let record: unknown;
    if (roll < 0.15) {
      record = {
        type: 'Person',
        sourceRecordId: `p-${index}`,
        properties: {
          name: `${pick(GIVEN)} ${pick(FAMILY)}`,
          birthDate: `19${70 + Math.floor(next() * 30)}-0${1 + Math.floor(next() * 9)}`,
          nationality: country,
          phone: `+44 7700 ${String(Math.floor(next() * 1e6)).padStart(6, '0')}`,
        },
      };
    } else if (roll < 0.25) {
      record = {
        type: 'Phone',
        sourceRecordId: `ph-${index}`,
        properties: { number: `+40 721 ${String(index).padStart(6, '0')}`, lineType: 'mobile' },
      };
    } else if (roll < 0.3) {
      record = {
        type: 'IdentityDocument',
        sourceRecordId: `doc-${index}`,
        properties: {
          documentType: 'passport',
          number: `X${String(index).padStart(8, '0')}`,
          issuingCountry: country,
          holder: person,
        },
      };
    } else if (roll < 0.45) {
      record = {
        type: 'Trip',
        sourceRecordId: `trip-${index}`,
        properties: {
          mode: pick(['air', 'bus', 'ride_hailing'] as const),
          origin: city,
          destination: pick(CITIES)[0],
          departureAt: `${day()}T0${Math.floor(next() * 10)}:15:00Z`,
          passengers: [person],
          carrier: 'Skyways',
        },
      };
    } else if (roll < 0.55) {
      record = {
        type: 'Booking',
        sourceRecordId: `bk-${index}`,
        properties: {
          checkIn: day(),
          city,
          country,
          guests: [person],
          amount: Math.floor(next() * 50_000),
          currency: 'EUR',
        },
      };
    } else if (roll < 0.85) {
      record = {
        type: 'Payment',
        sourceRecordId: `pay-${index}`,
        properties: {
          payer: person,
          amount: Math.floor(next() * 100_000),
          currency: 'EUR',
          occurredAt: `${day()}T${String(Math.floor(next() * 24)).padStart(2, '0')}:00:00Z`,
          merchantCategory: pick(MCC),
          channel: 'card_present',
          city,
          country,
        },
      };
    } else if (roll < 0.9) {
      record = {
        type: 'Advert',
        sourceRecordId: `ad-${index}`,
        properties: {
          site: 'classifieds.example',
          title: 'New in town',
          city: [city],
          phone: ['+44 7700 900123'],
          category: 'massage',
        },
      };
    } else {
      record = {
        type: 'UsesPhone',
        sourceRecordId: `up-${index}`,
        properties: { holder: person, phone: `ph-${index - 1}` },
      };
    }
    batch.push(record);
    if (batch.length === batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
