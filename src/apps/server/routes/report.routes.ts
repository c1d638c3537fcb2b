import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { tipSubmission, type TipLanguage } from '../../../domain/reporting/index.ts';
import { PAGE_TEXTS } from '../../reporting/page-texts.ts';
import {
  followUpPage,
  pickLanguage,
  REPORT_STYLESHEET,
  reportFormPage,
  thanksPage,
  unavailablePage,
  type FormValues,
} from '../../reporting/report-page.ts';
import { MAX_PHOTOS, ReportingRefusal, type ReportingService } from '../../reporting/reporting.service.ts';

/** The largest photo taken. */
const PHOTO_LIMIT = 10 * 1024 * 1024;

/**
 * What the tip page's responses say to the browser: load only what the page itself serves, send
 * no referrer, keep nothing. No cookie is ever set on these paths.
 */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
} as const;

const languageQuery = z.object({ lang: z.string().max(20).optional() });

/** A form as read from a multipart body: its fields (repeated ones as lists) and its photos. */
interface ReadForm {
  readonly values: Record<string, string | string[]>;
  readonly photos: Uint8Array[];
  readonly problem?: 'too_many_photos' | 'photo_too_large';
}

/** Reads a multipart form, keeping photos in memory up to their limit. */
async function readForm(request: FastifyRequest): Promise<ReadForm> {
  const values: Record<string, string | string[]> = {};
  const photos: Uint8Array[] = [];
  try {
    const parts = request.parts({
      limits: { fields: 40, fieldSize: 64 * 1024, files: MAX_PHOTOS, fileSize: PHOTO_LIMIT },
    });
    for await (const part of parts) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer();
        // An empty file input still sends a part, with no name and no bytes.
        if (bytes.length > 0) photos.push(new Uint8Array(bytes));
        continue;
      }
      const value = typeof part.value === 'string' ? part.value : '';
      const previous = values[part.fieldname];
      if (previous === undefined) values[part.fieldname] = value;
      else values[part.fieldname] = [...(Array.isArray(previous) ? previous : [previous]), value];
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT') return { values, photos, problem: 'too_many_photos' };
    if (code === 'FST_REQ_FILE_TOO_LARGE') return { values, photos, problem: 'photo_too_large' };
    throw error;
  }
  return { values, photos };
}

const single = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);
const list = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const blankless = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value);

/**
 * The public tip page and follow-up by receipt code, at `/report`. No sign-in. The handlers never
 * read the client's address, user agent or cookies, and the log records method, path and status only.
 */
export const reportRoutes: FastifyPluginAsyncZod<{ reporting: ReportingService }> = async (app, { reporting }) => {
  app.addHook('onSend', async (_request, reply, payload) => {
    void reply.headers(PAGE_HEADERS);
    return payload;
  });

  const languageOf = (request: FastifyRequest): TipLanguage =>
    pickLanguage((request.query as { lang?: string }).lang, request.headers['accept-language']);
  const html = (reply: FastifyReply, status: number, page: string): FastifyReply =>
    reply.code(status).type('text/html; charset=utf-8').send(page);

  app.get('/report/style.css', { schema: { hide: true } }, (_request, reply) =>
    reply.type('text/css; charset=utf-8').send(REPORT_STYLESHEET),
  );

  app.get('/report', { schema: { hide: true, querystring: languageQuery } }, async (request, reply) => {
    const language = languageOf(request);
    try {
      await reporting.tipLine();
    } catch (error) {
      if (error instanceof ReportingRefusal) return html(reply, 503, unavailablePage(language));
      throw error;
    }
    return html(reply, 200, reportFormPage(language));
  });

  app.post('/report', { schema: { hide: true, querystring: languageQuery } }, async (request, reply) => {
    const form = await readForm(request);
    const language = pickLanguage(single(form.values['language']) ?? request.query.lang, undefined);
    const texts = PAGE_TEXTS[language];
    const shown: FormValues = form.values;
    if (form.problem !== undefined) return html(reply, 400, reportFormPage(language, [texts.badPhoto], shown));
    const danger = single(form.values['inDanger']);
    const parsed = tipSubmission.safeParse({
      language,
      channel: 'web',
      inDanger: danger === 'yes' ? true : danger === 'no' ? false : null,
      concerns: list(form.values['concerns']),
      where: blankless(single(form.values['where'])),
      when: blankless(single(form.values['when'])) ?? null,
      who: blankless(single(form.values['who'])),
      vehicles: blankless(single(form.values['vehicles'])),
      phones: blankless(single(form.values['phones'])),
      links: blankless(single(form.values['links'])),
      text: blankless(single(form.values['text'])),
    });
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) =>
        issue.code === 'custom' ? texts.saySomething : `${issue.path.join('.')}: ${issue.message}`,
      );
      return html(reply, 400, reportFormPage(language, problems, shown));
    }
    let receiptCode: string;
    try {
      ({ receiptCode } = await reporting.submit(parsed.data, form.photos));
    } catch (error) {
      if (!(error instanceof ReportingRefusal)) throw error;
      if (error.reason === 'no_tip_line') return html(reply, 503, unavailablePage(language));
      return html(reply, 400, reportFormPage(language, [texts.badPhoto], shown));
    }
    return html(reply, 200, thanksPage(language, receiptCode));
  });

  app.get('/report/follow-up', { schema: { hide: true, querystring: languageQuery } }, (request, reply) =>
    html(reply, 200, followUpPage(languageOf(request), { kind: 'ask' })),
  );

  app.post('/report/follow-up', { schema: { hide: true, querystring: languageQuery } }, async (request, reply) => {
    const language = languageOf(request);
    const form = await readForm(request);
    const code = single(form.values['code']) ?? '';
    const message = blankless(single(form.values['message']))?.slice(0, 10_000);
    let view: Awaited<ReturnType<ReportingService['follow']>>;
    let added = false;
    try {
      if (message !== undefined) added = (await reporting.addFromReporter(code, message)) !== undefined;
      view = message !== undefined && !added ? undefined : await reporting.follow(code);
    } catch (error) {
      if (error instanceof ReportingRefusal && error.reason === 'too_many_attempts') {
        void reply.header('retry-after', Math.ceil(error.retryAfterMs / 1000));
        return html(reply, 429, followUpPage(language, { kind: 'ask', problem: 'throttled' }));
      }
      throw error;
    }
    if (view === undefined) return html(reply, 404, followUpPage(language, { kind: 'ask', problem: 'unknown' }));
    return html(
      reply,
      200,
      followUpPage(language, { kind: 'open', code, said: view.said, messages: view.messages, added }),
    );
  });
};
