/**
 * Notices to owners of their records coming up for review. A round (daily in the server, or
 * `weft retention notify`) counts each organisation's records by the month their governing date
 * (review date, or a later keep decision) falls in, for every month that has entered the review
 * window. A month gets one notice: created when it first has records in the window, its count kept
 * up to date by later rounds, and reopened (its acknowledgement cleared) when records are added to
 * it after an administrator acknowledged it. Each notice sent or reopened is recorded in the ledger.
 * Notices hold counts and dates, never a record's content; the records themselves are listed by
 * the review list (`/retention/due`), under the reader's clearance.
 */
import type { LedgerEvent } from '../../domain/audit/index.ts';
import { reviewWindowEnd } from '../../domain/retention/index.ts';
import type { Database } from './database.ts';
import type { LedgerRepository } from './ledger.repository.ts';

/** One notice as its organisation's administrators see it. */
export interface RetentionNotice {
  readonly id: string;
  readonly organisationId: string;
  /** YYYY-MM: the month the records' dates fall in. */
  readonly reviewMonth: string;
  /** How many records of the organisation fall due in that month (at the last round). */
  readonly records: number;
  /** The earliest date among them. */
  readonly firstReviewAt: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly acknowledgedAt: string | null;
  readonly acknowledgedBy: string | null;
}

/** What a round did. */
export interface NoticeRound {
  /** Notices sent for the first time. */
  readonly sent: number;
  /** Notices acknowledged earlier and reopened because records were added to their month. */
  readonly reopened: number;
  /** Notices whose count changed without needing a new look (records kept, erased or fewer). */
  readonly updated: number;
}

interface NoticeRow {
  id: string;
  organisation_id: string;
  review_month: string;
  records: number;
  first_review_at: string;
  created_at: string;
  updated_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
}

const present = (row: NoticeRow): RetentionNotice => ({
  id: row.id,
  organisationId: row.organisation_id,
  reviewMonth: row.review_month,
  records: row.records,
  firstReviewAt: row.first_review_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  acknowledgedAt: row.acknowledged_at,
  acknowledgedBy: row.acknowledged_by,
});

const ROUND_ACTOR = 'system:retention';

// The months, per owner, of the records whose governing dates lie between today and the end of
// the month the review window ends in. A month is noticed whole, once its first day is within the
// window: its count then grows only when records are added to it, not as the window moves.
const ROUND = `
  WITH counted AS (
    SELECT r.owner_organisation AS organisation_id,
           to_char(greatest(r.retention_review_at, d.keep_until), 'YYYY-MM') AS review_month,
           count(*)::int AS records,
           min(greatest(r.retention_review_at, d.keep_until)) AS first_review_at
    FROM records r LEFT JOIN retention_decisions d ON d.record_id = r.id
    WHERE greatest(r.retention_review_at, d.keep_until)
          BETWEEN $1::date AND (date_trunc('month', $2::date) + interval '1 month - 1 day')::date
    GROUP BY 1, 2
  ),
  stale AS (
    UPDATE retention_notices n SET records = 0, updated_at = now()
    WHERE n.review_month >= to_char($1::date, 'YYYY-MM') AND n.records <> 0
      AND NOT EXISTS (SELECT 1 FROM counted c WHERE c.organisation_id = n.organisation_id AND c.review_month = n.review_month)
    RETURNING n.id
  ),
  before AS (
    SELECT n.id, n.organisation_id, n.review_month, n.records FROM retention_notices n
    JOIN counted c ON c.organisation_id = n.organisation_id AND c.review_month = n.review_month
  ),
  upserted AS (
    INSERT INTO retention_notices AS n (organisation_id, review_month, records, first_review_at)
    SELECT organisation_id, review_month, records, first_review_at FROM counted
    ON CONFLICT (organisation_id, review_month) DO UPDATE
      SET records = EXCLUDED.records,
          first_review_at = EXCLUDED.first_review_at,
          updated_at = CASE WHEN n.records = EXCLUDED.records THEN n.updated_at ELSE now() END,
          acknowledged_at = CASE WHEN EXCLUDED.records > n.records THEN NULL ELSE n.acknowledged_at END,
          acknowledged_by = CASE WHEN EXCLUDED.records > n.records THEN NULL ELSE n.acknowledged_by END
    RETURNING n.id, n.organisation_id, n.records
  )
  SELECT u.id, u.organisation_id,
         CASE WHEN b.id IS NULL THEN 'sent'
              WHEN u.records > b.records THEN 'reopened'
              WHEN u.records < b.records THEN 'updated'
              ELSE 'same' END AS change
  FROM upserted u LEFT JOIN before b ON b.id = u.id
  UNION ALL SELECT id, NULL, 'updated' FROM stale`;

/** Retention notices: the rounds that send them, and their reading and acknowledgement. */
export class RetentionNoticesRepository {
  constructor(
    private readonly database: Database,
    private readonly ledger: LedgerRepository,
  ) {}

  /** Sends the notices due on `today` (a YYYY-MM-DD day), in one transaction with their ledger entries. */
  async round(today: string): Promise<NoticeRound> {
    return this.database.transaction(async (sql) => {
      const rows = await sql.query<{ id: string; organisation_id: string | null; change: string }>(ROUND, [
        today,
        reviewWindowEnd(today),
      ]);
      const events: LedgerEvent[] = rows
        .filter((row) => row.change === 'sent' || row.change === 'reopened')
        .map((row) => ({
          actor: ROUND_ACTOR,
          organisation: row.organisation_id,
          action: 'retain',
          requestId: null,
          purpose: null,
          objectIds: [row.id],
          outcome: 'ok',
          detail: `notice_${row.change}`,
        }));
      await this.ledger.append(sql, events);
      const count = (change: string) => rows.filter((row) => row.change === change).length;
      return { sent: count('sent'), reopened: count('reopened'), updated: count('updated') };
    });
  }

  /** An organisation's notices, the earliest month first; acknowledged ones only when asked. */
  async list(organisationId: string, options: { includeAcknowledged?: boolean } = {}): Promise<RetentionNotice[]> {
    const rows = await this.database.query<NoticeRow>(
      `SELECT * FROM retention_notices WHERE organisation_id = $1 AND records > 0
         ${options.includeAcknowledged === true ? '' : 'AND acknowledged_at IS NULL'}
       ORDER BY review_month`,
      [organisationId],
    );
    return rows.map(present);
  }

  /**
   * An administrator acknowledges a notice of their organisation: recorded in the ledger in the
   * same transaction. Undefined when the organisation has no such notice.
   */
  async acknowledge(
    id: string,
    organisationId: string,
    actor: string,
    requestId: string | null,
  ): Promise<RetentionNotice | undefined> {
    return this.database.transaction(async (sql) => {
      const [row] = await sql.query<NoticeRow>(
        `UPDATE retention_notices SET acknowledged_at = coalesce(acknowledged_at, now()),
           acknowledged_by = coalesce(acknowledged_by, $3)
         WHERE id = $1::uuid AND organisation_id = $2 RETURNING *`,
        [id, organisationId, actor],
      );
      if (row === undefined) return undefined;
      await this.ledger.append(sql, [
        {
          actor,
          organisation: organisationId,
          action: 'retain',
          requestId,
          purpose: null,
          objectIds: [id],
          outcome: 'ok',
          detail: 'notice_acknowledged',
        },
      ]);
      return present(row);
    });
  }
}
