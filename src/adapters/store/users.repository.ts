/**
 * People who sign in, and their sessions. Instants are given by the caller (its clock), never
 * taken from the database's `now()`, so that tests can move time. Changes an administrator makes
 * are appended to the ledger in the same transaction: they commit together or not at all.
 */
import { randomUUID } from 'node:crypto';
import type { LockoutPolicy, SessionStage } from '../../domain/access/index.ts';
import type { LedgerEvent } from '../../domain/audit/index.ts';
import { CONFIDENTIALITY_LEVELS } from '../../domain/model/envelope.ts';
import type { Organisation } from '../../domain/model/organisation.ts';
import { ROLES, type Confidentiality, type Role } from '../../domain/policy/index.ts';
import type { Database, Sql } from './database.ts';
import type { LedgerRepository } from './ledger.repository.ts';

/** A user as stored. Secrets stay in their stored forms: the password as a PHC string, TOTP sealed. */
export interface UserAccount {
  readonly id: string;
  readonly organisationId: string;
  /** Lower-cased. */
  readonly email: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly clearance: Confidentiality;
  readonly passwordHash: string | null;
  /** The TOTP secret sealed with the field cipher; null until enrolment starts. */
  readonly totpSecret: string | null;
  readonly totpConfirmedAt: string | null;
  readonly totpLastStep: number | null;
  readonly failedAttempts: number;
  readonly lockedUntil: string | null;
  readonly disabledAt: string | null;
  readonly createdAt: string;
}

/** What creating a user takes. */
export interface NewUser {
  readonly organisationId: string;
  readonly email: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly clearance: Confidentiality;
  /** Argon2id PHC string. */
  readonly passwordHash: string;
}

/** A session with its live user, the user's organisation and that organisation's sharing groups. */
export interface SessionView {
  readonly tokenHash: string;
  readonly stage: SessionStage;
  readonly createdAt: string;
  readonly lastSeenAt: string;
  readonly user: UserAccount;
  readonly organisation: Organisation;
  readonly groups: readonly string[];
}

/** How completing a sign-in ended. */
export type CompletionOutcome = 'complete' | 'replayed' | 'session_gone';

/** The email belongs to another user already. */
export class EmailInUse extends Error {
  constructor() {
    super('this email is already in use');
  }
}

const UNIQUE_VIOLATION = '23505';

interface UserRow {
  id: string;
  organisation_id: string;
  email: string;
  display_name: string;
  roles: string[];
  clearance: string;
  password_hash: string | null;
  totp_secret: string | null;
  totp_confirmed_at: string | null;
  totp_last_step: number | string | bigint | null;
  failed_attempts: number;
  locked_until: string | null;
  disabled_at: string | null;
  created_at: string;
}

interface SessionRow extends UserRow {
  token_hash: string;
  stage: string;
  session_created_at: string;
  last_seen_at: string;
  organisation_name: string;
  organisation_type: Organisation['organisationType'];
  sector: Organisation['sector'];
  country: string | null;
  groups: string[];
}

/** Roles and clearance are checked on the way out: a hand-edited row grants nothing unknown. */
function toUser(row: UserRow): UserAccount {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    email: row.email,
    displayName: row.display_name,
    roles: row.roles.filter((role): role is Role => (ROLES as readonly string[]).includes(role)),
    clearance: (CONFIDENTIALITY_LEVELS as readonly string[]).includes(row.clearance)
      ? (row.clearance as Confidentiality)
      : 'restricted',
    passwordHash: row.password_hash,
    totpSecret: row.totp_secret,
    totpConfirmedAt: row.totp_confirmed_at,
    totpLastStep: row.totp_last_step === null ? null : Number(row.totp_last_step),
    failedAttempts: row.failed_attempts,
    lockedUntil: row.locked_until,
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
  };
}

/** The sign-in name as stored: trimmed and lower-cased. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Rolls a transaction back when the session to upgrade has gone. */
class SessionGone extends Error {}

/** Users and their sessions. */
export class UsersRepository {
  constructor(
    private readonly database: Database,
    private readonly ledger: LedgerRepository,
  ) {}

  /** Runs `work` in a transaction with the ledger events, or outside one when there are none. */
  private async audited<T>(audit: readonly LedgerEvent[], work: (sql: Sql) => Promise<T>): Promise<T> {
    if (audit.length === 0) return work(this.database);
    return this.database.transaction(async (sql) => {
      const result = await work(sql);
      await this.ledger.append(sql, audit);
      return result;
    });
  }

  /** Creates a user with a fresh id; throws EmailInUse when the email is taken. */
  async create(
    user: NewUser,
    audit: (id: string) => readonly LedgerEvent[] = () => [],
    at: Date = new Date(),
  ): Promise<UserAccount> {
    const id = randomUUID();
    try {
      const [row] = await this.audited(audit(id), (sql) =>
        sql.query<UserRow>(
          `INSERT INTO users (id, organisation_id, email, display_name, roles, clearance, password_hash, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
          [
            id,
            user.organisationId,
            normaliseEmail(user.email),
            user.displayName,
            user.roles,
            user.clearance,
            user.passwordHash,
            at.toISOString(),
          ],
        ),
      );
      if (row === undefined) throw new Error('the new user was not returned');
      return toUser(row);
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new EmailInUse();
      throw error;
    }
  }

  /** A user by sign-in email (any case). */
  async findByEmail(email: string): Promise<UserAccount | undefined> {
    const [row] = await this.database.query<UserRow>('SELECT * FROM users WHERE email = $1', [normaliseEmail(email)]);
    return row === undefined ? undefined : toUser(row);
  }

  /** A user by id. */
  async findById(id: string): Promise<UserAccount | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.database.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
    return row === undefined ? undefined : toUser(row);
  }

  /** An organisation's users, by email. */
  async list(organisationId: string): Promise<UserAccount[]> {
    const rows = await this.database.query<UserRow>('SELECT * FROM users WHERE organisation_id = $1 ORDER BY email', [
      organisationId,
    ]);
    return rows.map(toUser);
  }

  /** Replaces a user's password hash. */
  async setPasswordHash(id: string, passwordHash: string, audit: readonly LedgerEvent[] = []): Promise<boolean> {
    const rows = await this.audited(audit, (sql) =>
      sql.query('UPDATE users SET password_hash = $2 WHERE id = $1 RETURNING id', [id, passwordHash]),
    );
    return rows.length > 0;
  }

  /**
   * Stores a new sealed TOTP secret for a user who has not confirmed one (a second call before
   * confirming replaces the first). False for a confirmed, disabled or unknown user.
   */
  async startTotpEnrolment(id: string, sealedSecret: string, audit: readonly LedgerEvent[] = []): Promise<boolean> {
    const rows = await this.audited(audit, (sql) =>
      sql.query(
        `UPDATE users SET totp_secret = $2, totp_last_step = NULL
         WHERE id = $1 AND totp_confirmed_at IS NULL AND disabled_at IS NULL RETURNING id`,
        [id, sealedSecret],
      ),
    );
    return rows.length > 0;
  }

  /**
   * Counts a failed attempt (a wrong password or TOTP code). The `maxFailures`-th in a row locks
   * the account until `at + lockMs` and restarts the count. Says whether this failure locked it.
   */
  async recordFailure(
    id: string,
    at: Date,
    policy: LockoutPolicy,
    audit: (lockedNow: boolean) => readonly LedgerEvent[] = () => [],
  ): Promise<{ readonly lockedNow: boolean }> {
    return this.database.transaction(async (sql) => {
      const [row] = await sql.query<{ locked_now: boolean }>(
        `WITH before AS (SELECT id, failed_attempts FROM users WHERE id = $1 FOR UPDATE)
         UPDATE users u SET
           failed_attempts = CASE WHEN before.failed_attempts + 1 >= $2 THEN 0 ELSE before.failed_attempts + 1 END,
           locked_until = CASE WHEN before.failed_attempts + 1 >= $2 THEN $3::timestamptz ELSE u.locked_until END
         FROM before WHERE u.id = before.id
         RETURNING before.failed_attempts + 1 >= $2 AS locked_now`,
        [id, policy.maxFailures, new Date(at.getTime() + policy.lockMs).toISOString()],
      );
      const lockedNow = row?.locked_now === true;
      await this.ledger.append(sql, audit(lockedNow));
      return { lockedNow };
    });
  }

  /** Locks an account until an instant (an administrator's or an operator's decision). */
  async lock(id: string, until: Date, audit: readonly LedgerEvent[] = []): Promise<boolean> {
    const rows = await this.audited(audit, (sql) =>
      sql.query('UPDATE users SET locked_until = $2 WHERE id = $1 RETURNING id', [id, until.toISOString()]),
    );
    return rows.length > 0;
  }

  /**
   * Disables an account and ends its sessions in the same transaction: once this commits, no
   * request of the user's is accepted. False for an unknown user.
   */
  async disable(id: string, at: Date, audit: readonly LedgerEvent[] = []): Promise<boolean> {
    if (!isUuid(id)) return false;
    return this.database.transaction(async (sql) => {
      const rows = await sql.query(
        'UPDATE users SET disabled_at = COALESCE(disabled_at, $2) WHERE id = $1 RETURNING id',
        [id, at.toISOString()],
      );
      if (rows.length === 0) return false;
      await sql.query('DELETE FROM sessions WHERE user_id = $1', [id]);
      await this.ledger.append(sql, audit);
      return true;
    });
  }

  /**
   * Clears a user's second factor and ends their sessions, in one transaction: at the next sign-in
   * they must enrol an authenticator again, exactly as at their first. False for an unknown user.
   */
  async resetSecondFactor(id: string, audit: readonly LedgerEvent[] = []): Promise<boolean> {
    if (!isUuid(id)) return false;
    return this.database.transaction(async (sql) => {
      const rows = await sql.query(
        `UPDATE users SET totp_secret = NULL, totp_confirmed_at = NULL, totp_last_step = NULL
         WHERE id = $1 RETURNING id`,
        [id],
      );
      if (rows.length === 0) return false;
      await sql.query('DELETE FROM sessions WHERE user_id = $1', [id]);
      await this.ledger.append(sql, audit);
      return true;
    });
  }

  /** Lifts a lock and restarts the count of failures. False for an unknown user. */
  async unlock(id: string, audit: readonly LedgerEvent[] = []): Promise<boolean> {
    if (!isUuid(id)) return false;
    const rows = await this.audited(audit, (sql) =>
      sql.query('UPDATE users SET locked_until = NULL, failed_attempts = 0 WHERE id = $1 RETURNING id', [id]),
    );
    return rows.length > 0;
  }

  /**
   * Replaces a user's password hash, if it is still `previousHash` (the one the current password
   * was checked against), and ends every session of theirs but `keepTokenHash`, in one
   * transaction with the ledger events. False when the user is gone or disabled, or the password
   * changed meanwhile.
   */
  async changePassword(
    change: {
      readonly userId: string;
      readonly previousHash: string;
      readonly passwordHash: string;
      readonly keepTokenHash: string;
    },
    audit: readonly LedgerEvent[] = [],
  ): Promise<boolean> {
    if (!isUuid(change.userId)) return false;
    return this.database.transaction(async (sql) => {
      const rows = await sql.query(
        `UPDATE users SET password_hash = $3
         WHERE id = $1 AND password_hash = $2 AND disabled_at IS NULL RETURNING id`,
        [change.userId, change.previousHash, change.passwordHash],
      );
      if (rows.length === 0) return false;
      await sql.query('DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2', [
        change.userId,
        change.keepTokenHash,
      ]);
      await this.ledger.append(sql, audit);
      return true;
    });
  }

  /** Changes a user's roles and clearance; they apply from the user's next request. */
  async update(
    id: string,
    changes: { readonly roles?: readonly Role[] | undefined; readonly clearance?: Confidentiality | undefined },
    audit: readonly LedgerEvent[] = [],
  ): Promise<UserAccount | undefined> {
    if (!isUuid(id)) return undefined;
    const [row] = await this.audited(audit, (sql) =>
      sql.query<UserRow>(
        `UPDATE users SET roles = COALESCE($2, roles), clearance = COALESCE($3, clearance)
         WHERE id = $1 RETURNING *`,
        [id, changes.roles ?? null, changes.clearance ?? null],
      ),
    );
    return row === undefined ? undefined : toUser(row);
  }

  /** Opens a session. */
  async createSession(
    session: { readonly tokenHash: string; readonly userId: string; readonly stage: SessionStage; readonly at: Date },
    audit: readonly LedgerEvent[] = [],
  ): Promise<void> {
    await this.audited(audit, (sql) =>
      sql.query(
        `INSERT INTO sessions (token_hash, user_id, stage, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)`,
        [session.tokenHash, session.userId, session.stage, session.at.toISOString()],
      ),
    );
  }

  /**
   * A session by its token's hash, with its user, only while that user is not disabled. Whether
   * it is still usable (stage, idle time) is the caller's judgement.
   */
  async findSession(tokenHash: string): Promise<SessionView | undefined> {
    const [row] = await this.database.query<SessionRow>(
      `SELECT u.*, s.token_hash, s.stage, s.created_at AS session_created_at, s.last_seen_at,
         o.name AS organisation_name, o.organisation_type, o.sector, o.country,
         ARRAY(SELECT group_id FROM sharing_group_members m WHERE m.organisation_id = u.organisation_id
               ORDER BY group_id) AS groups
       FROM sessions s JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.organisation_id
       WHERE s.token_hash = $1 AND u.disabled_at IS NULL`,
      [tokenHash],
    );
    if (row === undefined) return undefined;
    return {
      tokenHash: row.token_hash,
      stage: row.stage === 'complete' ? 'complete' : 'password',
      createdAt: row.session_created_at,
      lastSeenAt: row.last_seen_at,
      user: toUser(row),
      organisation: {
        id: row.organisation_id,
        name: row.organisation_name,
        organisationType: row.organisation_type,
        sector: row.sector,
        ...(row.country === null ? {} : { country: row.country }),
      },
      groups: row.groups,
    };
  }

  /** Marks a session as used at `at` (never moving its last use backwards). */
  async touchSession(tokenHash: string, at: Date): Promise<void> {
    await this.database.query('UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1 AND last_seen_at < $2', [
      tokenHash,
      at.toISOString(),
    ]);
  }

  /**
   * Completes a sign-in with an accepted TOTP step, in one transaction: the step is recorded (it
   * must be later than the last one accepted, so a code works once even under concurrent use), the
   * enrolment confirmed, the failure count reset, and the password-stage session replaced by a
   * complete one under a new token. `replayed` when the step was used already; `session_gone` when
   * the password-stage session no longer exists (signed out, expired, account disabled).
   */
  async completeSignIn(
    completion: {
      readonly userId: string;
      readonly oldTokenHash: string;
      readonly newTokenHash: string;
      readonly step: number;
      readonly at: Date;
    },
    audit: readonly LedgerEvent[] = [],
  ): Promise<CompletionOutcome> {
    const at = completion.at.toISOString();
    try {
      return await this.database.transaction(async (sql) => {
        const accepted = await sql.query(
          `UPDATE users SET totp_last_step = $2, totp_confirmed_at = COALESCE(totp_confirmed_at, $3),
             failed_attempts = 0, locked_until = NULL
           WHERE id = $1 AND disabled_at IS NULL AND (totp_last_step IS NULL OR totp_last_step < $2) RETURNING id`,
          [completion.userId, completion.step, at],
        );
        if (accepted.length === 0) return 'replayed';
        const removed = await sql.query(
          `DELETE FROM sessions WHERE token_hash = $1 AND user_id = $2 AND stage = 'password' RETURNING token_hash`,
          [completion.oldTokenHash, completion.userId],
        );
        if (removed.length === 0) throw new SessionGone();
        await sql.query(
          `INSERT INTO sessions (token_hash, user_id, stage, created_at, last_seen_at) VALUES ($1, $2, 'complete', $3, $3)`,
          [completion.newTokenHash, completion.userId, at],
        );
        await this.ledger.append(sql, audit);
        return 'complete';
      });
    } catch (error) {
      if (error instanceof SessionGone) return 'session_gone';
      throw error;
    }
  }

  /** Ends a session; returns its user's id, or undefined when there was none. */
  async deleteSession(
    tokenHash: string,
    audit: (owner: { readonly userId: string; readonly organisationId: string }) => readonly LedgerEvent[] = () => [],
  ): Promise<string | undefined> {
    return this.database.transaction(async (sql) => {
      const [row] = await sql.query<{ user_id: string; organisation_id: string }>(
        `DELETE FROM sessions s USING users u WHERE s.token_hash = $1 AND u.id = s.user_id
         RETURNING s.user_id, u.organisation_id`,
        [tokenHash],
      );
      if (row === undefined) return undefined;
      await this.ledger.append(sql, audit({ userId: row.user_id, organisationId: row.organisation_id }));
      return row.user_id;
    });
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a text is a UUID (other texts would make PostgreSQL refuse the query). */
function isUuid(text: string): boolean {
  return UUID.test(text);
}
