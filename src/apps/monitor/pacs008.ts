/**
 * ISO 20022 pacs.008 (FIToFICustomerCreditTransfer, any version from .001.02 to .001.12) read as
 * the monitoring's transactions: one per CdtTrfTxInf, elements read by local name whatever the
 * namespace. A transaction that cannot be read is a Pacs008Error naming its position, its id when
 * known, the element and its line; nothing is guessed.
 */
import { hourAsWritten, type Transaction } from '../../domain/monitoring/index.ts';
import { childOf, childrenOf, elementAt, type XmlElement } from '../../adapters/files/xml.ts';
import { minorUnits } from './minor-units.ts';

/** A pacs.008 message that cannot be read as transactions. */
export class Pacs008Error extends Error {
  override readonly name = 'Pacs008Error';
}

/** The transactions of a message, and the time of each as written (for the alerts file). */
export interface Pacs008Transactions {
  readonly transactions: Transaction[];
  readonly written: Map<string, string>;
}

/** An end-to-end id sent when the debtor gave none; it names nothing. */
const NOT_PROVIDED = 'NOTPROVIDED';
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))?$/u;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;
const AMOUNT = /^\d+(?:\.\d+)?$/u;
const BIC = /^[A-Z0-9]{4}([A-Z]{2})[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/u;
const COUNTRY = /^[A-Z]{2}$/u;

/** The message element of a document that is a pacs.008, or undefined when it is not one. */
export function pacs008Message(root: XmlElement): XmlElement | undefined {
  return root.name === 'Document' ? childOf(root, 'FIToFICstmrCdtTrf') : undefined;
}

/** The trimmed text of an element, undefined when it is absent or blank. */
function textOf(element: XmlElement | undefined): string | undefined {
  const text = element?.text.trim();
  return text === undefined || text === '' ? undefined : text;
}

/** Whether a calendar date exists (no 30 February). */
function isRealDate(year: string, month: string, day: string): boolean {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return date.getUTCMonth() === Number(month) - 1 && date.getUTCDate() === Number(day);
}

/**
 * Reads every CdtTrfTxInf of a pacs.008 document as a transaction; `source` (the file) opens
 * every error message.
 */
export function pacs008Transactions(root: XmlElement, source: string): Pacs008Transactions {
  const message = pacs008Message(root);
  if (message === undefined) {
    throw new Pacs008Error(`${source}: the root is <${root.name}>, not a pacs.008 <Document> with <FIToFICstmrCdtTrf>`);
  }
  const header = childOf(message, 'GrpHdr');
  const entries = childrenOf(message, 'CdtTrfTxInf');
  if (entries.length === 0) throw new Pacs008Error(`${source}: FIToFICstmrCdtTrf has no CdtTrfTxInf`);
  const count = header === undefined ? undefined : childOf(header, 'NbOfTxs');
  const countText = textOf(count);
  if (count !== undefined && countText !== String(entries.length)) {
    throw new Pacs008Error(
      `${source}, line ${count.line}: GrpHdr/NbOfTxs is "${countText ?? ''}" but the message has ${entries.length} CdtTrfTxInf`,
    );
  }

  const transactions: Transaction[] = [];
  const written = new Map<string, string>();
  entries.forEach((entry, index) => {
    const position = index + 1;
    const paymentId = childOf(entry, 'PmtId');
    const endToEnd = textOf(elementAt(entry, 'PmtId/EndToEndId'));
    const idCandidates: [string, string | undefined][] = [
      ['TxId', textOf(elementAt(entry, 'PmtId/TxId'))],
      ['EndToEndId', endToEnd === NOT_PROVIDED ? undefined : endToEnd],
      ['InstrId', textOf(elementAt(entry, 'PmtId/InstrId'))],
      ['UETR', textOf(elementAt(entry, 'PmtId/UETR'))],
    ];
    const found = idCandidates.find(([, value]) => value !== undefined);
    const label = `${source}, transaction ${position}${found === undefined ? '' : ` (${found[0]} "${found[1] ?? ''}")`}`;
    const refuse: (element: XmlElement | undefined, message: string) => never = (element, message) => {
      throw new Pacs008Error(`${label}, line ${(element ?? entry).line}: ${message}`);
    };
    if (found?.[1] === undefined) {
      return refuse(
        paymentId,
        paymentId === undefined
          ? 'there is no PmtId to name the transaction'
          : `PmtId has no TxId, EndToEndId (other than ${NOT_PROVIDED}), InstrId or UETR`,
      );
    }
    const id = found[1];
    if (written.has(id)) refuse(paymentId, `${found[0]} "${id}" is the id of an earlier transaction`);

    // The time: accepted, else the message's creation, else the settlement date (at midnight UTC, no hour).
    const accepted = childOf(entry, 'AccptncDtTm');
    const created = header === undefined ? undefined : childOf(header, 'CreDtTm');
    const settled =
      childOf(entry, 'IntrBkSttlmDt') ?? (header === undefined ? undefined : childOf(header, 'IntrBkSttlmDt'));
    let stamp: string;
    let time: number;
    let localHour: number | undefined;
    const timeElement = accepted ?? created;
    if (timeElement !== undefined) {
      const what = timeElement === accepted ? 'AccptncDtTm' : 'GrpHdr/CreDtTm';
      stamp = textOf(timeElement) ?? refuse(timeElement, `${what} is empty`);
      const match = DATE_TIME.exec(stamp);
      time = Date.parse(stamp);
      const [, year = '', month = '', day = '', hour = '', minute = '', second = '', offsetHours, offsetMinutes] =
        match ?? [];
      if (
        match === null ||
        !isRealDate(year, month, day) ||
        Number(hour) > 23 ||
        Number(minute) > 59 ||
        Number(second) > 59 ||
        Number(offsetHours ?? 0) > 14 ||
        Number(offsetMinutes ?? 0) > 59 ||
        !Number.isFinite(time)
      ) {
        return refuse(timeElement, `${what} "${stamp}" is not an ISO 8601 date and time (2026-03-02T10:15:00+01:00)`);
      }
      localHour = hourAsWritten(stamp);
    } else if (settled !== undefined) {
      stamp = textOf(settled) ?? refuse(settled, 'IntrBkSttlmDt is empty');
      const match = DATE.exec(stamp);
      if (match === null || !isRealDate(match[1] ?? '', match[2] ?? '', match[3] ?? '')) {
        return refuse(settled, `IntrBkSttlmDt "${stamp}" is not an ISO 8601 date (2026-03-02)`);
      }
      time = Date.parse(`${stamp}T00:00:00Z`);
      localHour = undefined;
    } else {
      return refuse(entry, 'there is no AccptncDtTm, GrpHdr/CreDtTm or IntrBkSttlmDt to date the transaction');
    }

    // The amount: settled between the banks, else as instructed; in the currency's minor units.
    const amountElement =
      childOf(entry, 'IntrBkSttlmAmt') ??
      childOf(entry, 'InstdAmt') ??
      refuse(entry, 'there is neither IntrBkSttlmAmt nor InstdAmt');
    const amountName = amountElement.name;
    const amountText = amountElement.text.trim();
    if (!AMOUNT.test(amountText) || !Number.isFinite(Number(amountText))) {
      refuse(amountElement, `${amountName} "${amountText}" is not an amount (a decimal number such as 1250.00)`);
    }
    const currency = amountElement.attributes.get('Ccy')?.trim();
    if (currency === undefined) refuse(amountElement, `${amountName} has no Ccy attribute`);
    else if (!/^[A-Z]{3}$/u.test(currency)) {
      refuse(amountElement, `${amountName} Ccy "${currency}" is not an ISO 4217 code`);
    }

    const account = (party: 'Dbtr' | 'Cdtr'): string | undefined =>
      textOf(elementAt(entry, `${party}Acct/Id/IBAN`)) ?? textOf(elementAt(entry, `${party}Acct/Id/Othr/Id`));
    // The party's country in its address, else the country of its agent's BIC (letters 5 and 6).
    const country = (party: 'Dbtr' | 'Cdtr'): string | undefined => {
      const addressed = elementAt(entry, `${party}/PstlAdr/Ctry`);
      const written = textOf(addressed);
      if (written !== undefined) {
        if (!COUNTRY.test(written))
          refuse(addressed, `${party}/PstlAdr/Ctry "${written}" is not an ISO 3166 alpha-2 code`);
        return written;
      }
      const institution = elementAt(entry, `${party}Agt/FinInstnId`);
      // BICFI since pacs.008.001.03; BIC before.
      const bicElement =
        institution === undefined ? undefined : (childOf(institution, 'BICFI') ?? childOf(institution, 'BIC'));
      const bic = textOf(bicElement);
      if (bic === undefined) return undefined;
      const match = BIC.exec(bic);
      if (match === null)
        return refuse(bicElement, `${party}Agt/FinInstnId/${bicElement?.name ?? 'BICFI'} "${bic}" is not a BIC`);
      return match[1];
    };

    transactions.push({
      id,
      time,
      localHour,
      amount: minorUnits(Number(amountText), currency),
      currency,
      payerAccount: account('Dbtr'),
      payeeAccount: account('Cdtr'),
      payerName: textOf(elementAt(entry, 'Dbtr/Nm')),
      payeeName: textOf(elementAt(entry, 'Cdtr/Nm')),
      channel: 'wire',
      payerCountry: country('Dbtr'),
      payeeCountry: country('Cdtr'),
      city: textOf(elementAt(entry, 'Cdtr/PstlAdr/TwnNm')),
    });
    written.set(id, stamp);
  });
  return { transactions, written };
}
