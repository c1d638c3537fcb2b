import {
  addYears,
  completeEnvelope,
  DEFAULT_RETENTION_YEARS,
  markingIdOf,
  markingOf,
  type Envelope,
  type EnvelopeInput,
} from '../model/envelope.ts';
import { sha256 } from '../model/canonical-json.ts';
import { propertiesValidator, type EntityDefinition } from '../model/entity.ts';
import { recordIdOf, type OrganisationId, type RecordId } from '../model/ids.ts';
import type { EntityReference } from '../model/property.ts';
import { entityType } from '../model/registry.ts';
import type { Sector } from '../model/taxonomy.ts';
import { fromZodIssues, type RecordError } from './errors.ts';
import type { WriteAudit } from './ports.ts';
import { recordInput } from './record-input.ts';

/** A record that passed validation, with its id, complete envelope and resolved references. */
export interface PreparedRecord {
  readonly id: RecordId;
  readonly type: string;
  readonly envelope: Envelope;
  /** Validated properties; entity references are replaced by record ids. */
  readonly properties: Readonly<Record<string, unknown>>;
  readonly caption: string | null;
  /** For relationships: the record ids at the two ends. */
  readonly sourceId: RecordId | null;
  readonly targetId: RecordId | null;
  /**
   * Hash of the type, the effective markings and the properties, so that a resubmission of the
   * same content (in any key order, with defaults spelt out or not) changes nothing.
   */
  readonly contentHash: string;
  /** The id of the record's shared markings (see markingIdOf). */
  readonly markingId: string;
  /** The dates the submitter gave, if any; a record is unchanged only if these match too. */
  readonly givenDates: { readonly collectedAt: string | null; readonly retentionReviewAt: string | null };
}

/** Who submits, from which source, with which default markings. */
export interface IngestContext {
  readonly organisation: { readonly id: OrganisationId; readonly sector: Sector };
  readonly sourceSystem: string;
  readonly defaults: EnvelopeInput;
  /** The instant of the submission, used where the record has no collection time. */
  readonly now: string;
  /** Who submits, for the ledger: an API key, a user, or `system:<what>`. */
  readonly actor: string;
  readonly requestId: string | null;
  /**
   * Whether notices may arrive in any status. Notices are published through review (the notices
   * service), so ingest takes them as drafts only, except from the notices service itself and the
   * synthetic world loaded by the operator.
   */
  readonly noticesReviewed?: boolean;
}

/** The context of a submission by an organisation from a source system, with default markings, made now. */
export function ingestContext(
  organisation: { readonly id: string; readonly sector: Sector },
  sourceSystem: string,
  defaults: EnvelopeInput,
  now: string = new Date().toISOString(),
  by: { readonly actor: string; readonly requestId?: string | null; readonly noticesReviewed?: boolean } = {
    actor: 'system',
  },
): IngestContext {
  return {
    organisation: { id: organisation.id as OrganisationId, sector: organisation.sector },
    sourceSystem,
    defaults,
    now,
    actor: by.actor,
    requestId: by.requestId ?? null,
    ...(by.noticesReviewed === true ? { noticesReviewed: true } : {}),
  };
}

/** What the ledger records of a submission's writes. */
export function writeAuditOf(context: IngestContext): WriteAudit {
  return { organisation: context.organisation.id, actor: context.actor, requestId: context.requestId };
}

/** The outcome of validating one record. */
export type Prepared =
  { readonly ok: true; readonly record: PreparedRecord } | { readonly ok: false; readonly errors: RecordError[] };

/**
 * What is worked out once per ingest context rather than for every record: the ids of the
 * records referred to again and again (a payer, a passenger), within a bound, and the marking
 * of the records that carry only the batch's default markings.
 */
interface ContextCache {
  readonly references: Map<string, RecordId>;
  defaultMarkingId?: string;
}

const contextCaches = new WeakMap<IngestContext, ContextCache>();
const REFERENCE_CACHE_SIZE = 50_000;

function cacheOf(context: IngestContext): ContextCache {
  let cache = contextCaches.get(context);
  if (cache === undefined) {
    cache = { references: new Map() };
    contextCaches.set(context, cache);
  }
  return cache;
}

function resolveReference(
  reference: EntityReference,
  owner: string,
  sourceSystem: string,
  cache: Map<string, RecordId>,
): RecordId {
  if (typeof reference !== 'string') {
    if ('id' in reference) return reference.id.toLowerCase() as RecordId;
    return recordIdOf(owner, reference.sourceSystem, reference.sourceRecordId);
  }
  let id = cache.get(reference);
  if (id === undefined) {
    id = recordIdOf(owner, sourceSystem, reference);
    if (cache.size >= REFERENCE_CACHE_SIZE) cache.clear();
    cache.set(reference, id);
  }
  return id;
}

function resolveReferences(
  definition: EntityDefinition,
  properties: Record<string, unknown>,
  owner: string,
  sourceSystem: string,
  context: IngestContext,
): Record<string, unknown> {
  // A record whose source system differs from the batch's must not share the batch's cache.
  const references = sourceSystem === context.sourceSystem ? cacheOf(context).references : new Map<string, RecordId>();
  const resolved: Record<string, unknown> = {};
  for (const name in properties) {
    const value = properties[name];
    if (value === undefined) continue;
    if (definition.properties[name]?.kind !== 'entity') {
      resolved[name] = value;
    } else if (Array.isArray(value)) {
      resolved[name] = (value as EntityReference[]).map((item) =>
        resolveReference(item, owner, sourceSystem, references),
      );
    } else {
      resolved[name] = resolveReference(value as EntityReference, owner, sourceSystem, references);
    }
  }
  return resolved;
}

function captionOf(definition: EntityDefinition, properties: Record<string, unknown>): string | null {
  for (const name of definition.caption) {
    const value = properties[name];
    const first: unknown = Array.isArray(value) ? value[0] : value;
    if (typeof first === 'string' && first !== '') return first.slice(0, 300);
    if (typeof first === 'number') return String(first);
  }
  return null;
}

function checkEnvelope(
  definition: EntityDefinition,
  markings: EnvelopeInput,
  position: number,
  sourceRecordId: string,
  now: string,
): RecordError[] {
  const errors: RecordError[] = [];
  for (const property in markings.fieldRestrictions) {
    if (definition.properties[property] === undefined) {
      errors.push({
        record: position,
        sourceRecordId,
        field: `envelope.fieldRestrictions.${property}`,
        code: 'unknown_property',
        message: `${definition.name} has no property "${property}" to restrict`,
      });
    }
  }
  const latest = addYears(markings.collectedAt ?? now, DEFAULT_RETENTION_YEARS);
  if (markings.retentionReviewAt !== undefined && markings.retentionReviewAt > latest) {
    errors.push({
      record: position,
      sourceRecordId,
      field: 'envelope.retentionReviewAt',
      code: 'retention_too_long',
      message: `retention review may be at most ${DEFAULT_RETENTION_YEARS} years after collection (${latest})`,
    });
  }
  return errors;
}

const DATES_ONLY = new Set(['collectedAt', 'retentionReviewAt']);

function markingIdFor(envelope: Envelope, recordMarkings: EnvelopeInput | undefined, context: IngestContext): string {
  const usesDefaults = recordMarkings === undefined || Object.keys(recordMarkings).every((key) => DATES_ONLY.has(key));
  if (!usesDefaults) return markingIdOf(markingOf(envelope));
  const cache = cacheOf(context);
  cache.defaultMarkingId ??= markingIdOf(markingOf(envelope));
  return cache.defaultMarkingId;
}

/**
 * Hash of a record's content. Properties come out of validation in the schema's key order and the
 * marking id is already canonical, so plain JSON is stable.
 */
function contentHashOf(type: string, markingId: string, properties: Record<string, unknown>): string {
  return sha256(JSON.stringify([type, markingId, properties]), 'base64url');
}

/** Validates one submitted record and prepares it for storage. Never throws on bad input. */
export function prepareRecord(raw: unknown, position: number, context: IngestContext): Prepared {
  const hint =
    typeof raw === 'object' && raw !== null ? (raw as { sourceRecordId?: unknown }).sourceRecordId : undefined;
  const parsed = recordInput.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      errors: fromZodIssues(position, typeof hint === 'string' ? hint : undefined, '', parsed.error.issues),
    };
  }
  const input = parsed.data;
  const definition = entityType(input.type);
  if (definition === undefined) throw new Error(`validated type ${input.type} is not registered`);
  const properties = propertiesValidator(definition).safeParse(input.properties);
  const markings: EnvelopeInput =
    input.envelope === undefined ? context.defaults : { ...context.defaults, ...input.envelope };
  const envelopeErrors = checkEnvelope(definition, markings, position, input.sourceRecordId, context.now);
  if (!properties.success) {
    const errors = fromZodIssues(position, input.sourceRecordId, 'properties', properties.error.issues);
    return { ok: false, errors: [...errors, ...envelopeErrors] };
  }
  if (envelopeErrors.length > 0) return { ok: false, errors: envelopeErrors };
  const status = properties.data['status'];
  if (
    definition.name === 'Notice' &&
    typeof status === 'string' &&
    status !== 'draft' &&
    context.noticesReviewed !== true
  ) {
    return {
      ok: false,
      errors: [
        {
          record: position,
          sourceRecordId: input.sourceRecordId,
          field: 'properties.status',
          code: 'notice_not_reviewed',
          message: `a notice arrives as a draft; it is ${status.replace('_', ' ')} only through review (POST /api/v1/notices/{id}/submit, then approve)`,
        },
      ],
    };
  }

  const owner = context.organisation.id;
  const sourceSystem = input.sourceSystem ?? context.sourceSystem;
  const resolved = resolveReferences(definition, properties.data, owner, sourceSystem, context);
  const envelope = completeEnvelope(
    {
      ownerOrganisation: owner,
      ownerSector: context.organisation.sector,
      sourceSystem,
      sourceRecordId: input.sourceRecordId,
    },
    markings,
    context.now,
  );
  const edgeEnd = (property: string | undefined): RecordId | null => {
    const value = property === undefined ? undefined : resolved[property];
    return typeof value === 'string' ? (value as RecordId) : null;
  };
  const markingId = markingIdFor(envelope, input.envelope, context);
  return {
    ok: true,
    record: {
      id: recordIdOf(owner, sourceSystem, input.sourceRecordId),
      type: definition.name,
      envelope,
      properties: resolved,
      caption: captionOf(definition, resolved),
      sourceId: edgeEnd(definition.edge?.source),
      targetId: edgeEnd(definition.edge?.target),
      contentHash: contentHashOf(definition.name, markingId, resolved),
      markingId,
      givenDates: {
        collectedAt: markings.collectedAt === undefined ? null : envelope.collectedAt,
        retentionReviewAt: markings.retentionReviewAt ?? null,
      },
    },
  };
}
