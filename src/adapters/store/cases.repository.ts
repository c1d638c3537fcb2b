/**
 * What stands around a case (a `Case` record): its items (references, never copies), notes, files
 * and the organisations it is shared with. Notes, file names and file bytes are sealed with the field
 * key. Every change is in the ledger in the same transaction, by ids only. Who may read or change what
 * is decided before (domain/cases, apps/cases); this only stores.
 */
import type { LedgerEvent } from '../../domain/audit/index.ts';
import type { CaseItem, CaseItemKind } from '../../domain/cases/index.ts';
import { fieldCipher, type FieldCipher } from '../keys/key-ring.ts';
import type { Database } from './database.ts';
import type { LedgerRepository } from './ledger.repository.ts';

/** Who acted, for the ledger. */
export type CaseActor = Pick<LedgerEvent, 'actor' | 'organisation' | 'requestId' | 'purpose'>;

/** An organisation a case is shared with. */
export interface CaseShare {
  readonly organisationId: string;
  readonly sharedBy: string;
  readonly sharedAt: string;
}

/** A note of a case. */
export interface CaseNote {
  readonly id: string;
  readonly organisationId: string;
  readonly author: string;
  readonly body: string;
  readonly createdAt: string;
}

/** A file of a case, described (its bytes are read apart). */
export interface CaseFileSummary {
  readonly id: string;
  readonly name: string;
  readonly mediaType: string;
  readonly byteLength: number;
  readonly addedBy: string;
  readonly addedAt: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;
const iso = (instant: string) => new Date(instant).toISOString();

interface ItemRow {
  id: string;
  kind: CaseItemKind;
  ref: string;
  added_by: string;
  added_at: string;
}
const presentItem = (row: ItemRow): CaseItem => ({
  id: row.id,
  kind: row.kind,
  ref: row.ref,
  addedBy: row.added_by,
  addedAt: iso(row.added_at),
});

/** The column an item's reference is kept in, so that it goes when what it refers to goes. */
const REFERENCE_COLUMN: Record<CaseItemKind, 'record_id' | 'alert_id' | 'report_id'> = {
  entity: 'record_id',
  record: 'record_id',
  notice: 'record_id',
  alert: 'alert_id',
  report: 'report_id',
};

/** The cases store. */
export class CasesRepository {
  private readonly cipher: FieldCipher;

  constructor(
    private readonly database: Database,
    private readonly ledger: LedgerRepository,
    fieldKey: Uint8Array,
  ) {
    this.cipher = fieldCipher(fieldKey);
  }

  /** The ids of the cases an organisation owns, most recently changed first. */
  async ownedBy(organisationId: string, limit: number): Promise<string[]> {
    const rows = await this.database.query<{ id: string }>(
      `SELECT id FROM records WHERE owner_organisation = $1 AND entity_type = 'Case'
       ORDER BY updated_at DESC, id LIMIT $2`,
      [organisationId, limit],
    );
    return rows.map((row) => row.id);
  }

  /** The ids of the cases shared with an organisation, most recently shared first. */
  async sharedWith(organisationId: string, limit: number): Promise<string[]> {
    const rows = await this.database.query<{ case_id: string }>(
      'SELECT case_id FROM case_shares WHERE organisation_id = $1 ORDER BY shared_at DESC, case_id LIMIT $2',
      [organisationId, limit],
    );
    return rows.map((row) => row.case_id);
  }

  /** The organisations a case is shared with. */
  async shares(caseId: string): Promise<CaseShare[]> {
    if (!UUID.test(caseId)) return [];
    const rows = await this.database.query<{ organisation_id: string; shared_by: string; shared_at: string }>(
      'SELECT organisation_id, shared_by, shared_at FROM case_shares WHERE case_id = $1 ORDER BY organisation_id',
      [caseId],
    );
    return rows.map((row) => ({
      organisationId: row.organisation_id,
      sharedBy: row.shared_by,
      sharedAt: iso(row.shared_at),
    }));
  }

  /** Shares a case with an organisation (a no-op when it is already); in the ledger as a disclosure. */
  async share(caseId: string, organisationId: string, actor: CaseActor): Promise<boolean> {
    return this.database.transaction(async (sql) => {
      const rows = await sql.query(
        `INSERT INTO case_shares (case_id, organisation_id, shared_by) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING case_id`,
        [caseId, organisationId, actor.actor],
      );
      if (rows.length === 0) return false;
      await this.ledger.append(sql, [
        { ...actor, action: 'disclose', objectIds: [caseId, organisationId], outcome: 'ok', detail: 'case shared' },
      ]);
      return true;
    });
  }

  /** Stops sharing a case with an organisation; false when it was not shared with it. */
  async unshare(caseId: string, organisationId: string, actor: CaseActor): Promise<boolean> {
    return this.database.transaction(async (sql) => {
      const rows = await sql.query(
        'DELETE FROM case_shares WHERE case_id = $1 AND organisation_id = $2 RETURNING case_id',
        [caseId, organisationId],
      );
      if (rows.length === 0) return false;
      await this.ledger.append(sql, [
        { ...actor, action: 'alter', objectIds: [caseId, organisationId], outcome: 'ok', detail: 'case unshared' },
      ]);
      return true;
    });
  }

  /** A case's items, oldest first. */
  async items(caseId: string): Promise<CaseItem[]> {
    const rows = await this.database.query<ItemRow>(
      'SELECT id, kind, ref, added_by, added_at FROM case_items WHERE case_id = $1 ORDER BY added_at, id',
      [caseId],
    );
    return rows.map(presentItem);
  }

  /**
   * Adds an item to a case (what it refers to must exist: the caller checked that the person adding
   * it may see it); the item already there when the case has it. `added` says which.
   */
  async addItem(
    caseId: string,
    item: { readonly kind: CaseItemKind; readonly ref: string },
    actor: CaseActor,
  ): Promise<{ item: CaseItem; added: boolean }> {
    const column = REFERENCE_COLUMN[item.kind];
    return this.database.transaction(async (sql) => {
      const [inserted] = await sql.query<ItemRow>(
        `INSERT INTO case_items (case_id, kind, ref, ${column}, added_by) VALUES ($1, $2, $3, $5::uuid, $4)
         ON CONFLICT (case_id, kind, ref) DO NOTHING RETURNING id, kind, ref, added_by, added_at`,
        [caseId, item.kind, item.ref, actor.actor, item.ref],
      );
      if (inserted === undefined) {
        const [existing] = await sql.query<ItemRow>(
          'SELECT id, kind, ref, added_by, added_at FROM case_items WHERE case_id = $1 AND kind = $2 AND ref = $3',
          [caseId, item.kind, item.ref],
        );
        if (existing === undefined) throw new Error('the case item was neither added nor found');
        return { item: presentItem(existing), added: false };
      }
      await this.ledger.append(sql, [
        {
          ...actor,
          action: 'alter',
          objectIds: [caseId, inserted.id, item.ref],
          outcome: 'ok',
          detail: `case item added (${item.kind})`,
        },
      ]);
      return { item: presentItem(inserted), added: true };
    });
  }

  /** Removes an item from a case; false when the case has no such item. */
  async removeItem(caseId: string, itemId: string, actor: CaseActor): Promise<boolean> {
    if (!UUID.test(itemId)) return false;
    return this.database.transaction(async (sql) => {
      const rows = await sql.query<{ id: string }>(
        'DELETE FROM case_items WHERE case_id = $1 AND id = $2 RETURNING id',
        [caseId, itemId],
      );
      if (rows.length === 0) return false;
      await this.ledger.append(sql, [
        { ...actor, action: 'alter', objectIds: [caseId, itemId], outcome: 'ok', detail: 'case item removed' },
      ]);
      return true;
    });
  }

  /**
   * Of the alerts and reports items refer to, those an organisation holds (alerts sent to it,
   * reports it received), each with a caption, keyed `<kind>:<id>`. No other organisation's.
   */
  async heldBy(
    organisationId: string,
    items: readonly { readonly kind: CaseItemKind; readonly ref: string }[],
  ): Promise<Map<string, { caption: string }>> {
    const idsOf = (kind: CaseItemKind) =>
      items.filter((item) => item.kind === kind && UUID.test(item.ref)).map((item) => item.ref.toLowerCase());
    const held = new Map<string, { caption: string }>();
    const alerts = idsOf('alert');
    if (alerts.length > 0) {
      const rows = await this.database.query<{ id: string; kind: string; reference: string }>(
        'SELECT id, kind, reference FROM alerts WHERE organisation_id = $1 AND id = ANY ($2::uuid[])',
        [organisationId, alerts],
      );
      for (const row of rows) held.set(`alert:${row.id}`, { caption: `${row.kind} ${row.reference}` });
    }
    const reports = idsOf('report');
    if (reports.length > 0) {
      const rows = await this.database.query<{ id: string; channel: string; received_at: string }>(
        'SELECT id, channel, received_at FROM reports WHERE organisation_id = $1 AND id = ANY ($2::uuid[])',
        [organisationId, reports],
      );
      for (const row of rows) {
        held.set(`report:${row.id}`, { caption: `${row.channel} report of ${iso(row.received_at).slice(0, 10)}` });
      }
    }
    return held;
  }

  /** A case's notes, oldest first. */
  async notes(caseId: string): Promise<CaseNote[]> {
    const rows = await this.database.query<{
      id: string;
      organisation_id: string;
      author: string;
      body: string;
      created_at: string;
    }>(
      'SELECT id, organisation_id, author, body, created_at FROM case_notes WHERE case_id = $1 ORDER BY created_at, id',
      [caseId],
    );
    return rows.map((row) => ({
      id: row.id,
      organisationId: row.organisation_id,
      author: row.author,
      body: this.cipher.decrypt(row.body),
      createdAt: iso(row.created_at),
    }));
  }

  /** Adds a note to a case, sealed; in the ledger in the same transaction. */
  async addNote(caseId: string, body: string, actor: CaseActor & { organisation: string }): Promise<CaseNote> {
    return this.database.transaction(async (sql) => {
      const [row] = await sql.query<{ id: string; created_at: string }>(
        `INSERT INTO case_notes (case_id, organisation_id, author, body) VALUES ($1, $2, $3, $4) RETURNING id, created_at`,
        [caseId, actor.organisation, actor.actor, this.cipher.encrypt(body)],
      );
      if (row === undefined) throw new Error('the note was not stored');
      await this.ledger.append(sql, [
        { ...actor, action: 'alter', objectIds: [caseId, row.id], outcome: 'ok', detail: 'case note added' },
      ]);
      return {
        id: row.id,
        organisationId: actor.organisation,
        author: actor.actor,
        body,
        createdAt: iso(row.created_at),
      };
    });
  }

  /** A case's files, described, oldest first. */
  async files(caseId: string): Promise<CaseFileSummary[]> {
    const rows = await this.database.query<{
      id: string;
      name: string;
      media_type: string;
      byte_length: number;
      added_by: string;
      added_at: string;
    }>(
      'SELECT id, name, media_type, byte_length, added_by, added_at FROM case_files WHERE case_id = $1 ORDER BY added_at, id',
      [caseId],
    );
    return rows.map((row) => ({
      id: row.id,
      name: this.cipher.decrypt(row.name),
      mediaType: row.media_type,
      byteLength: row.byte_length,
      addedBy: row.added_by,
      addedAt: iso(row.added_at),
    }));
  }

  /** Stores a file of a case, sealed (its name too); in the ledger in the same transaction. */
  async addFile(
    caseId: string,
    file: { readonly name: string; readonly mediaType: string; readonly bytes: Uint8Array },
    actor: CaseActor,
  ): Promise<CaseFileSummary> {
    return this.database.transaction(async (sql) => {
      const [row] = await sql.query<{ id: string; added_at: string }>(
        `INSERT INTO case_files (case_id, name, media_type, byte_length, content, added_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, added_at`,
        [
          caseId,
          this.cipher.encrypt(file.name),
          file.mediaType,
          file.bytes.length,
          this.cipher.encrypt(Buffer.from(file.bytes).toString('base64')),
          actor.actor,
        ],
      );
      if (row === undefined) throw new Error('the file was not stored');
      await this.ledger.append(sql, [
        {
          ...actor,
          action: 'alter',
          objectIds: [caseId, row.id],
          outcome: 'ok',
          detail: `case file added (${file.mediaType})`,
        },
      ]);
      return {
        id: row.id,
        name: file.name,
        mediaType: file.mediaType,
        byteLength: file.bytes.length,
        addedBy: actor.actor,
        addedAt: iso(row.added_at),
      };
    });
  }

  /** One file's bytes; undefined when the case has no such file. */
  async fileContent(
    caseId: string,
    fileId: string,
  ): Promise<{ name: string; mediaType: string; bytes: Buffer } | undefined> {
    if (!UUID.test(fileId)) return undefined;
    const [row] = await this.database.query<{ name: string; media_type: string; content: string }>(
      'SELECT name, media_type, content FROM case_files WHERE case_id = $1 AND id = $2',
      [caseId, fileId],
    );
    return row === undefined
      ? undefined
      : {
          name: this.cipher.decrypt(row.name),
          mediaType: row.media_type,
          bytes: Buffer.from(this.cipher.decrypt(row.content), 'base64'),
        };
  }
}
