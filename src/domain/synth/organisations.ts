import type { EnvelopeInput } from '../model/envelope.ts';
import type { Organisation } from '../model/organisation.ts';

/** An organisation of a synthetic world, with the source system it submits from and its usual markings. */
export interface WorldOrganisation extends Organisation {
  readonly sourceSystem: string;
  readonly markings: EnvelopeInput;
  /** What it does in the world, e.g. `airline`, `hotel`, `bank`. */
  readonly role: string;
}

/** The organisations that own a synthetic world's records: every sector of the exchange. */
export const WORLD_ORGANISATIONS: readonly WorldOrganisation[] = [
  {
    id: 'weft-hub',
    name: 'Coordination hub',
    organisationType: 'coordinator',
    sector: 'coordination',
    role: 'hub',
    sourceSystem: 'hub-cases',
    markings: { tlp: 'AMBER', confidentiality: 'confidential', legalBasis: 'law_enforcement' },
  },
  {
    id: 'gb-police-mst',
    name: 'UK Modern Slavery Unit',
    organisationType: 'law_enforcement',
    sector: 'law_enforcement',
    country: 'GB',
    role: 'police',
    sourceSystem: 'mst-intel',
    markings: { tlp: 'AMBER', confidentiality: 'confidential', legalBasis: 'law_enforcement' },
  },
  {
    id: 'fr-police-ocrteh',
    name: 'French office against trafficking',
    organisationType: 'law_enforcement',
    sector: 'law_enforcement',
    country: 'FR',
    role: 'police',
    sourceSystem: 'ocrteh-intel',
    markings: { tlp: 'AMBER', confidentiality: 'confidential', legalBasis: 'law_enforcement' },
  },
  {
    id: 'ro-police-diicot',
    name: 'Romanian directorate against organised crime',
    organisationType: 'law_enforcement',
    sector: 'law_enforcement',
    country: 'RO',
    role: 'police',
    sourceSystem: 'diicot-intel',
    markings: { tlp: 'AMBER', confidentiality: 'confidential', legalBasis: 'law_enforcement' },
  },
  {
    id: 'skyways',
    name: 'Skyways Airlines',
    organisationType: 'company',
    sector: 'transport',
    role: 'airline',
    sourceSystem: 'pnr',
    markings: { tlp: 'AMBER', legalBasis: 'legal_obligation' },
  },
  {
    id: 'eurobus',
    name: 'Eurobus Lines',
    organisationType: 'company',
    sector: 'transport',
    role: 'bus',
    sourceSystem: 'ticketing',
    markings: { tlp: 'AMBER', legalBasis: 'legitimate_interest' },
  },
  {
    id: 'ridenow',
    name: 'RideNow',
    organisationType: 'company',
    sector: 'transport',
    role: 'ride_hailing',
    sourceSystem: 'rides',
    markings: { tlp: 'AMBER', legalBasis: 'legitimate_interest' },
  },
  {
    id: 'harbour-hotels',
    name: 'Harbour Hotels',
    organisationType: 'company',
    sector: 'accommodation',
    role: 'hotel',
    sourceSystem: 'bookings',
    markings: { tlp: 'AMBER', legalBasis: 'legitimate_interest' },
  },
  {
    id: 'stayshare',
    name: 'StayShare',
    organisationType: 'company',
    sector: 'accommodation',
    role: 'short_let',
    sourceSystem: 'stays',
    markings: { tlp: 'AMBER', legalBasis: 'legitimate_interest' },
  },
  {
    id: 'classifieds-market',
    name: 'Classifieds Market',
    organisationType: 'company',
    sector: 'communications',
    role: 'classifieds',
    sourceSystem: 'ads',
    markings: { tlp: 'GREEN', legalBasis: 'legitimate_interest' },
  },
  {
    id: 'connectly',
    name: 'Connectly',
    organisationType: 'company',
    sector: 'communications',
    role: 'social_network',
    sourceSystem: 'trust-and-safety',
    markings: { tlp: 'AMBER', legalBasis: 'legitimate_interest' },
  },
  {
    id: 'northbank',
    name: 'Northbank',
    organisationType: 'company',
    sector: 'finance',
    role: 'bank',
    sourceSystem: 'core-banking',
    markings: { tlp: 'AMBER+STRICT', confidentiality: 'confidential', legalBasis: 'legal_obligation' },
  },
  {
    id: 'swiftsend',
    name: 'SwiftSend Money Transfer',
    organisationType: 'company',
    sector: 'finance',
    role: 'money_transfer',
    sourceSystem: 'transfers',
    markings: { tlp: 'AMBER+STRICT', confidentiality: 'confidential', legalBasis: 'legal_obligation' },
  },
  {
    id: 'fairwear',
    name: 'Fairwear Brands',
    organisationType: 'company',
    sector: 'supply_chain',
    role: 'brand',
    sourceSystem: 'supplier-audits',
    markings: { tlp: 'AMBER', legalBasis: 'legitimate_interest' },
  },
  {
    id: 'safe-harbour',
    name: 'Safe Harbour NGO',
    organisationType: 'ngo',
    sector: 'ngo',
    role: 'ngo',
    childProtection: true,
    sourceSystem: 'casework',
    markings: { tlp: 'RED', confidentiality: 'secret', subjectCategory: 'victim', legalBasis: 'consent' },
  },
  {
    id: 'data-protection-board',
    name: 'Data Protection Board',
    organisationType: 'oversight',
    sector: 'oversight',
    role: 'oversight',
    sourceSystem: 'oversight',
    markings: { tlp: 'AMBER', confidentiality: 'confidential', legalBasis: 'public_task' },
  },
  {
    id: 'freedom-line',
    name: 'Freedom Line hotline',
    organisationType: 'ngo',
    sector: 'ngo',
    country: 'GB',
    role: 'hotline',
    sourceSystem: 'hotline',
    markings: { tlp: 'AMBER', confidentiality: 'confidential', legalBasis: 'legitimate_interest' },
  },
];

/** The world's hotline, which takes the public's tips (and runs the tip page in the demo). */
export const WORLD_TIP_LINE = 'freedom-line';

/** An organisation of the world by id. */
export function worldOrganisation(id: string): WorldOrganisation {
  const organisation = WORLD_ORGANISATIONS.find((candidate) => candidate.id === id);
  if (organisation === undefined) throw new Error(`no world organisation ${id}`);
  return organisation;
}

/** A world organisation as a member organisation of the exchange (without its place in the world). */
export function memberOrganisation(organisation: WorldOrganisation): Organisation {
  return {
    id: organisation.id,
    name: organisation.name,
    organisationType: organisation.organisationType,
    sector: organisation.sector,
    ...(organisation.country === undefined ? {} : { country: organisation.country }),
    ...(organisation.childProtection === true ? { childProtection: true } : {}),
  };
}
