import { defineEntity } from '../entity.ts';
import { p } from '../property.ts';
import { CONTROL_METHODS, EXPLOITATION_TYPES, RECRUITMENT_METHODS, TRANSPORT_METHODS } from '../taxonomy.ts';

/** A case file, described with the Human Trafficking Case Data Standard's categories. */
export const Case = defineEntity({
  name: 'Case',
  label: 'Case',
  description: 'A case gathering subjects and records, described with HTCDS categories.',
  kind: 'thing',
  personal: true,
  caption: ['title', 'reference'],
  properties: {
    title: p.text('Title', { required: true }),
    reference: p.identifier('Reference'),
    status: p.enum('Status', ['open', 'referred', 'closed']),
    openedAt: p.date('Opened'),
    closedAt: p.date('Closed'),
    exploitationType: p.enum('Exploitation', EXPLOITATION_TYPES, { many: true }),
    recruitmentMethod: p.enum('Recruitment', RECRUITMENT_METHODS, { many: true }),
    controlMethod: p.enum('Means of control', CONTROL_METHODS, { many: true }),
    transportMethod: p.enum('Transport', TRANSPORT_METHODS, { many: true }),
    countryOfExploitation: p.country('Country of exploitation', { many: true }),
    countryOfOrigin: p.country('Country of origin', { many: true }),
    subjects: p.entity('Subjects', [], { many: true }),
    description: p.text('Description'),
  },
});
