import { defineEntity } from '../entity.ts';
import { p } from '../property.ts';
import { TRANSPORT_METHODS } from '../taxonomy.ts';

/** One leg of a journey by air, road, rail or sea. */
export const Trip = defineEntity({
  name: 'Trip',
  label: 'Trip leg',
  description: 'One leg of a journey: mode, origin, destination, times, carrier and passengers.',
  kind: 'event',
  ftm: 'Trip',
  personal: true,
  caption: ['serviceNumber', 'origin'],
  properties: {
    mode: p.enum('Mode', TRANSPORT_METHODS, { required: true }),
    origin: p.name('Origin', { required: true, matchable: true }),
    originCountry: p.country('Origin country'),
    originPlace: p.entity('Origin place', ['Address'], { ftm: 'startLocation' }),
    destination: p.name('Destination', { required: true, matchable: true }),
    destinationCountry: p.country('Destination country'),
    destinationPlace: p.entity('Destination place', ['Address'], { ftm: 'endLocation' }),
    departureAt: p.datetime('Departure', { required: true, ftm: 'startDate' }),
    arrivalAt: p.datetime('Arrival', { ftm: 'endDate' }),
    carrier: p.name('Carrier'),
    carrierOrganization: p.entity('Carrier organisation', ['Organization'], { ftm: 'organizer' }),
    serviceNumber: p.identifier('Flight, route or ride number'),
    bookingReference: p.identifier('Booking reference', { matchable: true }),
    passengers: p.entity('Passengers', ['Person'], { many: true, ftm: 'involved' }),
    passengerNames: p.name('Passenger names as written', { many: true, matchable: true }),
    vehicle: p.entity('Vehicle', ['Vehicle'], { ftm: 'vehicle' }),
    paidWith: p.entity('Paid with', ['PaymentInstrument', 'BankAccount']),
  },
});
