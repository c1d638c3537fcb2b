/**
 * A planted smuggling route: a facilitator moves migrants on multi-leg trips through transit
 * countries, on stolen or forged passports in other people's names; families at home pay the
 * facilitator through the money-transfer company; coach tickets are bought together; the police
 * of a transit country hold intelligence on the facilitator.
 */
import { CITIES, ORIGINS } from './gazetteer.ts';
import { personName } from './names.ts';
import {
  birthDate,
  DESTINATIONS,
  fictionalPhone,
  instant,
  isoDay,
  TRANSITS,
  truePerson,
  type Emitter,
  type Planted,
  type PlantedDocument,
} from './kit.ts';
import { nameVariant, phoneVariant } from './noise.ts';
import type { Random } from './random.ts';
import { worldOrganisation } from './organisations.ts';

/** The ways a route goes from its origin to its destination: transit cities in order, and the mode of each leg. */
const ROUTES = [
  { via: ['Istanbul', 'Athens', 'Belgrade', 'Calais'], modes: ['air', 'air', 'bus', 'bus', 'boat'] },
  { via: ['Istanbul', 'Sofia', 'Budapest', 'Dunkirk'], modes: ['air', 'bus', 'bus', 'bus', 'boat'] },
  { via: ['Dubai', 'Belgrade', 'Budapest', 'Calais'], modes: ['air', 'air', 'bus', 'bus', 'boat'] },
  { via: ['Doha', 'Athens', 'Calais'], modes: ['air', 'air', 'bus', 'boat'] },
] as const;

function city(name: string) {
  const found = CITIES.find((candidate) => candidate.name === name);
  if (found === undefined) throw new Error(`no city ${name}`);
  return found;
}

export function plantSmugglingRoute(random: Random, index: number, start: number, days: number, out: Emitter): Planted {
  const id = `route-${index + 1}`;
  const tag = id;
  const airline = worldOrganisation('skyways').id;
  const coaches = worldOrganisation('eurobus').id;
  const transfers = worldOrganisation('swiftsend').id;
  const police = worldOrganisation('fr-police-ocrteh').id;
  const origin = random.pick(ORIGINS.filter((candidate) => ['SY', 'IQ', 'EG', 'AL', 'VN'].includes(candidate.country)));
  const route = random.pick(ROUTES);
  const legs = [
    random.pick(CITIES.filter((candidate) => candidate.country === origin.country && candidate.role === 'origin')),
    ...route.via.map(city),
    random.pick(DESTINATIONS.filter((candidate) => candidate.country === 'GB')),
  ];
  const facilitator = {
    ...truePerson(
      random,
      `S${index + 1}-F`,
      random.pick(ORIGINS.filter((o) => ['IQ', 'AL', 'SY'].includes(o.country))),
      'male',
      [25, 55],
    ),
    phone: fictionalPhone(random),
  };
  const driver = {
    ...truePerson(random, `S${index + 1}-D`, facilitator.origin, 'male', [20, 50]),
    phone: fictionalPhone(random),
  };
  const migrants = Array.from({ length: random.int(4, 9) }, (_, number) =>
    truePerson(random, `S${index + 1}-M${number + 1}`, origin, random.chance(0.8) ? 'male' : 'female', [15, 40]),
  );
  // Each migrant travels on a passport that is not theirs: stolen from someone of a visa-free country, or forged.
  const documents: PlantedDocument[] = migrants.map((migrant) => {
    const lender = random.pick(ORIGINS.filter((o) => ['GB', 'FR', 'ES', 'RO', 'BG'].includes(o.country)));
    const stolen = random.chance(0.7);
    return {
      number: `${lender.country === 'GB' ? '' : lender.country}${String(random.int(10_000_000, 99_999_999))}`,
      country: lender.country,
      documentType: 'passport',
      status: stolen ? 'stolen' : 'fraudulent',
      // A stolen passport names its real holder; a forgery names whoever the forger chose, near the migrant's age.
      holderName: personName(random, lender, migrant.gender).full,
      holderBirthDate: stolen ? birthDate(random, 18, 45) : migrant.birthDate,
      reportedOn: isoDay(start, -random.int(10, 200)),
    };
  });
  const departure = random.int(0, Math.max(0, days - 20));
  let day = departure;
  const booking = `${String.fromCharCode(65 + random.int(0, 25))}${random.int(10_000, 99_999)}`;
  route.modes.forEach((mode, leg) => {
    const from = legs[leg];
    const to = legs[leg + 1];
    if (from === undefined || to === undefined) throw new Error(`route ${id} has no leg ${leg}`);
    day += random.int(1, 4);
    if (mode === 'air') {
      // The airline sees passengers under the names on the passports they show.
      const passengers = migrants.map((migrant, number) => {
        const document = documents[number];
        if (document === undefined) throw new Error('a document per migrant');
        const passenger = out.record(
          airline,
          {
            type: 'Person',
            sourceRecordId: `pax-${tag}-${leg}-${number}`,
            properties: {
              name: document.holderName.toUpperCase(),
              birthDate: document.holderBirthDate,
              nationality: document.country,
              phone: [phoneVariant(random, facilitator.phone)],
            },
          },
          { person: migrant.id },
        );
        const held = out.record(airline, {
          type: 'IdentityDocument',
          sourceRecordId: `doc-${tag}-${leg}-${number}`,
          properties: {
            documentType: 'passport',
            number: document.number,
            issuingCountry: document.country,
            holder: passenger,
            holderName: [document.holderName.toUpperCase()],
            holderBirthDate: document.holderBirthDate,
          },
        });
        return { passenger, held };
      });
      const trip = out.record(airline, {
        type: 'Trip',
        sourceRecordId: `flt-${tag}-${leg}`,
        properties: {
          mode: 'air',
          origin: from.name,
          originCountry: from.country,
          destination: to.name,
          destinationCountry: to.country,
          departureAt: instant(start, day, random.int(5, 22), 5 * random.int(0, 11)),
          carrier: 'Skyways',
          serviceNumber: `SK${String(random.int(100, 999))}`,
          bookingReference: booking,
          passengers: passengers.map((passenger) => passenger.passenger),
        },
      });
      passengers.forEach(({ passenger, held }, number) =>
        out.record(airline, {
          type: 'TravelledOn',
          sourceRecordId: `tvl-${tag}-${leg}-${number}`,
          properties: { passenger, trip, document: held },
        }),
      );
    } else if (mode === 'bus') {
      // Coach tickets bought together, one booking, names as written at the counter.
      out.record(coaches, {
        type: 'Trip',
        sourceRecordId: `bus-${tag}-${leg}`,
        properties: {
          mode: 'bus',
          origin: from.name,
          originCountry: from.country,
          destination: to.name,
          destinationCountry: to.country,
          departureAt: instant(start, day, random.int(20, 23), 15 * random.int(0, 3)),
          carrier: 'Eurobus',
          serviceNumber: `EB${String(random.int(10, 99))}`,
          bookingReference: booking,
          passengerNames: migrants.map((migrant) => nameVariant(random, migrant.name, migrant.origin)),
        },
      });
    }
    // Boat crossings leave no record with any member of the exchange.
  });

  // Families at home pay the facilitator, who collects in a transit city.
  const collectAt = legs[1] ?? random.pick(TRANSITS);
  const receiver = out.person(random, transfers, `rcv-${tag}-f`, facilitator, { phone: [facilitator.phone] });
  migrants.forEach((migrant, number) => {
    const family = personName(random, migrant.origin, random.chance(0.5) ? 'female' : 'male');
    const sender = out.record(
      transfers,
      {
        type: 'Person',
        sourceRecordId: `snd-${tag}-${number}`,
        properties: { name: family.full, country: migrant.origin.country },
      },
      { person: `${migrant.id}-K` },
    );
    for (let part = 0; part < random.int(1, 3); part += 1) {
      out.record(
        transfers,
        {
          type: 'Payment',
          sourceRecordId: `trf-${tag}-${number}-${part}`,
          properties: {
            payer: sender,
            payee: receiver,
            amount: random.int(150_000, 400_000),
            currency: 'USD',
            occurredAt: instant(start, departure + random.int(-5, 10), random.int(9, 19), random.int(0, 59)),
            merchantCategory: '4829',
            channel: 'transfer',
            description: random.pick(['family support', 'gift', 'travel']),
            city: collectAt.name,
            country: collectAt.country,
          },
        },
        { typology: 'payments_to_facilitator' },
      );
    }
  });

  // The police of a transit country know the facilitator by a nickname and a phone.
  out.record(
    police,
    {
      type: 'Person',
      sourceRecordId: `intel-${tag}-f`,
      properties: {
        name: nameVariant(random, facilitator.name, facilitator.origin),
        alias: [random.pick(['Abu Ali', 'Il Capo', 'the Doctor', 'Kako', 'Bro'])],
        phone: [phoneVariant(random, facilitator.phone)],
        nationality: facilitator.origin.country,
        description: `organises crossings from ${route.via.at(-1) ?? 'the coast'}`,
      },
    },
    { person: facilitator.id },
  );
  out.record(
    police,
    {
      type: 'Person',
      sourceRecordId: `intel-${tag}-d`,
      properties: {
        name: nameVariant(random, driver.name, driver.origin),
        phone: [phoneVariant(random, driver.phone)],
        description: 'drives groups from the coach station to the coast',
      },
    },
    { person: driver.id },
  );

  return out.planted(
    [
      { person: facilitator, role: 'facilitator' },
      { person: driver, role: 'driver' },
      ...migrants.map((migrant) => ({ person: migrant, role: 'migrant' as const })),
    ],
    {
      id,
      exploitation: 'migrant_smuggling',
      phones: [facilitator.phone, driver.phone],
      cities: legs.map((leg) => leg.name),
      typologies: ['fraudulent_documents', 'group_bookings', 'payments_to_facilitator'],
    },
    documents,
  );
}
