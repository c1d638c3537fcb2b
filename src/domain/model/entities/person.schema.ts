import { defineEntity } from '../entity.ts';
import { p } from '../property.ts';

/** A natural person: suspect, victim, witness or anyone else a record names. */
export const Person = defineEntity({
  name: 'Person',
  label: 'Person',
  description: 'A natural person named in a record.',
  kind: 'thing',
  ftm: 'Person',
  personal: true,
  caption: ['name', 'alias'],
  properties: {
    name: p.name('Full name', { many: true, required: true, matchable: true, ftm: 'name' }),
    alias: p.name('Alias or nickname', { many: true, matchable: true, ftm: 'alias' }),
    firstName: p.name('Given name', { many: true, matchable: true, ftm: 'firstName' }),
    lastName: p.name('Family name', { many: true, matchable: true, ftm: 'lastName' }),
    birthDate: p.date('Date of birth', { many: true, matchable: true, ftm: 'birthDate' }),
    birthPlace: p.name('Place of birth', { many: true, ftm: 'birthPlace' }),
    gender: p.enum('Gender', ['male', 'female', 'other', 'unknown'], { ftm: 'gender' }),
    nationality: p.country('Nationality', { many: true, matchable: true, ftm: 'nationality' }),
    country: p.country('Country of residence', { many: true, ftm: 'country' }),
    phone: p.phone('Phone number', { many: true, matchable: true, ftm: 'phone' }),
    email: p.email('Email address', { many: true, matchable: true, ftm: 'email' }),
    idNumber: p.identifier('Identity document number', { many: true, matchable: true, ftm: 'idNumber' }),
    address: p.text('Address as written', { many: true, ftm: 'address' }),
    protectedVictim: p.boolean('Protected victim: never the subject of an enforcement alert'),
    description: p.text('Description', { ftm: 'description' }),
  },
});
