/**
 * Notices as their owners write them: drafted, amended, taken through review to publication and
 * to its end, each step stored with the notice's new status in one transaction and recorded in
 * the ledger. This is the only way a notice is published: ingest takes notices as drafts
 * (see `IngestContext.noticesReviewed`).
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '../../adapters/store/index.ts';
import { prepareRecord, ingestContext } from '../../domain/ingest/prepare.ts';
import { envelopeInputOf, type EnvelopeInput } from '../../domain/model/envelope.ts';
import type { RecordId } from '../../domain/model/ids.ts';
import type { Organisation } from '../../domain/model/organisation.ts';
import type { StoredRecord } from '../../domain/model/record.ts';
import {
  noticeProblems,
  noticeStatus,
  noticeStep,
  unamendable,
  type NoticeAction,
  type NoticeStatus,
} from '../../domain/notices/index.ts';
import type { Role } from '../../domain/policy/index.ts';

/** The source system of notices drafted through the API. */
export const NOTICES_SOURCE = 'weft-notices';

/** Who acts on a notice. */
export interface NoticeCaller {
  readonly organisation: Organisation;
  /** How the ledger names the actor (`user:<id>`, `key:<id>`). */
  readonly actor: string;
  readonly roles: readonly Role[];
  readonly requestId: string | null;
}

/** Why the service refused: a code the HTTP layer maps, a sentence, and the fields at fault. */
export class NoticeRefused extends Error {
  override readonly name = 'NoticeRefused';
  constructor(
    readonly code: 'not_found' | 'conflict' | 'forbidden' | 'invalid',
    message: string,
    readonly fields: readonly { readonly field: string; readonly message: string }[] = [],
  ) {
    super(message);
  }
}

/** What happened to a notice: its record after the change, and the step taken (if any). */
export interface NoticeChange {
  readonly notice: StoredRecord;
  readonly from: NoticeStatus;
  readonly to: NoticeStatus;
  /** Properties changed by an amendment. */
  readonly changed: readonly string[];
}

const sameValue = (left: unknown, right: unknown) => JSON.stringify(left) === JSON.stringify(right);

/** Drafting, amending and stepping notices over a store. */
export class NoticesService {
  /** One change at a time per notice: a step reads the status it changes. */
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: Store,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Drafts a notice owned by the caller's organisation. */
  async draft(
    caller: NoticeCaller,
    input: {
      readonly sourceRecordId?: string | undefined;
      readonly properties: Readonly<Record<string, unknown>>;
      readonly envelope?: EnvelopeInput | undefined;
    },
  ): Promise<StoredRecord> {
    if ('status' in input.properties) {
      throw new NoticeRefused('invalid', 'a notice is drafted; its status changes by its steps', [
        { field: 'properties.status', message: 'leave it out: a new notice is a draft' },
      ]);
    }
    const sourceRecordId = input.sourceRecordId ?? randomUUID();
    const written = await this.write(
      caller,
      { sourceRecordId, properties: { ...input.properties, status: 'draft' }, envelope: input.envelope ?? {} },
      { mustBeNew: true },
    );
    return written;
  }

  /**
   * Amends a notice: a draft in anything but its status; a published notice only where and when
   * the person was last seen, the circumstances, photos and expiry (`AMENDABLE_WHEN_PUBLISHED`).
   * `null` removes a property.
   */
  async amend(
    caller: NoticeCaller,
    id: RecordId,
    changes: Readonly<Record<string, unknown>>,
    reason: string | undefined,
  ): Promise<NoticeChange> {
    return this.serialised(id, async () => {
      const notice = await this.owned(caller, id);
      const status = noticeStatus(notice);
      const changed = Object.keys(changes).filter((name) => !sameValue(notice.properties[name], changes[name]));
      const refused = unamendable(status, changed);
      if (refused.length > 0) {
        throw new NoticeRefused(
          'conflict',
          `a ${status.replace('_', ' ')} notice cannot be amended in ${refused.join(', ')}`,
          refused.map((field) => ({
            field: `properties.${field}`,
            message:
              status === 'published'
                ? 'who is looked for changes only through a new notice'
                : `a notice that is ${status.replace('_', ' ')} is not amended`,
          })),
        );
      }
      if (status === 'published' && (reason === undefined || reason.trim() === '')) {
        throw new NoticeRefused('invalid', 'to amend a published notice, give a reason', [
          { field: 'reason', message: 'say why the notice changes' },
        ]);
      }
      const properties = Object.fromEntries(
        Object.entries({ ...notice.properties, ...changes }).filter(([, value]) => value !== null),
      );
      const written = await this.write(caller, this.rewriteOf(notice, properties), {
        step: changed.length === 0 ? undefined : { action: 'amend', from: status, to: status, reason: reason ?? null },
      });
      return { notice: written, from: status, to: status, changed };
    });
  }

  /** Takes a step of the notice's life (see `domain/notices/lifecycle.ts`). */
  async step(caller: NoticeCaller, id: RecordId, action: NoticeAction, reason?: string): Promise<NoticeChange> {
    return this.serialised(id, async () => {
      const notice = await this.owned(caller, id);
      const from = noticeStatus(notice);
      const history = await this.store.notices.history(id);
      const submittedBy = history.findLast((step) => step.action === 'submit')?.actor;
      const expiresAt = notice.properties['expiresAt'];
      const result = noticeStep(
        {
          status: from,
          owner: notice.envelope.ownerOrganisation,
          ...(submittedBy === undefined ? {} : { submittedBy }),
          ...(typeof expiresAt === 'string' ? { expiresAt } : {}),
        },
        action,
        { kind: 'user', userId: caller.actor, organisationId: caller.organisation.id, roles: caller.roles },
        this.today(),
        reason,
      );
      if (!result.ok) {
        const { code, message } = result.refusal;
        throw new NoticeRefused(
          code === 'wrong_status' || code === 'expired'
            ? 'conflict'
            : code === 'reason_required'
              ? 'invalid'
              : 'forbidden',
          message,
          code === 'reason_required' ? [{ field: 'reason', message }] : [],
        );
      }
      if (action === 'submit') {
        const problems = noticeProblems(notice.properties);
        if (problems.length > 0) {
          throw new NoticeRefused(
            'invalid',
            'the notice is not ready for review',
            problems.map((problem) => ({ field: `properties.${problem.field}`, message: problem.message })),
          );
        }
      }
      const written = await this.write(
        caller,
        this.rewriteOf(notice, { ...notice.properties, status: result.status }),
        {
          step: { action, from, to: result.status, reason: reason?.trim() || null },
        },
      );
      return { notice: written, from, to: result.status, changed: ['status'] };
    });
  }

  /**
   * Expires every published notice past its expiry date, as the system; returns the notices
   * expired. The screening index drops them on the day already; this records the step.
   */
  async expireDue(): Promise<NoticeChange[]> {
    const today = this.today();
    // Notices about victims are sealed, with no entity_notice row: their status is read from the record.
    const due: RecordId[] = [];
    let after: RecordId | undefined;
    for (;;) {
      const page = await this.store.records.page({
        types: ['Notice'],
        limit: 1_000,
        ...(after === undefined ? {} : { after }),
      });
      for (const notice of page) {
        const expiresAt = notice.properties['expiresAt'];
        if (noticeStatus(notice) === 'published' && typeof expiresAt === 'string' && expiresAt <= today) {
          due.push(notice.id);
        }
      }
      if (page.length < 1_000) break;
      after = page.at(-1)?.id;
    }
    const expired: NoticeChange[] = [];
    // Each read again under the notice's lock: a step may have been taken since.
    for (const id of due) {
      await this.serialised(id, async () => {
        const notice = await this.store.records.get(id);
        if (notice === undefined || noticeStatus(notice) !== 'published') return;
        const expiresAt = notice.properties['expiresAt'];
        const result = noticeStep(
          {
            status: 'published',
            owner: notice.envelope.ownerOrganisation,
            ...(typeof expiresAt === 'string' ? { expiresAt } : {}),
          },
          'expire',
          { kind: 'system' },
          today,
        );
        if (!result.ok) return;
        const owner = await this.store.organisations.get(notice.envelope.ownerOrganisation);
        if (owner === undefined) return;
        const written = await this.write(
          { organisation: owner, actor: 'system', roles: [], requestId: null },
          this.rewriteOf(notice, { ...notice.properties, status: result.status }),
          { step: { action: 'expire', from: 'published', to: result.status, reason: null } },
        );
        expired.push({ notice: written, from: 'published', to: result.status, changed: ['status'] });
      });
    }
    return expired;
  }

  private today(): string {
    return this.clock().toISOString().slice(0, 10);
  }

  /** The notice, if the caller's organisation owns it; otherwise not found (existence is a secret). */
  private async owned(caller: NoticeCaller, id: RecordId): Promise<StoredRecord> {
    const notice = await this.store.records.get(id);
    if (notice?.type !== 'Notice' || notice.envelope.ownerOrganisation !== caller.organisation.id) {
      throw new NoticeRefused('not_found', 'no such notice');
    }
    return notice;
  }

  private rewriteOf(notice: StoredRecord, properties: Record<string, unknown>) {
    return {
      sourceRecordId: notice.envelope.sourceRecordId,
      sourceSystem: notice.envelope.sourceSystem,
      properties,
      envelope: envelopeInputOf(notice.envelope),
    };
  }

  /** Validates and writes a notice, with its step (if any) in the same transaction. */
  private async write(
    caller: NoticeCaller,
    input: {
      readonly sourceRecordId: string;
      readonly sourceSystem?: string;
      readonly properties: Readonly<Record<string, unknown>>;
      readonly envelope: EnvelopeInput;
    },
    options: {
      readonly mustBeNew?: boolean;
      readonly step?: { action: string; from: NoticeStatus; to: NoticeStatus; reason: string | null } | undefined;
    },
  ): Promise<StoredRecord> {
    const context = ingestContext(
      caller.organisation,
      input.sourceSystem ?? NOTICES_SOURCE,
      {},
      this.clock().toISOString(),
      {
        actor: caller.actor,
        requestId: caller.requestId,
        noticesReviewed: true,
      },
    );
    const prepared = prepareRecord(
      {
        type: 'Notice',
        sourceRecordId: input.sourceRecordId,
        ...(input.sourceSystem === undefined ? {} : { sourceSystem: input.sourceSystem }),
        properties: input.properties,
        envelope: input.envelope,
      },
      0,
      context,
    );
    if (!prepared.ok) {
      throw new NoticeRefused(
        'invalid',
        'the notice is not valid',
        prepared.errors.map((error) => ({ field: error.field, message: error.message })),
      );
    }
    const id = prepared.record.id;
    if (options.mustBeNew === true && (await this.store.records.get(id)) !== undefined) {
      throw new NoticeRefused('conflict', `a record with source record id ${input.sourceRecordId} exists already`, [
        { field: 'sourceRecordId', message: 'choose another, or amend the notice' },
      ]);
    }
    const step =
      options.mustBeNew === true ? { action: 'draft', from: 'draft', to: 'draft', reason: null } : options.step;
    const audit = { organisation: caller.organisation.id, actor: caller.actor, requestId: caller.requestId };
    const outcome = await this.store.records.write([prepared.record], audit, async (sql) => {
      if (step === undefined) return;
      await this.store.notices.recordStep(
        sql,
        id,
        { ...step, actor: caller.actor },
        { organisation: caller.organisation.id, requestId: caller.requestId, purpose: null },
      );
    });
    if (outcome.typeConflicts.length > 0) {
      throw new NoticeRefused('conflict', `source record id ${input.sourceRecordId} holds a record of another type`, [
        { field: 'sourceRecordId', message: 'choose another' },
      ]);
    }
    const written = await this.store.records.get(id);
    if (written === undefined) throw new Error(`notice ${id} vanished after it was written`);
    return written;
  }

  /** Runs `work` after any change of the same notice under way. */
  private serialised<T>(id: string, work: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(id) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.locks.set(id, settled);
    void settled.then(() => {
      if (this.locks.get(id) === settled) this.locks.delete(id);
    });
    return next;
  }
}
