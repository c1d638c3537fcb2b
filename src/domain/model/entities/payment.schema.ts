import { defineEntity } from '../entity.ts';
import { p } from '../property.ts';

/** Payment channels. */
export const PAYMENT_CHANNELS = [
  'card_present',
  'card_not_present',
  'transfer',
  'wire',
  'cash',
  'prepaid',
  'mobile_money',
  'crypto',
  'cheque',
  'other',
] as const;

/** A payment from a payer to a payee, an edge in the graph (FtM Payment). */
export const Payment = defineEntity({
  name: 'Payment',
  label: 'Payment',
  description: 'A payment: amount in minor units, currency, time, payer, payee, merchant category and channel.',
  kind: 'relationship',
  ftm: 'Payment',
  personal: true,
  caption: ['reference', 'merchantName'],
  edge: { source: 'payer', target: 'payee' },
  properties: {
    payer: p.entity('Payer', ['Person', 'Organization'], { ftm: 'payer' }),
    payee: p.entity('Payee', ['Person', 'Organization'], { ftm: 'beneficiary' }),
    payerAccount: p.entity('Payer account', ['BankAccount', 'PaymentInstrument'], { ftm: 'payerAccount' }),
    payeeAccount: p.entity('Payee account', ['BankAccount', 'PaymentInstrument'], { ftm: 'beneficiaryAccount' }),
    payerName: p.name('Name of the payer as written (a depositor, a sender)', { matchable: true }),
    payeeName: p.name('Name of the payee as written (a beneficiary, a passenger)', { matchable: true }),
    payerCountry: p.country('Country the payment was sent from'),
    payeeCountry: p.country('Country the payment was sent to'),
    amount: p.amount('Amount in minor units', { required: true, ftm: 'amount' }),
    currency: p.currency('Currency', { required: true, ftm: 'currency' }),
    occurredAt: p.datetime('Time', { required: true, ftm: 'date' }),
    merchantCategory: p.identifier('Merchant category code (ISO 18245)'),
    merchantName: p.name('Merchant name', { matchable: true }),
    channel: p.enum('Channel', PAYMENT_CHANNELS),
    reference: p.identifier('Transaction reference', { ftm: 'transactionNumber' }),
    description: p.text('Purpose as written', { ftm: 'purpose' }),
    city: p.name('City'),
    country: p.country('Country'),
    deviceId: p.identifier('Device identifier'),
  },
});
