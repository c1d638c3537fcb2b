import { randomUUID } from 'node:crypto';
import { hashApiKey, mintApiKey, type ApiPermission } from '../../domain/access/api-key.ts';
import type { Organisation } from '../../domain/model/organisation.ts';
import type { Confidentiality, Role } from '../../domain/policy/index.ts';
import type { LedgerEvent } from '../../domain/audit/index.ts';
import type { Database } from './database.ts';
import type { DirectoryCache } from './directory-cache.ts';
import type { LedgerRepository } from './ledger.repository.ts';

/** An API key's owner and rights, as found from its secret. */
export interface ApiKeyGrant {
  readonly keyId: string;
  readonly organisation: Organisation;
  readonly permissions: readonly ApiPermission[];
  /** What the key's system reads as: roles and clearance, as a user would have. */
  readonly roles: readonly Role[];
  readonly clearance: Confidentiality;
  /** The sharing groups of its organisation. */
  readonly groups: readonly string[];
}

/** An API key as its organisation's administrators see it. */
export interface ApiKeySummary {
  readonly id: string;
  readonly organisationId: string;
  readonly name: string;
  readonly permissions: readonly ApiPermission[];
  readonly roles: readonly Role[];
  readonly clearance: Confidentiality;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

/** What an API key may read as, besides its permissions. */
export interface ApiKeyReach {
  readonly roles?: readonly Role[];
  readonly clearance?: Confidentiality;
}

interface OrganisationRow {
  id: string;
  name: string;
  organisation_type: Organisation['organisationType'];
  sector: Organisation['sector'];
  country: string | null;
  child_protection?: boolean;
}

interface ApiKeyRow {
  id: string;
  organisation_id: string;
  name: string;
  permissions: ApiPermission[];
  roles: Role[];
  clearance: Confidentiality;
  created_at: string;
  revoked_at: string | null;
}

/** The columns of a key's summary: never its hash. */
const API_KEY_COLUMNS = 'id, organisation_id, name, permissions, roles, clearance, created_at, revoked_at';

function toApiKeySummary(row: ApiKeyRow): ApiKeySummary {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    name: row.name,
    permissions: row.permissions,
    roles: row.roles,
    clearance: row.clearance,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toOrganisation(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    name: row.name,
    organisationType: row.organisation_type,
    sector: row.sector,
    ...(row.country === null ? {} : { country: row.country }),
    ...(row.child_protection === true ? { childProtection: true } : {}),
  };
}

/**
 * Member organisations and their API keys. A key's grant and the list of members are answered
 * from the directory cache; every change here makes it forget them (see directory-cache.ts).
 */
export class OrganisationsRepository {
  constructor(
    private readonly database: Database,
    private readonly ledger: LedgerRepository,
    private readonly directory: DirectoryCache,
  ) {}

  /** Creates or updates an organisation. */
  async save(organisation: Organisation): Promise<void> {
    await this.database.transaction(async (sql) => {
      await this.directory.announce(sql);
      await sql.query(
        `INSERT INTO organisations (id, name, organisation_type, sector, country, child_protection)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, organisation_type = excluded.organisation_type,
         sector = excluded.sector, country = excluded.country, child_protection = excluded.child_protection`,
        [
          organisation.id,
          organisation.name,
          organisation.organisationType,
          organisation.sector,
          organisation.country ?? null,
          organisation.childProtection === true,
        ],
      );
    });
    this.directory.forget();
  }

  /**
   * Creates an organisation, with the ledger events in the same transaction; false (and nothing
   * recorded) when the id is taken. Unlike `save`, never overwrites an existing organisation.
   */
  async create(organisation: Organisation, audit: readonly LedgerEvent[] = []): Promise<boolean> {
    const created = await this.database.transaction(async (sql) => {
      const created = await sql.query(
        `INSERT INTO organisations (id, name, organisation_type, sector, country, child_protection)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [
          organisation.id,
          organisation.name,
          organisation.organisationType,
          organisation.sector,
          organisation.country ?? null,
          organisation.childProtection === true,
        ],
      );
      if (created.length === 0) return false;
      await this.directory.announce(sql);
      await this.ledger.append(sql, audit);
      return true;
    });
    if (created) this.directory.forget();
    return created;
  }

  /**
   * Changes an organisation's name or sector (never its id or type), with the ledger events in
   * the same transaction; undefined for an unknown organisation.
   */
  async update(
    id: string,
    changes: { readonly name?: string | undefined; readonly sector?: Organisation['sector'] | undefined },
    audit: readonly LedgerEvent[] = [],
  ): Promise<Organisation | undefined> {
    const updated = await this.database.transaction(async (sql) => {
      const [row] = await sql.query<OrganisationRow>(
        `UPDATE organisations SET name = COALESCE($2, name), sector = COALESCE($3, sector) WHERE id = $1 RETURNING *`,
        [id, changes.name ?? null, changes.sector ?? null],
      );
      if (row === undefined) return undefined;
      await this.directory.announce(sql);
      await this.ledger.append(sql, audit);
      return toOrganisation(row);
    });
    if (updated !== undefined) this.directory.forget();
    return updated;
  }

  /** One organisation by id. */
  async get(id: string): Promise<Organisation | undefined> {
    const [row] = await this.database.query<OrganisationRow>('SELECT * FROM organisations WHERE id = $1', [id]);
    return row === undefined ? undefined : toOrganisation(row);
  }

  /** Every organisation. */
  async list(): Promise<Organisation[]> {
    const listed = await this.directory.remember('organisations', async () => {
      const rows = await this.database.query<OrganisationRow>('SELECT * FROM organisations ORDER BY id');
      return rows.map(toOrganisation);
    });
    return [...(listed ?? [])];
  }

  /** Issues a new API key; the secret is returned once and never stored. */
  async issueApiKey(
    organisationId: string,
    name: string,
    permissions: readonly ApiPermission[],
    reach: ApiKeyReach = {},
  ): Promise<string> {
    return (await this.createApiKey(organisationId, name, permissions, reach)).secret;
  }

  /**
   * Issues a new API key with the ledger events (given the key's id) in the same transaction: its
   * summary, and the secret, returned this once and never stored.
   */
  async createApiKey(
    organisationId: string,
    name: string,
    permissions: readonly ApiPermission[],
    reach: ApiKeyReach = {},
    audit: (keyId: string) => readonly LedgerEvent[] = () => [],
  ): Promise<{ readonly key: ApiKeySummary; readonly secret: string }> {
    const { secret, hash } = mintApiKey();
    const id = randomUUID();
    const [row] = await this.database.transaction(async (sql) => {
      const rows = await sql.query<ApiKeyRow>(
        `INSERT INTO api_keys (id, organisation_id, name, key_hash, permissions, roles, clearance)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${API_KEY_COLUMNS}`,
        [id, organisationId, name, hash, permissions, reach.roles ?? ['analyst'], reach.clearance ?? 'restricted'],
      );
      await this.ledger.append(sql, audit(id));
      return rows;
    });
    if (row === undefined) throw new Error('the new API key was not returned');
    return { key: toApiKeySummary(row), secret };
  }

  /** One API key's summary (never its secret or hash), by id; undefined for an unknown or malformed id. */
  async getApiKey(keyId: string): Promise<ApiKeySummary | undefined> {
    if (!UUID.test(keyId)) return undefined;
    const [row] = await this.database.query<ApiKeyRow>(`SELECT ${API_KEY_COLUMNS} FROM api_keys WHERE id = $1`, [
      keyId,
    ]);
    return row === undefined ? undefined : toApiKeySummary(row);
  }

  /** An organisation's API keys (never their secrets), newest first. */
  async listApiKeys(organisationId: string): Promise<ApiKeySummary[]> {
    const rows = await this.database.query<ApiKeyRow>(
      `SELECT ${API_KEY_COLUMNS} FROM api_keys WHERE organisation_id = $1 ORDER BY created_at DESC, id`,
      [organisationId],
    );
    return rows.map(toApiKeySummary);
  }

  /**
   * Revokes a key at once: no request authenticated with it reads anything once this commits.
   * The revocation is recorded in the ledger in the same transaction. False if there was no live key.
   */
  async revokeApiKey(
    keyId: string,
    audit: Omit<LedgerEvent, 'action' | 'objectIds' | 'outcome' | 'organisation'>,
  ): Promise<boolean> {
    // Any other text would make PostgreSQL refuse the query: it names no key.
    if (!UUID.test(keyId)) return false;
    const revoked = await this.database.transaction(async (sql) => {
      const [revoked] = await sql.query<{ organisation_id: string }>(
        'UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING organisation_id',
        [keyId],
      );
      if (revoked === undefined) return false;
      await this.directory.announce(sql);
      await this.ledger.append(sql, [
        {
          ...audit,
          organisation: revoked.organisation_id,
          action: 'administer',
          objectIds: [`key:${keyId}`],
          outcome: 'ok',
          detail: 'key_revoked',
        },
      ]);
      return true;
    });
    if (revoked) this.directory.forget();
    return revoked;
  }

  /** The grant of a live key, or undefined for an unknown or revoked one. */
  async findApiKey(secret: string): Promise<ApiKeyGrant | undefined> {
    const hash = hashApiKey(secret);
    return this.directory.remember(`key:${hash}`, () => this.grantOf(hash));
  }

  private async grantOf(hash: string): Promise<ApiKeyGrant | undefined> {
    const [row] = await this.database.query<
      OrganisationRow & {
        key_id: string;
        permissions: ApiPermission[];
        roles: Role[];
        clearance: Confidentiality;
        groups: string[];
      }
    >(
      `SELECT k.id AS key_id, k.permissions, k.roles, k.clearance, o.*,
         ARRAY(SELECT group_id FROM sharing_group_members m WHERE m.organisation_id = o.id ORDER BY group_id) AS groups
       FROM api_keys k JOIN organisations o ON o.id = k.organisation_id
       WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
      [hash],
    );
    return row === undefined
      ? undefined
      : {
          keyId: row.key_id,
          organisation: toOrganisation(row),
          permissions: row.permissions,
          roles: row.roles,
          clearance: row.clearance,
          groups: row.groups,
        };
  }
}
