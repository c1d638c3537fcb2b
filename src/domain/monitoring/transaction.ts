/**
 * A payment as the monitoring engine reads it: amounts in minor units, the time in milliseconds,
 * and whatever of the parties, merchant, channel and places the source gives.
 */

/** Payment channels as transaction files name them. */
export const CHANNELS = ['card', 'cash', 'wire', 'transfer', 'prepaid'] as const;
export type Channel = (typeof CHANNELS)[number];

/** One transaction. */
export interface Transaction {
  readonly id: string;
  /** Milliseconds since the epoch (an integer step of a simulation is read as a day). */
  readonly time: number;
  /** The hour of the day where it happened (0–23), when the time said so. */
  readonly localHour?: number | undefined;
  /** In minor units (cents). */
  readonly amount: number;
  readonly currency?: string | undefined;
  readonly payerAccount?: string | undefined;
  readonly payeeAccount?: string | undefined;
  readonly payerName?: string | undefined;
  readonly payeeName?: string | undefined;
  readonly merchantId?: string | undefined;
  /** ISO 18245 merchant category code, four digits. */
  readonly merchantCategory?: string | undefined;
  readonly channel?: Channel | undefined;
  /** ISO 3166-1 alpha-2. */
  readonly payerCountry?: string | undefined;
  readonly payeeCountry?: string | undefined;
  readonly city?: string | undefined;
  /** The card used, when the payer's account is a card (card-present or not). */
  readonly card?: string | undefined;
}

/** Every account a transaction names. */
export function accountsOf(transaction: Transaction): string[] {
  const accounts: string[] = [];
  if (transaction.payerAccount !== undefined) accounts.push(transaction.payerAccount);
  if (transaction.payeeAccount !== undefined && transaction.payeeAccount !== transaction.payerAccount) {
    accounts.push(transaction.payeeAccount);
  }
  return accounts;
}

/** The hour of an ISO 8601 time as written (its local hour), or undefined when it has none. */
export function hourAsWritten(text: string): number | undefined {
  const match = /^\d{4}-\d{2}-\d{2}[T ](\d{2}):\d{2}/u.exec(text.trim());
  return match === null ? undefined : Number(match[1]);
}

/** A day in milliseconds: the length of one step of a simulation. */
export const DAY_MS = 86_400_000;
