import { z } from 'zod';
import { canonicalJson, sha256 } from './canonical-json.ts';
import { safeString } from './property.ts';
import { SECTORS } from './taxonomy.ts';

/** TLP 2.0 labels, from most open to most closed. */
export const TLP_LABELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
/** Confidentiality levels in increasing order, compared with a user's clearance. */
export const CONFIDENTIALITY_LEVELS = ['restricted', 'confidential', 'secret'] as const;
/** Categories of data subject, kept apart (EU Directive 2016/680 art. 6). */
export const SUBJECT_CATEGORIES = ['suspect', 'victim', 'witness', 'informant', 'other'] as const;
/** The closed list of purposes a query declares and a record may be limited to. */
export const PURPOSES = ['investigation', 'screening', 'crime_analysis', 'victim_support', 'oversight'] as const;
/** Legal bases on which a record was collected. */
export const LEGAL_BASES = [
  'law_enforcement',
  'legal_obligation',
  'public_task',
  'vital_interest',
  'consent',
  'legitimate_interest',
] as const;

/** Personal records are reviewed after this many years unless the owner sets less. */
export const DEFAULT_RETENTION_YEARS = 5;

const sector = z.enum(SECTORS);

/**
 * The markings a submitter may set on a record. Every field is optional: what is absent takes
 * the batch's default, then the owner's default, then the most restrictive value (an unmarked
 * record is visible to its owner alone).
 */
export const envelopeInput = z
  .object({
    sector: sector.optional().describe("The sector the record comes from; defaults to the owner's"),
    collectedAt: z.iso.datetime({ offset: true }).optional().describe('When the owner collected it'),
    subjectCategory: z.enum(SUBJECT_CATEGORIES).optional(),
    purposes: z.array(z.enum(PURPOSES)).min(1).max(PURPOSES.length).optional(),
    legalBasis: z.enum(LEGAL_BASES).optional(),
    tlp: z.enum(TLP_LABELS).optional().describe('Absent: visible to the owner alone'),
    confidentiality: z.enum(CONFIDENTIALITY_LEVELS).optional(),
    sharingGroups: z.array(safeString().min(1).max(100)).max(50).optional(),
    recipients: z
      .array(safeString().min(1).max(100))
      .max(50)
      .optional()
      .describe('TLP:RED only: the people (user ids) in other organisations the record is for'),
    fieldRestrictions: z
      .record(safeString().min(1).max(100), z.array(sector).min(1))
      .optional()
      .describe('Property name → the recipient sectors that may see it'),
    handling: z
      .array(safeString().min(1).max(500))
      .max(20)
      .optional()
      .describe('Handling conditions that travel with every copy'),
    retentionReviewAt: z.iso.date().optional(),
  })
  .strict();

/** Markings as submitted. */
export type EnvelopeInput = z.infer<typeof envelopeInput>;

/** The complete sharing envelope stored with every record. */
export interface Envelope {
  readonly ownerOrganisation: string;
  readonly sector: (typeof SECTORS)[number];
  readonly sourceSystem: string;
  readonly sourceRecordId: string;
  readonly collectedAt: string;
  readonly subjectCategory: (typeof SUBJECT_CATEGORIES)[number];
  readonly purposes: readonly (typeof PURPOSES)[number][];
  readonly legalBasis: (typeof LEGAL_BASES)[number] | null;
  readonly tlp: (typeof TLP_LABELS)[number] | null;
  readonly confidentiality: (typeof CONFIDENTIALITY_LEVELS)[number];
  readonly sharingGroups: readonly string[];
  /** Read only under TLP:RED: the people outside the owner it is for. */
  readonly recipients: readonly string[];
  readonly fieldRestrictions: Readonly<Record<string, readonly (typeof SECTORS)[number][]>>;
  readonly handling: readonly string[];
  readonly retentionReviewAt: string;
}

let lastInstant = '';
let lastYears = 0;
let lastDate = '';

/** Adds whole years to an ISO instant and returns the calendar date (YYYY-MM-DD) in UTC. */
export function addYears(instant: string, years: number): string {
  // A batch's records mostly share one instant: remember the last answer (Date is slow).
  if (instant === lastInstant && years === lastYears) return lastDate;
  const date = new Date(instant);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  lastInstant = instant;
  lastYears = years;
  lastDate = date.toISOString().slice(0, 10);
  return lastDate;
}

// Shared, frozen defaults: records of a batch then point at the same objects, which keeps them
// small in memory and cheap to pass between threads.
const ALL_PURPOSES: readonly (typeof PURPOSES)[number][] = Object.freeze([...PURPOSES]);
const NONE: readonly string[] = Object.freeze([]);
const NO_RESTRICTIONS: Envelope['fieldRestrictions'] = Object.freeze({});

/**
 * Completes the markings of one record. What is absent takes the most restrictive default: no
 * TLP (owner only), the lowest confidentiality level, subject category "other", retention review
 * five years after collection. Purposes default to all: a record limits them only when its owner says so.
 */
export function completeEnvelope(
  identity: {
    ownerOrganisation: string;
    ownerSector: Envelope['sector'];
    sourceSystem: string;
    sourceRecordId: string;
  },
  markings: EnvelopeInput,
  now: string,
): Envelope {
  const collectedAt = markings.collectedAt ?? now;
  return {
    ownerOrganisation: identity.ownerOrganisation,
    sector: markings.sector ?? identity.ownerSector,
    sourceSystem: identity.sourceSystem,
    sourceRecordId: identity.sourceRecordId,
    collectedAt,
    subjectCategory: markings.subjectCategory ?? 'other',
    purposes: markings.purposes ?? ALL_PURPOSES,
    legalBasis: markings.legalBasis ?? null,
    tlp: markings.tlp ?? null,
    confidentiality: markings.confidentiality ?? 'restricted',
    sharingGroups: markings.sharingGroups ?? NONE,
    recipients: markings.recipients ?? NONE,
    fieldRestrictions: markings.fieldRestrictions ?? NO_RESTRICTIONS,
    handling: markings.handling ?? NONE,
    retentionReviewAt: markings.retentionReviewAt ?? addYears(collectedAt, DEFAULT_RETENTION_YEARS),
  };
}

/** The part of an envelope that many records share: everything but identity and dates. */
export type Marking = Omit<Envelope, 'sourceSystem' | 'sourceRecordId' | 'collectedAt' | 'retentionReviewAt'>;

const sorted = <T extends string>(values: readonly T[]): T[] => [...new Set(values)].sort();

/** The shared part of an envelope; lists are sets, so they are kept sorted and without repeats. */
export function markingOf(envelope: Envelope): Marking {
  return {
    ownerOrganisation: envelope.ownerOrganisation,
    sector: envelope.sector,
    subjectCategory: envelope.subjectCategory,
    purposes: sorted(envelope.purposes),
    legalBasis: envelope.legalBasis,
    tlp: envelope.tlp,
    confidentiality: envelope.confidentiality,
    sharingGroups: sorted(envelope.sharingGroups),
    recipients: sorted(envelope.recipients),
    fieldRestrictions: Object.fromEntries(
      Object.entries(envelope.fieldRestrictions).map(([property, sectors]) => [property, sorted(sectors)]),
    ),
    handling: sorted(envelope.handling),
  };
}

/** The id of a marking: a hash of its canonical form, so that equal markings share one row. */
export function markingIdOf(marking: Marking): string {
  // A marking without recipients hashes as it did before recipients existed: its id is stable.
  const { recipients, ...rest } = marking;
  return sha256(canonicalJson(recipients.length === 0 ? rest : marking), 'base64url').slice(0, 32);
}

/**
 * A complete envelope as the markings to submit again (writing a record anew, exporting it for
 * import): what it states, without the collections it leaves empty.
 */
export function envelopeInputOf(envelope: Envelope): EnvelopeInput {
  return {
    sector: envelope.sector,
    collectedAt: envelope.collectedAt,
    subjectCategory: envelope.subjectCategory,
    purposes: [...envelope.purposes],
    ...(envelope.legalBasis === null ? {} : { legalBasis: envelope.legalBasis }),
    ...(envelope.tlp === null ? {} : { tlp: envelope.tlp }),
    confidentiality: envelope.confidentiality,
    ...(envelope.sharingGroups.length === 0 ? {} : { sharingGroups: [...envelope.sharingGroups] }),
    ...(envelope.recipients.length === 0 ? {} : { recipients: [...envelope.recipients] }),
    ...(Object.keys(envelope.fieldRestrictions).length === 0
      ? {}
      : {
          fieldRestrictions: Object.fromEntries(
            Object.entries(envelope.fieldRestrictions).map(([property, sectors]) => [property, [...sectors]]),
          ),
        }),
    ...(envelope.handling.length === 0 ? {} : { handling: [...envelope.handling] }),
    retentionReviewAt: envelope.retentionReviewAt,
  };
}
