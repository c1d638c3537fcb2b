import { defineEntity } from '../entity.ts';
import { p } from '../property.ts';
import { BUSINESS_CATEGORIES, SECTORS } from '../taxonomy.ts';

/** A company, business, agency or other body: a hotel, a nail salon, a recruitment agency. */
export const Organization = defineEntity({
  name: 'Organization',
  label: 'Organisation or business',
  description: 'A legal or informal organisation, including businesses with a category.',
  kind: 'thing',
  ftm: 'Organization',
  personal: false,
  caption: ['name'],
  properties: {
    name: p.name('Name', { many: true, required: true, matchable: true, ftm: 'name' }),
    alias: p.name('Other name', { many: true, matchable: true, ftm: 'alias' }),
    category: p.enum('Business category', BUSINESS_CATEGORIES),
    sector: p.enum('Sector', SECTORS),
    registrationNumber: p.identifier('Registration number', { many: true, matchable: true, ftm: 'registrationNumber' }),
    country: p.country('Country', { many: true, ftm: 'country' }),
    address: p.text('Address as written', { many: true, ftm: 'address' }),
    phone: p.phone('Phone number', { many: true, matchable: true, ftm: 'phone' }),
    email: p.email('Email address', { many: true, matchable: true, ftm: 'email' }),
    website: p.url('Website', { many: true, ftm: 'website' }),
    openingHours: p.text('Opening hours as written'),
    incorporationDate: p.date('Date of incorporation', { ftm: 'incorporationDate' }),
    description: p.text('Description', { ftm: 'description' }),
  },
});
