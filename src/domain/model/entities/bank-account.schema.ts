import { defineEntity } from '../entity.ts';
import { p } from '../property.ts';

/** A bank or payment-service account. */
export const BankAccount = defineEntity({
  name: 'BankAccount',
  label: 'Bank account',
  description: 'An account at a bank, money-transfer or mobile-money provider.',
  kind: 'thing',
  ftm: 'BankAccount',
  personal: true,
  caption: ['iban', 'accountNumber'],
  properties: {
    iban: p.identifier('IBAN', { matchable: true, ftm: 'iban' }),
    accountNumber: p.identifier('Account number', { matchable: true, ftm: 'accountNumber' }),
    bic: p.identifier('BIC', { ftm: 'bic' }),
    bankName: p.name('Institution', { ftm: 'bankName' }),
    accountType: p.enum('Account type', ['current', 'savings', 'business', 'mobile_money', 'prepaid', 'other'], {
      ftm: 'accountType',
    }),
    country: p.country('Country', { ftm: 'country' }),
    currency: p.currency('Currency', { ftm: 'currency' }),
    holder: p.entity('Holder', ['Person', 'Organization']),
    holderName: p.name('Name of the holder', { many: true, matchable: true }),
    openingDate: p.date('Opened', { ftm: 'openingDate' }),
    closingDate: p.date('Closed', { ftm: 'closingDate' }),
  },
});
