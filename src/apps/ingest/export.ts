import type { Store } from '../../adapters/store/index.ts';
import { envelopeInputOf } from '../../domain/model/envelope.ts';
import { toFtmEntity } from '../../domain/model/ftm.ts';
import type { StoredRecord } from '../../domain/model/record.ts';
import { entityType } from '../../domain/model/registry.ts';
import { exportPages, type Access } from '../sharing/index.ts';

/** Export formats. */
export const EXPORT_FORMATS = ['ftm', 'jsonl'] as const;
/** An export format. */
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A record as a JSON Lines import accepts it again: references as `{ "id": … }`. */
export function toRecordLine(record: StoredRecord): unknown {
  const definition = entityType(record.type);
  const properties: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(record.properties)) {
    if (definition?.properties[name]?.kind !== 'entity') properties[name] = value;
    else properties[name] = Array.isArray(value) ? value.map((id: unknown) => ({ id })) : { id: value };
  }
  return {
    type: record.type,
    sourceRecordId: record.envelope.sourceRecordId,
    sourceSystem: record.envelope.sourceSystem,
    envelope: envelopeInputOf(record.envelope),
    properties,
  };
}

/**
 * The records the reader may see, one JSON document per line, in id order. Every record passes
 * the policy engine (hidden records skipped, restricted fields removed before encoding) and every
 * page is recorded in the ledger as disclosed. Types without an FtM schema (Phone, Advert,
 * Booking…) are left out of an FtM export.
 */
export async function* exportRecords(
  store: Store,
  access: Access,
  options: { format: ExportFormat; types?: readonly string[] },
): AsyncGenerator<string> {
  for await (const page of exportPages(store, access, options.types === undefined ? {} : { types: options.types })) {
    let text = '';
    for (const record of page) {
      const document = options.format === 'ftm' ? toFtmEntity(record) : toRecordLine(record);
      if (document !== undefined) text += `${JSON.stringify(document)}\n`;
    }
    if (text !== '') yield text;
  }
}
