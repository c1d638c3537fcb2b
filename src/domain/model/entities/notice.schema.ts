import { defineEntity } from '../entity.ts';
import { p } from '../property.ts';
import { SECTORS } from '../taxonomy.ts';

/** Types of notice, modelled on INTERPOL's. */
export const NOTICE_TYPES = [
  'wanted',
  'missing_person',
  'modus_operandi',
  'warning',
  'information',
  'stolen_document',
] as const;

/** Every status of a notice's life (see `domain/notices`: which step leads where, and who takes it). */
export const NOTICE_STATUSES = ['draft', 'in_review', 'published', 'expired', 'withdrawn', 'cancelled'] as const;

/**
 * Whom a published notice is screened for: every member (the default), members of some sectors,
 * or members of some sharing groups. The owner's own organisation always screens against it.
 */
export const NOTICE_DISTRIBUTIONS = ['all_members', 'sectors', 'groups'] as const;

/** A notice: wanted, missing person, modus operandi, warning, information or stolen document. */
export const Notice = defineEntity({
  name: 'Notice',
  label: 'Notice',
  description: "A notice modelled on INTERPOL's: who or what to look for, and why.",
  kind: 'thing',
  personal: true,
  caption: ['title', 'reference'],
  properties: {
    noticeType: p.enum('Notice type', NOTICE_TYPES, { required: true }),
    title: p.text('Title', { required: true }),
    reference: p.identifier('Reference'),
    status: p.enum('Status', NOTICE_STATUSES),
    subject: p.entity('Subject', ['Person', 'IdentityDocument', 'Vehicle']),
    name: p.name('Names', { many: true, matchable: true }),
    birthDate: p.date('Date of birth', { many: true, matchable: true }),
    gender: p.enum('Gender', ['male', 'female', 'other', 'unknown']),
    nationality: p.country('Nationality', { many: true, matchable: true }),
    child: p.boolean('Concerns a child'),
    documentNumber: p.identifier('Document numbers', { many: true, matchable: true }),
    documentCountry: p.country('Issuing country of the documents'),
    phone: p.phone('Phone numbers', { many: true, matchable: true }),
    email: p.email('Email addresses', { many: true, matchable: true }),
    photoReference: p.identifier('Photo references', { many: true }),
    lastSeenAt: p.date('Last seen'),
    lastSeenPlace: p.text('Last seen at'),
    circumstances: p.text('Circumstances'),
    modusOperandi: p.text('Modus operandi'),
    issuingAuthority: p.name('Issuing authority'),
    expiresAt: p.date('Expires'),
    distribution: p.enum('Distribution', NOTICE_DISTRIBUTIONS),
    distributionSectors: p.enum('Distributed to sectors', SECTORS, { many: true }),
    distributionGroups: p.identifier('Distributed to sharing groups', { many: true }),
  },
});
