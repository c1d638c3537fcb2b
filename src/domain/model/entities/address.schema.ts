import { defineEntity } from '../entity.ts';
import { p } from '../property.ts';

/** An address or a place, with coordinates when known. */
export const Address = defineEntity({
  name: 'Address',
  label: 'Address or location',
  description: 'A postal address or a named place, with coordinates when known.',
  kind: 'thing',
  ftm: 'Address',
  personal: false,
  caption: ['full', 'name', 'city'],
  properties: {
    full: p.text('Address as written', { matchable: true, ftm: 'full' }),
    name: p.name('Place name', { ftm: 'name' }),
    street: p.text('Street', { ftm: 'street' }),
    postalCode: p.identifier('Postal code', { matchable: true, ftm: 'postalCode' }),
    city: p.name('City', { matchable: true, ftm: 'city' }),
    region: p.name('Region', { ftm: 'region' }),
    country: p.country('Country', { matchable: true, ftm: 'country' }),
    latitude: p.latitude('Latitude', { ftm: 'latitude' }),
    longitude: p.longitude('Longitude', { ftm: 'longitude' }),
    placeType: p.enum('Kind of place', [
      'residence',
      'business',
      'accommodation',
      'transport_hub',
      'border_crossing',
      'other',
    ]),
  },
});
