import { defineEntity } from '../entity.ts';
import { p } from '../property.ts';
import { BUSINESS_CATEGORIES } from '../taxonomy.ts';

/** A workplace in a supply chain: a farm, a factory, a mine, a fishing vessel. */
export const Site = defineEntity({
  name: 'Site',
  label: 'Supply-chain site',
  description: 'A workplace in a supply chain, where worker-voice surveys run.',
  kind: 'thing',
  personal: false,
  caption: ['name'],
  properties: {
    name: p.name('Name', { required: true, matchable: true }),
    category: p.enum('Kind of workplace', BUSINESS_CATEGORIES),
    operator: p.entity('Operator', ['Organization']),
    buyers: p.entity('Brands or buyers supplied', ['Organization'], { many: true }),
    address: p.text('Address as written'),
    city: p.name('City'),
    country: p.country('Country', { required: true }),
    latitude: p.latitude('Latitude'),
    longitude: p.longitude('Longitude'),
    workerCount: p.integer('Number of workers'),
    product: p.name('Products', { many: true }),
  },
});
