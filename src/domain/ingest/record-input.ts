import { z } from 'zod';
import { safeString } from '../model/property.ts';
import { envelopeInput } from '../model/envelope.ts';
import { ENTITY_TYPE_NAMES } from '../model/registry.ts';

/** Most records one API batch may carry; files stream through in batches of this size too. */
export const MAX_BATCH = 5_000;

const sourceSystem = safeString()
  .trim()
  .min(1)
  .max(200)
  .describe('The system the records come from, e.g. "pnr-export" or "bookings-db"');

/**
 * One record as submitted: its type, its id in the source, its markings and its properties.
 * Compiled ahead of time by zod (see propertiesValidator): every record passes through it.
 */
export const recordInput = z.compile(
  z
    .object({
      type: z.enum(ENTITY_TYPE_NAMES as [string, ...string[]]).describe('Entity type'),
      sourceRecordId: safeString().trim().min(1).max(1_000).describe('Its id in the source system'),
      sourceSystem: sourceSystem.optional().describe("Overrides the batch's source system"),
      envelope: envelopeInput.optional(),
      properties: z.record(safeString(), z.unknown()).describe("Properties as declared by the entity type's schema"),
    })
    .strict(),
);

/** A record as submitted. */
export type RecordInput = z.infer<typeof recordInput>;

/** A batch of records sharing a source system and default markings. */
export const recordBatchInput = z
  .object({
    sourceSystem,
    envelope: envelopeInput.optional().describe('Default markings for every record of the batch'),
    records: z.array(z.unknown()).min(1).max(MAX_BATCH).describe('Records; each is validated on its own'),
  })
  .strict();

/** A batch as submitted. */
export type RecordBatchInput = z.infer<typeof recordBatchInput>;
