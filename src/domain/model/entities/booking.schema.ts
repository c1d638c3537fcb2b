import { defineEntity } from '../entity.ts';
import { p } from '../property.ts';

/** A stay at a hotel, short let or other accommodation. */
export const Booking = defineEntity({
  name: 'Booking',
  label: 'Accommodation booking',
  description: 'A stay at accommodation: who booked, who stayed, where, when and how it was paid.',
  kind: 'event',
  personal: true,
  caption: ['bookingReference', 'accommodationName'],
  properties: {
    bookingReference: p.identifier('Booking reference'),
    accommodation: p.entity('Accommodation', ['Organization', 'Address']),
    accommodationName: p.name('Accommodation name', { matchable: true }),
    address: p.text('Address as written'),
    city: p.name('City', { matchable: true }),
    country: p.country('Country'),
    checkIn: p.date('Check-in', { required: true }),
    checkOut: p.date('Check-out'),
    guests: p.entity('Guests', ['Person'], { many: true }),
    guestNames: p.name('Guest names as written', { many: true, matchable: true }),
    guestCount: p.integer('Number of guests'),
    bookedBy: p.entity('Booked by', ['Person', 'Organization']),
    paidWith: p.entity('Paid with', ['PaymentInstrument', 'BankAccount']),
    amount: p.amount('Amount in minor units'),
    currency: p.currency('Currency'),
    channel: p.enum('Channel', ['direct', 'platform', 'agency', 'walk_in', 'other']),
  },
});
