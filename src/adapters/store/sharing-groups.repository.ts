/**
 * Sharing groups: named sets of organisations a record may be shared with. Who may see a group's
 * member list is the caller's judgement (its members' administrators only); this is storage.
 * Every change is appended to the ledger in its own transaction.
 */
import type { LedgerEvent } from '../../domain/audit/index.ts';
import type { Database } from './database.ts';
import type { DirectoryCache } from './directory-cache.ts';
import type { LedgerRepository } from './ledger.repository.ts';

/** A sharing group and its members. */
export interface SharingGroup {
  readonly id: string;
  readonly name: string;
  /** The organisation that created it. */
  readonly createdBy: string;
  readonly createdAt: string;
  /** Member organisation ids, sorted. */
  readonly members: readonly string[];
}

/** How adding a member ended. */
export type MemberAddition = 'added' | 'already_member' | 'no_such_group' | 'no_such_organisation';
/** How removing a member ended. */
export type MemberRemoval = 'removed' | 'not_member' | 'last_member';

interface GroupRow {
  id: string;
  name: string;
  created_by: string;
  created_at: string;
  members: string[];
}

const toGroup = (row: GroupRow): SharingGroup => ({
  id: row.id,
  name: row.name,
  createdBy: row.created_by,
  createdAt: row.created_at,
  members: row.members,
});

const SELECT_GROUPS = `SELECT g.*, ARRAY(SELECT organisation_id FROM sharing_group_members m WHERE m.group_id = g.id
  ORDER BY organisation_id) AS members FROM sharing_groups g`;

const FOREIGN_KEY_VIOLATION = '23503';

/** Sharing groups and their members. */
export class SharingGroupsRepository {
  constructor(
    private readonly database: Database,
    private readonly ledger: LedgerRepository,
    /** A key's grant names its organisation's groups: told of every change to members. */
    private readonly directory: DirectoryCache,
  ) {}

  /** Creates a group whose first member is its creator; false when the id is taken. */
  async create(
    group: { readonly id: string; readonly name: string; readonly createdBy: string; readonly at?: Date },
    audit: readonly LedgerEvent[] = [],
  ): Promise<boolean> {
    const at = (group.at ?? new Date()).toISOString();
    const created = await this.database.transaction(async (sql) => {
      const created = await sql.query(
        `INSERT INTO sharing_groups (id, name, created_by, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [group.id, group.name, group.createdBy, at],
      );
      if (created.length === 0) return false;
      await sql.query('INSERT INTO sharing_group_members (group_id, organisation_id, added_at) VALUES ($1, $2, $3)', [
        group.id,
        group.createdBy,
        at,
      ]);
      await this.directory.announce(sql);
      await this.ledger.append(sql, audit);
      return true;
    });
    if (created) this.directory.forget();
    return created;
  }

  /** One group with its members. */
  async get(id: string): Promise<SharingGroup | undefined> {
    const [row] = await this.database.query<GroupRow>(`${SELECT_GROUPS} WHERE g.id = $1`, [id]);
    return row === undefined ? undefined : toGroup(row);
  }

  /** The groups an organisation belongs to, by id. */
  async listFor(organisationId: string): Promise<SharingGroup[]> {
    const rows = await this.database.query<GroupRow>(
      `${SELECT_GROUPS} WHERE g.id IN (SELECT group_id FROM sharing_group_members WHERE organisation_id = $1)
       ORDER BY g.id`,
      [organisationId],
    );
    return rows.map(toGroup);
  }

  /** Adds an organisation to a group. */
  async addMember(
    groupId: string,
    organisationId: string,
    audit: readonly LedgerEvent[] = [],
    at: Date = new Date(),
  ): Promise<MemberAddition> {
    try {
      const added = await this.database.transaction(async (sql) => {
        const inserted = await sql.query(
          `INSERT INTO sharing_group_members (group_id, organisation_id, added_at) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING RETURNING group_id`,
          [groupId, organisationId, at.toISOString()],
        );
        if (inserted.length === 0) return 'already_member';
        await this.directory.announce(sql);
        await this.ledger.append(sql, audit);
        return 'added';
      });
      if (added === 'added') this.directory.forget();
      return added;
    } catch (error) {
      if ((error as { code?: string }).code !== FOREIGN_KEY_VIOLATION) throw error;
      const group = await this.database.query('SELECT 1 FROM sharing_groups WHERE id = $1', [groupId]);
      return group.length === 0 ? 'no_such_group' : 'no_such_organisation';
    }
  }

  /** Removes an organisation from a group; a group keeps at least one member, or nobody could manage it. */
  async removeMember(
    groupId: string,
    organisationId: string,
    audit: readonly LedgerEvent[] = [],
  ): Promise<MemberRemoval> {
    const removal = await this.database.transaction(async (sql): Promise<MemberRemoval> => {
      // Locks the group's member rows, so that two removals cannot both leave it empty.
      const members = await sql.query<{ organisation_id: string }>(
        'SELECT organisation_id FROM sharing_group_members WHERE group_id = $1 FOR UPDATE',
        [groupId],
      );
      if (!members.some((member) => member.organisation_id === organisationId)) return 'not_member';
      if (members.length === 1) return 'last_member';
      await sql.query('DELETE FROM sharing_group_members WHERE group_id = $1 AND organisation_id = $2', [
        groupId,
        organisationId,
      ]);
      await this.directory.announce(sql);
      await this.ledger.append(sql, audit);
      return 'removed';
    });
    if (removal === 'removed') this.directory.forget();
    return removal;
  }
}
