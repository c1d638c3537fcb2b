import { z } from 'zod';
import { SECTORS } from './taxonomy.ts';

/** Kinds of member organisation. */
export const ORGANISATION_TYPES = ['coordinator', 'law_enforcement', 'company', 'ngo', 'oversight'] as const;

/** An organisation as declared by an administrator. */
export const organisationInput = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and hyphens, 2 to 63 characters'),
    name: z.string().trim().min(1).max(300),
    organisationType: z.enum(ORGANISATION_TYPES),
    sector: z.enum(SECTORS),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
    childProtection: z
      .boolean()
      .optional()
      .describe('A child protection service: receives the hits on missing children, to safeguard them'),
  })
  .strict();

/** A member organisation. */
export type Organisation = z.infer<typeof organisationInput>;
