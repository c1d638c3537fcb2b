/**
 * A planted forced-criminality crew: a controller moves young people, some of them children,
 * from city to city by coach to pick pockets; they sleep in short lets the controller books; the
 * police of each city arrest some of them under names that change; the takings go home by
 * money transfer.
 */
import { ORIGINS } from './gazetteer.ts';
import {
  currencyOf,
  DESTINATIONS,
  fictionalPhone,
  instant,
  isoDay,
  truePerson,
  type Emitter,
  type Planted,
} from './kit.ts';
import { personName } from './names.ts';
import { nameVariant, phoneVariant } from './noise.ts';
import type { Random } from './random.ts';
import { worldOrganisation } from './organisations.ts';

const POLICE_BY_COUNTRY: Readonly<Record<string, string>> = { GB: 'gb-police-mst', FR: 'fr-police-ocrteh' };

export function plantCriminalityCrew(
  random: Random,
  index: number,
  start: number,
  days: number,
  out: Emitter,
): Planted {
  const id = `crew-${index + 1}`;
  const tag = id;
  const coaches = worldOrganisation('eurobus').id;
  const shortLet = worldOrganisation('stayshare').id;
  const transfers = worldOrganisation('swiftsend').id;
  const origin = random.pick(ORIGINS.filter((candidate) => ['RO', 'BG'].includes(candidate.country)));
  const controller = {
    ...truePerson(random, `C${index + 1}-C`, origin, 'male', [30, 55]),
    phone: fictionalPhone(random),
  };
  const pickers = Array.from({ length: random.int(3, 6) }, (_, number) =>
    truePerson(random, `C${index + 1}-V${number + 1}`, origin, random.chance(0.5) ? 'female' : 'male', [12, 19]),
  );
  const cities = Array.from({ length: random.int(3, 5) }, () =>
    random.pick(DESTINATIONS.filter((candidate) => candidate.country in POLICE_BY_COUNTRY)),
  );
  const booker = out.person(random, shortLet, `host-${tag}`, controller, { phone: [controller.phone] });
  const stay = Math.max(2, Math.floor(days / cities.length));
  const receiver = out.person(random, transfers, `rcv-${tag}`, controller, {
    phone: [phoneVariant(random, controller.phone)],
    country: [origin.country],
  });
  cities.forEach((place, stop) => {
    const day = Math.min(days - 2, stop * stay);
    const from = (stop === 0 ? undefined : cities[stop - 1]) ?? controller.home;
    // The whole crew on one coach booking, names as written, the controller's phone as contact.
    out.record(coaches, {
      type: 'Trip',
      sourceRecordId: `bus-${tag}-${stop}`,
      properties: {
        mode: 'bus',
        origin: from.name,
        originCountry: from.country,
        destination: place.name,
        destinationCountry: place.country,
        departureAt: instant(start, day, random.int(6, 22), 15 * random.int(0, 3)),
        carrier: 'Eurobus',
        serviceNumber: `EB${String(random.int(10, 99))}`,
        bookingReference: `EB${random.int(100_000, 999_999)}`,
        passengerNames: [controller, ...pickers].map((person) => nameVariant(random, person.name, person.origin)),
      },
    });
    const guests = pickers.map((picker, number) =>
      out.person(random, shortLet, `guest-${tag}-${stop}-${number}`, picker, {}),
    );
    out.record(shortLet, {
      type: 'Booking',
      sourceRecordId: `bk-${tag}-${stop}`,
      properties: {
        accommodationName: `Flat ${random.int(1, 400)}, ${place.name}`,
        city: place.name,
        country: place.country,
        checkIn: isoDay(start, day),
        checkOut: isoDay(start, Math.min(days - 1, day + stay)),
        guests,
        guestCount: pickers.length + 1,
        bookedBy: booker,
        amount: random.int(30_000, 70_000),
        currency: currencyOf(place.country),
        channel: 'platform',
      },
    });
    // Arrests: the police record whoever they caught, under the name given, which changes.
    const police = POLICE_BY_COUNTRY[place.country];
    if (police === undefined) throw new Error(`no police for ${place.country}`);
    pickers.forEach((picker, number) => {
      if (!random.chance(0.3)) return;
      const given = random.chance(0.5)
        ? nameVariant(random, picker.name, picker.origin)
        : personName(random, picker.origin, picker.gender).full;
      out.record(
        police,
        {
          type: 'Person',
          sourceRecordId: `arrest-${tag}-${stop}-${number}`,
          properties: {
            name: given,
            birthDate: random.chance(0.5) ? picker.birthDate : picker.birthDate.slice(0, 4),
            nationality: picker.origin.country,
            gender: picker.gender,
            description: `arrested for pickpocketing at ${place.name} ${random.pick(['station', 'metro', 'market', 'airport'])} on ${isoDay(start, day + random.int(0, stay - 1))}; said an uncle keeps the money`,
          },
        },
        { person: picker.id },
      );
    });
    // The takings go home, sent by the pickers from the city they work, to one receiver.
    pickers.forEach((picker, number) => {
      if (!random.chance(0.5)) return;
      const sender = out.person(random, transfers, `snd-${tag}-${stop}-${number}`, picker, {});
      out.record(
        transfers,
        {
          type: 'Payment',
          sourceRecordId: `trf-${tag}-${stop}-${number}`,
          properties: {
            payer: sender,
            payee: receiver,
            amount: random.int(20_000, 90_000),
            currency: currencyOf(place.country),
            occurredAt: instant(start, day + random.int(0, stay - 1), random.int(17, 20), random.int(0, 59)),
            merchantCategory: '4829',
            channel: 'transfer',
            city: place.name,
            country: place.country,
          },
        },
        { typology: 'minors_sending_to_one_receiver' },
      );
    });
  });
  return out.planted(
    [
      { person: controller, role: 'controller' },
      ...pickers.map((picker) => ({ person: picker, role: 'victim' as const })),
    ],
    {
      id,
      exploitation: 'forced_criminality',
      phones: [controller.phone],
      cities: cities.map((place) => place.name),
      typologies: ['group_bookings', 'minors_sending_to_one_receiver', 'multi_city_stays'],
    },
  );
}
