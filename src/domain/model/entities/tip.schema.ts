import { defineEntity } from '../entity.ts';
import { p } from '../property.ts';
import { EXPLOITATION_TYPES } from '../taxonomy.ts';

/** A tip from the public, a worker or a victim. */
export const Tip = defineEntity({
  name: 'Tip',
  label: 'Tip',
  description: 'A report from the public, a worker or a victim, by web, SMS, USSD or phone.',
  kind: 'event',
  personal: true,
  caption: ['summary'],
  properties: {
    receivedAt: p.datetime('Received', { required: true }),
    channel: p.enum('Channel', ['web', 'sms', 'ussd', 'phone', 'email', 'in_person', 'other'], { required: true }),
    language: p.language('Language'),
    summary: p.text('Summary'),
    text: p.text('What was reported'),
    place: p.text('Where'),
    city: p.name('City'),
    country: p.country('Country'),
    inDanger: p.boolean('Someone is in danger now'),
    exploitationType: p.enum('Suspected exploitation', EXPLOITATION_TYPES, { many: true }),
    phone: p.phone('Phone numbers mentioned', { many: true, matchable: true }),
    url: p.url('Online links mentioned', { many: true }),
    vehicle: p.text('Vehicles mentioned', { many: true }),
    mentions: p.entity('Records it mentions', [], { many: true }),
  },
});
