/**
 * The background population: ordinary people and what they leave in the records of each sector.
 * The vast majority of any world, and the haystack planted networks hide in.
 */
import { CITIES, MERCHANT_CATEGORIES } from './gazetteer.ts';
import { currencyOf, DESTINATIONS, instant, isoDay, type Emitter, type TruePerson } from './kit.ts';
import { latinName, personName } from './names.ts';
import { nameVariant, phoneVariant, stripDiacritics } from './noise.ts';
import type { Random } from './random.ts';
import { worldOrganisation } from './organisations.ts';

/** What one person of the background population leaves in the records of each sector. */
export function backgroundPerson(random: Random, person: TruePerson, start: number, days: number, out: Emitter): void {
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
    // Airlines hold the name as the passport prints it: Latin capitals, whatever the script at home.
    const printed = person.origin.script === 'latin' ? person.name : latinName(random, person.name);
    const passenger = out.person(random, airline, `pax-${tag}`, person, { name: printed.toUpperCase() });
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
      { person: person.id },
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
      { person: `${person.id}-K` },
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
  if (random.chance(0.35)) {
    // An account on the social network, under the name people call them, sometimes with a phone.
    const given = person.name.split(/\s+/u)[0] ?? person.name;
    out.record(
      worldOrganisation('connectly').id,
      {
        type: 'OnlineAccount',
        sourceRecordId: `acc-${tag}`,
        properties: {
          service: 'Connectly',
          username: `${stripDiacritics(latinName(random, given))
            .toLowerCase()
            .replace(/[^a-z]/gu, '')}.${random.int(1, 9999)}`,
          displayName: nameVariant(random, person.name, person.origin),
          ...(random.chance(0.3) ? { phone: [phoneVariant(random, person.phone)] } : {}),
          createdAt: instant(start, -random.int(30, 3_000), random.int(0, 23), random.int(0, 59)),
        },
      },
      { person: person.id },
    );
  }
  if (random.chance(0.1)) {
    // A short let through the platform, for a weekend or a week.
    const platform = worldOrganisation('stayshare').id;
    const guest = out.person(random, platform, `guest-${tag}`, person, { phone: phoneVariant(random, person.phone) });
    const city = random.pick(DESTINATIONS);
    const day = random.int(0, days - 8);
    const booking = out.record(platform, {
      type: 'Booking',
      sourceRecordId: `bk-${tag}`,
      properties: {
        accommodationName: `Flat ${random.int(1, 400)}, ${city.name}`,
        city: city.name,
        country: city.country,
        checkIn: isoDay(start, day),
        checkOut: isoDay(start, day + random.int(2, 7)),
        guests: [guest],
        guestCount: random.int(1, 4),
        bookedBy: guest,
        amount: random.int(15_000, 80_000),
        currency: currencyOf(city.country),
        channel: 'platform',
      },
    });
    out.record(platform, { type: 'StayedAt', sourceRecordId: `stay-${tag}`, properties: { guest, stay: booking } });
  }
  if (random.chance(0.04)) {
    // An ordinary advert on the classifieds site: a room, a car, a job, a lawful massage practice.
    const ads = worldOrganisation('classifieds-market').id;
    const advertiser = out.record(ads, {
      type: 'OnlineAccount',
      sourceRecordId: `user-${tag}`,
      properties: {
        service: 'Classifieds Market',
        username: `seller${random.int(1_000, 999_999)}`,
        phone: person.phone,
      },
    });
    const [category, title] = random.pick(ORDINARY_ADVERTS);
    out.record(ads, {
      type: 'Advert',
      sourceRecordId: `ad-${tag}`,
      properties: {
        site: 'classifieds.example',
        category,
        title: `${title}, ${person.home.name}`,
        body: `${title}. Call or text ${phoneVariant(random, person.phone)}`,
        postedAt: instant(start, random.int(0, days - 1), random.int(7, 23), random.int(0, 59)),
        city: [person.home.name],
        country: [person.home.country],
        phone: [phoneVariant(random, person.phone)],
        price: random.int(1_000, 500_000),
        currency: currencyOf(person.home.country),
        advertiser,
      },
    });
  }
}

const ORDINARY_ADVERTS: readonly (readonly ['housing' | 'job_offer' | 'massage' | 'other', string])[] = [
  ['housing', 'Double room to rent near the station'],
  ['housing', 'Studio flat, bills included'],
  ['job_offer', 'Kitchen porter wanted, evenings'],
  ['job_offer', 'Cleaner needed two mornings a week'],
  ['massage', 'Qualified sports massage therapist, clinic appointments'],
  ['other', 'Used bicycle, good condition'],
  ['other', 'Sofa, free to collect'],
];
