/**
 * A tip as the reporting channels take it: the structured questions of the tip page (what, where,
 * when, who, vehicles, phones, online links, is someone in danger now) and free text, checked, then
 * turned into the Tip record the receiving organisation owns. Nothing of the reporter is in it.
 */
import { z } from 'zod';
import { EXPLOITATION_TYPES } from '../model/taxonomy.ts';
import type { ExtractedEntities } from './extract.ts';

/** The languages the reporting channels speak. */
export const TIP_LANGUAGES = ['en', 'es', 'fr', 'ar'] as const;
export type TipLanguage = (typeof TIP_LANGUAGES)[number];

/**
 * What the reporter says is happening: the exploitation types, a child at risk (whatever the
 * exploitation), and smuggling (a crime against a state, not an exploitation).
 */
export const TIP_CONCERNS = [
  ...EXPLOITATION_TYPES.filter((type) => type !== 'other'),
  'child_at_risk',
  'smuggling',
  'other',
] as const;
export type TipConcern = (typeof TIP_CONCERNS)[number];

/** When it happened, as the reporter can say it. */
export const TIP_WHEN = ['now', 'today', 'this_week', 'earlier'] as const;
export type TipWhen = (typeof TIP_WHEN)[number];

/** The channels a tip arrives by. */
export const TIP_CHANNELS = ['web', 'sms', 'ussd'] as const;

const text = (maximum: number) => z.string().trim().max(maximum).optional();

/** A tip as submitted: every question may be left unanswered, but something must be said. */
export const tipSubmission = z
  .object({
    language: z.enum(TIP_LANGUAGES),
    channel: z.enum(TIP_CHANNELS),
    inDanger: z.boolean().nullable().default(null),
    concerns: z.array(z.enum(TIP_CONCERNS)).max(TIP_CONCERNS.length).default([]),
    where: text(500),
    when: z.enum(TIP_WHEN).nullable().default(null),
    who: text(4_000),
    vehicles: text(1_000),
    phones: text(1_000),
    links: text(2_000),
    text: text(10_000),
  })
  .strict()
  .refine(
    (tip) => [tip.where, tip.who, tip.vehicles, tip.phones, tip.links, tip.text].some((part) => (part ?? '') !== ''),
    { message: 'say what you saw: at least one of where, who, vehicles, phones, links or text', path: ['text'] },
  );

/** A checked tip. */
export type TipSubmission = z.output<typeof tipSubmission>;

/** The labelled parts of a tip, in the order an analyst reads them. */
export function tipText(tip: TipSubmission): string {
  const parts: [string, string | undefined][] = [
    ['', tip.text],
    ['Who: ', tip.who],
    ['Where: ', tip.where],
    ['Vehicles: ', tip.vehicles],
    ['Phones: ', tip.phones],
    ['Links: ', tip.links],
  ];
  return parts
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([label, value]) => `${label}${value ?? ''}`)
    .join('\n');
}

/** The Tip record a report becomes, owned by the receiving organisation. */
export interface TipRecord {
  readonly type: 'Tip';
  readonly sourceRecordId: string;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** At most this many characters of the text make the record's summary. */
const SUMMARY_LENGTH = 140;

/** The Tip record of a tip, with what was extracted from its text (phones, links, plates, the place). */
export function tipRecordOf(
  tip: TipSubmission,
  entities: ExtractedEntities,
  sourceRecordId: string,
  receivedAt: Date,
): TipRecord {
  const full = tipText(tip);
  const place = entities.places[0];
  const exploitation = tip.concerns.filter((concern) => (EXPLOITATION_TYPES as readonly string[]).includes(concern));
  const summary = full.replace(/\s+/gu, ' ').trim();
  return {
    type: 'Tip',
    sourceRecordId,
    properties: {
      receivedAt: receivedAt.toISOString(),
      channel: tip.channel,
      language: tip.language,
      summary: summary.length <= SUMMARY_LENGTH ? summary : `${summary.slice(0, SUMMARY_LENGTH - 1)}…`,
      text: full,
      ...(tip.where === undefined || tip.where === '' ? {} : { place: tip.where }),
      ...(place === undefined ? {} : { city: place.name, country: place.country }),
      ...(tip.inDanger === null ? {} : { inDanger: tip.inDanger }),
      ...(exploitation.length === 0 ? {} : { exploitationType: exploitation }),
      ...(entities.phones.length === 0 ? {} : { phone: entities.phones.map((phone) => phone.e164) }),
      ...(entities.links.length === 0 ? {} : { url: entities.links.map((link) => link.url) }),
      ...(entities.plates.length === 0 ? {} : { vehicle: [...entities.plates] }),
    },
  };
}
