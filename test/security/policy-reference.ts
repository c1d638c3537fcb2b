/**
 * A reference model of the sharing rules, written apart from the engine, from the project's
 * security model and docs/sharing.md, and on purpose in another shape: it starts from the record
 * and asks who it is published to, then whether the asker is among them.
 * It must never import the engine.
 */

export type RefRole = 'admin' | 'analyst' | 'reporter' | 'reviewer' | 'caseworker' | 'auditor';
export type RefPurpose = 'investigation' | 'screening' | 'crime_analysis' | 'victim_support' | 'oversight';
export type RefLevel = 'restricted' | 'confidential' | 'secret';

export interface RefAsker {
  org: string;
  orgType: 'coordinator' | 'law_enforcement' | 'company' | 'ngo' | 'oversight';
  sector: string;
  roles: RefRole[];
  clearance: RefLevel;
  groups: string[];
  /** The person asking; null for an API key. */
  user: string | null;
}

export interface RefRecord {
  owner: string;
  subjectCategory: 'suspect' | 'victim' | 'witness' | 'informant' | 'other';
  purposes: RefPurpose[];
  tlp: 'CLEAR' | 'GREEN' | 'AMBER' | 'AMBER+STRICT' | 'RED' | null;
  confidentiality: RefLevel;
  sharingGroups: string[];
  recipients: string[];
  fieldRestrictions: Record<string, string[]>;
}

/** Role table of docs/sharing.md, written out as the set of (role, purpose) pairs each reach allows. */
const READS_OWN = new Set([
  'admin/investigation',
  'admin/screening',
  'admin/crime_analysis',
  'admin/victim_support',
  'reporter/investigation',
  'reporter/screening',
  'reporter/victim_support',
  'analyst/investigation',
  'analyst/screening',
  'analyst/crime_analysis',
  'reviewer/screening',
  'reviewer/investigation',
  'caseworker/victim_support',
]);
const READS_SHARED = new Set([
  'analyst/investigation',
  'analyst/screening',
  'analyst/crime_analysis',
  'reviewer/screening',
  'reviewer/investigation',
  'caseworker/victim_support',
]);
const DECLARABLE = new Set([...READS_OWN, 'auditor/oversight']);

const LEVEL = { restricted: 1, confidential: 2, secret: 3 } as const;

/** Who a record is published to beyond its owner, as a test on an asker. */
function publishedTo(record: RefRecord, asker: RefAsker): boolean {
  switch (record.tlp) {
    case null:
      return false;
    case 'RED':
      // Named people only, whatever their organisation or groups.
      return asker.user !== null && record.recipients.includes(asker.user);
    case 'CLEAR':
    case 'GREEN':
    case 'AMBER':
    case 'AMBER+STRICT': {
      if (record.sharingGroups.length > 0) return asker.groups.some((group) => record.sharingGroups.includes(group));
      if (record.tlp === 'CLEAR' || record.tlp === 'GREEN') return true;
      return asker.orgType === 'coordinator';
    }
  }
}

/** What the reference says an asker sees of a record: undefined, or the fields hidden. */
export function referenceView(asker: RefAsker, purpose: RefPurpose, record: RefRecord): string[] | undefined {
  const pairs = asker.roles.map((role) => `${role}/${purpose}`);
  if (!pairs.some((pair) => DECLARABLE.has(pair))) return undefined;
  if (!record.purposes.includes(purpose)) return undefined;
  if (LEVEL[asker.clearance] < LEVEL[record.confidentiality]) return undefined;
  if (asker.org === record.owner) return pairs.some((pair) => READS_OWN.has(pair)) ? [] : undefined;
  if (!pairs.some((pair) => READS_SHARED.has(pair))) return undefined;
  if (record.subjectCategory === 'victim' && asker.orgType === 'company') return undefined;
  if (!publishedTo(record, asker)) return undefined;
  const hidden: string[] = [];
  for (const field of Object.keys(record.fieldRestrictions)) {
    if (!(record.fieldRestrictions[field] ?? []).includes(asker.sector)) hidden.push(field);
  }
  return hidden.sort();
}
