/**
 * Alerts to organisations: raised once per deduplication key (raising again is a no-op), listed
 * newest first for the receiving organisation only, moved through triage states by its people.
 * Raising and triage are recorded in the ledger in the same transaction, by ids only.
 */
import type { LedgerEvent } from '../../domain/audit/index.ts';
import type { Database } from './database.ts';
import type { LedgerRepository } from './ledger.repository.ts';

/** Triage states of an alert. */
export const ALERT_STATES = ['new', 'acknowledged', 'in_progress', 'closed'] as const;
export type AlertState = (typeof ALERT_STATES)[number];

/**
 * What an alert is about: a hit of a screening by a member on a notice, a hit of continuous
 * screening (a record held matched a live notice), a missing child found (to child protection), a
 * hit on a notice one subscribed to, an update of such a notice, records linked to a record one
 * subscribed to, a financial red flag on an institution's payments, the same red flag told to law
 * enforcement holding the account, a protected victim's red flag turned into a service referral, a
 * tip saying someone is in danger now (to the tip line, at once), and a tip routed by the tip line
 * to the organisation competent for it, and a supply site's worker-voice risk reaching its threshold
 * (to the brand), and a message from another organisation in a thread about a case or an alert.
 */
export const ALERT_KINDS = [
  'screening_hit',
  'continuous_hit',
  'child_safeguarding',
  'subscription_hit',
  'notice_updated',
  'entity_linked',
  'red_flag',
  'red_flag_link',
  'service_referral',
  'tip_emergency',
  'tip_routed',
  'worker_voice_risk',
  'message',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** An alert to be raised. */
export interface NewAlert {
  readonly organisationId: string;
  readonly kind: AlertKind;
  readonly urgency: 'routine' | 'urgent';
  readonly dedupKey: string;
  readonly reference: string;
  /** The record the alert is about, erased with it (the notice hit; in continuous screening, the record screened). */
  readonly recordId: string | null;
  /** The organisation whose action raised it (the one that screened, or held the record screened). */
  readonly raisedBy: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/** An alert as its organisation sees it. */
export interface Alert extends NewAlert {
  readonly id: string;
  readonly state: AlertState;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly updatedBy: string | null;
  /** The member working on it, with the name they go by; null while nobody is. */
  readonly assignee: { readonly id: string; readonly displayName: string } | null;
}

interface AlertRow {
  id: string;
  organisation_id: string;
  kind: NewAlert['kind'];
  urgency: NewAlert['urgency'];
  dedup_key: string;
  reference: string;
  record_id: string | null;
  raised_by: string;
  details: Record<string, unknown>;
  state: AlertState;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
  assignee: string | null;
  assignee_name: string | null;
}

const present = (row: AlertRow): Alert => ({
  id: row.id,
  organisationId: row.organisation_id,
  kind: row.kind,
  urgency: row.urgency,
  dedupKey: row.dedup_key,
  reference: row.reference,
  recordId: row.record_id,
  raisedBy: row.raised_by,
  details: row.details,
  state: row.state,
  createdAt: new Date(row.created_at).toISOString(),
  updatedAt: new Date(row.updated_at).toISOString(),
  updatedBy: row.updated_by,
  assignee: row.assignee === null ? null : { id: row.assignee, displayName: row.assignee_name ?? '' },
});

const COLUMNS =
  'id, organisation_id, kind, urgency, dedup_key, reference, record_id, raised_by, details, state, created_at, updated_at, updated_by, assignee, ' +
  '(SELECT display_name FROM users WHERE users.id = alerts.assignee) AS assignee_name';

/** Who acted, for the ledger. */
export type AlertActor = Pick<LedgerEvent, 'actor' | 'organisation' | 'requestId' | 'purpose'>;

/** The alerts store. */
export class AlertsRepository {
  constructor(
    private readonly database: Database,
    private readonly ledger: LedgerRepository,
  ) {}

  /**
   * Raises alerts, each unless its organisation already has one with its deduplication key;
   * `consulted` (a ledger event of the action that raised them, such as a screening) is written in
   * the same transaction, with one disclosure per alert raised. A disclosure is entered under the
   * organisation alerted, not the one that acted: an organisation reads its own ledger entries, and
   * a company that screened must not learn from them which notice it hit, or whose. Returns the
   * alerts raised now.
   */
  raise(alerts: readonly NewAlert[], consulted: LedgerEvent | undefined): Promise<Alert[]> {
    // Committed with the writes of concurrent requests (group commit): a screening that hits waits
    // for one shared transaction, not for its turn at the ledger's lock.
    return this.ledger.soon(async (sql) => {
      const rows =
        alerts.length === 0
          ? []
          : await sql.query<AlertRow>(
              `INSERT INTO alerts (organisation_id, kind, urgency, dedup_key, reference, record_id, raised_by, details)
               SELECT a.organisation_id, a.kind, a.urgency, a.dedup_key, a.reference, a.record_id::uuid, a.raised_by, a.details
               FROM json_to_recordset($1::json) AS a(organisation_id text, kind text, urgency text, dedup_key text,
                 reference text, record_id text, raised_by text, details jsonb)
               ON CONFLICT (organisation_id, dedup_key) DO NOTHING
               RETURNING ${COLUMNS}`,
              [
                JSON.stringify(
                  alerts.map((alert) => ({
                    organisation_id: alert.organisationId,
                    kind: alert.kind,
                    urgency: alert.urgency,
                    dedup_key: alert.dedupKey,
                    reference: alert.reference,
                    record_id: alert.recordId,
                    raised_by: alert.raisedBy,
                    details: alert.details,
                  })),
                ),
              ],
            );
      // In the order asked.
      const order = new Map(
        alerts.map((alert, position) => [`${alert.organisationId}\u0000${alert.dedupKey}`, position]),
      );
      const raised = rows
        .map(present)
        .sort(
          (a, b) =>
            (order.get(`${a.organisationId}\u0000${a.dedupKey}`) ?? 0) -
            (order.get(`${b.organisationId}\u0000${b.dedupKey}`) ?? 0),
        );
      const events: LedgerEvent[] = [
        ...(consulted === undefined ? [] : [consulted]),
        ...raised.map((alert) => ({
          actor: consulted?.actor ?? 'system',
          organisation: alert.organisationId,
          action: 'disclose' as const,
          requestId: consulted?.requestId ?? null,
          purpose: consulted?.purpose ?? null,
          objectIds: [alert.id, ...(alert.recordId === null ? [] : [alert.recordId])],
          outcome: 'ok' as const,
          detail: `alert raised by ${alert.raisedBy}`,
        })),
      ];
      return { result: raised, events };
    });
  }

  /** An organisation's alerts, newest first, optionally in one state or assigned to one member (null: to nobody). */
  async list(
    organisationId: string,
    options: { state?: AlertState; assignee?: string | null; limit: number },
  ): Promise<Alert[]> {
    const params: unknown[] = [organisationId];
    let where = 'organisation_id = $1';
    if (options.state !== undefined) {
      params.push(options.state);
      where += ` AND state = $${params.length}`;
    }
    if (options.assignee === null) where += ' AND assignee IS NULL';
    else if (options.assignee !== undefined) {
      params.push(options.assignee);
      where += ` AND assignee = $${params.length}`;
    }
    params.push(options.limit);
    const rows = await this.database.query<AlertRow>(
      `SELECT ${COLUMNS} FROM alerts WHERE ${where} ORDER BY created_at DESC, id LIMIT $${params.length}`,
      params,
    );
    return rows.map(present);
  }

  /** Moves an organisation's alert to a state; undefined when it has no such alert. */
  async setState(organisationId: string, id: string, state: AlertState, actor: AlertActor): Promise<Alert | undefined> {
    return this.database.transaction(async (sql) => {
      const [row] = await sql.query<AlertRow>(
        `UPDATE alerts SET state = $3, updated_at = now(), updated_by = $4
         WHERE organisation_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
        [organisationId, id, state, actor.actor],
      );
      if (row === undefined) return undefined;
      await this.ledger.append(sql, [
        { ...actor, action: 'alter', objectIds: [row.id], outcome: 'ok', detail: `alert ${state}` },
      ]);
      return present(row);
    });
  }

  /**
   * Assigns an organisation's alert to one of its active members, or to nobody (null). Undefined
   * when it has no such alert; 'not_a_member' when the assignee is not an active user of it.
   */
  async assign(
    organisationId: string,
    id: string,
    assignee: string | null,
    actor: AlertActor,
  ): Promise<Alert | 'not_a_member' | undefined> {
    return this.database.transaction(async (sql) => {
      if (assignee !== null) {
        const [member] = await sql.query<{ id: string }>(
          'SELECT id FROM users WHERE id = $1 AND organisation_id = $2 AND disabled_at IS NULL',
          [assignee, organisationId],
        );
        if (member === undefined) return 'not_a_member';
      }
      const [row] = await sql.query<AlertRow>(
        `UPDATE alerts SET assignee = $3, updated_at = now(), updated_by = $4
         WHERE organisation_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
        [organisationId, id, assignee, actor.actor],
      );
      if (row === undefined) return undefined;
      await this.ledger.append(sql, [
        {
          ...actor,
          action: 'alter',
          objectIds: assignee === null ? [row.id] : [row.id, assignee],
          outcome: 'ok',
          detail: assignee === null ? 'alert unassigned' : 'alert assigned',
        },
      ]);
      return present(row);
    });
  }
}
