import { defineEntity } from '../entity.ts';
import { p } from '../property.ts';

/** A car, van, bus or other vehicle. */
export const Vehicle = defineEntity({
  name: 'Vehicle',
  label: 'Vehicle',
  description: 'A road vehicle, boat or aircraft.',
  kind: 'thing',
  ftm: 'Vehicle',
  personal: false,
  caption: ['registrationNumber', 'model'],
  properties: {
    registrationNumber: p.identifier('Registration plate', { matchable: true, ftm: 'registrationNumber' }),
    vehicleType: p.enum('Type', ['car', 'van', 'truck', 'bus', 'motorcycle', 'boat', 'aircraft', 'other'], {
      ftm: 'type',
    }),
    make: p.name('Make'),
    model: p.name('Model', { ftm: 'model' }),
    colour: p.name('Colour'),
    country: p.country('Country of registration', { ftm: 'country' }),
    owner: p.entity('Owner', ['Person', 'Organization'], { ftm: 'owner' }),
    operator: p.entity('Operator', ['Person', 'Organization'], { ftm: 'operator' }),
  },
});
