/**
 * Resolution over the store, incremental as records arrive and in batch for a bulk load:
 * 1. each record changed since it was last seen gives its identifiers (keyed) and its edges;
 * 2. each such Person record is scored against the people it shares a blocking key or an
 *    identifier with (Fellegi–Sunter, parameters learnt by EM from the people in the store, no
 *    labels); links at or above the threshold are kept with the features that fired;
 * 3. the entities touching those records are grouped again from their links, respecting analysts'
 *    judgements and refusing chains across contradictions.
 * Batch and incremental runs give the same entities on the same data with the same model: a link
 * depends only on its two records, and grouping only on the links and judgements of a component.
 */
import type { KeyedIdentifier, ResolvedEntity, Store, StoredLink } from '../../adapters/store/index.ts';
import type { RecordId } from '../../domain/model/ids.ts';
import type { StoredRecord } from '../../domain/model/record.ts';
import { groupEntities, plainlyDifferent, type ConflictFacts } from '../../domain/resolution/entities.ts';
import { edgesOf, identifiersOf, stringsOf, whenWhereOf } from '../../domain/resolution/facts.ts';
import {
  blockingRulesFor,
  comparisonsFor,
  createScorer,
  DEFAULT_MAX_BLOCK_SIZE,
  prepareRecords,
  preparers,
  probabilityOf,
  trainModel,
  type FieldRole,
  type LinkageModel,
  type LinkRecord,
  type Preparers,
} from '../../domain/resolution/match/index.ts';
import { normaliseDocumentNumber } from '../../domain/resolution/normalise/index.ts';
import { personBlockKeys, personLinkRecord } from '../../domain/resolution/persons.ts';

/** The roles Person records are compared on. */
const PERSON_ROLES: ReadonlySet<FieldRole> = new Set<FieldRole>([
  'full_name',
  'given_name',
  'surname',
  'date_of_birth',
  'gender',
  'nationality',
  'country',
  'place_of_birth',
  'phone',
  'email',
  'document_number',
]);

/** A match at or above this probability is a link. */
export const LINK_THRESHOLD = 0.99;
/** A blocking key or identifier shared by more people than this finds no candidates (it identifies nobody). */
const MAX_CARRIERS = 200;
/** Records read and resolved together. */
const BATCH = 5_000;
/** People kept in memory during one run (read as candidates, or resolved in its earlier batches), at most. */
const PEOPLE_KEPT = 50_000;
/** Retrain when the people in the store have grown by this share since the model was learnt. */
const RETRAIN_GROWTH = 0.25;

/** What a run did. */
export interface ResolutionRun {
  /** Records read (their identifiers and edges kept). */
  readonly records: number;
  /** Person records among them, matched against their candidates. */
  readonly people: number;
  /** Links kept between those people and others. */
  readonly links: number;
  /** Entities of two or more records formed when their components were grouped again (per batch). */
  readonly entities: number;
  /** How many people the model was learnt on, when this run learnt it. */
  readonly trainedOn: number | null;
}

function conflictFacts(record: StoredRecord): ConflictFacts {
  return {
    birthDates: stringsOf(record.properties['birthDate']),
    documents: stringsOf(record.properties['idNumber'])
      .map((text) => normaliseDocumentNumber(text))
      .filter((text) => text !== ''),
  };
}

/** Entities grouped again, and the entity each of their records was in before (none: alone). */
export interface Regrouped {
  readonly entities: readonly ResolvedEntity[];
  readonly before: ReadonlyMap<RecordId, string>;
}

/** A stored person with the country of the organisation holding it (where national phones are read). */
type PersonRecord = StoredRecord & { readonly ownerCountry: string | undefined };

/** People read during one run, by id. */
type KnownPeople = Map<RecordId, PersonRecord>;

/** Resolution for one store; keeps the model it learnt between runs. */
export class Resolver {
  private model: LinkageModel | undefined;
  private readonly regroupedListeners = new Set<(regrouped: Regrouped) => void>();
  private countries = new Map<string, string | undefined>();
  private trainedOn = 0;
  private running: Promise<ResolutionRun> | undefined;
  /** Each person read as a link record, once per record read. */
  private readonly linkRecords = new WeakMap<PersonRecord, LinkRecord>();
  private readonly linkRecordOf = (record: PersonRecord): LinkRecord => {
    let linkRecord = this.linkRecords.get(record);
    if (linkRecord === undefined) {
      linkRecord = personLinkRecord(record);
      this.linkRecords.set(record, linkRecord);
    }
    return linkRecord;
  };

  constructor(
    private readonly store: Store,
    private readonly options: {
      readonly threshold?: number;
      readonly model?: LinkageModel;
      /** Records read and resolved together (default 5,000). */
      readonly batchSize?: number;
      /** People a run keeps in memory, at most (default 50,000). */
      readonly peopleKept?: number;
    } = {},
  ) {
    this.model = options.model;
  }

  /** Calls `listener` after each regrouping (continuous screening of entities, subscriptions); returns its removal. */
  onRegrouped(listener: (regrouped: Regrouped) => void): () => void {
    this.regroupedListeners.add(listener);
    return () => {
      this.regroupedListeners.delete(listener);
    };
  }

  /** The model in use, if one has been learnt or given. */
  get currentModel(): LinkageModel | undefined {
    return this.options.model ?? this.model;
  }

  /** Resolves whatever is pending; concurrent calls share one run. */
  resolvePending(): Promise<ResolutionRun> {
    this.running ??= this.run().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** The model, learning it when there is none or the people have grown much since. */
  async ensureModel(
    force = false,
    run: { readonly known: KnownPeople; readonly memo: Preparers } = { known: new Map(), memo: preparers() },
  ): Promise<LinkageModel | undefined> {
    if (this.options.model !== undefined) return this.options.model;
    const [row] = await this.store.database.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM records WHERE entity_type = 'Person'`,
    );
    const people = Number(row?.n ?? 0);
    if (people < 2) return this.model;
    if (!force && this.model !== undefined && people <= this.trainedOn * (1 + RETRAIN_GROWTH)) return this.model;
    const records = await this.allPeople(run.known);
    const prepared = prepareRecords(records.map(this.linkRecordOf), PERSON_ROLES, run.memo);
    const comparisons = comparisonsFor(PERSON_ROLES);
    const training = trainModel(prepared, comparisons, blockingRulesFor(PERSON_ROLES), {
      mode: 'dedupe',
      maxBlockSize: DEFAULT_MAX_BLOCK_SIZE,
    });
    this.model = training.model;
    this.trainedOn = records.length;
    await this.store.resolution.saveParameters(
      'Person',
      {
        prior: training.model.prior,
        comparisons: training.model.parameters.map((parameters) => ({
          name: parameters.comparison.name,
          levels: parameters.comparison.levels,
          m: parameters.m,
          u: parameters.u,
        })),
        candidatePairs: training.model.training.candidatePairs,
      },
      records.length,
    );
    return this.model;
  }

  /** The records with the countries of the organisations holding them (where national phones are read). */
  private async withCountries(records: readonly StoredRecord[]): Promise<PersonRecord[]> {
    for (const owner of new Set(records.map((record) => record.envelope.ownerOrganisation))) {
      if (!this.countries.has(owner)) this.countries.set(owner, (await this.store.organisations.get(owner))?.country);
    }
    return records.map((record) => ({
      ...record,
      ownerCountry: this.countries.get(record.envelope.ownerOrganisation),
    }));
  }

  /** Every person in the store, in id order; those a run already holds are not read again. */
  private async allPeople(known: KnownPeople): Promise<PersonRecord[]> {
    const ids = (
      await this.store.database.query<{ id: RecordId }>(
        `SELECT id FROM records WHERE entity_type = 'Person' ORDER BY id`,
      )
    ).map((row) => row.id);
    const unknown = ids.filter((id) => !known.has(id));
    const read = new Map<RecordId, PersonRecord>();
    for (let start = 0; start < unknown.length; start += 5_000) {
      const page = await this.store.records.getMany(unknown.slice(start, start + 5_000));
      for (const record of await this.withCountries(page)) read.set(record.id, record);
    }
    // One erased meanwhile is left out.
    return ids.flatMap((id) => {
      const person = known.get(id) ?? read.get(id);
      return person === undefined ? [] : [person];
    });
  }

  private async run(): Promise<ResolutionRun> {
    let records = 0;
    let people = 0;
    let links = 0;
    let entities = 0;
    const before = this.trainedOn;
    // The people read in this run, by id: a candidate of one batch is often one of the next's, and
    // the people of a batch are candidates of the batches after it. A person changed meanwhile is
    // pending again, and resolved afresh by a later batch or run.
    const known: KnownPeople = new Map();
    // The preparers of the run, remembering what they prepared: the same candidates, names and
    // dates come back batch after batch.
    const memo = preparers();
    // Pending records are taken in id order from where the last batch ended; once at the end, from
    // the start again for those that changed behind it.
    let after: RecordId | undefined;
    for (;;) {
      const size = this.options.batchSize ?? BATCH;
      let ids = await this.store.resolution.pending(size, after);
      if (ids.length === 0 && after !== undefined) {
        after = undefined;
        ids = await this.store.resolution.pending(size);
      }
      if (ids.length === 0) break;
      after = ids.at(-1);
      const batch = await this.withCountries(await this.store.records.getMany(ids));
      const resolution = this.store.resolution;
      const keyedOf = (record: StoredRecord): KeyedIdentifier[] =>
        [
          ...identifiersOf(record).map((identifier) => ({
            kind: identifier.kind,
            hash: resolution.keyed(identifier.kind, identifier.value),
          })),
          ...(record.type === 'Person'
            ? personBlockKeys(record).map((key) => ({ kind: 'block' as const, hash: resolution.keyed('block', key) }))
            : []),
        ] as KeyedIdentifier[];
      const facts = batch.map((record) => ({
        recordId: record.id,
        version: record.version,
        identifiers: keyedOf(record),
        edges: edgesOf(record),
        // When and where, for movement over time; a victim's record keeps even that to itself.
        ...(record.envelope.subjectCategory === 'victim' ? { at: null, place: null } : whenWhereOf(record)),
      }));
      await resolution.transaction((sql) => resolution.saveFacts(sql, facts));
      records += batch.length;
      const persons = batch.filter((record) => record.type === 'Person');
      if (persons.length > 0) {
        const outcome = await this.linkPeople(
          persons,
          new Map(facts.map((fact) => [fact.recordId, fact.identifiers])),
          known,
          memo,
        );
        people += persons.length;
        links += outcome.links;
        entities += outcome.entities;
      }
    }
    return { records, people, links, entities, trainedOn: this.trainedOn === before ? null : this.trainedOn };
  }

  /** Scores the people against their candidates, stores the links and groups their components again. */
  private async linkPeople(
    persons: readonly PersonRecord[],
    identifiers: ReadonlyMap<RecordId, readonly KeyedIdentifier[]>,
    known: KnownPeople,
    memo: Preparers,
  ): Promise<{ links: number; entities: number }> {
    const model = await this.ensureModel(false, { known, memo });
    const threshold = this.options.threshold ?? LINK_THRESHOLD;
    const resolution = this.store.resolution;
    const newIds = new Set(persons.map((person) => person.id));
    // Candidates: the people sharing a blocking key or an identifier, unless shared too widely.
    const carriers = await resolution.carriers(persons.flatMap((person) => identifiers.get(person.id) ?? []));
    const candidateIdsOf = new Map<RecordId, Set<RecordId>>();
    const byValue = new Map<string, RecordId[]>();
    for (const row of carriers) {
      if (row.carriers > MAX_CARRIERS) continue;
      const key = `${row.kind}\u0000${row.hash}`;
      byValue.set(key, [...(byValue.get(key) ?? []), row.recordId]);
    }
    for (const person of persons) {
      const set = new Set<RecordId>();
      for (const identifier of identifiers.get(person.id) ?? []) {
        for (const other of byValue.get(`${identifier.kind}\u0000${identifier.hash}`) ?? []) {
          if (other !== person.id) set.add(other);
        }
      }
      candidateIdsOf.set(person.id, set);
    }
    // Only people are candidates (a phone is also on adverts and accounts): their types first, so
    // that only their records are read whole; people already read in this run are not read again.
    const candidates = [...new Set([...candidateIdsOf.values()].flatMap((set) => [...set]))].filter(
      (id) => !newIds.has(id),
    );
    let unknown = candidates.filter((id) => !known.has(id));
    if (known.size + unknown.length > (this.options.peopleKept ?? PEOPLE_KEPT)) {
      // Too many to keep: start again from this batch's candidates, all read.
      known.clear();
      unknown = candidates;
    }
    const unread = await resolution.ofType(unknown, 'Person');
    for (const record of await this.withCountries(await this.store.records.getMany([...unread]))) {
      known.set(record.id, record);
    }
    const others = candidates.flatMap((id) => {
      const person = known.get(id);
      return person === undefined ? [] : [person];
    });
    const everyone = [...persons, ...others];
    const indexOf = new Map(everyone.map((record, index) => [record.id, index]));
    const scored: StoredLink[] = [];
    if (model !== undefined) {
      const prepared = prepareRecords(everyone.map(this.linkRecordOf), PERSON_ROLES, memo);
      const scorer = createScorer(model, prepared);
      const scratch = new Uint8Array(scorer.bound.length);
      const seen = new Set<string>();
      for (const person of persons) {
        const left = indexOf.get(person.id) ?? -1;
        for (const other of candidateIdsOf.get(person.id) ?? []) {
          const right = indexOf.get(other);
          if (right === undefined) continue;
          const [a, b] = person.id < other ? [person.id, other] : [other, person.id];
          const key = `${a}\u0000${b}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const weight = scorer.weight(left, right, scratch);
          const probability = probabilityOf(weight);
          if (probability < threshold) continue;
          if (plainlyDifferent(conflictFacts(person), conflictFacts(everyone[right] ?? person))) continue;
          const explanation = scorer.explain(left, right);
          scored.push({
            recordA: a,
            recordB: b,
            probability,
            weight,
            features: explanation.features.map(({ feature, level, weight: featureWeight }) => ({
              feature,
              level,
              weight: featureWeight,
            })),
          });
        }
      }
    }
    await resolution.transaction((sql) =>
      resolution.replaceLinks(sql, [...newIds], scored, {
        actor: 'system:resolution',
        organisation: null,
        action: 'combine',
        requestId: null,
        purpose: null,
        outcome: 'ok',
      }),
    );
    // This batch's people are candidates of the batches after it.
    if (known.size + persons.length > (this.options.peopleKept ?? PEOPLE_KEPT)) known.clear();
    for (const person of persons) known.set(person.id, person);
    const entities = await this.regroup([...newIds], known);
    return { links: scored.length, entities };
  }

  /**
   * Groups again the components (through links and 'same' judgements) that hold the records, and
   * the entities they were in. Returns how many entities of two or more records they now form.
   * (Reads first, then one transaction writes: on PGlite a read outside an open transaction waits.)
   * `known`: records already read (by a run), not read again.
   */
  async regroup(ids: readonly RecordId[], known: ReadonlyMap<RecordId, StoredRecord> = new Map()): Promise<number> {
    const resolution = this.store.resolution;
    const sql = this.store.database;
    const component = new Set<RecordId>(ids);
    const links = new Map<string, StoredLink>();
    const join = (end: RecordId, next: RecordId[]) => {
      if (component.has(end)) return;
      component.add(end);
      next.push(end);
    };
    let frontier = [...ids];
    while (frontier.length > 0) {
      const next: RecordId[] = [];
      for (const link of await resolution.linksTouching(frontier, sql)) {
        links.set(`${link.recordA}\u0000${link.recordB}`, link);
        join(link.recordA, next);
        join(link.recordB, next);
      }
      for (const judgement of await resolution.judgementsTouching(frontier, sql)) {
        if (judgement.verdict !== 'same') continue;
        join(judgement.recordA, next);
        join(judgement.recordB, next);
      }
      // Records that were in one entity with these are grouped again with them: a link that went
      // away may have split it.
      const previous = await resolution.entitiesOf(frontier, sql);
      for (const members of (await resolution.membersOf([...new Set(previous.values())], sql)).values()) {
        for (const member of members) join(member, next);
      }
      frontier = next;
    }
    const members = [...component];
    const judgements = await resolution.judgementsTouching(members, sql);
    const records = [
      ...members.flatMap((id) => {
        const record = known.get(id);
        return record === undefined ? [] : [record];
      }),
      ...(await this.store.records.getMany(members.filter((id) => !known.has(id)))),
    ];
    const facts = new Map(records.map((record) => [record.id as string, conflictFacts(record)]));
    const groups = groupEntities(
      members,
      [...links.values()].map((link) => ({ a: link.recordA, b: link.recordB, probability: link.probability })),
      judgements.map((judgement) => ({ a: judgement.recordA, b: judgement.recordB, verdict: judgement.verdict })),
      facts,
    );
    const before = await resolution.entitiesOf(members, sql);
    const entities = await resolution.transaction((tx) => resolution.setEntities(tx, members, groups as RecordId[][]));
    for (const listener of this.regroupedListeners) listener({ entities, before });
    return groups.length;
  }
}
