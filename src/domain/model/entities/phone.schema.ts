import { defineEntity } from '../entity.ts';
import { p } from '../property.ts';

/** A phone number as an entity of its own, so that shared numbers link people and adverts. */
export const Phone = defineEntity({
  name: 'Phone',
  label: 'Phone number',
  description: 'A telephone number (FollowTheMoney holds phones only as properties).',
  kind: 'thing',
  personal: true,
  caption: ['number'],
  properties: {
    number: p.phone('Number as written', { required: true, matchable: true }),
    country: p.country('Country of the number'),
    lineType: p.enum('Line type', ['mobile', 'landline', 'voip', 'unknown']),
    carrier: p.name('Carrier'),
    firstSeenAt: p.datetime('First seen'),
    lastSeenAt: p.datetime('Last seen'),
  },
});
