/**
 * The reporting channels' service: a tip becomes a Tip record of the organisation that runs the
 * tip line, with a report beside it (what was extracted, its priority, a possible duplicate, the
 * photos stripped of metadata, the keyed hash of its receipt code); the reporter follows up by code;
 * the tip line triages, replies and routes. Emergencies raise an urgent alert at once.
 *
 * What is never taken: the reporter's address, user agent or phone number. The routes do not pass
 * them in; this service has no parameter that could carry them.
 */
import { randomUUID } from 'node:crypto';
import type { NewReport, Report, ReportActor, ReportMessage, ReportState, Store } from '../../adapters/store/index.ts';
import { ingestRecords } from '../../domain/ingest/ingest.service.ts';
import { ingestContext } from '../../domain/ingest/prepare.ts';
import { recordIdOf, type RecordId } from '../../domain/model/ids.ts';
import type { Organisation } from '../../domain/model/organisation.ts';
import {
  AttemptBudget,
  assessPriority,
  competentOrganisations,
  extractEntities,
  fingerprintTip,
  formatReceiptCode,
  newReceiptCode,
  parseReceiptCode,
  stripImageMetadata,
  tipRecordOf,
  tipText,
  TipDuplicateIndex,
  UnsupportedImage,
  type ExtractedEntities,
  type RouteSuggestion,
  type TipFingerprint,
  type TipSubmission,
} from '../../domain/reporting/index.ts';

/** The source system of the Tip records the channels write. */
export const TIP_LINE_SOURCE = 'tip-line';
/** Photos a tip may carry. */
export const MAX_PHOTOS = 5;
/** Reports this far back are compared with a new one for duplicates. */
const DUPLICATE_HORIZON_DAYS = 90;

/** Why the service refused. */
export class ReportingRefusal extends Error {
  constructor(
    readonly reason: 'no_tip_line' | 'bad_photo' | 'too_many_attempts' | 'too_many_photos',
    message: string,
    readonly retryAfterMs = 0,
  ) {
    super(message);
  }
}

/** What a report's extraction holds (sealed in the store). */
interface Extraction {
  readonly entities: ExtractedEntities;
  /** What the reporter said is happening. */
  readonly concerns: readonly string[];
  readonly fingerprint: { readonly signature: number[]; readonly identifiers: readonly string[] };
}

/** A report as its reporter sees it by receipt code: what they said and the conversation. */
export interface ReporterView {
  readonly reportId: string;
  readonly receivedAt: string;
  readonly language: string;
  readonly said: string;
  readonly messages: readonly ReportMessage[];
}

/** The reporter, as the ledger names them: nobody. */
const REPORTER = 'reporter';
/** Weft itself, filing the tips the tip line already held. */
const SYSTEM: ReportActor = { actor: 'system', organisation: null, requestId: null, purpose: null };

/** The service's dependencies. */
export interface ReportingOptions {
  readonly store: Store;
  /** Hashes a receipt code for lookup (keyed Argon2id). */
  readonly hashReceipt: (code: string) => Promise<string>;
  /** The organisation that runs the tip line; undefined when none does (the channels refuse). */
  readonly tipLine: string | undefined;
  readonly clock?: () => Date;
  readonly randomBytes: (length: number) => Uint8Array;
  /** Failed follow-up attempts allowed per minute, across every requester. */
  readonly attemptsPerMinute?: number;
}

/** The reporting channels over the store. */
export class ReportingService {
  private readonly clock: () => Date;
  private readonly attempts: AttemptBudget;
  private duplicates: Promise<TipDuplicateIndex> | undefined;

  constructor(private readonly options: ReportingOptions) {
    this.clock = options.clock ?? (() => new Date());
    this.attempts = new AttemptBudget(options.attemptsPerMinute ?? 30, 60_000);
  }

  /** The organisation that runs the tip line. */
  async tipLine(): Promise<Organisation> {
    const id = this.options.tipLine;
    const organisation = id === undefined ? undefined : await this.options.store.organisations.get(id);
    if (organisation === undefined) {
      throw new ReportingRefusal('no_tip_line', 'No organisation runs the tip line here.');
    }
    return organisation;
  }

  /**
   * Takes a tip, or a request for help (whose record is about its reporter: a possible victim,
   * sealed and never shown to a company). Returns its receipt code (shown once, never stored) and
   * the report.
   */
  async submit(
    tip: TipSubmission,
    photos: readonly Uint8Array[] = [],
    options: { readonly help?: boolean; readonly conversationAlias?: string } = {},
  ): Promise<{ receiptCode: string; report: Report }> {
    const organisation = await this.tipLine();
    if (photos.length > MAX_PHOTOS) {
      throw new ReportingRefusal('too_many_photos', `A tip may carry ${MAX_PHOTOS} photos at most.`);
    }
    const files = photos.map((bytes, index) => {
      try {
        const stripped = stripImageMetadata(bytes);
        return { mediaType: stripped.mediaType, bytes: stripped.bytes, removed: stripped.removed };
      } catch (error) {
        if (error instanceof UnsupportedImage) {
          throw new ReportingRefusal('bad_photo', `Photo ${index + 1}: ${error.message}`);
        }
        throw error;
      }
    });
    const now = this.clock();
    const text = tipText(tip);
    const analysis = await this.analyse(organisation, text, tip);
    const sourceRecordId = `report-${randomUUID()}`;
    const written = await ingestRecords(
      [{ position: 0, value: tipRecordOf(tip, analysis.entities, sourceRecordId, now) }],
      ingestContext(
        organisation,
        TIP_LINE_SOURCE,
        { subjectCategory: options.help === true ? 'victim' : 'informant' },
        now.toISOString(),
        { actor: REPORTER },
      ),
      this.options.store.records,
    );
    if (written.rejected > 0) {
      // Our own record of a checked tip: a refusal here is a fault, not the reporter's.
      throw new Error(`the tip's record was refused: ${JSON.stringify(written.errors)}`);
    }
    const code = newReceiptCode(this.options.randomBytes);
    const report = await this.file(organisation, analysis, this.reporterActor(organisation.id), {
      recordId: recordIdOf(organisation.id, TIP_LINE_SOURCE, sourceRecordId),
      channel: tip.channel,
      language: tip.language,
      receiptHash: await this.options.hashReceipt(code),
      conversationAlias: options.conversationAlias ?? null,
      files,
    });
    return { receiptCode: formatReceiptCode(code), report };
  }

  /**
   * Files the tip line's Tip records that have no report yet (tips it imported, the demo world's)
   * as reports in its queue, analysed as a new tip is; nobody holds a receipt code for them.
   * Returns how many were filed.
   */
  async fileHeldTips(): Promise<number> {
    const organisation = await this.tipLine();
    let filed = 0;
    for (const id of await this.options.store.reports.unfiledTips(organisation.id)) {
      const record = await this.options.store.records.get(id as RecordId);
      if (record === undefined) continue;
      const properties = record.properties;
      const word = (name: string) => (typeof properties[name] === 'string' ? properties[name] : undefined);
      const list = (name: string) =>
        Array.isArray(properties[name]) ? (properties[name] as unknown[]).map(String) : [];
      const text = [word('text') ?? word('summary') ?? '', ...list('phone'), ...list('url'), word('place') ?? '']
        .filter((part) => part !== '')
        .join('\n');
      const analysis = await this.analyse(organisation, text, {
        inDanger: typeof properties['inDanger'] === 'boolean' ? properties['inDanger'] : null,
        concerns: list('exploitationType'),
        when: null,
      });
      await this.file(organisation, analysis, SYSTEM, {
        recordId: record.id,
        channel: word('channel') ?? 'other',
        language: word('language') ?? 'en',
        receiptHash: null,
        conversationAlias: null,
        files: [],
        ...(word('receivedAt') === undefined ? {} : { receivedAt: word('receivedAt') }),
      });
      filed += 1;
    }
    return filed;
  }

  /** What triage reads of a tip's text: its entities, its priority, its fingerprint and a possible duplicate. */
  private async analyse(
    organisation: Organisation,
    text: string,
    tip: { inDanger: boolean | null; concerns: readonly string[]; when: TipSubmission['when'] },
  ) {
    // A number written the national way is read as a number of the tip line's country.
    const entities = extractEntities(
      text,
      organisation.country === undefined ? {} : { defaultCountry: organisation.country },
    );
    const priority = assessPriority({
      inDanger: tip.inDanger,
      text,
      exploitationTypes: tip.concerns,
      when: tip.when,
      entities,
    });
    const fingerprint = fingerprintTip(text, entities);
    const [similar] = (await this.duplicateIndex())
      .findSimilar(fingerprint)
      .sort((a, b) => b.similarity - a.similarity);
    return { entities, priority, fingerprint, concerns: tip.concerns, duplicateOf: similar?.id ?? null };
  }

  /** Stores a report of an analysed tip, remembers its fingerprint, and escalates an emergency at once. */
  private async file(
    organisation: Organisation,
    analysis: Awaited<ReturnType<ReportingService['analyse']>>,
    actor: ReportActor,
    report: Pick<
      NewReport,
      'recordId' | 'channel' | 'language' | 'receiptHash' | 'conversationAlias' | 'files' | 'receivedAt'
    >,
  ): Promise<Report> {
    const { entities, priority, fingerprint, concerns, duplicateOf } = analysis;
    const extraction: Extraction = {
      entities,
      concerns,
      fingerprint: { signature: [...fingerprint.signature], identifiers: fingerprint.identifiers },
    };
    const stored = await this.options.store.reports.create(
      {
        ...report,
        organisationId: organisation.id,
        priority: priority.priority,
        priorityReasons: priority.reasons,
        extracted: extraction,
        duplicateOf,
      },
      actor,
    );
    (await this.duplicateIndex()).add(stored.id, fingerprint);
    if (priority.priority === 'emergency') {
      await this.options.store.alerts.raise(
        [
          {
            organisationId: organisation.id,
            kind: 'tip_emergency',
            urgency: 'urgent',
            dedupKey: `report:${stored.id}`,
            reference: stored.id,
            recordId: stored.recordId,
            raisedBy: organisation.id,
            details: { reportId: stored.id, reasons: priority.reasons },
          },
        ],
        undefined,
      );
    }
    return stored;
  }

  /**
   * The report a receipt code opens, as its reporter sees it; undefined when the code opens none.
   * Throttled: failed attempts share a budget (see AttemptBudget).
   */
  async follow(codeText: string): Promise<ReporterView | undefined> {
    const report = await this.byCode(codeText);
    if (report === undefined) return undefined;
    const record = await this.options.store.records.get(report.recordId as RecordId);
    const messages = await this.options.store.reports.messages(report.id);
    await this.options.store.ledger.appendNow([
      {
        ...this.reporterActor(report.organisationId),
        action: 'consult',
        objectIds: [report.id],
        outcome: 'ok',
        detail: 'report read by its reporter',
      },
    ]);
    return {
      reportId: report.id,
      receivedAt: report.receivedAt,
      language: report.language,
      said: typeof record?.properties['text'] === 'string' ? record.properties['text'] : '',
      messages,
    };
  }

  /** Adds the reporter's information to the report a code opens; undefined when it opens none. */
  async addFromReporter(codeText: string, body: string): Promise<ReportMessage | undefined> {
    const report = await this.byCode(codeText);
    if (report === undefined) return undefined;
    const message = await this.options.store.reports.addMessage(
      report.id,
      { author: 'reporter', userId: null, body },
      this.reporterActor(report.organisationId),
    );
    // What the reporter adds may change the picture: a closed report goes back to the queue.
    if (report.state === 'closed') {
      await this.options.store.reports.change(
        report.organisationId,
        report.id,
        { state: 'new' },
        this.reporterActor(report.organisationId),
      );
    }
    return message;
  }

  /** The tip line's reply to a reporter, read by them with their code. */
  async reply(
    organisationId: string,
    reportId: string,
    body: string,
    actor: ReportActor,
  ): Promise<ReportMessage | undefined> {
    const report = await this.options.store.reports.get(organisationId, reportId);
    if (report === undefined) return undefined;
    return this.options.store.reports.addMessage(
      report.id,
      { author: 'organisation', userId: actor.actor, body },
      actor,
    );
  }

  /** The organisations competent for a report, best first, each with why. */
  async suggestedRoutes(report: Report): Promise<RouteSuggestion[]> {
    const extraction = report.extracted as Partial<Extraction>;
    const countries = [...new Set((extraction.entities?.places ?? []).map((place) => place.country))];
    const concerns = extraction.concerns ?? [];
    return competentOrganisations(
      { countries, concerns, child: concerns.includes('child_at_risk') },
      await this.options.store.organisations.list(),
      report.organisationId,
    );
  }

  /**
   * Routes a report to another organisation: an alert in its inbox carrying what the tip says (its
   * text, what was extracted, the tip line's note), disclosed in the ledger; the report is marked
   * routed. Undefined when the tip line has no such report or the organisation does not exist.
   */
  async route(
    organisationId: string,
    reportId: string,
    to: { organisationId: string; note?: string | undefined },
    actor: ReportActor,
  ): Promise<Report | undefined> {
    const { store } = this.options;
    const report = await store.reports.get(organisationId, reportId);
    const recipient = await store.organisations.get(to.organisationId);
    if (report === undefined || recipient === undefined || recipient.id === organisationId) return undefined;
    const record = await store.records.get(report.recordId as RecordId);
    const extraction = report.extracted as Partial<Extraction>;
    await store.alerts.raise(
      [
        {
          organisationId: recipient.id,
          kind: 'tip_routed',
          urgency: report.priority === 'emergency' ? 'urgent' : 'routine',
          dedupKey: `report:${report.id}`,
          reference: report.id,
          recordId: null,
          raisedBy: organisationId,
          details: {
            reportId: report.id,
            receivedAt: report.receivedAt,
            channel: report.channel,
            language: report.language,
            priority: report.priority,
            priorityReasons: report.priorityReasons,
            text: typeof record?.properties['text'] === 'string' ? record.properties['text'] : null,
            concerns: extraction.concerns ?? [],
            extracted: extraction.entities ?? null,
            ...(to.note === undefined ? {} : { note: to.note }),
          },
        },
      ],
      {
        ...actor,
        action: 'disclose',
        objectIds: [report.id, report.recordId],
        outcome: 'ok',
        detail: `report routed to ${recipient.id}`,
      },
    );
    return store.reports.change(
      organisationId,
      report.id,
      { state: 'routed', routedTo: [...new Set([...report.routedTo, recipient.id])] },
      actor,
    );
  }

  /** The tip line's queue. */
  queue(organisationId: string, options: { state?: ReportState; limit: number }): Promise<Report[]> {
    return this.options.store.reports.list(organisationId, options);
  }

  private async byCode(codeText: string): Promise<Report | undefined> {
    const now = this.clock().getTime();
    if (!this.attempts.allows(now)) {
      throw new ReportingRefusal(
        'too_many_attempts',
        'Too many codes were tried; try again shortly.',
        this.attempts.retryAfter(now),
      );
    }
    const code = parseReceiptCode(codeText);
    const report =
      code === undefined ? undefined : await this.options.store.reports.byReceipt(await this.options.hashReceipt(code));
    if (report === undefined) this.attempts.fail(now);
    return report;
  }

  private reporterActor(organisationId: string): ReportActor {
    return { actor: REPORTER, organisation: organisationId, requestId: null, purpose: null };
  }

  /** The index of recent reports' fingerprints, loaded once from the store. */
  private duplicateIndex(): Promise<TipDuplicateIndex> {
    this.duplicates ??= (async () => {
      const index = new TipDuplicateIndex();
      const id = this.options.tipLine;
      if (id === undefined) return index;
      const since = new Date(this.clock().getTime() - DUPLICATE_HORIZON_DAYS * 86_400_000).toISOString();
      for (const report of await this.options.store.reports.since(id, since)) {
        const extraction = report.extracted as Partial<Extraction>;
        if (extraction.fingerprint === undefined) continue;
        const fingerprint: TipFingerprint = {
          signature: Uint32Array.from(extraction.fingerprint.signature),
          identifiers: extraction.fingerprint.identifiers,
        };
        index.add(report.id, fingerprint);
      }
      return index;
    })();
    return this.duplicates;
  }
}
