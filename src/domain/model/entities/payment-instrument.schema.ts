import { defineEntity } from '../entity.ts';
import { p } from '../property.ts';

/** A card, wallet or other instrument; card numbers are never stored, only a fingerprint. */
export const PaymentInstrument = defineEntity({
  name: 'PaymentInstrument',
  label: 'Payment instrument',
  description: 'A card, mobile wallet or crypto wallet, identified by a fingerprint rather than its number.',
  kind: 'thing',
  personal: true,
  caption: ['fingerprint'],
  properties: {
    instrumentType: p.enum('Instrument type', [
      'debit_card',
      'credit_card',
      'prepaid_card',
      'mobile_wallet',
      'crypto_wallet',
      'other',
    ]),
    fingerprint: p.identifier('Fingerprint (a keyed hash of the number)', { required: true, matchable: true }),
    lastDigits: p.identifier('Last four digits'),
    issuer: p.name('Issuer'),
    country: p.country('Country of issue'),
    holder: p.entity('Holder', ['Person', 'Organization']),
    holderName: p.name('Name of the holder', { many: true, matchable: true }),
    account: p.entity('Funding account', ['BankAccount']),
  },
});
