/**
 * Threads of messages between organisations, one per case or alert, with how far each organisation
 * has read each. Bodies are sealed with the field key. Every message and read is in the ledger in
 * the same transaction, by ids only. Who may read or post is decided before (domain/cases,
 * apps/cases); this only stores, and lists the threads an organisation is party to.
 */
import type { LedgerEvent } from '../../domain/audit/index.ts';
import type { ThreadSubjectKind } from '../../domain/cases/index.ts';
import { fieldCipher, type FieldCipher } from '../keys/key-ring.ts';
import type { Database, Sql } from './database.ts';
import type { LedgerRepository } from './ledger.repository.ts';

/** Who acted, for the ledger. */
export type MessageActor = Pick<LedgerEvent, 'actor' | 'requestId' | 'purpose'> & { readonly organisation: string };

/** A thread, without its messages. */
export interface Thread {
  readonly id: string;
  readonly subjectKind: ThreadSubjectKind;
  /** The case's record id, or the alert's id. */
  readonly subjectId: string;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** A thread as an organisation lists it: how many messages of others it has not read, and the last one's time. */
export interface ThreadSummary extends Thread {
  readonly messages: number;
  readonly unread: number;
  readonly lastMessageAt: string | null;
}

/** One message. */
export interface Message {
  readonly id: string;
  readonly seq: number;
  readonly organisationId: string;
  readonly author: string;
  readonly body: string;
  readonly createdAt: string;
}

interface ThreadRow {
  id: string;
  subject_kind: ThreadSubjectKind;
  case_id: string | null;
  alert_id: string | null;
  created_by: string;
  created_at: string;
}

const THREAD_COLUMNS = 'id, subject_kind, case_id, alert_id, created_by, created_at';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;
const iso = (instant: string) => new Date(instant).toISOString();

const presentThread = (row: ThreadRow): Thread => ({
  id: row.id,
  subjectKind: row.subject_kind,
  subjectId: row.case_id ?? row.alert_id ?? '',
  createdBy: row.created_by,
  createdAt: iso(row.created_at),
});

/** The messages store. */
export class MessagesRepository {
  private readonly cipher: FieldCipher;

  constructor(
    private readonly database: Database,
    private readonly ledger: LedgerRepository,
    fieldKey: Uint8Array,
  ) {
    this.cipher = fieldCipher(fieldKey);
  }

  /** A thread by id; undefined when there is none. */
  async thread(id: string): Promise<Thread | undefined> {
    if (!UUID.test(id)) return undefined;
    const [row] = await this.database.query<ThreadRow>(`SELECT ${THREAD_COLUMNS} FROM message_threads WHERE id = $1`, [
      id,
    ]);
    return row === undefined ? undefined : presentThread(row);
  }

  /** The thread on a subject; undefined when nobody has written on it yet. */
  async threadOn(kind: ThreadSubjectKind, subjectId: string): Promise<Thread | undefined> {
    if (!UUID.test(subjectId)) return undefined;
    const [row] = await this.database.query<ThreadRow>(
      `SELECT ${THREAD_COLUMNS} FROM message_threads WHERE ${kind === 'case' ? 'case_id' : 'alert_id'} = $1`,
      [subjectId],
    );
    return row === undefined ? undefined : presentThread(row);
  }

  /** The parties of an alert: the organisation alerted and the one whose action raised it; undefined when there is no such alert. */
  async alertParties(alertId: string): Promise<{ alerted: string; raisedBy: string; reference: string } | undefined> {
    if (!UUID.test(alertId)) return undefined;
    const [row] = await this.database.query<{ organisation_id: string; raised_by: string; reference: string }>(
      'SELECT organisation_id, raised_by, reference FROM alerts WHERE id = $1',
      [alertId],
    );
    return row === undefined
      ? undefined
      : { alerted: row.organisation_id, raisedBy: row.raised_by, reference: row.reference };
  }

  /**
   * Posts a message on a subject's thread, opening the thread when it is the first; the author's
   * organisation has read the thread up to it. In the ledger as a disclosure to the thread's parties.
   */
  async post(
    subject: { readonly kind: ThreadSubjectKind; readonly id: string },
    body: string,
    actor: MessageActor,
  ): Promise<{ thread: Thread; message: Message }> {
    return this.database.transaction(async (sql) => {
      const column = subject.kind === 'case' ? 'case_id' : 'alert_id';
      await sql.query(
        `INSERT INTO message_threads (subject_kind, ${column}, created_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [subject.kind, subject.id, actor.actor],
      );
      const [thread] = await sql.query<ThreadRow>(
        `SELECT ${THREAD_COLUMNS} FROM message_threads WHERE ${column} = $1`,
        [subject.id],
      );
      if (thread === undefined) throw new Error('the thread was neither opened nor found');
      const message = await this.insert(sql, thread.id, body, actor);
      await this.ledger.append(sql, [
        {
          ...actor,
          action: 'disclose',
          objectIds: [thread.id, message.id, subject.id],
          outcome: 'ok',
          detail: `message on ${subject.kind}`,
        },
      ]);
      return { thread: presentThread(thread), message };
    });
  }

  private async insert(sql: Sql, threadId: string, body: string, actor: MessageActor): Promise<Message> {
    const [row] = await sql.query<{ id: string; seq: number | string; created_at: string }>(
      `INSERT INTO messages (thread_id, organisation_id, author, body) VALUES ($1, $2, $3, $4)
       RETURNING id, seq, created_at`,
      [threadId, actor.organisation, actor.actor, this.cipher.encrypt(body)],
    );
    if (row === undefined) throw new Error('the message was not stored');
    await this.markReadIn(sql, threadId, actor.organisation, Number(row.seq), actor.actor);
    return {
      id: row.id,
      seq: Number(row.seq),
      organisationId: actor.organisation,
      author: actor.actor,
      body,
      createdAt: iso(row.created_at),
    };
  }

  private async markReadIn(sql: Sql, threadId: string, organisationId: string, seq: number, by: string) {
    await sql.query(
      `INSERT INTO message_reads (thread_id, organisation_id, last_read_seq, read_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (thread_id, organisation_id) DO UPDATE
         SET last_read_seq = GREATEST(message_reads.last_read_seq, EXCLUDED.last_read_seq),
             read_by = EXCLUDED.read_by, read_at = now()`,
      [threadId, organisationId, seq, by],
    );
  }

  /** A thread's messages, oldest first: the latest `limit`, or those before `beforeSeq`. */
  async messages(threadId: string, options: { limit: number; beforeSeq?: number }): Promise<Message[]> {
    const rows = await this.database.query<{
      id: string;
      seq: number | string;
      organisation_id: string;
      author: string;
      body: string;
      created_at: string;
    }>(
      `SELECT id, seq, organisation_id, author, body, created_at FROM messages
       WHERE thread_id = $1 AND seq < $2 ORDER BY seq DESC LIMIT $3`,
      [threadId, options.beforeSeq ?? Number.MAX_SAFE_INTEGER, options.limit],
    );
    return rows.reverse().map((row) => ({
      id: row.id,
      seq: Number(row.seq),
      organisationId: row.organisation_id,
      author: row.author,
      body: this.cipher.decrypt(row.body),
      createdAt: iso(row.created_at),
    }));
  }

  /**
   * Marks a thread read by an organisation, up to a message (the latest when absent); in the ledger.
   * Never moves the mark back. False when the message is not of the thread.
   */
  async markRead(threadId: string, upTo: string | undefined, actor: MessageActor): Promise<boolean> {
    if (upTo !== undefined && !UUID.test(upTo)) return false;
    return this.database.transaction(async (sql) => {
      const [row] = await sql.query<{ seq: number | string | null }>(
        upTo === undefined
          ? 'SELECT max(seq) AS seq FROM messages WHERE thread_id = $1'
          : 'SELECT seq FROM messages WHERE thread_id = $1 AND id = $2',
        upTo === undefined ? [threadId] : [threadId, upTo],
      );
      if (row === undefined) return false;
      await this.markReadIn(sql, threadId, actor.organisation, Number(row.seq ?? 0), actor.actor);
      await this.ledger.append(sql, [
        { ...actor, action: 'alter', objectIds: [threadId], outcome: 'ok', detail: 'thread marked read' },
      ]);
      return true;
    });
  }

  /**
   * The threads an organisation may be party to, latest message first, with its unread counts: on a
   * case it owns or that is shared with it, on an alert sent to it or raised by it. The caller still
   * judges each (the case record must be visible to the reader).
   */
  async threadsOf(organisationId: string, limit: number): Promise<ThreadSummary[]> {
    const rows = await this.database.query<
      ThreadRow & { messages: number | string; unread: number | string; last_message_at: string | null }
    >(
      `SELECT t.id, t.subject_kind, t.case_id, t.alert_id, t.created_by, t.created_at,
              (SELECT count(*) FROM messages m WHERE m.thread_id = t.id) AS messages,
              (SELECT count(*) FROM messages m WHERE m.thread_id = t.id AND m.organisation_id <> $1
                 AND m.seq > COALESCE(r.last_read_seq, 0)) AS unread,
              (SELECT max(m.created_at) FROM messages m WHERE m.thread_id = t.id) AS last_message_at
       FROM message_threads t
       LEFT JOIN message_reads r ON r.thread_id = t.id AND r.organisation_id = $1
       LEFT JOIN records c ON c.id = t.case_id
       LEFT JOIN alerts a ON a.id = t.alert_id
       WHERE (t.case_id IS NOT NULL AND (c.owner_organisation = $1
               OR EXISTS (SELECT 1 FROM case_shares s WHERE s.case_id = t.case_id AND s.organisation_id = $1)))
          OR (t.alert_id IS NOT NULL AND (a.organisation_id = $1 OR a.raised_by = $1))
       ORDER BY last_message_at DESC NULLS LAST, t.id
       LIMIT $2`,
      [organisationId, limit],
    );
    return rows.map((row) => ({
      ...presentThread(row),
      messages: Number(row.messages),
      unread: Number(row.unread),
      lastMessageAt: row.last_message_at === null ? null : iso(row.last_message_at),
    }));
  }

  /** How many messages of others an organisation has not read in one thread. */
  async unread(threadId: string, organisationId: string): Promise<number> {
    const [row] = await this.database.query<{ unread: number | string }>(
      `SELECT count(*) AS unread FROM messages m
       LEFT JOIN message_reads r ON r.thread_id = m.thread_id AND r.organisation_id = $2
       WHERE m.thread_id = $1 AND m.organisation_id <> $2 AND m.seq > COALESCE(r.last_read_seq, 0)`,
      [threadId, organisationId],
    );
    return Number(row?.unread ?? 0);
  }
}
