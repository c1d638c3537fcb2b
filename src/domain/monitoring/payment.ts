/**
 * Payments as records of the model (entity type Payment, from the API, files or the ingest stream)
 * read as the engine's transactions, and back.
 */
import type { Channel, Transaction } from './transaction.ts';
import { hourAsWritten } from './transaction.ts';

/** The model's payment channels as the engine's. */
const CHANNEL_OF: Readonly<Record<string, Channel>> = {
  card_present: 'card',
  card_not_present: 'card',
  transfer: 'transfer',
  mobile_money: 'transfer',
  cash: 'cash',
  wire: 'wire',
  prepaid: 'prepaid',
};

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/**
 * A Payment record's transaction; undefined without an amount or a time. Accounts are the records
 * the payment names (its payer's and payee's accounts, else the payer and payee themselves); the
 * merchant is named by its name when the payment gives no other id.
 */
export function transactionOfPayment(record: {
  readonly id: string;
  readonly properties: Readonly<Record<string, unknown>>;
}): Transaction | undefined {
  const properties = record.properties;
  const amount = properties['amount'];
  const occurredAt = text(properties['occurredAt']);
  const time = occurredAt === undefined ? Number.NaN : Date.parse(occurredAt);
  if (typeof amount !== 'number' || !Number.isFinite(time)) return undefined;
  const channel = text(properties['channel']);
  const card = channel === 'card_present' || channel === 'card_not_present';
  const payerAccount = text(properties['payerAccount']) ?? text(properties['payer']);
  return {
    id: record.id,
    time,
    localHour: occurredAt === undefined ? undefined : hourAsWritten(occurredAt),
    amount,
    currency: text(properties['currency']),
    payerAccount,
    payeeAccount: text(properties['payeeAccount']) ?? text(properties['payee']),
    payerName: text(properties['payerName']),
    payeeName: text(properties['payeeName']),
    payerCountry: text(properties['payerCountry']),
    merchantId: text(properties['merchantName']),
    merchantCategory: text(properties['merchantCategory']),
    channel: channel === undefined ? undefined : CHANNEL_OF[channel],
    city: text(properties['city']),
    payeeCountry: text(properties['payeeCountry']) ?? text(properties['country']),
    card: card ? payerAccount : undefined,
  };
}
