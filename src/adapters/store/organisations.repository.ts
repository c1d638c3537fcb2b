import { randomUUID } from 'node:crypto';
import { hashApiKey, mintApiKey, type ApiPermission } from '../../domain/access/api-key.ts';
import type { Organisation } from '../../domain/model/organisation.ts';
import type { Confidentiality, Role } from '../../domain/policy/index.ts';
import type { LedgerEvent } from '../../domain/audit/index.ts';
import type { Database } from './database.ts';
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
}

function toOrganisation(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    name: row.name,
    organisationType: row.organisation_type,
    sector: row.sector,
    ...(row.country === null ? {} : { country: row.country }),
  };
}

/** Member organisations and their API keys. */
export class OrganisationsRepository {
  constructor(
    private readonly database: Database,
    private readonly ledger: LedgerRepository,
  ) {}

  /** Creates or updates an organisation. */
  async save(organisation: Organisation): Promise<void> {
    await this.database.query(
      `INSERT INTO organisations (id, name, organisation_type, sector, country) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, organisation_type = excluded.organisation_type,
         sector = excluded.sector, country = excluded.country`,
      [
        organisation.id,
        organisation.name,
        organisation.organisationType,
        organisation.sector,
        organisation.country ?? null,
      ],
    );
  }

  /** One organisation by id. */
  async get(id: string): Promise<Organisation | undefined> {
    const [row] = await this.database.query<OrganisationRow>('SELECT * FROM organisations WHERE id = $1', [id]);
    return row === undefined ? undefined : toOrganisation(row);
  }

  /** Every organisation. */
  async list(): Promise<Organisation[]> {
    const rows = await this.database.query<OrganisationRow>('SELECT * FROM organisations ORDER BY id');
    return rows.map(toOrganisation);
  }

  /** Issues a new API key; the secret is returned once and never stored. */
  async issueApiKey(
    organisationId: string,
    name: string,
    permissions: readonly ApiPermission[],
    reach: ApiKeyReach = {},
  ): Promise<string> {
    const { secret, hash } = mintApiKey();
    await this.database.query(
      `INSERT INTO api_keys (id, organisation_id, name, key_hash, permissions, roles, clearance)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        randomUUID(),
        organisationId,
        name,
        hash,
        permissions,
        reach.roles ?? ['analyst'],
        reach.clearance ?? 'restricted',
      ],
    );
    return secret;
  }

  /** An organisation's API keys (never their secrets), newest first. */
  async listApiKeys(organisationId: string): Promise<ApiKeySummary[]> {
    const rows = await this.database.query<{
      id: string;
      name: string;
      permissions: ApiPermission[];
      roles: Role[];
      clearance: Confidentiality;
      created_at: string;
      revoked_at: string | null;
    }>(
      'SELECT id, name, permissions, roles, clearance, created_at, revoked_at FROM api_keys WHERE organisation_id = $1 ORDER BY created_at DESC, id',
      [organisationId],
    );
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      permissions: row.permissions,
      roles: row.roles,
      clearance: row.clearance,
      createdAt: row.created_at,
      revokedAt: row.revoked_at,
    }));
  }

  /**
   * Revokes a key at once: no request authenticated with it reads anything once this commits.
   * The revocation is recorded in the ledger in the same transaction. False if there was no live key.
   */
  async revokeApiKey(
    keyId: string,
    audit: Omit<LedgerEvent, 'action' | 'objectIds' | 'outcome' | 'organisation'>,
  ): Promise<boolean> {
    return this.database.transaction(async (sql) => {
      const [revoked] = await sql.query<{ organisation_id: string }>(
        'UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING organisation_id',
        [keyId],
      );
      if (revoked === undefined) return false;
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
  }

  /** The grant of a live key, or undefined for an unknown or revoked one. */
  async findApiKey(secret: string): Promise<ApiKeyGrant | undefined> {
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
      [hashApiKey(secret)],
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
