/**
 * Cases and the messages between organisations (the workbench's cases and inbox). A case is a `Case`
 * record owned by an organisation, with items (references to entities, records, notices, alerts,
 * reports), notes, files and the organisations it is shared with. Only the owner's analysts,
 * reporters and admins change it; it is shared only with an organisation the case's markings reach;
 * a reader of an organisation it is shared with sees each item only if they may see what it refers
 * to (else `{ restricted: true }`). Messages: one thread per case or alert, read and written by its
 * parties alone; a new message is an alert in the other parties' inboxes. Every read and change is in
 * the ledger; a case or thread the caller may not read is not found, as one that does not exist.
 */
import type { MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CaseFileSummary, CaseNote, CaseShare, Message, Thread } from '../../../adapters/store/index.ts';
import {
  CASE_FILE_MAX_BYTES,
  CASE_ITEM_KINDS,
  MESSAGE_MAX_LENGTH,
  NOTE_MAX_LENGTH,
  THREAD_SUBJECT_KINDS,
  type CaseItemView,
} from '../../../domain/cases/index.ts';
import { envelopeInput } from '../../../domain/model/envelope.ts';
import {
  CaseRefused,
  CasesService,
  MessagesService,
  type CaseCaller,
  type CaseView,
  type ThreadView,
} from '../../cases/index.ts';
import type { ResolvedServices } from '../app.ts';
import { requirePermission } from '../auth.ts';
import { WeftError } from '../errors.ts';
import { presentRecord } from '../presenters.ts';
import { accessOf } from '../purpose.ts';
import { errorResponse, recordOutput } from '../schemas.ts';

const itemOutput = z
  .discriminatedUnion('restricted', [
    z.object({
      id: z.string(),
      restricted: z.literal(false),
      kind: z.enum(CASE_ITEM_KINDS),
      ref: z
        .string()
        .describe('The record id (of the record, notice, or a record of the entity), alert id or report id'),
      caption: z.string().nullable(),
      addedBy: z.string(),
      addedAt: z.string(),
    }),
    z.object({ id: z.string(), restricted: z.literal(true) }),
  ])
  .meta({ id: 'CaseItem' });

const noteOutput = z
  .object({ id: z.string(), organisationId: z.string(), author: z.string(), body: z.string(), createdAt: z.string() })
  .meta({ id: 'CaseNote' });

const fileOutput = z
  .object({
    id: z.string(),
    name: z.string(),
    mediaType: z.string(),
    byteLength: z.number().int(),
    addedBy: z.string(),
    addedAt: z.string(),
  })
  .meta({ id: 'CaseFile' });

const shareOutput = z
  .object({ organisationId: z.string(), sharedBy: z.string(), sharedAt: z.string() })
  .meta({ id: 'CaseShare' });

const STANDINGS = ['owner', 'shared'] as const;

const caseOutput = z
  .object({
    case: recordOutput,
    standing: z.enum(STANDINGS).describe("How the caller's organisation stands to the case"),
    shares: z.array(shareOutput),
    items: z.array(itemOutput),
    notes: z.array(noteOutput),
    files: z.array(fileOutput),
    threadId: z.string().nullable().describe("The case's message thread, once someone has written"),
  })
  .meta({ id: 'CaseWithItems' });

const threadOutput = z
  .object({
    id: z.string(),
    about: z.object({ kind: z.enum(THREAD_SUBJECT_KINDS), id: z.string() }),
    parties: z.array(z.string()).describe('The organisations that read and write in it'),
    unread: z.number().int().describe('Messages of other organisations your organisation has not read'),
    createdAt: z.string(),
  })
  .meta({ id: 'Thread' });

const threadSummaryOutput = z
  .object({
    id: z.string(),
    about: z.object({ kind: z.enum(THREAD_SUBJECT_KINDS), id: z.string() }),
    messages: z.number().int(),
    unread: z.number().int(),
    lastMessageAt: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'ThreadSummary' });

const messageOutput = z
  .object({ id: z.string(), organisationId: z.string(), author: z.string(), body: z.string(), createdAt: z.string() })
  .meta({ id: 'Message' });

const presentItem = (item: CaseItemView): z.input<typeof itemOutput> => ({ ...item });
const presentNote = (note: CaseNote): z.input<typeof noteOutput> => ({ ...note });
const presentFile = (file: CaseFileSummary): z.input<typeof fileOutput> => ({ ...file });
const presentShare = (share: CaseShare): z.input<typeof shareOutput> => ({ ...share });
const presentCase = (view: CaseView): z.input<typeof caseOutput> => ({
  case: presentRecord(view.record),
  standing: view.standing,
  shares: view.shares.map(presentShare),
  items: view.items.map(presentItem),
  notes: view.notes.map(presentNote),
  files: view.files.map(presentFile),
  threadId: view.threadId,
});
const about = (thread: Thread) => ({ kind: thread.subjectKind, id: thread.subjectId });
const presentThread = (view: ThreadView): z.input<typeof threadOutput> => ({
  id: view.thread.id,
  about: about(view.thread),
  parties: [...view.parties],
  unread: view.unread,
  createdAt: view.thread.createdAt,
});
const presentMessage = (message: Message): z.input<typeof messageOutput> => ({
  id: message.id,
  organisationId: message.organisationId,
  author: message.author,
  body: message.body,
  createdAt: message.createdAt,
});

/** The service's refusals as the error catalogue's. */
function refused(error: unknown): never {
  if (!(error instanceof CaseRefused)) throw error;
  const details = error.fields.length > 0 ? error.fields : undefined;
  switch (error.code) {
    case 'not_found':
      throw new WeftError('not_found');
    case 'invalid':
      throw new WeftError('validation_failed', error.message, details);
    case 'forbidden':
      throw new WeftError('forbidden', error.message, details);
    case 'conflict':
      throw new WeftError('conflict', error.message, details);
  }
}

const caseParams = z.object({ id: z.string().max(100) });
const text = (max: number) => z.string().trim().min(1).max(max);
const limit = (fallback: number) => z.coerce.number().int().min(1).max(500).default(fallback);
const purposeQuery = { purpose: z.string().optional() };

/** Reads an uploaded file and its optional `name` field (the file's own name when absent). */
async function readUpload(request: FastifyRequest): Promise<{ name: string; mediaType: string; bytes: Buffer }> {
  if (!request.isMultipart()) throw new WeftError('unsupported_media_type', 'Send the file as multipart/form-data.');
  let name: string | undefined;
  let file: { part: MultipartFile; bytes: Buffer } | undefined;
  try {
    for await (const part of request.parts({ limits: { files: 1, fields: 5, fileSize: CASE_FILE_MAX_BYTES } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          await part.toBuffer();
          continue;
        }
        file = { part, bytes: await part.toBuffer() };
      } else if (part.fieldname === 'name' && typeof part.value === 'string') name = part.value;
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new WeftError('payload_too_large', `A case file is at most ${CASE_FILE_MAX_BYTES} bytes.`, [
        { field: 'file', message: `at most ${CASE_FILE_MAX_BYTES} bytes` },
      ]);
    }
    if (code === 'FST_FILES_LIMIT') {
      throw new WeftError('validation_failed', 'Send one file at a time.', [{ field: 'file', message: 'one file' }]);
    }
    throw error;
  }
  if (file === undefined) {
    throw new WeftError('validation_failed', 'No file was sent.', [{ field: 'file', message: 'required' }]);
  }
  return { name: name ?? file.part.filename, mediaType: file.part.mimetype, bytes: file.bytes };
}

/** Cases under `/cases`, messages under `/messages`. */
export const casesRoutes: FastifyPluginAsyncZod<{ services: ResolvedServices }> = async (app, { services }) => {
  const cases = new CasesService(services.store, services.clock);
  const threads = new MessagesService(services.store, cases);
  const callerOf = (request: FastifyRequest): CaseCaller => {
    const principal = requirePermission(request, 'records:read');
    return { access: accessOf(request, principal), organisation: principal.organisation };
  };
  const tags = ['cases'];

  app.post(
    '/cases',
    {
      schema: {
        tags,
        summary: 'Open a case (a Case record of your organisation; status `open` unless given)',
        body: z
          .object({
            sourceRecordId: z.string().min(1).max(200).optional().describe('Your own id for it; one is made if absent'),
            properties: z
              .record(z.string(), z.unknown())
              .describe('Case properties (see /api/v1/model): title, reference, status, HTCDS categories…'),
            envelope: envelopeInput.optional().describe('Its markings; unmarked, it is your organisation’s alone'),
          })
          .strict(),
        response: {
          201: caseOutput,
          400: errorResponse,
          401: errorResponse,
          403: errorResponse,
          409: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const view = await cases.create(callerOf(request), request.body).catch(refused);
      return reply.code(201).send(presentCase(view));
    },
  );

  app.get(
    '/cases',
    {
      schema: {
        tags,
        summary: 'The cases your organisation owns or that are shared with it, as you may see them',
        querystring: z.object({ limit: limit(100), ...purposeQuery }),
        response: {
          200: z.object({ cases: z.array(z.object({ case: recordOutput, standing: z.enum(STANDINGS) })) }),
          401: errorResponse,
        },
      },
    },
    async (request) => {
      const listed = await cases.list(callerOf(request), request.query.limit);
      return { cases: listed.map((entry) => ({ case: presentRecord(entry.record), standing: entry.standing })) };
    },
  );

  app.get(
    '/cases/:id',
    {
      schema: {
        tags,
        summary: 'A case: its record, shares, items (each as you may see it), notes, files and thread',
        params: caseParams,
        querystring: z.object(purposeQuery),
        response: { 200: caseOutput, 401: errorResponse, 404: errorResponse },
      },
    },
    async (request) => presentCase(await cases.view(callerOf(request), request.params.id).catch(refused)),
  );

  app.patch(
    '/cases/:id',
    {
      schema: {
        tags,
        summary: "Change a case's properties (null removes one)",
        params: caseParams,
        body: z.object({ properties: z.record(z.string(), z.unknown()) }).strict(),
        response: { 200: caseOutput, 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request) =>
      presentCase(await cases.update(callerOf(request), request.params.id, request.body.properties).catch(refused)),
  );

  app.post(
    '/cases/:id/items',
    {
      schema: {
        tags,
        summary: 'Add to a case a reference to something you may see (an entity by one of its records, a record…)',
        params: caseParams,
        body: z.object({ kind: z.enum(CASE_ITEM_KINDS), ref: z.uuid() }).strict(),
        response: {
          200: itemOutput,
          201: itemOutput,
          400: errorResponse,
          401: errorResponse,
          403: errorResponse,
          404: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const { item, added } = await cases
        .addItem(callerOf(request), request.params.id, { kind: request.body.kind, ref: request.body.ref.toLowerCase() })
        .catch(refused);
      return reply.code(added ? 201 : 200).send(presentItem(item));
    },
  );

  app.delete(
    '/cases/:id/items/:itemId',
    {
      schema: {
        tags,
        summary: 'Remove an item from a case',
        params: caseParams.extend({ itemId: z.string().max(100) }),
        response: { 204: z.null(), 401: errorResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request, reply) => {
      await cases.removeItem(callerOf(request), request.params.id, request.params.itemId).catch(refused);
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/cases/:id/notes',
    {
      schema: {
        tags,
        summary: 'Add a note to a case (sealed when stored)',
        params: caseParams,
        body: z.object({ body: text(NOTE_MAX_LENGTH) }).strict(),
        response: { 201: noteOutput, 400: errorResponse, 401: errorResponse, 403: errorResponse, 404: errorResponse },
      },
    },
    async (request, reply) => {
      const note = await cases.addNote(callerOf(request), request.params.id, request.body.body).catch(refused);
      return reply.code(201).send(presentNote(note));
    },
  );

  app.post(
    '/cases/:id/files',
    {
      schema: {
        tags,
        summary: 'Attach a file to a case (multipart/form-data: `name` optional, then `file`; sealed when stored)',
        description: `PDF, JPEG, PNG, WebP, plain text, CSV, DOCX or XLSX, at most ${CASE_FILE_MAX_BYTES} bytes; the content must be of the type declared.`,
        consumes: ['multipart/form-data'],
        params: caseParams,
        response: {
          201: fileOutput,
          400: errorResponse,
          401: errorResponse,
          403: errorResponse,
          404: errorResponse,
          413: errorResponse,
          415: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      // The case is checked before the upload is read: nobody uploads to a case they may not change.
      const open = await cases.forChange(caller, request.params.id).catch(refused);
      const upload = await readUpload(request);
      const file = await cases.addFile(caller, open, upload).catch(refused);
      return reply.code(201).send(presentFile(file));
    },
  );

  app.get(
    '/cases/:id/files/:fileId',
    {
      schema: {
        tags,
        summary: "A case's file",
        params: caseParams.extend({ fileId: z.string().max(100) }),
        querystring: z.object(purposeQuery),
      },
    },
    async (request, reply) => {
      const file = await cases.file(callerOf(request), request.params.id, request.params.fileId).catch(refused);
      return reply
        .type(file.mediaType)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .send(file.bytes);
    },
  );

  app.post(
    '/cases/:id/shares',
    {
      schema: {
        tags,
        summary: 'Share a case with an organisation its markings let see it',
        params: caseParams,
        body: z.object({ organisationId: z.string().min(1).max(100) }).strict(),
        response: {
          200: z.object({ shares: z.array(shareOutput) }),
          400: errorResponse,
          401: errorResponse,
          403: errorResponse,
          404: errorResponse,
        },
      },
    },
    async (request) => {
      const shares = await cases
        .share(callerOf(request), request.params.id, request.body.organisationId)
        .catch(refused);
      return { shares: shares.map(presentShare) };
    },
  );

  app.delete(
    '/cases/:id/shares/:organisationId',
    {
      schema: {
        tags,
        summary: 'Stop sharing a case with an organisation',
        params: caseParams.extend({ organisationId: z.string().max(100) }),
        response: {
          200: z.object({ shares: z.array(shareOutput) }),
          401: errorResponse,
          403: errorResponse,
          404: errorResponse,
        },
      },
    },
    async (request) => {
      const shares = await cases
        .unshare(callerOf(request), request.params.id, request.params.organisationId)
        .catch(refused);
      return { shares: shares.map(presentShare) };
    },
  );

  const messageTags = ['messages'];
  const posted = z.object({ thread: threadOutput, message: messageOutput });

  app.post(
    '/messages',
    {
      schema: {
        tags: messageTags,
        summary: "Write on a case's or an alert's thread (an alert's is opened by the organisation alerted)",
        body: z
          .object({
            about: z.object({ kind: z.enum(THREAD_SUBJECT_KINDS), id: z.uuid() }).strict(),
            body: text(MESSAGE_MAX_LENGTH),
          })
          .strict(),
        response: { 201: posted, 400: errorResponse, 401: errorResponse, 404: errorResponse },
      },
    },
    async (request, reply) => {
      const { view, message } = await threads
        .post(callerOf(request), request.body.about, request.body.body)
        .catch(refused);
      return reply.code(201).send({ thread: presentThread(view), message: presentMessage(message) });
    },
  );

  app.get(
    '/messages/threads',
    {
      schema: {
        tags: messageTags,
        summary: "Your organisation's threads, latest message first, with their unread counts",
        querystring: z.object({ limit: limit(100), ...purposeQuery }),
        response: { 200: z.object({ threads: z.array(threadSummaryOutput) }), 401: errorResponse },
      },
    },
    async (request) => {
      const listed = await threads.list(callerOf(request), request.query.limit);
      return {
        threads: listed.map((thread) => ({
          id: thread.id,
          about: about(thread),
          messages: thread.messages,
          unread: thread.unread,
          lastMessageAt: thread.lastMessageAt,
          createdAt: thread.createdAt,
        })),
      };
    },
  );

  app.get(
    '/messages/threads/:id',
    {
      schema: {
        tags: messageTags,
        summary: 'A thread and its latest messages, oldest first (`before` pages back by `seq`)',
        params: z.object({ id: z.string().max(100) }),
        querystring: z.object({
          limit: limit(200),
          before: z.coerce.number().int().min(1).optional().describe('Messages before this sequence number'),
          ...purposeQuery,
        }),
        response: {
          200: z.object({ thread: threadOutput, messages: z.array(messageOutput.extend({ seq: z.number().int() })) }),
          401: errorResponse,
          404: errorResponse,
        },
      },
    },
    async (request) => {
      const { limit: count, before } = request.query;
      const { view, messages } = await threads
        .read(callerOf(request), request.params.id, {
          limit: count,
          ...(before === undefined ? {} : { beforeSeq: before }),
        })
        .catch(refused);
      return {
        thread: presentThread(view),
        messages: messages.map((message) => ({ ...presentMessage(message), seq: message.seq })),
      };
    },
  );

  app.post(
    '/messages/threads/:id/messages',
    {
      schema: {
        tags: messageTags,
        summary: 'Write on a thread',
        params: z.object({ id: z.string().max(100) }),
        body: z.object({ body: text(MESSAGE_MAX_LENGTH) }).strict(),
        response: { 201: posted, 400: errorResponse, 401: errorResponse, 404: errorResponse },
      },
    },
    async (request, reply) => {
      const { view, message } = await threads
        .reply(callerOf(request), request.params.id, request.body.body)
        .catch(refused);
      return reply.code(201).send({ thread: presentThread(view), message: presentMessage(message) });
    },
  );

  app.post(
    '/messages/threads/:id/read',
    {
      schema: {
        tags: messageTags,
        summary: 'Mark a thread read by your organisation, up to a message (the latest when absent)',
        params: z.object({ id: z.string().max(100) }),
        body: z.object({ upTo: z.uuid().optional() }).strict().optional(),
        response: {
          200: z.object({ thread: threadOutput }),
          400: errorResponse,
          401: errorResponse,
          404: errorResponse,
        },
      },
    },
    async (request) => {
      const view = await threads.markRead(callerOf(request), request.params.id, request.body?.upTo).catch(refused);
      return { thread: presentThread(view) };
    },
  );
};
