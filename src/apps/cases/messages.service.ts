/**
 * Messages between organisations, in one thread per case or alert. Only the parties read or post
 * (domain/cases/threads.ts): on a case, its owner and the organisations it is shared with, each
 * reader also having to see the case record; on an alert, the organisation alerted and the one that
 * raised it, the thread opened by the first. A new message raises a `message` alert in each other
 * party's inbox, saying which thread, never what the message says. A thread a reader may not read
 * and one that does not exist get the same answer.
 */
import type { Message, Store, Thread, ThreadSummary } from '../../adapters/store/index.ts';
import {
  isParty,
  mayOpenThread,
  recipientsOf,
  threadParties,
  type ThreadSubject,
  type ThreadSubjectKind,
} from '../../domain/cases/index.ts';
import type { RecordId } from '../../domain/model/ids.ts';
import { organisationMaySee, type PolicyMarking } from '../../domain/policy/index.ts';
import { readRecords, recordGuarded } from '../sharing/index.ts';
import { CaseRefused, type CasesService, type CaseCaller } from './cases.service.ts';

/** A thread as a party reads it. */
export interface ThreadView {
  readonly thread: Thread;
  readonly parties: readonly string[];
  readonly unread: number;
}

/** A subject with what the thread on it needs: parties, the reference its alerts carry, what they are about. */
interface ResolvedSubject {
  readonly subject: ThreadSubject;
  readonly reference: string;
  /** The case record (for a case), erased with the alerts it raises. */
  readonly recordId: string | null;
  /** The case record's marking: a party is told only while the markings reach it. */
  readonly marking: PolicyMarking | null;
}

const NOT_FOUND = () => new CaseRefused('not_found', 'no such thread');

/** Threads and messages over the store. */
export class MessagesService {
  constructor(
    private readonly store: Store,
    private readonly cases: CasesService,
  ) {}

  /** Posts a message on a case's or an alert's thread, opening it when it is the first. */
  async post(
    caller: CaseCaller,
    about: { readonly kind: ThreadSubjectKind; readonly id: string },
    body: string,
  ): Promise<{ view: ThreadView; message: Message }> {
    const resolved = await this.subjectFor(caller, about.kind, about.id);
    const existing = await this.store.messages.threadOn(about.kind, resolved.subject.id);
    if (existing === undefined && !mayOpenThread(resolved.subject, caller.organisation.id)) throw NOT_FOUND();
    return this.write(caller, resolved, body);
  }

  /** Posts a message on a thread. */
  async reply(caller: CaseCaller, threadId: string, body: string): Promise<{ view: ThreadView; message: Message }> {
    const thread = await this.store.messages.thread(threadId);
    if (thread === undefined) throw NOT_FOUND();
    return this.write(caller, await this.subjectFor(caller, thread.subjectKind, thread.subjectId), body);
  }

  /** A thread and its messages (the latest `limit`, or those before `beforeSeq`); in the ledger. */
  async read(
    caller: CaseCaller,
    threadId: string,
    options: { limit: number; beforeSeq?: number },
  ): Promise<{ view: ThreadView; messages: Message[] }> {
    const thread = await this.store.messages.thread(threadId);
    if (thread === undefined) throw NOT_FOUND();
    const { subject } = await this.subjectFor(caller, thread.subjectKind, thread.subjectId);
    const messages = await this.store.messages.messages(thread.id, options);
    await recordGuarded(this.store, caller.access, [
      {
        ...this.event(caller),
        action: 'consult',
        objectIds: [thread.id, ...messages.map((message) => message.id)],
        outcome: 'ok',
        detail: `thread: ${messages.length} messages`,
      },
    ]);
    return { view: await this.viewOf(caller, thread, subject), messages };
  }

  /** Marks a thread read by the caller's organisation, up to a message (the latest when absent). */
  async markRead(caller: CaseCaller, threadId: string, upTo: string | undefined): Promise<ThreadView> {
    const thread = await this.store.messages.thread(threadId);
    if (thread === undefined) throw NOT_FOUND();
    const { subject } = await this.subjectFor(caller, thread.subjectKind, thread.subjectId);
    if (!(await this.store.messages.markRead(thread.id, upTo, this.event(caller)))) {
      throw new CaseRefused('invalid', 'No such message in this thread.', [
        { field: 'upTo', message: 'the id of a message of this thread' },
      ]);
    }
    return this.viewOf(caller, thread, subject);
  }

  /**
   * The caller's organisation's threads with their unread counts, latest first: those on alerts it
   * was sent or raised, and on cases it is party to whose record the reader may see.
   */
  async list(caller: CaseCaller, limit: number): Promise<ThreadSummary[]> {
    const candidates = await this.store.messages.threadsOf(caller.organisation.id, limit);
    const caseIds = candidates.filter((thread) => thread.subjectKind === 'case').map((thread) => thread.subjectId);
    const cases = await readRecords(this.store, caller.access, caseIds as RecordId[], 'threads');
    const threads = candidates.filter(
      (thread) => thread.subjectKind === 'alert' || cases.get(thread.subjectId as RecordId)?.type === 'Case',
    );
    await recordGuarded(this.store, caller.access, [
      {
        ...this.event(caller),
        action: 'consult',
        objectIds: threads.map((thread) => thread.id),
        outcome: 'ok',
        detail: `${threads.length} threads`,
      },
    ]);
    return threads;
  }

  private async write(
    caller: CaseCaller,
    resolved: ResolvedSubject,
    body: string,
  ): Promise<{ view: ThreadView; message: Message }> {
    const { subject } = resolved;
    const { thread, message } = await this.store.messages.post(
      { kind: subject.kind, id: subject.id },
      body,
      this.event(caller),
    );
    // Each other party is told there is a message (never what it says), while it may still see the case.
    const recipients = await this.told(resolved, recipientsOf(subject, caller.organisation.id));
    await this.store.alerts.raise(
      recipients.map((organisationId) => ({
        organisationId,
        kind: 'message',
        urgency: 'routine',
        dedupKey: `message:${message.id}`,
        reference: resolved.reference,
        recordId: resolved.recordId,
        raisedBy: caller.organisation.id,
        details: { thread: thread.id, about: { kind: subject.kind, id: subject.id } },
      })),
      undefined,
    );
    return { view: await this.viewOf(caller, thread, subject), message };
  }

  /** Of a case's parties, those its markings still reach; an alert's parties all. */
  private async told(resolved: ResolvedSubject, organisations: readonly string[]): Promise<string[]> {
    const marking = resolved.marking;
    if (marking === null) return [...organisations];
    const told: string[] = [];
    for (const organisationId of organisations) {
      if (organisationId === marking.ownerOrganisation) {
        told.push(organisationId);
        continue;
      }
      const organisation = await this.store.organisations.get(organisationId);
      if (organisation === undefined) continue;
      const groups = (await this.store.groups.listFor(organisationId)).map((group) => group.id);
      if (
        organisationMaySee(
          {
            organisationId,
            organisationType: organisation.organisationType,
            sector: organisation.sector,
            groups,
          },
          marking,
        )
      )
        told.push(organisationId);
    }
    return told;
  }

  /**
   * The subject of a thread, if the caller's organisation is party to it (for a case, if the reader
   * also may see the case record: `CasesService.open` records the read); otherwise not found.
   */
  private async subjectFor(caller: CaseCaller, kind: ThreadSubjectKind, id: string): Promise<ResolvedSubject> {
    if (kind === 'case') {
      const open = await this.cases.open(caller, id).catch((error: unknown) => {
        throw error instanceof CaseRefused ? NOT_FOUND() : error;
      });
      const subject: ThreadSubject = {
        kind: 'case',
        id: open.record.id,
        owner: open.record.envelope.ownerOrganisation,
        shares: open.shares.map((share) => share.organisationId),
      };
      return { subject, reference: open.record.id, recordId: open.record.id, marking: open.record.envelope };
    }
    const parties = await this.store.messages.alertParties(id);
    const subject: ThreadSubject | undefined =
      parties === undefined
        ? undefined
        : { kind: 'alert', id: id.toLowerCase(), alerted: parties.alerted, raisedBy: parties.raisedBy };
    if (subject === undefined || !isParty(subject, caller.organisation.id)) {
      await recordGuarded(this.store, caller.access, [
        { ...this.event(caller), action: 'consult', objectIds: [id], outcome: 'denied', detail: 'alert thread' },
      ]);
      throw NOT_FOUND();
    }
    // The reference the organisation that raised it was given: both sides name the hit by it.
    return { subject, reference: parties?.reference ?? id, recordId: null, marking: null };
  }

  private async viewOf(caller: CaseCaller, thread: Thread, subject: ThreadSubject): Promise<ThreadView> {
    return {
      thread,
      parties: threadParties(subject),
      unread: await this.store.messages.unread(thread.id, caller.organisation.id),
    };
  }

  private event(caller: CaseCaller) {
    return {
      actor: caller.access.actor,
      organisation: caller.organisation.id,
      requestId: caller.access.requestId,
      purpose: caller.access.purpose,
    };
  }
}
