import { defineEntity } from '../entity.ts';
import { p } from '../property.ts';

/** An email address as an entity of its own (FtM's Email schema is a message, not an address). */
export const Email = defineEntity({
  name: 'Email',
  label: 'Email address',
  description: 'An email address.',
  kind: 'thing',
  personal: true,
  caption: ['address'],
  properties: {
    address: p.email('Address', { required: true, matchable: true }),
    provider: p.name('Provider'),
    firstSeenAt: p.datetime('First seen'),
    lastSeenAt: p.datetime('Last seen'),
  },
});
