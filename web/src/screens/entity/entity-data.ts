/**
 * The entity page's data as the API gives it (GET /entities/:id, /records/:id, /alerts), and what
 * the page derives from it: the name to show, the timeline and the places. Nothing here assumes a
 * record or a field is visible: a record the reader may not open is simply left out of both.
 */

export interface EntityRecord {
  readonly id: string;
  readonly kind: string;
  readonly sector?: string;
  readonly ownerOrganisation: string;
  readonly caption: string | null;
  readonly protected?: boolean;
}

export interface EntityLink {
  readonly source: string;
  readonly target: string;
  readonly kind: string;
  readonly basis: 'stated' | 'identifier' | 'resolved';
  readonly reason?: string;
  readonly at?: string;
  readonly place?: string;
  readonly recordId?: string;
  readonly probability?: number;
  readonly features?: readonly { readonly feature: string; readonly level: string; readonly weight: number }[];
}

export interface Judgement {
  readonly recordA: string;
  readonly recordB: string;
  readonly verdict: 'same' | 'different';
  readonly reason: string;
  readonly organisationId: string;
  readonly decidedBy: string;
  readonly decidedAt: string;
}

export interface Entity {
  readonly recordId: string;
  readonly records: readonly EntityRecord[];
  readonly links: readonly EntityLink[];
  readonly judgements: readonly Judgement[];
  readonly truncated: boolean;
}

/** A record as GET /records/:id gives it: its markings and the properties the reader may see. */
export interface RecordDetail {
  readonly id: string;
  readonly type: string;
  readonly caption: string | null;
  readonly envelope: {
    readonly ownerOrganisation: string;
    readonly sector: string;
    readonly collectedAt: string;
    readonly subjectCategory: string;
    readonly tlp: string | null;
    readonly confidentiality: string;
    readonly retentionReviewAt: string;
  };
  readonly properties: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
}

export interface AlertSummary {
  readonly id: string;
  readonly kind: string;
  readonly urgency: 'routine' | 'urgent';
  readonly reference: string;
  readonly record: string | null;
  readonly details: Readonly<Record<string, unknown>>;
  readonly state: string;
  readonly createdAt: string;
}

/** The name of the entity: the caption its records give most often, a person's first. */
export function bestCaption(entity: Entity): string | null {
  const captioned = entity.records.filter((record) => record.caption !== null && record.caption !== '');
  const counts = new Map<string, number>();
  for (const record of captioned) {
    const key = (record.caption ?? '').toLocaleLowerCase();
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const rank = (record: EntityRecord) =>
    (record.kind === 'Person' ? 1000 : 0) +
    (counts.get((record.caption ?? '').toLocaleLowerCase()) ?? 0) * 10 +
    (record.id === entity.recordId ? 1 : 0);
  const [best] = [...captioned].sort((a, b) => rank(b) - rank(a));
  return best?.caption ?? null;
}

/** Date properties that say when a record happened, in the order resolution reads them. */
const WHEN = [
  'startDate',
  'checkIn',
  'departureAt',
  'occurredAt',
  'postedAt',
  'receivedAt',
  'respondedAt',
  'issueDate',
  'firstSeenAt',
  'createdAt',
  'openedAt',
  'lastSeenAt',
];
/** Properties that say where. */
const WHERE = ['city', 'destination', 'accommodationName', 'origin', 'lastSeenPlace', 'address'];

const firstString = (value: unknown): string | undefined => {
  const values: unknown[] = Array.isArray(value) ? value : [value];
  return values.find((each): each is string => typeof each === 'string' && each.trim() !== '');
};

export interface TimelineEvent {
  readonly at: string;
  /** The record it happened in (a record of the entity, or the record stating a link). */
  readonly recordId: string;
  /** The property that dates it, or the link's kind. */
  readonly what: string;
  readonly link?: EntityLink;
}

/** Records and links with a date, oldest first. */
export function timelineOf(entity: Entity, details: ReadonlyMap<string, RecordDetail>): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const record of entity.records) {
    const detail = details.get(record.id);
    if (detail === undefined) continue;
    const property = WHEN.find((name) => firstString(detail.properties[name]) !== undefined);
    if (property !== undefined) {
      events.push({ at: firstString(detail.properties[property]) ?? '', recordId: record.id, what: property });
    }
  }
  for (const link of entity.links) {
    if (link.at !== undefined)
      events.push({ at: link.at, recordId: link.recordId ?? link.source, what: link.kind, link });
  }
  return events.sort((a, b) => a.at.localeCompare(b.at));
}

export interface Place {
  readonly name: string;
  readonly country: string | undefined;
  readonly records: readonly string[];
}

/** Where the records and links place the entity, each place with the records that name it. */
export function placesOf(entity: Entity, details: ReadonlyMap<string, RecordDetail>): Place[] {
  const places = new Map<string, { name: string; country: string | undefined; records: Set<string> }>();
  const add = (name: string, country: string | undefined, recordId: string) => {
    const key = `${name.toLocaleLowerCase()}|${country ?? ''}`;
    const place = places.get(key) ?? { name, country, records: new Set<string>() };
    place.records.add(recordId);
    places.set(key, place);
  };
  for (const record of entity.records) {
    const detail = details.get(record.id);
    if (detail === undefined) continue;
    const country = firstString(detail.properties['country']) ?? firstString(detail.properties['destinationCountry']);
    const where = WHERE.map((name) => firstString(detail.properties[name])).find((value) => value !== undefined);
    if (where !== undefined) add(where.trim(), country, record.id);
    else if (country !== undefined) add(country, undefined, record.id);
  }
  for (const link of entity.links) {
    if (link.place !== undefined) add(link.place, undefined, link.recordId ?? link.source);
  }
  return [...places.values()]
    .map((place) => ({ name: place.name, country: place.country, records: [...place.records] }))
    .sort((a, b) => b.records.length - a.records.length || a.name.localeCompare(b.name));
}

/** The judgement on a pair of records, if one was made (either way round). */
export function judgementOf(entity: Entity, a: string, b: string): Judgement | undefined {
  return entity.judgements.find(
    (judgement) =>
      (judgement.recordA === a && judgement.recordB === b) || (judgement.recordA === b && judgement.recordB === a),
  );
}
