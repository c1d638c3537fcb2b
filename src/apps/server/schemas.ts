/** Response and documentation schemas of the HTTP API, derived from the entity model. */
import { z } from 'zod';
import {
  envelopeInput,
  CONFIDENTIALITY_LEVELS,
  LEGAL_BASES,
  PURPOSES,
  SUBJECT_CATEGORIES,
  TLP_LABELS,
} from '../../domain/model/envelope.ts';
import { propertiesSchema } from '../../domain/model/entity.ts';
import { ENTITY_TYPES } from '../../domain/model/registry.ts';
import { SECTORS } from '../../domain/model/taxonomy.ts';
import { ERROR_CATALOGUE } from './errors.ts';

/** The error response. */
export const errorResponse = z
  .object({
    error: z.object({
      code: z.enum(Object.keys(ERROR_CATALOGUE) as [string, ...string[]]),
      message: z.string(),
      correlationId: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });

/** One refused record. */
export const recordErrorSchema = z
  .object({
    record: z.number().int().describe('Array index (API) or line number (files)'),
    sourceRecordId: z.string().optional(),
    field: z.string().describe('Dotted path of the field, e.g. properties.birthDate'),
    code: z.string(),
    message: z.string(),
  })
  .meta({ id: 'RecordError' });

/** The report of an ingest. */
export const ingestReport = z
  .object({
    jobId: z.uuid().optional(),
    total: z.number().int(),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    superseded: z.number().int().describe('Repeated later in the same batch; the later one was kept'),
    rejected: z.number().int(),
    skipped: z.number().int().describe('Valid but not written because the atomic batch held invalid records'),
    errors: z.array(recordErrorSchema),
    errorsTruncated: z.boolean().optional(),
  })
  .meta({ id: 'IngestReport' });

/** The stored envelope. */
export const envelopeOutput = z
  .object({
    ownerOrganisation: z.string(),
    sector: z.enum(SECTORS),
    sourceSystem: z.string(),
    sourceRecordId: z.string(),
    collectedAt: z.string(),
    subjectCategory: z.enum(SUBJECT_CATEGORIES),
    purposes: z.array(z.enum(PURPOSES)),
    legalBasis: z.enum(LEGAL_BASES).nullable(),
    tlp: z.enum(TLP_LABELS).nullable(),
    confidentiality: z.enum(CONFIDENTIALITY_LEVELS),
    sharingGroups: z.array(z.string()),
    fieldRestrictions: z.record(z.string(), z.array(z.enum(SECTORS))),
    handling: z.array(z.string()),
    retentionReviewAt: z.string(),
  })
  .meta({ id: 'Envelope' });

/** A record as the API returns it. */
export const recordOutput = z
  .object({
    id: z.uuid(),
    type: z.string(),
    caption: z.string().nullable(),
    envelope: envelopeOutput,
    properties: z.record(z.string(), z.unknown()).describe('Entity references are given as record ids'),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Record' });

const sourceRecordId = z.string().min(1).max(1_000);

/**
 * The documented shape of one submitted record: a union over entity types. The API validates
 * each record on its own (so that one bad record does not refuse its batch), so this schema
 * serves the OpenAPI document and client generation, not request validation.
 */
export const documentedRecordInput = z
  .discriminatedUnion(
    'type',
    ENTITY_TYPES.map((definition) =>
      z
        .object({
          type: z.literal(definition.name),
          sourceRecordId,
          sourceSystem: z.string().optional(),
          envelope: envelopeInput.optional(),
          properties: propertiesSchema(definition),
        })
        .meta({ id: `Submitted${definition.name}`, description: definition.description }),
    ) as unknown as [z.ZodObject, ...z.ZodObject[]],
  )
  .meta({ id: 'SubmittedRecord' });
