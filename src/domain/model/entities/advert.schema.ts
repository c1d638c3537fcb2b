import { defineEntity } from '../entity.ts';
import { p } from '../property.ts';

/** An online advert: escort, massage, job offer, housing, travel. */
export const Advert = defineEntity({
  name: 'Advert',
  label: 'Advert',
  description: 'An online or printed advert, with what it says and how to reach the advertiser.',
  kind: 'thing',
  personal: false,
  caption: ['title', 'url'],
  properties: {
    title: p.text('Title', { matchable: true }),
    body: p.text('Text', { matchable: true }),
    url: p.url('Address', { many: true }),
    site: p.name('Site or platform', { required: true }),
    category: p.enum('Category', ['escort', 'massage', 'job_offer', 'housing', 'travel', 'dating', 'other']),
    postedAt: p.datetime('Posted'),
    city: p.name('City', { many: true }),
    country: p.country('Country', { many: true }),
    phone: p.phone('Phone number', { many: true, matchable: true }),
    email: p.email('Email address', { many: true, matchable: true }),
    handle: p.identifier('Messaging handle', { many: true, matchable: true }),
    price: p.amount('Price in minor units'),
    currency: p.currency('Currency'),
    ageClaimed: p.integer('Age claimed'),
    imageHash: p.identifier('Perceptual hash of an image', { many: true, matchable: true }),
    advertiser: p.entity('Advertiser', ['OnlineAccount', 'Person', 'Organization']),
  },
});
