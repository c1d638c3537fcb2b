import { describe, expect, it } from 'vitest';
import { parseXml } from '../../adapters/files/xml.ts';
import { pacs008Message, pacs008Transactions, Pacs008Error } from './pacs008.ts';

/** A bank's outgoing batch as a pacs.008.001.08: three customer transfers settled through TARGET2. */
const SAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <FIToFICstmrCdtTrf>
    <GrpHdr>
      <MsgId>NBKDEFF-20260302-0041</MsgId>
      <CreDtTm>2026-03-02T18:40:12.512+01:00</CreDtTm>
      <NbOfTxs>3</NbOfTxs>
      <SttlmInf>
        <SttlmMtd>CLRG</SttlmMtd>
        <ClrSys><Cd>TGT</Cd></ClrSys>
      </SttlmInf>
    </GrpHdr>
    <CdtTrfTxInf>
      <PmtId>
        <InstrId>NBK-I-88121</InstrId>
        <EndToEndId>INV-2026-0301</EndToEndId>
        <TxId>NBK-TX-88121</TxId>
        <UETR>4d1f7c52-8a0e-4a55-9d1b-4f0b7f3a9e11</UETR>
      </PmtId>
      <PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf>
      <IntrBkSttlmAmt Ccy="EUR">1250.00</IntrBkSttlmAmt>
      <IntrBkSttlmDt>2026-03-03</IntrBkSttlmDt>
      <AccptncDtTm>2026-03-02T10:15:00+01:00</AccptncDtTm>
      <InstdAmt Ccy="EUR">1250.00</InstdAmt>
      <ChrgBr>SLEV</ChrgBr>
      <InstgAgt><FinInstnId><BICFI>NBKDDEFFXXX</BICFI></FinInstnId></InstgAgt>
      <InstdAgt><FinInstnId><BICFI>BKAUATWWXXX</BICFI></FinInstnId></InstdAgt>
      <Dbtr>
        <Nm>Jana Novak</Nm>
        <PstlAdr><StrtNm>Hauptstrasse</StrtNm><BldgNb>12</BldgNb><PstCd>60311</PstCd><TwnNm>Frankfurt am Main</TwnNm><Ctry>DE</Ctry></PstlAdr>
      </Dbtr>
      <DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct>
      <DbtrAgt><FinInstnId><BICFI>NBKDDEFFXXX</BICFI></FinInstnId></DbtrAgt>
      <CdtrAgt><FinInstnId><BICFI>BKAUATWWXXX</BICFI></FinInstnId></CdtrAgt>
      <Cdtr>
        <Nm>Wellness &amp; Spa Mayer KG</Nm>
        <PstlAdr><TwnNm>Wien</TwnNm><Ctry>AT</Ctry></PstlAdr>
      </Cdtr>
      <CdtrAcct><Id><IBAN>AT611904300234573201</IBAN></Id></CdtrAcct>
      <RmtInf><Ustrd>Invoice 2026-0301</Ustrd></RmtInf>
    </CdtTrfTxInf>
    <CdtTrfTxInf>
      <PmtId>
        <InstrId>NBK-I-88122</InstrId>
        <EndToEndId>NOTPROVIDED</EndToEndId>
        <TxId>NBK-TX-88122</TxId>
      </PmtId>
      <IntrBkSttlmAmt Ccy="EUR">9800.5</IntrBkSttlmAmt>
      <IntrBkSttlmDt>2026-03-03</IntrBkSttlmDt>
      <ChrgBr>SHAR</ChrgBr>
      <Dbtr><Nm>Adler Logistik GmbH</Nm></Dbtr>
      <DbtrAcct><Id><Othr><Id>0532013001</Id><SchmeNm><Cd>BBAN</Cd></SchmeNm></Othr></Id></DbtrAcct>
      <DbtrAgt><FinInstnId><BICFI>NBKDDEFF</BICFI></FinInstnId></DbtrAgt>
      <CdtrAgt><FinInstnId><BICFI>ISBKTRISXXX</BICFI></FinInstnId></CdtrAgt>
      <Cdtr><Nm>Yildiz Tekstil Ltd</Nm></Cdtr>
      <CdtrAcct><Id><IBAN>TR330006100519786457841326</IBAN></Id></CdtrAcct>
    </CdtTrfTxInf>
    <CdtTrfTxInf>
      <PmtId>
        <EndToEndId>RENT-03-2026</EndToEndId>
      </PmtId>
      <IntrBkSttlmAmt Ccy="JPY">185000</IntrBkSttlmAmt>
      <AccptncDtTm>2026-03-02T23:05:30Z</AccptncDtTm>
      <Dbtr><Nm>Tomas Berger</Nm><PstlAdr><Ctry>DE</Ctry></PstlAdr></Dbtr>
      <DbtrAcct><Id><IBAN>DE44500105175407324931</IBAN></Id></DbtrAcct>
      <DbtrAgt><FinInstnId><BICFI>NBKDDEFFXXX</BICFI></FinInstnId></DbtrAgt>
      <CdtrAgt><FinInstnId><BICFI>MHCBJPJTXXX</BICFI></FinInstnId></CdtrAgt>
      <Cdtr><Nm>Sakura Housing KK</Nm><PstlAdr><TwnNm>Osaka</TwnNm></PstlAdr></Cdtr>
      <CdtrAcct><Id><Othr><Id>1234567</Id></Othr></Id></CdtrAcct>
    </CdtTrfTxInf>
  </FIToFICstmrCdtTrf>
</Document>
`;

const read = (document: string) => pacs008Transactions(parseXml(document), 'TX.xml');

/** A one-transaction message with what a test gives in its header and its CdtTrfTxInf. */
function single(entry: string, header = '<CreDtTm>2026-03-02T09:00:00Z</CreDtTm>', namespace = '001.08'): string {
  return (
    `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.${namespace}"><FIToFICstmrCdtTrf>` +
    `<GrpHdr><MsgId>M-1</MsgId>${header}</GrpHdr>` +
    `<CdtTrfTxInf>\n${entry}\n</CdtTrfTxInf></FIToFICstmrCdtTrf></Document>`
  );
}
const AMOUNT = '<IntrBkSttlmAmt Ccy="EUR">10.00</IntrBkSttlmAmt>';
const ID = '<PmtId><EndToEndId>E-1</EndToEndId><TxId>T-1</TxId></PmtId>';

function errorOf(document: string): string {
  try {
    read(document);
  } catch (error) {
    if (error instanceof Pacs008Error) return error.message;
    throw error;
  }
  throw new Error('read without an error');
}

describe('pacs008Transactions', () => {
  it('reads each CdtTrfTxInf of a pacs.008.001.08 as a wire transfer, with its time as written', () => {
    const { transactions, written } = read(SAMPLE);
    expect(transactions).toEqual([
      {
        id: 'NBK-TX-88121',
        time: Date.parse('2026-03-02T09:15:00Z'),
        localHour: 10,
        amount: 125_000,
        currency: 'EUR',
        payerAccount: 'DE89370400440532013000',
        payeeAccount: 'AT611904300234573201',
        payerName: 'Jana Novak',
        payeeName: 'Wellness & Spa Mayer KG',
        channel: 'wire',
        payerCountry: 'DE',
        payeeCountry: 'AT',
        city: 'Wien',
      },
      {
        id: 'NBK-TX-88122',
        time: Date.parse('2026-03-02T17:40:12.512Z'),
        localHour: 18,
        amount: 980_050,
        currency: 'EUR',
        payerAccount: '0532013001',
        payeeAccount: 'TR330006100519786457841326',
        payerName: 'Adler Logistik GmbH',
        payeeName: 'Yildiz Tekstil Ltd',
        channel: 'wire',
        payerCountry: 'DE',
        payeeCountry: 'TR',
        city: undefined,
      },
      {
        id: 'RENT-03-2026',
        time: Date.parse('2026-03-02T23:05:30Z'),
        localHour: 23,
        amount: 185_000,
        currency: 'JPY',
        payerAccount: 'DE44500105175407324931',
        payeeAccount: '1234567',
        payerName: 'Tomas Berger',
        payeeName: 'Sakura Housing KK',
        channel: 'wire',
        payerCountry: 'DE',
        payeeCountry: 'JP',
        city: 'Osaka',
      },
    ]);
    expect([...written]).toEqual([
      ['NBK-TX-88121', '2026-03-02T10:15:00+01:00'],
      ['NBK-TX-88122', '2026-03-02T18:40:12.512+01:00'],
      ['RENT-03-2026', '2026-03-02T23:05:30Z'],
    ]);
  });

  it('reads the message of any version by local names, prefixed or not, and BIC as older versions name it', () => {
    const older = [
      '<p:Document xmlns:p="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.02">',
      '<p:FIToFICstmrCdtTrf><p:GrpHdr><p:CreDtTm>2026-03-02T09:00:00</p:CreDtTm><p:NbOfTxs>1</p:NbOfTxs></p:GrpHdr>',
      '<p:CdtTrfTxInf><p:PmtId><p:EndToEndId>E-9</p:EndToEndId><p:TxId>T-9</p:TxId></p:PmtId>',
      '<p:IntrBkSttlmAmt Ccy="GBP">75.10</p:IntrBkSttlmAmt>',
      '<p:DbtrAgt><p:FinInstnId><p:BIC>BARCGB22</p:BIC></p:FinInstnId></p:DbtrAgt>',
      '<p:CdtrAgt><p:FinInstnId><p:BIC>BNPAFRPPXXX</p:BIC></p:FinInstnId></p:CdtrAgt>',
      '</p:CdtTrfTxInf></p:FIToFICstmrCdtTrf></p:Document>',
    ].join('\n');
    expect(read(older).transactions).toMatchObject([
      { id: 'T-9', amount: 7510, currency: 'GBP', payerCountry: 'GB', payeeCountry: 'FR', localHour: 9 },
    ]);
    expect(read(single(`${ID}${AMOUNT}`, undefined, '001.12')).transactions).toMatchObject([{ id: 'T-1' }]);
    expect(
      pacs008Message(
        parseXml('<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.009.001.08"><FICdtTrf/></Document>'),
      ),
    ).toBeUndefined();
  });

  it.each([
    ['TxId', '<PmtId><InstrId>I</InstrId><EndToEndId>E</EndToEndId><TxId>T</TxId><UETR>U</UETR></PmtId>', 'T'],
    ['EndToEndId without a TxId', '<PmtId><InstrId>I</InstrId><EndToEndId>E</EndToEndId><UETR>U</UETR></PmtId>', 'E'],
    [
      'InstrId when the EndToEndId is NOTPROVIDED',
      '<PmtId><InstrId>I</InstrId><EndToEndId>NOTPROVIDED</EndToEndId><UETR>U</UETR></PmtId>',
      'I',
    ],
    ['UETR as the last resort', '<PmtId><EndToEndId>NOTPROVIDED</EndToEndId><TxId> </TxId><UETR>U</UETR></PmtId>', 'U'],
  ])('takes the id from %s', (_case, paymentId, id) => {
    expect(read(single(`${paymentId}${AMOUNT}`)).transactions[0]?.id).toBe(id);
  });

  it('dates a transaction by its acceptance, else the message’s creation, else its settlement date at midnight UTC without an hour', () => {
    const dated = (entry: string, header?: string) => {
      const { transactions, written } = read(single(`${ID}${AMOUNT}${entry}`, header));
      return { time: transactions[0]?.time, localHour: transactions[0]?.localHour, written: written.get('T-1') };
    };
    expect(dated('<AccptncDtTm>2026-03-01T22:30:00-05:00</AccptncDtTm>')).toEqual({
      time: Date.parse('2026-03-02T03:30:00Z'),
      localHour: 22,
      written: '2026-03-01T22:30:00-05:00',
    });
    expect(dated('<IntrBkSttlmDt>2026-03-05</IntrBkSttlmDt>')).toEqual({
      time: Date.parse('2026-03-02T09:00:00Z'),
      localHour: 9,
      written: '2026-03-02T09:00:00Z',
    });
    expect(dated('<IntrBkSttlmDt>2026-03-05</IntrBkSttlmDt>', '<MsgId>x</MsgId>')).toEqual({
      time: Date.UTC(2026, 2, 5),
      localHour: undefined,
      written: '2026-03-05',
    });
    expect(dated('', '<IntrBkSttlmDt>2026-03-06</IntrBkSttlmDt>')).toEqual({
      time: Date.UTC(2026, 2, 6),
      localHour: undefined,
      written: '2026-03-06',
    });
  });

  it('takes the settled amount, else the instructed one, in the minor units of its currency', () => {
    const amount = (entry: string) => read(single(`${ID}${entry}`)).transactions[0];
    expect(amount('<IntrBkSttlmAmt Ccy="EUR">12.5</IntrBkSttlmAmt><InstdAmt Ccy="USD">14</InstdAmt>')).toMatchObject({
      amount: 1250,
      currency: 'EUR',
    });
    expect(amount('<InstdAmt Ccy="KWD">1.234</InstdAmt>')).toMatchObject({ amount: 1234, currency: 'KWD' });
  });

  it('takes accounts by IBAN else other id, and countries from the address else the agent’s BIC', () => {
    const parties = (entry: string) => read(single(`${ID}${AMOUNT}${entry}`)).transactions[0];
    expect(
      parties(
        '<DbtrAcct><Id><IBAN>DE1</IBAN><Othr><Id>no</Id></Othr></Id></DbtrAcct>' +
          '<CdtrAcct><Id><Othr><Id>ACC-9</Id></Othr></Id></CdtrAcct>' +
          '<Dbtr><PstlAdr><Ctry>FR</Ctry></PstlAdr></Dbtr><DbtrAgt><FinInstnId><BICFI>DEUTDEFF</BICFI></FinInstnId></DbtrAgt>' +
          '<CdtrAgt><FinInstnId><BICFI>AKBKTRIS</BICFI></FinInstnId></CdtrAgt>',
      ),
    ).toMatchObject({ payerAccount: 'DE1', payeeAccount: 'ACC-9', payerCountry: 'FR', payeeCountry: 'TR' });
    expect(parties('')).toMatchObject({
      payerAccount: undefined,
      payeeAccount: undefined,
      payerCountry: undefined,
      payeeCountry: undefined,
      payerName: undefined,
      city: undefined,
    });
  });

  it.each([
    [
      'a document that is not a pacs.008',
      '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt/></Document>',
      'TX.xml: the root is <Document>, not a pacs.008 <Document> with <FIToFICstmrCdtTrf>',
    ],
    [
      'a message without transactions',
      '<Document><FIToFICstmrCdtTrf><GrpHdr/></FIToFICstmrCdtTrf></Document>',
      'TX.xml: FIToFICstmrCdtTrf has no CdtTrfTxInf',
    ],
    [
      'a count the message does not hold',
      single(`${ID}${AMOUNT}`, '<NbOfTxs>2</NbOfTxs>'),
      'TX.xml, line 1: GrpHdr/NbOfTxs is "2" but the message has 1 CdtTrfTxInf',
    ],
    [
      'a transaction without an id',
      single(`<PmtId><EndToEndId>NOTPROVIDED</EndToEndId></PmtId>${AMOUNT}`),
      'TX.xml, transaction 1, line 2: PmtId has no TxId, EndToEndId (other than NOTPROVIDED), InstrId or UETR',
    ],
    [
      'a transaction without PmtId',
      single(AMOUNT),
      'TX.xml, transaction 1, line 1: there is no PmtId to name the transaction',
    ],
    [
      'a time that is not one',
      single(`${ID}${AMOUNT}<AccptncDtTm>2026-02-30T10:00:00</AccptncDtTm>`),
      'TX.xml, transaction 1 (TxId "T-1"), line 2: AccptncDtTm "2026-02-30T10:00:00" is not an ISO 8601 date and time (2026-03-02T10:15:00+01:00)',
    ],
    [
      'a creation time that is not one',
      single(`${ID}${AMOUNT}`, '<CreDtTm>yesterday</CreDtTm>'),
      'TX.xml, transaction 1 (TxId "T-1"), line 1: GrpHdr/CreDtTm "yesterday" is not an ISO 8601 date and time (2026-03-02T10:15:00+01:00)',
    ],
    [
      'an empty acceptance time',
      single(`${ID}${AMOUNT}<AccptncDtTm> </AccptncDtTm>`),
      'TX.xml, transaction 1 (TxId "T-1"), line 2: AccptncDtTm is empty',
    ],
    [
      'a settlement date that is not one',
      single(`${ID}${AMOUNT}<IntrBkSttlmDt>05/03/2026</IntrBkSttlmDt>`, ''),
      'TX.xml, transaction 1 (TxId "T-1"), line 2: IntrBkSttlmDt "05/03/2026" is not an ISO 8601 date (2026-03-02)',
    ],
    [
      'no time at all',
      single(`${ID}${AMOUNT}`, ''),
      'TX.xml, transaction 1 (TxId "T-1"), line 1: there is no AccptncDtTm, GrpHdr/CreDtTm or IntrBkSttlmDt to date the transaction',
    ],
    [
      'an amount that is not one',
      single(`${ID}<IntrBkSttlmAmt Ccy="EUR">1,250.00</IntrBkSttlmAmt>`),
      'TX.xml, transaction 1 (TxId "T-1"), line 2: IntrBkSttlmAmt "1,250.00" is not an amount (a decimal number such as 1250.00)',
    ],
    [
      'a negative instructed amount',
      single(`${ID}<InstdAmt Ccy="EUR">-5</InstdAmt>`),
      'TX.xml, transaction 1 (TxId "T-1"), line 2: InstdAmt "-5" is not an amount (a decimal number such as 1250.00)',
    ],
    [
      'no amount',
      single(ID),
      'TX.xml, transaction 1 (TxId "T-1"), line 1: there is neither IntrBkSttlmAmt nor InstdAmt',
    ],
    [
      'an amount without currency',
      single(`${ID}<IntrBkSttlmAmt>10</IntrBkSttlmAmt>`),
      'TX.xml, transaction 1 (TxId "T-1"), line 2: IntrBkSttlmAmt has no Ccy attribute',
    ],
    [
      'a currency that is not one',
      single(`${ID}<IntrBkSttlmAmt Ccy="euro">10</IntrBkSttlmAmt>`),
      'TX.xml, transaction 1 (TxId "T-1"), line 2: IntrBkSttlmAmt Ccy "euro" is not an ISO 4217 code',
    ],
    [
      'a country that is not one',
      single(`${ID}${AMOUNT}\n<Cdtr><PstlAdr><Ctry>Germany</Ctry></PstlAdr></Cdtr>`),
      'TX.xml, transaction 1 (TxId "T-1"), line 3: Cdtr/PstlAdr/Ctry "Germany" is not an ISO 3166 alpha-2 code',
    ],
    [
      'a BIC that is not one',
      single(`${ID}${AMOUNT}\n<DbtrAgt><FinInstnId><BICFI>NBK-DE</BICFI></FinInstnId></DbtrAgt>`),
      'TX.xml, transaction 1 (TxId "T-1"), line 3: DbtrAgt/FinInstnId/BICFI "NBK-DE" is not a BIC',
    ],
  ])('refuses %s', (_case, document, message) => {
    expect(errorOf(document)).toBe(message);
  });

  it('names the position and id of a later transaction, and refuses an id given twice', () => {
    const broken = SAMPLE.replace(
      '<IntrBkSttlmAmt Ccy="JPY">185000</IntrBkSttlmAmt>',
      '<IntrBkSttlmAmt Ccy="JPY">many</IntrBkSttlmAmt>',
    );
    expect(errorOf(broken)).toBe(
      'TX.xml, transaction 3 (EndToEndId "RENT-03-2026"), line 62: IntrBkSttlmAmt "many" is not an amount (a decimal number such as 1250.00)',
    );
    const twice = SAMPLE.replace('<TxId>NBK-TX-88122</TxId>', '<TxId>NBK-TX-88121</TxId>');
    expect(errorOf(twice)).toBe(
      'TX.xml, transaction 2 (TxId "NBK-TX-88121"), line 43: TxId "NBK-TX-88121" is the id of an earlier transaction',
    );
  });
});
