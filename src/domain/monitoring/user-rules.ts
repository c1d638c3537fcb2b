/**
 * Rules an institution writes itself, in a safe expression language: CEL (Common Expression
 * Language), parsed and type-checked before use, evaluated without any code execution (no
 * functions but CEL's own, no access to anything but the variables given, a bound on the size of
 * an expression). A rule names the transactions it reads (`when`, over one transaction's fields),
 * whose window they join (`subject`, for `window_days`), and when it fires (`condition`, over the
 * window's aggregates). Each becomes a typology of its own, `user.<id>`, versioned like the library's.
 */
import { Environment } from '@marcbachmann/cel-js';
import type { Typology } from './typology.ts';
import type { Transaction } from './transaction.ts';
import { windowedTypology, type WindowView } from './windowed.ts';
import { amountText, daysText } from './typologies/words.ts';

/** What a transaction is grouped by, for a user rule. */
export const RULE_SUBJECTS = ['payer_account', 'payee_account', 'merchant', 'card'] as const;
export type RuleSubject = (typeof RULE_SUBJECTS)[number];

/** A user-defined rule as written. */
export interface UserRuleDefinition {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly subject: RuleSubject;
  readonly windowDays: number;
  /** CEL over one transaction: amount, currency, channel, merchant_category, merchant_id, payer_account, payee_account, payer_country, payee_country, city, hour, cross_border. */
  readonly when: string;
  /** CEL over the window: count, sum, max, min, distinct_payers, distinct_payees, distinct_cities, distinct_countries, distinct_merchants, distinct_cards. */
  readonly condition: string;
}

/** User rules that cannot be used, with every reason (rule and field named). */
export class UserRuleError extends Error {
  override readonly name = 'UserRuleError';
  constructor(readonly problems: readonly string[]) {
    super(`user rules not valid: ${problems.join('; ')}`);
  }
}

const LIMITS = { maxAstNodes: 300, maxDepth: 24, maxListElements: 200, maxMapEntries: 0, maxCallArguments: 4 };

const TRANSACTION_VARIABLES = {
  amount: 'int',
  currency: 'string',
  channel: 'string',
  merchant_category: 'string',
  merchant_id: 'string',
  payer_account: 'string',
  payee_account: 'string',
  payer_country: 'string',
  payee_country: 'string',
  city: 'string',
  hour: 'int',
  cross_border: 'bool',
} as const;

const WINDOW_VARIABLES = [
  'count',
  'sum',
  'max',
  'min',
  'distinct_payers',
  'distinct_payees',
  'distinct_cities',
  'distinct_countries',
  'distinct_merchants',
  'distinct_cards',
] as const;

function environment(variables: Readonly<Record<string, 'int' | 'string' | 'bool'>>): Environment {
  const env = new Environment({ unlistedVariablesAreDyn: false, limits: LIMITS });
  for (const [name, type] of Object.entries(variables)) env.registerVariable(name, type);
  return env;
}

const transactionEnvironment = environment(TRANSACTION_VARIABLES);
const windowEnvironment = environment(Object.fromEntries(WINDOW_VARIABLES.map((name) => [name, 'int' as const])));

/** What a `when` expression reads of a transaction (absent texts are empty; an unknown hour is -1). */
function transactionContext(transaction: Transaction): Record<string, unknown> {
  return {
    amount: BigInt(transaction.amount),
    currency: transaction.currency ?? '',
    channel: transaction.channel ?? '',
    merchant_category: transaction.merchantCategory ?? '',
    merchant_id: transaction.merchantId ?? '',
    payer_account: transaction.payerAccount ?? '',
    payee_account: transaction.payeeAccount ?? '',
    payer_country: transaction.payerCountry ?? '',
    payee_country: transaction.payeeCountry ?? '',
    city: transaction.city ?? '',
    hour: BigInt(transaction.localHour ?? -1),
    cross_border:
      transaction.payerCountry !== undefined &&
      transaction.payeeCountry !== undefined &&
      transaction.payerCountry !== transaction.payeeCountry,
  };
}

/** The aggregates of a window a `condition` reads. */
export function windowAggregates(
  transactions: readonly Transaction[],
): Record<(typeof WINDOW_VARIABLES)[number], number> {
  const distinct = (read: (transaction: Transaction) => string | undefined) =>
    new Set(transactions.map(read).filter((value) => value !== undefined)).size;
  const amounts = transactions.map((transaction) => transaction.amount);
  return {
    count: transactions.length,
    sum: amounts.reduce((total, amount) => total + amount, 0),
    max: amounts.length === 0 ? 0 : Math.max(...amounts),
    min: amounts.length === 0 ? 0 : Math.min(...amounts),
    distinct_payers: distinct((transaction) => transaction.payerAccount),
    distinct_payees: distinct((transaction) => transaction.payeeAccount),
    distinct_cities: distinct((transaction) => transaction.city),
    distinct_countries: distinct((transaction) => transaction.payeeCountry),
    distinct_merchants: distinct((transaction) => transaction.merchantId),
    distinct_cards: distinct((transaction) => transaction.card),
  };
}

const subjectOf: Readonly<Record<RuleSubject, (transaction: Transaction) => string | undefined>> = {
  payer_account: (transaction) => transaction.payerAccount,
  payee_account: (transaction) => transaction.payeeAccount,
  merchant: (transaction) => transaction.merchantId,
  card: (transaction) => transaction.card,
};

/** Checks one expression: it parses, reads only its variables and gives a yes or no. */
function checked(env: Environment, text: unknown, where: string, problems: string[]): string | undefined {
  if (typeof text !== 'string' || text.trim() === '') {
    problems.push(`${where}: must be an expression`);
    return undefined;
  }
  const result = env.check(text);
  if (!result.valid) {
    problems.push(`${where}: ${result.error?.message.split('\n')[0] ?? 'not a valid expression'}`);
    return undefined;
  }
  if (result.type !== 'bool') {
    problems.push(`${where}: gives ${result.type}, not a yes or no (bool)`);
    return undefined;
  }
  return text;
}

/** The typologies of user rules, every rule checked first; all problems at once. */
export function userTypologies(definitions: readonly UserRuleDefinition[]): Typology[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const valid: UserRuleDefinition[] = [];
  definitions.forEach((definition, index) => {
    const name = typeof definition.id === 'string' ? definition.id : `#${index + 1}`;
    const where = (field: string) => `rule ${name}, ${field}`;
    const before = problems.length;
    if (typeof definition.id !== 'string' || !/^[a-z][a-z0-9_]{0,59}$/u.test(definition.id)) {
      problems.push(where('id') + ': lower-case letters, digits and underscores, starting with a letter');
    } else if (seen.has(definition.id)) problems.push(where('id') + ': used by an earlier rule');
    else seen.add(definition.id);
    if (!Number.isInteger(definition.version) || definition.version < 1)
      problems.push(where('version') + ': a whole number from 1');
    if (typeof definition.title !== 'string' || definition.title.trim() === '')
      problems.push(where('title') + ': say what it looks for');
    if (!(RULE_SUBJECTS as readonly string[]).includes(definition.subject)) {
      problems.push(where('subject') + `: one of ${RULE_SUBJECTS.join(', ')}`);
    }
    if (typeof definition.windowDays !== 'number' || !(definition.windowDays >= 1 && definition.windowDays <= 120)) {
      problems.push(where('windowDays') + ': from 1 to 120');
    }
    checked(transactionEnvironment, definition.when, where('when'), problems);
    checked(windowEnvironment, definition.condition, where('condition'), problems);
    if (problems.length === before) valid.push(definition);
  });
  if (problems.length > 0) throw new UserRuleError(problems);
  return valid.map(userTypology);
}

function userTypology(definition: UserRuleDefinition): Typology {
  const id = `user.${definition.id}`;
  const when = transactionEnvironment.parse(definition.when);
  const condition = windowEnvironment.parse(definition.condition);
  const subject = subjectOf[definition.subject];
  return windowedTypology({
    id,
    version: definition.version,
    title: definition.title,
    summary: `A rule of the institution's own: ${definition.title} (when ${definition.when}; fires when ${definition.condition}).`,
    sources: ["the institution's own rule"],
    subjectType: definition.subject === 'merchant' ? 'merchant' : definition.subject === 'card' ? 'card' : 'account',
    windowDays: { default: definition.windowDays, band: [1, 120] },
    parameters: [],
    subjects(transaction) {
      const key = subject(transaction);
      return key !== undefined && when(transactionContext(transaction)) === true ? [key] : [];
    },
    rules: [
      {
        id: `${id}.condition`,
        version: definition.version,
        weight: 1,
        description: definition.condition,
        find(view: WindowView) {
          const aggregates = windowAggregates(view.transactions);
          const context = Object.fromEntries(Object.entries(aggregates).map(([name, value]) => [name, BigInt(value)]));
          if (condition(context) !== true) return undefined;
          return {
            evidence: view.transactions,
            clause: `${aggregates.count} transactions of ${amountText(aggregates.sum)} in all within ${daysText(view.windowMs)} (${definition.condition})`,
          };
        },
      },
    ],
    explain: (key, clauses) => `${definition.title}: ${key} had ${clauses.join(', and ')}.`,
  });
}
