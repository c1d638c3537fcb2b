import type { StoredRecord } from '../../domain/model/record.ts';
import type { z } from 'zod';
import type { recordOutput } from './schemas.ts';

/**
 * The API form of a record that already passed the sharing gate. Presenters take only gated
 * records (`shareRecord`'s output), never raw rows.
 */
export function presentRecord(record: StoredRecord): z.input<typeof recordOutput> {
  return {
    id: record.id,
    type: record.type,
    caption: record.caption,
    envelope: {
      ...record.envelope,
      purposes: [...record.envelope.purposes],
      sharingGroups: [...record.envelope.sharingGroups],
      handling: [...record.envelope.handling],
      fieldRestrictions: Object.fromEntries(
        Object.entries(record.envelope.fieldRestrictions).map(([property, sectors]) => [property, [...sectors]]),
      ),
    },
    properties: record.properties,
    version: record.version,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}
