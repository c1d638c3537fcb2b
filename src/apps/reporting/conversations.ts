/**
 * SMS and USSD conversations: each inbound message moves its sender's session through a flow
 * (domain/reporting/flows); a finished tip or help flow is filed as a report, a finished survey as
 * a worker-voice response. Senders are known by alias only: the alias ↔ number map lives in the
 * AliasVault, in this process's memory, never in the database or a log, and is forgotten when the
 * conversation closes (at the end of the flow, or, for a help request that may be answered, when
 * the tip line closes the report).
 */
import { randomBytes } from 'node:crypto';
import {
  beginFromStart,
  beginUssd,
  continueSession,
  recogniseStart,
  sessionExpired,
  type Channel,
  type FlowOutcome,
  type FlowSession,
  type Turn,
} from '../../domain/reporting/flows/index.ts';
import { tipSubmission, type TipConcern, type TipSubmission } from '../../domain/reporting/index.ts';
import type { ReportingService } from './reporting.service.ts';

/** Where replies to SMS reporters go: a gateway's sending API, or the log in development. */
export interface OutboundMessages {
  /** Sends `text` to the number behind `alias` (the driver alone sees the number). */
  send(message: { readonly alias: string; readonly phone: string; readonly text: string }): Promise<void>;
}

/** The development driver: writes the alias and the text to the log, never the number. */
export function logOnlyOutbound(
  log: (entry: { alias: string; text: string }, message: string) => void,
): OutboundMessages {
  return {
    send: async ({ alias, text }) => {
      log({ alias, text }, 'outbound SMS (log-only driver)');
      await Promise.resolve();
    },
  };
}

/**
 * The alias ↔ number map, kept apart from the database: in memory only, so a copy of the
 * database or a backup never holds a reporter's number; a restart forgets every conversation.
 */
export class AliasVault {
  private readonly aliases = new Map<string, string>();
  private readonly phones = new Map<string, string>();

  /** The alias of a number, made on first contact. */
  aliasOf(phone: string): string {
    const key = phone.replace(/[^\d+]/gu, '');
    const known = this.aliases.get(key);
    if (known !== undefined) return known;
    const alias = `alias-${randomBytes(12).toString('hex')}`;
    this.aliases.set(key, alias);
    this.phones.set(alias, key);
    return alias;
  }

  /** The number behind an alias, while the conversation is open. */
  phoneOf(alias: string): string | undefined {
    return this.phones.get(alias);
  }

  /** Forgets an alias and its number. */
  forget(alias: string): void {
    const phone = this.phones.get(alias);
    this.phones.delete(alias);
    if (phone !== undefined) this.aliases.delete(phone);
  }

  /** How many conversations are open. */
  get size(): number {
    return this.phones.size;
  }
}

/** An inbound message, as a gateway adapter reads it. */
export interface InboundMessage {
  readonly channel: Channel;
  /** The sender's number: used to find the alias, then dropped. */
  readonly from: string;
  readonly text: string;
}

/** What to answer: for USSD, the screen and whether the session ends; for SMS the same text is also sent. */
export interface ConversationReply {
  readonly reply: string;
  readonly done: boolean;
}

/** What the conversations need. */
export interface ConversationOptions {
  readonly reporting: ReportingService;
  readonly outbound: OutboundMessages;
  readonly vault?: AliasVault;
  readonly clock?: () => Date;
  /** Files a finished worker-voice survey; absent, surveys are thanked and not kept. */
  readonly survey?: (outcome: FlowOutcome) => Promise<void>;
}

/** How to start, in every language, for an SMS that is not a start keyword. */
const HOW_TO_START = [
  'Send REPORT to report, HELP for help, SURVEY and your site code for the worker survey.',
  'Envíe DENUNCIA para denunciar, AYUDA para pedir ayuda, ENCUESTA y el código de su lugar de trabajo.',
  'Envoyez SIGNALER pour signaler, AIDE pour de l’aide, ENQUETE et le code de votre site.',
  'أرسل بلاغ للإبلاغ، أو مساعدة لطلب المساعدة، أو استبيان مع رمز موقع عملك.',
].join('\n');

/** Receipt code, in the reporter's language, appended to a filed report's last message. */
const CODE_LINE = { en: 'Your code:', es: 'Su código:', fr: 'Votre code :', ar: 'رمزك:' } as const;

/** The SMS and USSD conversations of the tip line. */
export class Conversations {
  readonly vault: AliasVault;
  private readonly sessions = new Map<string, FlowSession>();
  private readonly clock: () => Date;

  constructor(private readonly options: ConversationOptions) {
    this.vault = options.vault ?? new AliasVault();
    this.clock = options.clock ?? (() => new Date());
  }

  /** Takes one inbound message and answers it (an SMS answer is also sent through the outbound port). */
  async receive(message: InboundMessage): Promise<ConversationReply> {
    const now = this.clock().getTime();
    const alias = this.vault.aliasOf(message.from);
    const key = `${message.channel}:${alias}`;
    let session = this.sessions.get(key);
    // A USSD dial-in comes with empty text: a new session, whatever was left of the last one.
    if (message.channel === 'ussd' && message.text === '') session = undefined;
    if (session !== undefined && sessionExpired(session, now)) {
      this.sessions.delete(key);
      session = undefined;
    }
    let turn: Turn | undefined;
    if (session !== undefined) turn = continueSession(session, message.text, now);
    else if (message.channel === 'ussd') turn = beginUssd(now);
    else {
      const start = recogniseStart(message.text);
      turn = start === undefined ? undefined : beginFromStart(start, 'sms', now);
    }
    let answer: ConversationReply;
    if (turn === undefined) {
      answer = { reply: HOW_TO_START, done: true };
      this.vault.forget(alias);
    } else if (!turn.done) {
      this.sessions.set(key, turn.session);
      answer = { reply: turn.reply, done: false };
    } else {
      this.sessions.delete(key);
      const filed = turn.outcome === undefined ? undefined : await this.file(turn.outcome, alias);
      answer = { reply: filed === undefined ? turn.reply : `${turn.reply}\n${filed}`, done: true };
      // The map is kept only for a help request whose sender agreed to be contacted on this number.
      if (!(turn.outcome?.flowId === 'help' && turn.outcome.answers['contact'] === 'yes')) this.vault.forget(alias);
    }
    if (message.channel === 'sms') await this.send(alias, answer.reply, message.from);
    return answer;
  }

  /** Sends a message from the tip line to an open conversation; false when it has closed. */
  async reply(alias: string, text: string): Promise<boolean> {
    const phone = this.vault.phoneOf(alias);
    if (phone === undefined) return false;
    await this.options.outbound.send({ alias, phone, text });
    return true;
  }

  /** Closes a conversation: its alias and number are forgotten. */
  close(alias: string): void {
    this.vault.forget(alias);
    for (const key of [...this.sessions.keys()]) if (key.endsWith(`:${alias}`)) this.sessions.delete(key);
  }

  private async send(alias: string, text: string, phone: string): Promise<void> {
    await this.options.outbound.send({ alias, phone, text });
  }

  /** Files a finished flow; returns the line to add to the last message (the receipt code), if any. */
  private async file(outcome: FlowOutcome, alias: string): Promise<string | undefined> {
    if (outcome.flowId === 'worker_voice') {
      await this.options.survey?.(outcome);
      return undefined;
    }
    if (outcome.flowId !== 'tip' && outcome.flowId !== 'help') return undefined;
    const help = outcome.flowId === 'help';
    const tip = tipSubmission.parse(help ? helpRequestOf(outcome) : tipOf(outcome));
    const keep = help && outcome.answers['contact'] === 'yes';
    const { receiptCode } = await this.options.reporting.submit(tip, [], {
      help,
      ...(keep ? { conversationAlias: alias } : {}),
    });
    return `${CODE_LINE[outcome.language]} ${receiptCode}`;
  }
}

/** The concerns a tip flow's "what is happening" answer stands for. */
const CONCERNS_OF_ANSWER: Readonly<Record<string, readonly TipConcern[]>> = {
  sexual_exploitation: ['sexual_exploitation'],
  forced_labour: ['forced_labour'],
  domestic_servitude: ['domestic_servitude'],
  forced_begging_or_crime: ['forced_begging', 'forced_criminality'],
  child_at_risk: ['child_at_risk'],
  smuggling: ['smuggling'],
  other: ['other'],
};

const answer = (outcome: FlowOutcome, field: string): string | undefined => {
  const value = outcome.answers[field]?.trim();
  return value === undefined || value === '' ? undefined : value;
};

/** The tip a finished tip flow gathered. */
export function tipOf(outcome: FlowOutcome): TipSubmission {
  const when = answer(outcome, 'when');
  return tipSubmission.parse({
    language: outcome.language,
    channel: outcome.channel,
    inDanger: outcome.inDanger,
    concerns: [...(CONCERNS_OF_ANSWER[answer(outcome, 'what') ?? ''] ?? [])],
    where: answer(outcome, 'where'),
    when: when === 'now' || when === 'today' || when === 'this_week' || when === 'earlier' ? when : null,
    text: answer(outcome, 'seen') ?? answer(outcome, 'contacts') ?? answer(outcome, 'where') ?? '(no details)',
    phones: answer(outcome, 'contacts'),
  });
}

/** The report a finished help flow makes: what the person needs and where, in their words. */
export function helpRequestOf(outcome: FlowOutcome): TipSubmission {
  const need = answer(outcome, 'need') ?? 'unspecified';
  return tipSubmission.parse({
    language: outcome.language,
    channel: outcome.channel,
    inDanger: outcome.inDanger,
    concerns: [],
    where: answer(outcome, 'location'),
    when: 'now',
    text: `Request for help: ${need.replaceAll('_', ' ')}. May be contacted on this number: ${answer(outcome, 'contact') === 'yes' ? 'yes' : 'no'}.`,
  });
}
