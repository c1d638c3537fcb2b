import { describe, expect, it } from 'vitest';
import { CHANNELS, transactionOfPayment } from '../monitoring/index.ts';
import { generateTransactions, paymentRecordOf, PLANTED_TYPOLOGIES, WORLD_START } from './transactions.ts';

const options = { seed: 5, accounts: 400, days: 45, planted: 3 } as const;
const world = generateTransactions(options);

describe('synthetic transactions', () => {
  it('gives the same transactions and truth for the same seed, and others for another', () => {
    const again = generateTransactions(options);
    expect(again.transactions).toEqual(world.transactions);
    expect(again.truth).toEqual(world.truth);
    const other = generateTransactions({ ...options, seed: 6 });
    expect(other.transactions.slice(0, 50)).not.toEqual(world.transactions.slice(0, 50));
  });

  it('plants every instance asked for, each with its subject and accounts', () => {
    for (const typology of PLANTED_TYPOLOGIES) {
      const instances = world.truth.filter((instance) => instance.typology === typology);
      expect(instances, typology).toHaveLength(options.planted);
      expect(new Set(instances.map((instance) => instance.subjectId)).size, typology).toBe(options.planted);
    }
    expect(world.truth).toHaveLength(PLANTED_TYPOLOGIES.length * options.planted);
    const accounts = new Set(
      world.transactions.flatMap((transaction) => [transaction.payerAccount, transaction.payeeAccount]),
    );
    const merchants = new Set(world.transactions.map((transaction) => transaction.merchantId));
    for (const instance of world.truth) {
      const subjectSeen = accounts.has(instance.subjectId) || merchants.has(instance.subjectId);
      expect(subjectSeen, `${instance.typology} ${instance.subjectId}`).toBe(true);
      expect(instance.accounts.length, instance.typology).toBeGreaterThan(0);
      for (const account of instance.accounts) expect(accounts.has(account), account).toBe(true);
    }
  });

  it('makes amounts positive integers in minor units, times in order within the world, unique ids', () => {
    const end = WORLD_START + options.days * 86_400_000;
    let previous = -Infinity;
    for (const transaction of world.transactions) {
      expect(Number.isInteger(transaction.amount) && transaction.amount > 0, transaction.id).toBe(true);
      expect(transaction.time).toBeGreaterThanOrEqual(previous);
      expect(transaction.time).toBeGreaterThanOrEqual(WORLD_START);
      expect(transaction.time).toBeLessThan(end);
      expect(CHANNELS).toContain(transaction.channel);
      expect(transaction.localHour).toBeGreaterThanOrEqual(0);
      expect(transaction.localHour).toBeLessThan(24);
      previous = transaction.time;
    }
    expect(new Set(world.transactions.map((transaction) => transaction.id)).size).toBe(world.transactions.length);
  });

  it('makes about the asked number of background transactions per account and day', () => {
    const perAccountPerDay = world.transactions.length / (options.accounts * options.days);
    expect(perAccountPerDay).toBeGreaterThan(0.7);
    expect(perAccountPerDay).toBeLessThan(1.3);
  });

  it('keeps hair salons to the daytime in the background', () => {
    const planted = new Set(world.truth.map((instance) => instance.subjectId));
    const salons = world.transactions.filter(
      (transaction) => transaction.merchantCategory === '7230' && !planted.has(transaction.merchantId ?? ''),
    );
    expect(salons.length).toBeGreaterThan(0);
    for (const payment of salons) expect(payment.localHour).toBeGreaterThanOrEqual(8);
    for (const payment of salons) expect(payment.localHour).toBeLessThan(21);
  });

  it('writes each transaction as a Payment record the monitoring engine reads back the same', () => {
    for (const transaction of world.transactions.slice(0, 2_000)) {
      const record = paymentRecordOf(transaction);
      expect(record.type).toBe('Payment');
      const read = transactionOfPayment({ id: record.sourceRecordId, properties: record.properties });
      expect(read).toMatchObject({
        id: transaction.id,
        time: transaction.time,
        localHour: transaction.localHour,
        amount: transaction.amount,
        payerAccount: transaction.payerAccount,
        payeeAccount: transaction.payeeAccount,
        payerName: transaction.payerName,
        payeeName: transaction.payeeName,
        payerCountry: transaction.payerCountry,
        merchantId: transaction.merchantId,
        merchantCategory: transaction.merchantCategory,
        channel: transaction.channel,
        city: transaction.city,
        payeeCountry: transaction.payeeCountry,
        card: transaction.card,
      });
    }
  });
});
