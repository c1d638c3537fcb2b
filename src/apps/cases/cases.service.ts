/**
 * Cases over the store. A case is a `Case` record, written through the records machinery like any
 * other (validation, markings, the ledger); around it the store keeps its items, notes, files and
 * shares. Every read goes through the policy engine: the case record itself (`readRecord`), then each
 * item as the reader may see it (`readRecords`, the alerts and reports of the reader's organisation),
 * so that a reader learns of nothing through a case that they could not see without it. A case the
 * reader's organisation neither owns nor is shared with is not found, as one that does not exist.
 */
import { randomUUID } from 'node:crypto';
import type { CaseFileSummary, CaseNote, CaseShare, Store } from '../../adapters/store/index.ts';
import {
  fileProblems,
  itemView,
  mayChangeCase,
  namesRecord,
  shareRefusal,
  standingOf,
  type CaseItem,
  type CaseItemKind,
  type CaseItemView,
  type CaseStanding,
} from '../../domain/cases/index.ts';
import { ingestContext, prepareRecord } from '../../domain/ingest/prepare.ts';
import { envelopeInputOf, type EnvelopeInput } from '../../domain/model/envelope.ts';
import { parseRecordId, type RecordId } from '../../domain/model/ids.ts';
import type { Organisation } from '../../domain/model/organisation.ts';
import type { StoredRecord } from '../../domain/model/record.ts';
import { readRecord, readRecords, recordGuarded, type Access } from '../sharing/index.ts';

/** The source system of cases opened through the API. */
export const CASES_SOURCE = 'weft-cases';

/** Who acts on a case: the request's access (subject, purpose, actor) and the organisation. */
export interface CaseCaller {
  readonly access: Access;
  readonly organisation: Organisation;
}

/** Why the service refused: a code the HTTP layer maps, a sentence, and the fields at fault. */
export class CaseRefused extends Error {
  override readonly name = 'CaseRefused';
  constructor(
    readonly code: 'not_found' | 'conflict' | 'forbidden' | 'invalid',
    message: string,
    readonly fields: readonly { readonly field: string; readonly message: string }[] = [],
  ) {
    super(message);
  }
}

/** A case as a reader of a party organisation gets it. */
export interface CaseView {
  readonly record: StoredRecord;
  readonly standing: Exclude<CaseStanding, 'none'>;
  readonly shares: readonly CaseShare[];
  readonly items: readonly CaseItemView[];
  readonly notes: readonly CaseNote[];
  readonly files: readonly CaseFileSummary[];
  readonly threadId: string | null;
}

/** A case in a list: its record and how the reader's organisation stands to it. */
export interface CaseSummary {
  readonly record: StoredRecord;
  readonly standing: Exclude<CaseStanding, 'none'>;
}

/** A case opened for a reader: the record as they may see it, with its shares. */
interface OpenCase {
  readonly record: StoredRecord;
  readonly standing: Exclude<CaseStanding, 'none'>;
  readonly shares: readonly CaseShare[];
}

const NOT_FOUND = () => new CaseRefused('not_found', 'no such case');

/** Cases: opened and changed by their owner, shared, read through the sharing rules. */
export class CasesService {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Opens a case owned by the caller's organisation. Its status is `open` unless given. */
  async create(
    caller: CaseCaller,
    input: {
      readonly sourceRecordId?: string | undefined;
      readonly properties: Readonly<Record<string, unknown>>;
      readonly envelope?: EnvelopeInput | undefined;
    },
  ): Promise<CaseView> {
    if (!mayChangeCase(caller.access.subject, caller.organisation.id)) {
      throw new CaseRefused('forbidden', 'Your roles may not open cases.');
    }
    const written = await this.write(
      caller,
      {
        sourceRecordId: input.sourceRecordId ?? randomUUID(),
        properties: { status: 'open', ...input.properties },
        envelope: input.envelope ?? {},
      },
      true,
    );
    return this.view(caller, written.id);
  }

  /** Changes a case's properties (`null` removes one): its owner's people only. */
  async update(caller: CaseCaller, id: string, changes: Readonly<Record<string, unknown>>): Promise<CaseView> {
    const { record } = await this.forChange(caller, id);
    const properties = Object.fromEntries(
      Object.entries({ ...record.properties, ...changes }).filter(([, value]) => value !== null),
    );
    await this.write(
      caller,
      {
        sourceRecordId: record.envelope.sourceRecordId,
        sourceSystem: record.envelope.sourceSystem,
        properties,
        envelope: envelopeInputOf(record.envelope),
      },
      false,
    );
    return this.view(caller, record.id);
  }

  /** The cases the caller's organisation owns or that are shared with it, as the reader may see them. */
  async list(caller: CaseCaller, limit: number): Promise<CaseSummary[]> {
    const organisationId = caller.organisation.id;
    const owned = await this.store.cases.ownedBy(organisationId, limit);
    const shared = await this.store.cases.sharedWith(organisationId, limit);
    const ids = [...new Set([...owned, ...shared])] as RecordId[];
    const seen = await readRecords(this.store, caller.access, ids, 'cases');
    const ownedSet = new Set(owned);
    return ids
      .flatMap((id) => {
        const record = seen.get(id);
        return record?.type === 'Case'
          ? [{ record, standing: ownedSet.has(id) ? ('owner' as const) : ('shared' as const) }]
          : [];
      })
      .sort((a, b) => b.record.updatedAt.localeCompare(a.record.updatedAt) || a.record.id.localeCompare(b.record.id))
      .slice(0, limit);
  }

  /** A case with its shares, items (each as the reader may see it), notes, files and thread. */
  async view(caller: CaseCaller, id: string): Promise<CaseView> {
    const open = await this.open(caller, id);
    const items = await this.store.cases.items(open.record.id);
    const views = await this.itemViews(caller, items);
    const notes = await this.store.cases.notes(open.record.id);
    const files = await this.store.cases.files(open.record.id);
    const thread = await this.store.messages.threadOn('case', open.record.id);
    await recordGuarded(this.store, caller.access, [
      {
        ...this.event(caller),
        action: 'consult',
        objectIds: [open.record.id, ...notes.map((note) => note.id), ...files.map((file) => file.id)],
        outcome: 'ok',
        detail: `case: ${views.length} items, ${notes.length} notes, ${files.length} files`,
      },
    ]);
    return { ...open, items: views, notes, files, threadId: thread?.id ?? null };
  }

  /** Adds a reference to a case: to something the person adding it may see, and only that. */
  async addItem(
    caller: CaseCaller,
    id: string,
    item: { readonly kind: CaseItemKind; readonly ref: string },
  ): Promise<{ item: CaseItemView; added: boolean }> {
    const { record } = await this.forChange(caller, id);
    const probe: CaseItem = { id: '', kind: item.kind, ref: item.ref, addedBy: '', addedAt: '' };
    const [view] = await this.itemViews(caller, [probe]);
    if (view === undefined || view.restricted) {
      // Absent and hidden alike: the caller learns nothing of what they may not see.
      throw new CaseRefused('invalid', `No ${item.kind} you may see has this id.`, [
        { field: 'ref', message: `no ${item.kind} you may see has this id` },
      ]);
    }
    const added = await this.store.cases.addItem(record.id, { kind: item.kind, ref: view.ref }, this.event(caller));
    return {
      item: { ...view, id: added.item.id, addedBy: added.item.addedBy, addedAt: added.item.addedAt },
      added: added.added,
    };
  }

  /** Removes an item from a case. */
  async removeItem(caller: CaseCaller, id: string, itemId: string): Promise<void> {
    const { record } = await this.forChange(caller, id);
    if (!(await this.store.cases.removeItem(record.id, itemId, this.event(caller)))) {
      throw new CaseRefused('not_found', 'no such item');
    }
  }

  /** Adds a note to a case. */
  async addNote(caller: CaseCaller, id: string, body: string): Promise<CaseNote> {
    const { record } = await this.forChange(caller, id);
    return this.store.cases.addNote(record.id, body, this.event(caller));
  }

  /**
   * Adds a file to a case the caller may change (`forChange`, asked before the upload is read), once
   * its name, type, size and content pass.
   */
  async addFile(
    caller: CaseCaller,
    { record }: OpenCase,
    file: { readonly name: string; readonly mediaType: string; readonly bytes: Uint8Array },
  ): Promise<CaseFileSummary> {
    const problems = fileProblems(file);
    if (problems.length > 0) throw new CaseRefused('invalid', 'The file is not taken.', problems);
    const mediaType = file.mediaType.split(';')[0]?.trim().toLowerCase() ?? file.mediaType;
    return this.store.cases.addFile(
      record.id,
      { name: file.name.trim(), mediaType, bytes: file.bytes },
      this.event(caller),
    );
  }

  /** A file of a case, to a reader of a party organisation; in the ledger. */
  async file(
    caller: CaseCaller,
    id: string,
    fileId: string,
  ): Promise<{ name: string; mediaType: string; bytes: Buffer }> {
    const { record } = await this.open(caller, id);
    const file = await this.store.cases.fileContent(record.id, fileId);
    if (file === undefined) throw new CaseRefused('not_found', 'no such file');
    await recordGuarded(this.store, caller.access, [
      { ...this.event(caller), action: 'consult', objectIds: [record.id, fileId], outcome: 'ok', detail: 'case file' },
    ]);
    return file;
  }

  /**
   * Shares a case with an organisation the policy engine lets see the case record; a refusal is in
   * the ledger too. Returns the case's shares.
   */
  async share(caller: CaseCaller, id: string, organisationId: string): Promise<CaseShare[]> {
    const { record } = await this.forChange(caller, id);
    const target = await this.store.organisations.get(organisationId);
    if (target === undefined) {
      throw new CaseRefused('invalid', 'No such organisation.', [
        { field: 'organisationId', message: 'no member organisation has this id' },
      ]);
    }
    const groups = (await this.store.groups.listFor(target.id)).map((group) => group.id);
    const refusal = shareRefusal(
      {
        organisationId: target.id,
        organisationType: target.organisationType,
        sector: target.sector,
        groups,
      },
      record.envelope,
    );
    if (refusal === 'is_owner') {
      throw new CaseRefused('invalid', 'The case is your own organisation’s.', [
        { field: 'organisationId', message: 'the owner has the case already' },
      ]);
    }
    if (refusal === 'may_not_see') {
      await recordGuarded(this.store, caller.access, [
        {
          ...this.event(caller),
          action: 'disclose',
          objectIds: [record.id, target.id],
          outcome: 'denied',
          detail: 'case share refused: the markings do not reach the organisation',
        },
      ]);
      throw new CaseRefused('forbidden', 'The case’s markings do not let this organisation see it.', [
        {
          field: 'organisationId',
          message: 'the case record’s markings (TLP, groups, subject) do not reach this organisation',
        },
      ]);
    }
    await this.store.cases.share(record.id, target.id, this.event(caller));
    return this.store.cases.shares(record.id);
  }

  /** Stops sharing a case with an organisation. */
  async unshare(caller: CaseCaller, id: string, organisationId: string): Promise<CaseShare[]> {
    const { record } = await this.forChange(caller, id);
    if (!(await this.store.cases.unshare(record.id, organisationId, this.event(caller)))) {
      throw new CaseRefused('not_found', 'the case is not shared with this organisation');
    }
    return this.store.cases.shares(record.id);
  }

  /**
   * The case, if the reader's organisation owns it or it is shared with it, and the reader may see
   * its record for the purpose declared; otherwise not found (in the ledger as denied).
   */
  async open(caller: CaseCaller, id: string): Promise<OpenCase> {
    const recordId = parseRecordId(id);
    if (recordId === undefined) throw NOT_FOUND();
    const marking = await this.store.records.markingOf(recordId);
    const shares = marking === undefined ? [] : await this.store.cases.shares(recordId);
    const standing =
      marking === undefined
        ? 'none'
        : standingOf(caller.organisation.id, {
            owner: marking.ownerOrganisation,
            shares: shares.map((share) => share.organisationId),
          });
    if (standing === 'none') {
      await recordGuarded(this.store, caller.access, [
        {
          ...this.event(caller),
          action: 'consult',
          objectIds: [recordId],
          outcome: 'denied',
          detail: marking === undefined ? 'absent' : 'case: not a party',
        },
      ]);
      throw NOT_FOUND();
    }
    const record = await readRecord(this.store, caller.access, recordId);
    if (record?.type !== 'Case') throw NOT_FOUND();
    return { record, standing, shares };
  }

  /** The case, for a change by the caller: its owner's people who may alter records, else refused (or not found). */
  async forChange(caller: CaseCaller, id: string): Promise<OpenCase> {
    const open = await this.open(caller, id);
    if (open.standing !== 'owner' || !mayChangeCase(caller.access.subject, open.record.envelope.ownerOrganisation)) {
      throw new CaseRefused('forbidden', 'Only the owner organisation’s analysts, reporters and admins change a case.');
    }
    return open;
  }

  /**
   * Each item as the reader may see what it refers to: a record (entity, notice) through the policy
   * engine, an alert or a report only when it is the reader's organisation's. Anything else (hidden,
   * gone, or of another kind than the item says) is restricted.
   */
  private async itemViews(caller: CaseCaller, items: readonly CaseItem[]): Promise<CaseItemView[]> {
    const recordIds = items.flatMap((item) => {
      const recordId = namesRecord(item.kind) ? parseRecordId(item.ref) : undefined;
      return recordId === undefined ? [] : [recordId];
    });
    const records = await readRecords(this.store, caller.access, recordIds, 'case items');
    const held = await this.store.cases.heldBy(
      caller.organisation.id,
      items.filter((item) => !namesRecord(item.kind)),
    );
    return items.map((item) => {
      if (!namesRecord(item.kind)) return itemView(item, held.get(`${item.kind}:${item.ref.toLowerCase()}`));
      const recordId = parseRecordId(item.ref);
      const record = recordId === undefined ? undefined : records.get(recordId);
      if (record === undefined || (item.kind === 'notice' && record.type !== 'Notice'))
        return itemView(item, undefined);
      return itemView({ ...item, ref: record.id }, { caption: record.caption });
    });
  }

  private event(caller: CaseCaller) {
    return {
      actor: caller.access.actor,
      organisation: caller.organisation.id,
      requestId: caller.access.requestId,
      purpose: caller.access.purpose,
    };
  }

  /** Validates and writes the case record through the records machinery (the ledger records it). */
  private async write(
    caller: CaseCaller,
    input: {
      readonly sourceRecordId: string;
      readonly sourceSystem?: string;
      readonly properties: Readonly<Record<string, unknown>>;
      readonly envelope: EnvelopeInput;
    },
    mustBeNew: boolean,
  ): Promise<StoredRecord> {
    const context = ingestContext(
      caller.organisation,
      input.sourceSystem ?? CASES_SOURCE,
      {},
      this.clock().toISOString(),
      { actor: caller.access.actor, requestId: caller.access.requestId },
    );
    const prepared = prepareRecord(
      {
        type: 'Case',
        sourceRecordId: input.sourceRecordId,
        ...(input.sourceSystem === undefined ? {} : { sourceSystem: input.sourceSystem }),
        properties: input.properties,
        envelope: input.envelope,
      },
      0,
      context,
    );
    if (!prepared.ok) {
      throw new CaseRefused(
        'invalid',
        'The case is not valid.',
        prepared.errors.map((error) => ({ field: error.field, message: error.message })),
      );
    }
    const id = prepared.record.id;
    if (mustBeNew && (await this.store.records.markingOf(id)) !== undefined) {
      throw new CaseRefused('conflict', 'A record with this source record id exists already.', [
        { field: 'sourceRecordId', message: 'choose another' },
      ]);
    }
    const outcome = await this.store.records.write([prepared.record], {
      organisation: caller.organisation.id,
      actor: caller.access.actor,
      requestId: caller.access.requestId,
    });
    if (outcome.typeConflicts.length > 0) {
      throw new CaseRefused('conflict', 'This source record id holds a record of another type.', [
        { field: 'sourceRecordId', message: 'choose another' },
      ]);
    }
    const written = await this.store.records.get(id);
    if (written === undefined) throw new Error(`case ${id} vanished after it was written`);
    return written;
  }
}
