import type { Envelope } from '../model/envelope.ts';
import type { StoredRecord } from '../model/record.ts';
import type { Sector } from '../model/taxonomy.ts';

/** Who is reading: the organisation a request acts for, and its sector. */
export interface Viewer {
  readonly organisationId: string;
  readonly sector: Sector;
}

/** Whether a viewer may see a record, and which of its properties are hidden from them. */
export interface SharingDecision {
  readonly visible: boolean;
  readonly hiddenProperties: readonly string[];
}

const HIDDEN: SharingDecision = { visible: false, hiddenProperties: [] };
const OWNER: SharingDecision = { visible: true, hiddenProperties: [] };

/**
 * The one gate every read passes through. Until the full sharing engine exists (TLP, clearance,
 * groups, purposes), it applies the rule that needs none of them: deny by default, so a record is
 * visible to its owner alone, whatever its markings. Field restrictions name the recipient
 * sectors that may see a field; they never hide the owner's own data from the owner.
 */
export function decide(viewer: Viewer, envelope: Envelope): SharingDecision {
  if (viewer.organisationId !== envelope.ownerOrganisation) return HIDDEN;
  return OWNER;
}

/** Which properties field restrictions hide from a recipient that is not the owner. */
export function restrictedFor(viewer: Viewer, envelope: Envelope): string[] {
  return Object.entries(envelope.fieldRestrictions)
    .filter(([, sectors]) => !sectors.includes(viewer.sector))
    .map(([property]) => property);
}

/** A record as a viewer may see it: undefined when hidden, restricted fields removed. */
export function shareRecord(viewer: Viewer, record: StoredRecord): StoredRecord | undefined {
  const decision = decide(viewer, record.envelope);
  if (!decision.visible) return undefined;
  if (decision.hiddenProperties.length === 0) return record;
  const hidden = new Set(decision.hiddenProperties);
  const properties = Object.fromEntries(Object.entries(record.properties).filter(([name]) => !hidden.has(name)));
  return { ...record, properties };
}
