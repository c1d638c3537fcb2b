/**
 * Normalisers for entity resolution: pure functions that fold names, phones, e-mails, identity
 * documents, bank accounts, addresses and dates into forms that can be compared.
 */
export { jaro, jaroWinkler } from './jaro-winkler.ts';
export {
  latinSkeleton,
  nameSimilarity,
  NAME_SIMILARITY_SETTINGS,
  normaliseName,
  tokenSimilarity,
  tokensSimilarity,
  type NameScriptFamily,
  type NameToken,
  type NormalisedName,
} from './name.ts';
export { extractPhones, foldDigits, normalisePhone, type E164Phone, type ExtractedPhone } from './phone.ts';
export { normaliseEmail } from './email.ts';
export {
  mrzCharacterValue,
  mrzCheckDigit,
  normaliseDocumentNumber,
  parsePassportMrz,
  type MrzDate,
  type PassportMrz,
} from './document.ts';
export { IBAN_LENGTHS, ibanCheckDigits, isValidIban, normaliseBankAccount, normaliseIban, parseIban } from './iban.ts';
export { extractPostcodes, normaliseAddress, type NormalisedAddress } from './address.ts';
export {
  datesAgree,
  formatPartialDate,
  packDate,
  packedDatesAgree,
  parsePartialDate,
  type DateAgreement,
  type PartialDate,
  type PartialDateReadings,
} from './date.ts';
