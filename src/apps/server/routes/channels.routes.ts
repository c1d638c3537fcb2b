import { timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Conversations } from '../../reporting/conversations.ts';
import { WeftError } from '../errors.ts';
import { errorResponse } from '../schemas.ts';

const tags = ['channels'];

/** A phone number as gateways send it. */
const phone = z.string().trim().min(3).max(40);
/** What a person typed, as gateways send it (flows refuse what is too long, in the person's language). */
const typed = z.string().max(5_000);

/**
 * Inbound SMS and USSD from a gateway: a generic JSON format, and Africa's Talking's callbacks
 * (form-encoded; USSD answered `CON …` to go on or `END …` to finish). A gateway proves itself with
 * the shared token (`Authorization: Bearer …` or `?token=`, for gateways that can only be given a
 * URL); with no token configured the channels are off. The sender's number goes to the
 * conversations, which keep it apart under an alias; it is never logged or stored.
 */
export const channelsRoutes: FastifyPluginAsyncZod<{
  conversations: Conversations | undefined;
  token: string | undefined;
}> = async (app, { conversations, token }) => {
  // Africa's Talking posts its callbacks form-encoded.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(typeof body === 'string' ? body : body.toString('utf8'))));
  });

  const expected = token === undefined ? undefined : Buffer.from(token);
  // Before the body is read or checked: a caller without the token learns nothing of the format.
  app.addHook('onRequest', async (request) => {
    if (conversations === undefined || expected === undefined) throw new WeftError('not_found');
    const header = request.headers.authorization;
    const given =
      header?.startsWith('Bearer ') === true
        ? header.slice('Bearer '.length)
        : new URLSearchParams(request.url.split('?')[1] ?? '').get('token');
    const presented = Buffer.from(given ?? '');
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
      throw new WeftError('unauthenticated', 'The gateway token is missing or wrong.');
    }
  });
  const gate = (): Conversations => {
    if (conversations === undefined) throw new WeftError('not_found');
    return conversations;
  };
  const tokenQuery = z.object({ token: z.string().max(200).optional() });

  app.post(
    '/channels/messages',
    {
      schema: {
        tags,
        summary: 'An inbound SMS or USSD message, in the generic format',
        description:
          'SMS: the reply goes back through the outbound gateway; the response only acknowledges. USSD: the ' +
          'response carries the next screen and whether the session ends.',
        security: [],
        querystring: tokenQuery,
        body: z
          .object({
            channel: z.enum(['sms', 'ussd']),
            from: phone.describe("The sender's number: turned into an alias at once, never stored"),
            text: typed,
          })
          .strict(),
        response: {
          200: z.object({ reply: z.string(), end: z.boolean() }),
          202: z.object({ accepted: z.literal(true) }),
          401: errorResponse,
          404: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const answer = await gate().receive(request.body);
      if (request.body.channel === 'sms') return reply.code(202).send({ accepted: true as const });
      return { reply: answer.reply, end: answer.done };
    },
  );

  app.post(
    '/channels/africastalking/ussd',
    {
      schema: {
        tags,
        summary: "Africa's Talking USSD callback",
        security: [],
        querystring: tokenQuery,
        body: z.object({
          sessionId: z.string().max(200),
          phoneNumber: phone,
          text: typed.default(''),
          serviceCode: z.string().max(50).optional(),
          networkCode: z.string().max(50).optional(),
        }),
        response: {
          200: z.string().describe('`CON <screen>` to go on, `END <screen>` to finish'),
          401: errorResponse,
          404: errorResponse,
        },
      },
    },
    async (request, reply) => {
      const conversations = gate();
      // The gateway sends every answer of the session so far, joined by '*': the new one is the last.
      const text = request.body.text;
      const latest = text === '' ? '' : (text.split('*').at(-1) ?? '');
      const answer = await conversations.receive({ channel: 'ussd', from: request.body.phoneNumber, text: latest });
      return reply.type('text/plain; charset=utf-8').send(`${answer.done ? 'END' : 'CON'} ${answer.reply}`);
    },
  );

  app.post(
    '/channels/africastalking/sms',
    {
      schema: {
        tags,
        summary: "Africa's Talking incoming SMS callback",
        security: [],
        querystring: tokenQuery,
        body: z.object({
          from: phone,
          text: typed.default(''),
          to: z.string().max(40).optional(),
          date: z.string().max(60).optional(),
          id: z.string().max(200).optional(),
          linkId: z.string().max(200).optional(),
        }),
        response: { 200: z.object({ accepted: z.literal(true) }), 401: errorResponse, 404: errorResponse },
      },
    },
    async (request) => {
      await gate().receive({ channel: 'sms', from: request.body.from, text: request.body.text });
      return { accepted: true as const };
    },
  );
};
