/**
 * Reports from the reporting channels: the row beside each Tip record (its receiving
 * organisation, receipt hash, triage), the conversation with the reporter and the photos. Bodies,
 * files and what was extracted are sealed with the field key. Every write is in the ledger in the
 * same transaction, by ids only; a reporter acts as `reporter`, never as anyone identifiable.
 */
import type { LedgerEvent } from '../../domain/audit/index.ts';
import { fieldCipher, type FieldCipher } from '../keys/key-ring.ts';
import type { Database } from './database.ts';
import type { LedgerRepository } from './ledger.repository.ts';

/** Triage states of a report. */
export const REPORT_STATES = ['new', 'triaged', 'routed', 'closed'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/** Who wrote a message of a report's conversation. */
export type ReportAuthor = 'reporter' | 'organisation';

/** A report to be stored with its Tip record. */
export interface NewReport {
  readonly recordId: string;
  readonly organisationId: string;
  readonly channel: string;
  readonly language: string;
  /** The keyed Argon2id hash of the receipt code; null when the channel gives none. */
  readonly receiptHash: string | null;
  /** The alias of the SMS or USSD conversation it came by, while that stays open. */
  readonly conversationAlias: string | null;
  readonly priority: string;
  readonly priorityReasons: readonly string[];
  /** What was extracted from the text (JSON-serialisable); sealed when stored. */
  readonly extracted: unknown;
  readonly duplicateOf: string | null;
  readonly files: readonly NewReportFile[];
  /** When it was received; now when absent. */
  readonly receivedAt?: string;
}

/** A photo, already stripped of its metadata. */
export interface NewReportFile {
  readonly mediaType: string;
  readonly bytes: Uint8Array;
  readonly removed: readonly string[];
}

/** A report as its receiving organisation triages it. */
export interface Report {
  readonly id: string;
  readonly recordId: string;
  readonly organisationId: string;
  readonly channel: string;
  readonly language: string;
  readonly conversationAlias: string | null;
  readonly state: ReportState;
  readonly priority: string;
  readonly priorityReasons: readonly string[];
  readonly extracted: unknown;
  readonly duplicateOf: string | null;
  readonly assignedTo: string | null;
  readonly routedTo: readonly string[];
  readonly receivedAt: string;
  readonly updatedAt: string;
  readonly updatedBy: string | null;
}

/** One message of a report's conversation. */
export interface ReportMessage {
  readonly id: string;
  readonly author: ReportAuthor;
  readonly body: string;
  readonly createdAt: string;
}

/** A stored photo's description (its bytes are read apart). */
export interface ReportFileSummary {
  readonly id: string;
  readonly mediaType: string;
  readonly byteLength: number;
  readonly removed: readonly string[];
}

interface ReportRow {
  id: string;
  record_id: string;
  organisation_id: string;
  channel: string;
  language: string;
  conversation_alias: string | null;
  state: ReportState;
  priority: string;
  priority_reasons: string[];
  extracted: string;
  duplicate_of: string | null;
  assigned_to: string | null;
  routed_to: string[];
  received_at: string;
  updated_at: string;
  updated_by: string | null;
}

const COLUMNS =
  'id, record_id, organisation_id, channel, language, conversation_alias, state, priority, priority_reasons, extracted, duplicate_of, ' +
  'assigned_to, routed_to, received_at, updated_at, updated_by';

/** Who acted, for the ledger. */
export type ReportActor = Pick<LedgerEvent, 'actor' | 'organisation' | 'requestId' | 'purpose'>;

/** What triage may change of a report. */
export interface ReportChange {
  readonly state?: ReportState;
  readonly priority?: string;
  readonly assignedTo?: string | null;
  readonly routedTo?: readonly string[];
}

/** The reports store. */
export class ReportsRepository {
  private readonly cipher: FieldCipher;

  constructor(
    private readonly database: Database,
    private readonly ledger: LedgerRepository,
    fieldKey: Uint8Array,
  ) {
    this.cipher = fieldCipher(fieldKey);
  }

  private present(row: ReportRow): Report {
    return {
      id: row.id,
      recordId: row.record_id,
      organisationId: row.organisation_id,
      channel: row.channel,
      language: row.language,
      conversationAlias: row.conversation_alias,
      state: row.state,
      priority: row.priority,
      priorityReasons: row.priority_reasons,
      extracted: JSON.parse(this.cipher.decrypt(row.extracted)) as unknown,
      duplicateOf: row.duplicate_of,
      assignedTo: row.assigned_to,
      routedTo: row.routed_to,
      receivedAt: new Date(row.received_at).toISOString(),
      updatedAt: new Date(row.updated_at).toISOString(),
      updatedBy: row.updated_by,
    };
  }

  /** Stores a report and its photos (its Tip record is written before); in the ledger as collected. */
  async create(report: NewReport, actor: ReportActor): Promise<Report> {
    return this.database.transaction(async (sql) => {
      const [row] = await sql.query<ReportRow>(
        `INSERT INTO reports (record_id, organisation_id, channel, language, receipt_hash, priority, priority_reasons,
           extracted, duplicate_of, conversation_alias, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, COALESCE($11::timestamptz, now())) RETURNING ${COLUMNS}`,
        [
          report.recordId,
          report.organisationId,
          report.channel,
          report.language,
          report.receiptHash,
          report.priority,
          JSON.stringify(report.priorityReasons),
          this.cipher.encrypt(JSON.stringify(report.extracted)),
          report.duplicateOf,
          report.conversationAlias,
          report.receivedAt ?? null,
        ],
      );
      if (row === undefined) throw new Error('the report was not stored');
      for (const file of report.files) {
        await sql.query(
          `INSERT INTO report_files (report_id, media_type, byte_length, content, removed) VALUES ($1, $2, $3, $4, $5::jsonb)`,
          [
            row.id,
            file.mediaType,
            file.bytes.length,
            this.cipher.encrypt(Buffer.from(file.bytes).toString('base64')),
            JSON.stringify(file.removed),
          ],
        );
      }
      await this.ledger.append(sql, [
        {
          ...actor,
          action: 'collect',
          objectIds: [row.id, row.record_id],
          outcome: 'ok',
          detail: `report by ${report.channel}${report.files.length === 0 ? '' : `, ${report.files.length} files`}`,
        },
      ]);
      return this.present(row);
    });
  }

  /** An organisation's Tip records that no report stands beside (imported, or the demo world's), oldest first. */
  async unfiledTips(organisationId: string): Promise<string[]> {
    const rows = await this.database.query<{ id: string }>(
      `SELECT r.id FROM records r LEFT JOIN reports p ON p.record_id = r.id
       WHERE r.owner_organisation = $1 AND r.entity_type = 'Tip' AND p.id IS NULL ORDER BY r.collected_at, r.id`,
      [organisationId],
    );
    return rows.map((row) => row.id);
  }

  /** The report a receipt hash opens; undefined when none does. */
  async byReceipt(receiptHash: string): Promise<Report | undefined> {
    const [row] = await this.database.query<ReportRow>(`SELECT ${COLUMNS} FROM reports WHERE receipt_hash = $1`, [
      receiptHash,
    ]);
    return row === undefined ? undefined : this.present(row);
  }

  /** One of an organisation's reports; undefined when it has no such report. */
  async get(organisationId: string, id: string): Promise<Report | undefined> {
    if (!UUID.test(id)) return undefined;
    const [row] = await this.database.query<ReportRow>(
      `SELECT ${COLUMNS} FROM reports WHERE organisation_id = $1 AND id = $2`,
      [organisationId, id],
    );
    return row === undefined ? undefined : this.present(row);
  }

  /** An organisation's queue: newest first, optionally in one state. */
  async list(organisationId: string, options: { state?: ReportState; limit: number }): Promise<Report[]> {
    const params: unknown[] = [organisationId];
    let where = 'organisation_id = $1';
    if (options.state !== undefined) {
      params.push(options.state);
      where += ` AND state = $${params.length}`;
    }
    params.push(options.limit);
    const rows = await this.database.query<ReportRow>(
      `SELECT ${COLUMNS} FROM reports WHERE ${where} ORDER BY received_at DESC, id LIMIT $${params.length}`,
      params,
    );
    return rows.map((row) => this.present(row));
  }

  /** Every report of an organisation received since `since`, oldest first (for de-duplication at start). */
  async since(organisationId: string, since: string): Promise<Report[]> {
    const rows = await this.database.query<ReportRow>(
      `SELECT ${COLUMNS} FROM reports WHERE organisation_id = $1 AND received_at >= $2 ORDER BY received_at, id`,
      [organisationId, since],
    );
    return rows.map((row) => this.present(row));
  }

  /** Changes a report's triage; undefined when the organisation has no such report. */
  async change(
    organisationId: string,
    id: string,
    change: ReportChange,
    actor: ReportActor,
  ): Promise<Report | undefined> {
    if (!UUID.test(id)) return undefined;
    return this.database.transaction(async (sql) => {
      const [row] = await sql.query<ReportRow>(
        `UPDATE reports SET
           state = COALESCE($3, state),
           priority = COALESCE($4, priority),
           assigned_to = CASE WHEN $5::boolean THEN $6 ELSE assigned_to END,
           routed_to = COALESCE($7::jsonb, routed_to),
           updated_at = now(), updated_by = $8
         WHERE organisation_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
        [
          organisationId,
          id,
          change.state ?? null,
          change.priority ?? null,
          change.assignedTo !== undefined,
          change.assignedTo ?? null,
          change.routedTo === undefined ? null : JSON.stringify(change.routedTo),
          actor.actor,
        ],
      );
      if (row === undefined) return undefined;
      const said = Object.keys(change).join(', ');
      await this.ledger.append(sql, [
        { ...actor, action: 'alter', objectIds: [row.id, row.record_id], outcome: 'ok', detail: `report ${said}` },
      ]);
      return this.present(row);
    });
  }

  /** Forgets a conversation's alias on every report that names it (the conversation closed). */
  async forgetConversation(alias: string): Promise<void> {
    await this.database.query('UPDATE reports SET conversation_alias = NULL WHERE conversation_alias = $1', [alias]);
  }

  /** Adds a message to a report's conversation, in the ledger in the same transaction. */
  async addMessage(
    reportId: string,
    message: { author: ReportAuthor; userId: string | null; body: string },
    actor: ReportActor,
  ): Promise<ReportMessage> {
    return this.database.transaction(async (sql) => {
      const [row] = await sql.query<{ id: string; created_at: string }>(
        `INSERT INTO report_messages (report_id, author, user_id, body) VALUES ($1, $2, $3, $4) RETURNING id, created_at`,
        [reportId, message.author, message.userId, this.cipher.encrypt(message.body)],
      );
      if (row === undefined) throw new Error('the message was not stored');
      await this.ledger.append(sql, [
        {
          ...actor,
          action: message.author === 'reporter' ? 'collect' : 'disclose',
          objectIds: [reportId, row.id],
          outcome: 'ok',
          detail: `report message by ${message.author}`,
        },
      ]);
      return {
        id: row.id,
        author: message.author,
        body: message.body,
        createdAt: new Date(row.created_at).toISOString(),
      };
    });
  }

  /** A report's conversation, oldest first. */
  async messages(reportId: string): Promise<ReportMessage[]> {
    const rows = await this.database.query<{ id: string; author: ReportAuthor; body: string; created_at: string }>(
      'SELECT id, author, body, created_at FROM report_messages WHERE report_id = $1 ORDER BY created_at, id',
      [reportId],
    );
    return rows.map((row) => ({
      id: row.id,
      author: row.author,
      body: this.cipher.decrypt(row.body),
      createdAt: new Date(row.created_at).toISOString(),
    }));
  }

  /** The photos of a report, described. */
  async files(reportId: string): Promise<ReportFileSummary[]> {
    const rows = await this.database.query<{ id: string; media_type: string; byte_length: number; removed: string[] }>(
      'SELECT id, media_type, byte_length, removed FROM report_files WHERE report_id = $1 ORDER BY created_at, id',
      [reportId],
    );
    return rows.map((row) => ({
      id: row.id,
      mediaType: row.media_type,
      byteLength: row.byte_length,
      removed: row.removed,
    }));
  }

  /** One photo's bytes; undefined when the report has no such file. */
  async fileContent(reportId: string, fileId: string): Promise<{ mediaType: string; bytes: Buffer } | undefined> {
    if (!UUID.test(fileId)) return undefined;
    const [row] = await this.database.query<{ media_type: string; content: string }>(
      'SELECT media_type, content FROM report_files WHERE report_id = $1 AND id = $2',
      [reportId, fileId],
    );
    return row === undefined
      ? undefined
      : { mediaType: row.media_type, bytes: Buffer.from(this.cipher.decrypt(row.content), 'base64') };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;
