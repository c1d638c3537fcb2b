/**
 * External screening lists: imported whole under a name (importing the same name again replaces
 * the list in one transaction), read back page by page by the screening index.
 */
import type { LedgerEvent } from '../../domain/audit/index.ts';
import type { ScreeningEntry } from '../../domain/screening/index.ts';
import type { Database } from './database.ts';
import type { LedgerRepository } from './ledger.repository.ts';

/** Whether a list's hits are shown to whoever screens (public lists) or blind, as notices are. */
export const LIST_VISIBILITIES = ['shown', 'blind'] as const;
export type ListVisibility = (typeof LIST_VISIBILITIES)[number];

/** A list as stored. */
export interface ScreeningList {
  readonly id: string;
  readonly organisationId: string;
  readonly name: string;
  readonly visibility: ListVisibility;
  /** The least score of a hit on it, when it sets its own. */
  readonly threshold: number | null;
  readonly entries: number;
  readonly importedBy: string;
  readonly importedAt: string;
}

interface ListRow {
  id: string;
  organisation_id: string;
  name: string;
  visibility: ListVisibility;
  threshold: number | null;
  entries: number;
  imported_by: string;
  imported_at: string;
}

const present = (row: ListRow): ScreeningList => ({
  id: row.id,
  organisationId: row.organisation_id,
  name: row.name,
  visibility: row.visibility,
  threshold: row.threshold,
  entries: row.entries,
  importedBy: row.imported_by,
  importedAt: new Date(row.imported_at).toISOString(),
});

/** Entries written per statement. */
const CHUNK = 2_000;

/** The external lists. */
export class ScreeningListsRepository {
  constructor(
    private readonly database: Database,
    private readonly ledger: LedgerRepository,
  ) {}

  /** Stores a list under its owner and name, replacing any list of that name; the ledger records it. */
  async replace(
    list: {
      readonly organisationId: string;
      readonly name: string;
      readonly visibility: ListVisibility;
      readonly threshold?: number | undefined;
    },
    entries: readonly ScreeningEntry[],
    event: Pick<LedgerEvent, 'actor' | 'requestId'>,
  ): Promise<ScreeningList> {
    return this.database.transaction(async (sql) => {
      await sql.query('DELETE FROM screening_lists WHERE organisation_id = $1 AND name = $2', [
        list.organisationId,
        list.name,
      ]);
      const [row] = await sql.query<ListRow>(
        `INSERT INTO screening_lists (organisation_id, name, visibility, threshold, entries, imported_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
        [list.organisationId, list.name, list.visibility, list.threshold ?? null, entries.length, event.actor],
      );
      if (row === undefined) throw new Error('the list was not returned');
      for (let start = 0; start < entries.length; start += CHUNK) {
        // An entry's list is the list itself: only its fields are stored.
        const chunk = entries.slice(start, start + CHUNK).map((entry) => {
          const { id, ...fields } = entry;
          return { id, fields: { ...fields, list: undefined } };
        });
        await sql.query(
          `INSERT INTO screening_list_entries (list_id, entry_id, fields)
           SELECT $1, x.id, x.fields FROM json_to_recordset($2::json) AS x(id text, fields jsonb)
           ON CONFLICT (list_id, entry_id) DO UPDATE SET fields = excluded.fields`,
          [row.id, JSON.stringify(chunk)],
        );
      }
      await this.ledger.append(sql, [
        {
          ...event,
          organisation: list.organisationId,
          action: 'collect',
          purpose: null,
          objectIds: [row.id],
          outcome: 'ok',
          detail: `screening list ${list.name}: ${entries.length} entries`,
        },
      ]);
      return present(row);
    });
  }

  /** Removes an organisation's list; false when it has none of that id. */
  async remove(organisationId: string, id: string, event: Pick<LedgerEvent, 'actor' | 'requestId'>): Promise<boolean> {
    return this.database.transaction(async (sql) => {
      const rows = await sql.query('DELETE FROM screening_lists WHERE organisation_id = $1 AND id = $2 RETURNING id', [
        organisationId,
        id,
      ]);
      if (rows.length === 0) return false;
      await this.ledger.append(sql, [
        { ...event, organisation: organisationId, action: 'erase', purpose: null, objectIds: [id], outcome: 'ok' },
      ]);
      return true;
    });
  }

  /** Every list, or an organisation's. */
  async all(organisationId?: string): Promise<ScreeningList[]> {
    const rows = await this.database.query<ListRow>(
      `SELECT * FROM screening_lists WHERE $1::text IS NULL OR organisation_id = $1 ORDER BY organisation_id, name`,
      [organisationId ?? null],
    );
    return rows.map(present);
  }

  /** A page of a list's entries, in entry id order, after `after`. */
  async entries(listId: string, limit: number, after?: string): Promise<ScreeningEntry[]> {
    const rows = await this.database.query<{ entry_id: string; fields: Omit<ScreeningEntry, 'id' | 'list'> }>(
      `SELECT entry_id, fields FROM screening_list_entries WHERE list_id = $1 AND ($2::text IS NULL OR entry_id > $2)
       ORDER BY entry_id LIMIT $3`,
      [listId, after ?? null, limit],
    );
    return rows.map((row) => ({ ...row.fields, id: row.entry_id, list: listId }));
  }
}
