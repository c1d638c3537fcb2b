import { defineEntity, type EntityDefinition } from '../entity.ts';
import { p } from '../property.ts';

interface End {
  readonly property: string;
  readonly label: string;
  readonly range: readonly string[];
  readonly ftm?: string;
}

interface RelationshipSpec {
  readonly name: string;
  readonly label: string;
  readonly description: string;
  readonly ftm?: string;
  readonly personal?: boolean;
  readonly source: End;
  readonly target: End;
  readonly extra?: EntityDefinition['properties'];
  /** Whether the FtM schema has a `role` property (Associate and Family use `relationship`). */
  readonly ftmRole?: boolean;
}

/**
 * Declares a relationship type: an entity with a source and a target, FtM-style, plus the
 * dates, role and description every relationship may carry.
 */
function relationship(spec: RelationshipSpec): EntityDefinition {
  const end = (value: End) =>
    p.entity(value.label, value.range, { required: true, ...(value.ftm === undefined ? {} : { ftm: value.ftm }) });
  return defineEntity({
    name: spec.name,
    label: spec.label,
    description: spec.description,
    kind: 'relationship',
    ...(spec.ftm === undefined ? {} : { ftm: spec.ftm }),
    personal: spec.personal ?? true,
    caption: ['role'],
    edge: { source: spec.source.property, target: spec.target.property },
    properties: {
      [spec.source.property]: end(spec.source),
      [spec.target.property]: end(spec.target),
      role: p.text('Role or nature of the link', spec.ftmRole === false ? {} : { ftm: 'role' }),
      startDate: p.date('From', { ftm: 'startDate' }),
      endDate: p.date('Until', { ftm: 'endDate' }),
      description: p.text('Description', { ftm: 'description' }),
      ...spec.extra,
    },
  });
}

const holders = ['Person', 'Organization', 'OnlineAccount', 'Advert'];

/** A person, business, account or advert uses a phone number. */
export const UsesPhone = relationship({
  name: 'UsesPhone',
  label: 'uses phone',
  description: 'A person, organisation, online account or advert uses a phone number.',
  source: { property: 'holder', label: 'User', range: holders },
  target: { property: 'phone', label: 'Phone', range: ['Phone'] },
});

/** A person, business, account or advert uses an email address. */
export const UsesEmail = relationship({
  name: 'UsesEmail',
  label: 'uses email',
  description: 'A person, organisation, online account or advert uses an email address.',
  source: { property: 'holder', label: 'User', range: holders },
  target: { property: 'email', label: 'Email', range: ['Email'] },
});

/** A person holds (or used) an identity document. */
export const HoldsDocument = relationship({
  name: 'HoldsDocument',
  label: 'holds document',
  description: 'A person holds or travelled on an identity document.',
  source: { property: 'holder', label: 'Holder', range: ['Person'] },
  target: { property: 'document', label: 'Document', range: ['IdentityDocument'] },
});

/** Ownership or control of an asset: an account, a card, a vehicle, a business (FtM Ownership). */
export const Ownership = relationship({
  name: 'Ownership',
  label: 'owns or controls',
  description: 'A person or organisation owns or controls an account, card, vehicle, online account or business.',
  ftm: 'Ownership',
  source: { property: 'owner', label: 'Owner', range: ['Person', 'Organization'], ftm: 'owner' },
  target: {
    property: 'asset',
    label: 'Asset',
    range: ['BankAccount', 'PaymentInstrument', 'Vehicle', 'OnlineAccount', 'Organization', 'Address'],
    ftm: 'asset',
  },
});

/** A person stayed at a booking's accommodation. */
export const StayedAt = relationship({
  name: 'StayedAt',
  label: 'stayed at',
  description: 'A person stayed during an accommodation booking, or at a place.',
  source: { property: 'guest', label: 'Guest', range: ['Person'] },
  target: { property: 'stay', label: 'Booking or place', range: ['Booking', 'Organization', 'Address'] },
});

/** A person travelled on a trip leg. */
export const TravelledOn = relationship({
  name: 'TravelledOn',
  label: 'travelled on',
  description: 'A person travelled on a trip leg.',
  source: { property: 'passenger', label: 'Passenger', range: ['Person'] },
  target: { property: 'trip', label: 'Trip', range: ['Trip'] },
  extra: {
    seat: p.identifier('Seat'),
    document: p.entity('Document used', ['IdentityDocument']),
  },
});

/** An advert was placed by a person, account, business or phone. */
export const AdvertisedBy = relationship({
  name: 'AdvertisedBy',
  label: 'advertised by',
  description: 'An advert was placed by a person, online account, organisation or phone.',
  source: { property: 'advert', label: 'Advert', range: ['Advert'] },
  target: { property: 'advertiser', label: 'Advertiser', range: ['Person', 'OnlineAccount', 'Organization', 'Phone'] },
});

/** A person works at (is employed by) an organisation or site (FtM Employment). */
export const Employment = relationship({
  name: 'Employment',
  label: 'works at / employs',
  description: 'A person works at an organisation or site; read backwards, the employer employs them.',
  ftm: 'Employment',
  source: { property: 'employee', label: 'Employee', range: ['Person'], ftm: 'employee' },
  target: { property: 'employer', label: 'Employer', range: ['Organization', 'Site'], ftm: 'employer' },
  extra: {
    wage: p.amount('Wage in minor units'),
    currency: p.currency('Currency'),
    recruitmentFee: p.amount('Recruitment fee in minor units'),
  },
});

/** A person lives at an address. */
export const LivesAt = relationship({
  name: 'LivesAt',
  label: 'lives at',
  description: 'A person lives or is housed at an address.',
  source: { property: 'resident', label: 'Resident', range: ['Person'] },
  target: { property: 'address', label: 'Address', range: ['Address'] },
});

/** Two people are associated (FtM Associate). */
export const Associate = relationship({
  name: 'Associate',
  label: 'associated with',
  description: 'Two people are associated: recruiter and victim, controller and worker, accomplices.',
  ftm: 'Associate',
  source: { property: 'person', label: 'Person', range: ['Person'], ftm: 'person' },
  target: { property: 'associate', label: 'Associate', range: ['Person'], ftm: 'associate' },
  extra: { relationship: p.name('Nature of the association', { ftm: 'relationship' }) },
  ftmRole: false,
});

/** Two people are family (FtM Family). */
export const Family = relationship({
  name: 'Family',
  label: 'family of',
  description: 'Two people are related by family.',
  ftm: 'Family',
  source: { property: 'person', label: 'Person', range: ['Person'], ftm: 'person' },
  target: { property: 'relative', label: 'Relative', range: ['Person'], ftm: 'relative' },
  extra: { relationship: p.name('Kinship', { ftm: 'relationship' }) },
  ftmRole: false,
});

/** A person or organisation belongs to an organisation (FtM Membership). */
export const Membership = relationship({
  name: 'Membership',
  label: 'member of',
  description: 'A person or organisation belongs to an organisation or group.',
  ftm: 'Membership',
  source: { property: 'member', label: 'Member', range: ['Person', 'Organization'], ftm: 'member' },
  target: { property: 'organization', label: 'Organisation', range: ['Organization'], ftm: 'organization' },
});

/** Any other link between two records (FtM UnknownLink). */
export const UnknownLink = relationship({
  name: 'UnknownLink',
  label: 'linked to',
  description: 'Any other link between two records; the role says what it is.',
  ftm: 'UnknownLink',
  source: { property: 'subject', label: 'Subject', range: [], ftm: 'subject' },
  target: { property: 'object', label: 'Object', range: [], ftm: 'object' },
});

/** Every relationship type. */
export const RELATIONSHIPS = [
  UsesPhone,
  UsesEmail,
  HoldsDocument,
  Ownership,
  StayedAt,
  TravelledOn,
  AdvertisedBy,
  Employment,
  LivesAt,
  Associate,
  Family,
  Membership,
  UnknownLink,
] as const;
