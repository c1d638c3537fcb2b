/**
 * The trends dashboard's series and the map's flows, for one reader. Aggregates are derived data,
 * so the most restrictive rule holds: they count only what the reader may see (records under the
 * markings the policy engine allows for the declared purpose, and their organisation's own alerts),
 * group a record whose grouping field is hidden from the reader under "(withheld)", and suppress
 * small cells (domain/trends). Each answer is recorded in the ledger as a consultation, with how
 * many records it counted and none of their ids (no record is shown).
 */
import { credentialLive, type Store } from '../../adapters/store/index.ts';
import { TrendsRepository, type AggregatedRecord, type DayRange } from '../../adapters/store/trends.repository.ts';
import type { LedgerEvent } from '../../domain/audit/index.ts';
import { NOTICE_STATUSES } from '../../domain/model/entities/notice.schema.ts';
import { isOwnersAlone } from '../../domain/notices/index.ts';
import type { Decision } from '../../domain/policy/index.ts';
import {
  ALL,
  cityLookup,
  dayOf,
  factsOf,
  flowMap,
  groupsOf,
  periodsBetween,
  trendSeries,
  type Counted,
  type FlowMap,
  type Grouping,
  type Interval,
  type Leg,
  type Measure,
  type PlaceLookup,
  type Trends,
} from '../../domain/trends/index.ts';
import { AccessRevoked, visibleMarkings, type Access } from '../sharing/index.ts';

/** What the dashboard asks for. */
export interface TrendsQuery {
  readonly measure: Measure;
  readonly interval: Interval;
  readonly by: Grouping;
  readonly range: DayRange;
}

/** What the map asks for. */
export interface RoutesQuery {
  readonly range: DayRange;
  /** Only movements known to be of these forms of exploitation (only cases say). */
  readonly exploitationTypes?: readonly string[];
}

/** The record type, the property giving its day (else its collection), and the property of each grouping. */
const RECORD_MEASURES = {
  cases: {
    type: 'Case',
    day: 'openedAt',
    fields: { country: 'countryOfExploitation', exploitationType: 'exploitationType' },
  },
  tips: { type: 'Tip', day: 'receivedAt', fields: { country: 'country', exploitationType: 'exploitationType' } },
  notices: { type: 'Notice', day: null, fields: { country: 'nationality', type: 'noticeType' } },
} as const satisfies Record<
  'cases' | 'tips' | 'notices',
  { type: string; day: string | null; fields: Partial<Record<Grouping, string>> }
>;

/** Notice statuses in which a notice is its owner's alone (drafts, notices in review, cancelled). */
const OWNERS_ALONE_STATUSES = NOTICE_STATUSES.filter((status) =>
  isOwnersAlone({ type: 'Notice', properties: { status } }),
);

const hides = (decision: Decision | undefined, field: string): boolean =>
  decision === undefined || decision.hiddenFields.includes(field);

/** The trends and routes of one store. */
export class TrendsService {
  private readonly repository: TrendsRepository;

  constructor(
    private readonly store: Store,
    private readonly places: PlaceLookup = cityLookup(),
  ) {
    this.repository = new TrendsRepository(store.database, store.records);
  }

  /** A series per group over the periods of the range, suppressed. */
  async trends(access: Access, query: TrendsQuery): Promise<Trends & { counted: number }> {
    const counted = await this.counted(access, query);
    const periods = periodsBetween(query.range.from, query.range.to, query.interval);
    const trends = trendSeries(factsOf(counted, query.interval, query.range), periods);
    const total = counted.reduce((sum, thing) => sum + thing.count, 0);
    await this.consulted(access, `trends:${query.measure}:${query.by}:${query.interval}`, total);
    return { ...trends, counted: total };
  }

  /** The flows between places in the range, located and suppressed. */
  async routes(access: Access, query: RoutesQuery): Promise<FlowMap> {
    const markings = await visibleMarkings(this.store, access);
    const ids = [...markings.keys()];
    const legs: Leg[] = [];
    const wanted = query.exploitationTypes;
    // Trips say nothing of exploitation: a map of some forms of exploitation rests on cases alone.
    if (wanted === undefined || wanted.length === 0) {
      const trips = await this.repository.recordsOf(ids, 'Trip', [
        'origin',
        'originCountry',
        'destination',
        'destinationCountry',
        'departureAt',
      ]);
      for (const trip of trips) {
        const decision = markings.get(trip.markingId);
        if (decision === undefined) continue;
        const day =
          (hides(decision, 'departureAt') ? undefined : dayOf(trip.properties['departureAt'])) ??
          dayOf(trip.collectedAt);
        if (day === undefined || day < query.range.from || day > query.range.to) continue;
        legs.push({
          from: this.cityOf(trip, decision, 'origin', 'originCountry'),
          to: this.cityOf(trip, decision, 'destination', 'destinationCountry'),
          count: 1,
        });
      }
    }
    const cases = await this.repository.recordsOf(ids, 'Case', [
      'openedAt',
      'exploitationType',
      'countryOfOrigin',
      'countryOfExploitation',
    ]);
    for (const record of cases) {
      const decision = markings.get(record.markingId);
      if (decision === undefined) continue;
      const day =
        (hides(decision, 'openedAt') ? undefined : dayOf(record.properties['openedAt'])) ?? dayOf(record.collectedAt);
      if (day === undefined || day < query.range.from || day > query.range.to) continue;
      if (wanted !== undefined && wanted.length > 0) {
        if (hides(decision, 'exploitationType')) continue;
        const types = groupsOf(record.properties['exploitationType'], false);
        if (!types.some((type) => wanted.includes(type))) continue;
      }
      const origins = groupsOf(record.properties['countryOfOrigin'], hides(decision, 'countryOfOrigin'));
      const exploited = groupsOf(record.properties['countryOfExploitation'], hides(decision, 'countryOfExploitation'));
      for (const from of origins) {
        for (const to of exploited) {
          legs.push({
            from: { name: from, country: from.length === 2 ? from : null, kind: 'country' },
            to: { name: to, country: to.length === 2 ? to : null, kind: 'country' },
            count: 1,
            stage: 'origin-destination',
          });
        }
      }
    }
    const map = flowMap(legs, this.places);
    await this.consulted(access, 'routes', legs.length);
    return map;
  }

  private cityOf(
    trip: AggregatedRecord,
    decision: Decision | undefined,
    nameField: string,
    countryField: string,
  ): Leg['from'] {
    const [name] = groupsOf(trip.properties[nameField], hides(decision, nameField));
    const country = hides(decision, countryField) ? undefined : trip.properties[countryField];
    return { name: name ?? '', country: typeof country === 'string' ? country : null, kind: 'city' };
  }

  /** The things a measure counts, each with its day, how many and its groups. */
  private async counted(access: Access, query: TrendsQuery): Promise<Counted[]> {
    const organisation = access.subject.organisationId;
    switch (query.measure) {
      case 'alerts':
      case 'typologies': {
        // An organisation's alerts are its own inbox: every alert counted is one the reader may list.
        const rows = await this.repository.alertCounts(organisation, query.range);
        return rows
          .filter((row) => query.measure === 'alerts' || row.typology !== null)
          .map((row) => ({
            day: row.day,
            count: row.count,
            groups: query.by === 'none' ? [ALL] : [query.measure === 'alerts' ? row.kind : (row.typology ?? '')],
          }));
      }
      case 'records': {
        const markings = await visibleMarkings(this.store, access);
        const rows = await this.repository.recordCounts(
          [...markings.keys()],
          organisation,
          OWNERS_ALONE_STATUSES,
          query.range,
        );
        return rows.map((row) => ({
          day: row.day,
          count: row.count,
          groups: [query.by === 'sector' ? row.sector : query.by === 'type' ? row.type : ALL],
        }));
      }
      case 'cases':
      case 'tips':
      case 'notices':
        return this.countedRecords(access, query.measure, query.by);
    }
  }

  private async countedRecords(
    access: Access,
    measure: keyof typeof RECORD_MEASURES,
    by: Grouping,
  ): Promise<Counted[]> {
    const spec = RECORD_MEASURES[measure];
    const fields: Partial<Record<Grouping, string>> = spec.fields;
    const field = fields[by];
    const markings = await visibleMarkings(this.store, access);
    const properties = [
      ...(spec.day === null ? [] : [spec.day]),
      ...(field === undefined ? [] : [field]),
      ...(spec.type === 'Notice' ? ['status'] : []),
    ];
    const records = await this.repository.recordsOf([...markings.keys()], spec.type, properties);
    const counted: Counted[] = [];
    for (const record of records) {
      // A notice not published is its owner's alone, whatever its marking.
      if (
        record.ownerOrganisation !== access.subject.organisationId &&
        isOwnersAlone({ type: spec.type, properties: record.properties })
      ) {
        continue;
      }
      const decision = markings.get(record.markingId);
      if (decision === undefined) continue;
      const stated = spec.day === null || hides(decision, spec.day) ? undefined : dayOf(record.properties[spec.day]);
      const day = stated ?? dayOf(record.collectedAt);
      if (day === undefined) continue;
      const groups =
        by === 'none'
          ? [ALL]
          : by === 'sector'
            ? [record.sector]
            : groupsOf(
                field === undefined ? undefined : record.properties[field],
                field === undefined || hides(decision, field),
              );
      counted.push({ day, count: 1, groups });
    }
    return counted;
  }

  /** Records the read in the ledger; refused (nothing returned) if the credential was revoked meanwhile. */
  private async consulted(access: Access, what: string, counted: number): Promise<void> {
    const event: LedgerEvent = {
      actor: access.actor,
      organisation: access.subject.organisationId,
      action: 'consult',
      requestId: access.requestId,
      purpose: access.purpose,
      objectIds: [],
      outcome: 'ok',
      detail: `${what}: ${counted} counted`,
    };
    const credential = access.credential;
    await this.store.ledger.appendNow(
      [event],
      credential === undefined
        ? undefined
        : async (sql) => {
            if (!(await credentialLive(sql, credential))) throw new AccessRevoked();
          },
    );
  }
}
