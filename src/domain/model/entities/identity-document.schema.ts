import { defineEntity } from '../entity.ts';
import { p } from '../property.ts';

/** Document statuses; lost and stolen documents are what screening looks for. */
export const DOCUMENT_STATUSES = ['valid', 'expired', 'lost', 'stolen', 'revoked', 'fraudulent', 'unknown'] as const;

/** A passport, identity card, residence permit or other identity document. */
export const IdentityDocument = defineEntity({
  name: 'IdentityDocument',
  label: 'Identity document',
  description: 'A passport, identity card, visa, residence permit or other identity document.',
  kind: 'thing',
  ftm: 'Identification',
  personal: true,
  caption: ['number'],
  properties: {
    documentType: p.enum(
      'Document type',
      ['passport', 'national_id', 'residence_permit', 'visa', 'driving_licence', 'travel_document', 'other'],
      { ftm: 'type' },
    ),
    number: p.identifier('Document number', { required: true, matchable: true, ftm: 'number' }),
    issuingCountry: p.country('Issuing country', { matchable: true, ftm: 'country' }),
    issuingAuthority: p.name('Issuing authority', { ftm: 'authority' }),
    issueDate: p.date('Date of issue', { ftm: 'startDate' }),
    expiryDate: p.date('Date of expiry', { ftm: 'endDate' }),
    status: p.enum('Status', DOCUMENT_STATUSES),
    holder: p.entity('Holder', ['Person'], { ftm: 'holder' }),
    holderName: p.name('Name on the document', { many: true, matchable: true }),
    holderBirthDate: p.date('Date of birth on the document', { matchable: true }),
    holderNationality: p.country('Nationality on the document'),
    mrz: p.text('Machine-readable zone'),
  },
});
