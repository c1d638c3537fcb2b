/** `weft monitor` as other tools run it: the exact command line, the alerts file and errors. */
import { parse } from 'csv-parse/sync';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runWeft } from '../../../../test/support/cli.ts';
import { ALERTS_HEADER } from '../../monitor/index.ts';

const folder = mkdtempSync(join(tmpdir(), 'weft-monitor-command-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const path = join(folder, name);
  writeFileSync(path, text);
  return path;
}

/** A bank's export: its own column names, a sum split three ways on one day among ordinary payments. */
const transactions = file(
  'tx.csv',
  [
    ' Ref , When , Value , Ccy , From , To , Kind ',
    't1,2026-03-02T10:15:00+01:00,120.00,EUR,ACC-1,ACC-9,transfer',
    't2,2026-03-02T10:20:00+01:00,121.50,EUR,ACC-1,ACC-9,transfer',
    't3,2026-03-02T11:05:00+01:00,119.75,EUR,ACC-1,ACC-9,transfer',
    't4,2026-03-03T09:00:00+01:00,64.10,EUR,ACC-2,ACC-3,card',
    't5,2026-03-05T09:00:00+01:00,980.00,EUR,ACC-4,ACC-5,transfer',
  ].join('\n'),
);
const map = file(
  'map.json',
  JSON.stringify({
    fields: {
      transaction_id: 'Ref',
      timestamp: 'When',
      amount: 'Value',
      currency: 'Ccy',
      payer_account: 'From',
      payee_account: 'To',
      channel: 'Kind',
    },
  }),
);

/** One transfer of the pacs.008 below and of its CSV twin. */
interface Transfer {
  readonly id: string;
  readonly time: string;
  readonly amount: string;
  readonly payer: readonly [account: string, name: string, country: string];
  readonly payee: readonly [account: string, name: string, bic: string, city: string];
}

/** A German bank's transfers: one sum split three ways to Istanbul on one day, and an ordinary payment. */
const transfers: Transfer[] = [
  {
    id: 'NBK-TX-1',
    time: '2026-03-02T10:15:00+01:00',
    amount: '3200.00',
    payer: ['DE89370400440532013000', 'Jana Novak', 'DE'],
    payee: ['TR330006100519786457841326', 'Yildiz Tekstil Ltd', 'ISBKTRISXXX', 'Istanbul'],
  },
  {
    id: 'NBK-TX-2',
    time: '2026-03-02T10:20:00+01:00',
    amount: '3150.50',
    payer: ['DE89370400440532013000', 'Jana Novak', 'DE'],
    payee: ['TR330006100519786457841326', 'Yildiz Tekstil Ltd', 'ISBKTRISXXX', 'Istanbul'],
  },
  {
    id: 'NBK-TX-3',
    time: '2026-03-02T11:05:00+01:00',
    amount: '3180.00',
    payer: ['DE89370400440532013000', 'Jana Novak', 'DE'],
    payee: ['TR330006100519786457841326', 'Yildiz Tekstil Ltd', 'ISBKTRISXXX', 'Istanbul'],
  },
  {
    id: 'NBK-TX-4',
    time: '2026-03-04T11:00:00+01:00',
    amount: '64.10',
    payer: ['DE44500105175407324931', 'Tomas Berger', 'DE'],
    payee: ['AT611904300234573201', 'Hotel Sonne', 'BKAUATWWXXX', 'Wien'],
  },
];

function pacs008(items: readonly Transfer[]): string {
  const entries = items.map(
    ({ id, time, amount, payer, payee }) => `
    <CdtTrfTxInf>
      <PmtId><InstrId>${id}</InstrId><EndToEndId>NOTPROVIDED</EndToEndId><TxId>${id}</TxId></PmtId>
      <IntrBkSttlmAmt Ccy="EUR">${amount}</IntrBkSttlmAmt>
      <IntrBkSttlmDt>${time.slice(0, 10)}</IntrBkSttlmDt>
      <AccptncDtTm>${time}</AccptncDtTm>
      <ChrgBr>SHAR</ChrgBr>
      <Dbtr><Nm>${payer[1]}</Nm><PstlAdr><TwnNm>Frankfurt am Main</TwnNm><Ctry>${payer[2]}</Ctry></PstlAdr></Dbtr>
      <DbtrAcct><Id><IBAN>${payer[0]}</IBAN></Id></DbtrAcct>
      <DbtrAgt><FinInstnId><BICFI>NBKDDEFFXXX</BICFI></FinInstnId></DbtrAgt>
      <CdtrAgt><FinInstnId><BICFI>${payee[2]}</BICFI></FinInstnId></CdtrAgt>
      <Cdtr><Nm>${payee[1]}</Nm><PstlAdr><TwnNm>${payee[3]}</TwnNm></PstlAdr></Cdtr>
      <CdtrAcct><Id><IBAN>${payee[0]}</IBAN></Id></CdtrAcct>
    </CdtTrfTxInf>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08">
  <FIToFICstmrCdtTrf>
    <GrpHdr>
      <MsgId>NBKDEFF-20260304-0007</MsgId>
      <CreDtTm>2026-03-04T18:00:00+01:00</CreDtTm>
      <NbOfTxs>${items.length}</NbOfTxs>
      <SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf>
    </GrpHdr>${entries.join('')}
  </FIToFICstmrCdtTrf>
</Document>
`;
}

describe('weft monitor', { timeout: 120_000 }, () => {
  it('writes the alerts file with its exact header, one row per alert, times as written', async () => {
    const out = join(folder, 'alerts.csv');
    const result = await runWeft(['monitor', '--transactions', transactions, '--config', map, '--out', out], {});
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/monitored 5 transactions in [\d.]+ s: 1 alerts \(structuring 1\)/);
    const text = readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe(ALERTS_HEADER);
    const rows: Record<string, string>[] = parse(text, { columns: true });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      typology: 'structuring',
      subject_type: 'account',
      subject_id: 'ACC-1',
      first_time: '2026-03-02T10:15:00+01:00',
      last_time: '2026-03-02T11:05:00+01:00',
      transaction_count: '3',
      accounts: 'ACC-1 ACC-9',
    });
    expect(rows[0]?.['alert_id']).toMatch(/^ALR-[0-9a-f]{16}$/);
    expect(rows[0]?.['explanation']).toMatch(/Account ACC-1 paid ACC-9 3 times on one day/);

    // The same file again: the same alert, the same id.
    const again = join(folder, 'again.csv');
    await runWeft(['monitor', '--transactions', transactions, '--config', map, '--out', again], {});
    expect(readFileSync(again, 'utf8')).toBe(text);
  });

  it('takes integer steps as days, and columns named as roles without a map', async () => {
    const steps = file(
      'steps.csv',
      [
        'transaction_id,timestamp,amount,payer_account,payee_account',
        'a,7,10.00,X,Y',
        'b,7,10.10,X,Y',
        'b2,7,10.05,X,Y',
        'c,9,300,Z,Y',
      ].join('\n'),
    );
    const out = join(folder, 'steps-alerts.csv');
    const result = await runWeft(['monitor', '--transactions', steps, '--out', out], {});
    expect(result.code, result.stderr).toBe(0);
    const rows: Record<string, string>[] = parse(readFileSync(out, 'utf8'), { columns: true });
    expect(rows.map((row) => [row['subject_id'], row['first_time'], row['last_time']])).toEqual([['X', '7', '7']]);
  });

  it('names the line, the transaction and the field of a row it cannot read, and writes nothing', async () => {
    const bad = file(
      'bad.csv',
      [
        'transaction_id,timestamp,amount,payer_account',
        'a,2026-03-02T10:00:00Z,10.00,X',
        'b,2026-03-02T11:00:00Z,ten,X',
      ].join('\n'),
    );
    const out = join(folder, 'never.csv');
    const result = await runWeft(['monitor', '--transactions', bad, '--out', out], {});
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/line 3 \(transaction b\), amount: "ten" is not an amount/);
    expect(existsSync(out)).toBe(false);

    const wrongMap = file('wrong-map.json', JSON.stringify({ fields: { sender: 'From', timestamp: 'When' } }));
    const refused = await runWeft(['monitor', '--transactions', transactions, '--config', wrongMap, '--out', out], {});
    expect(refused.stderr).toMatch(/unknown role "sender"; the roles are transaction_id, timestamp/);
    const missing = file('missing-map.json', JSON.stringify({ fields: { timestamp: 'When', amount: 'Amount' } }));
    expect(
      (await runWeft(['monitor', '--transactions', transactions, '--config', missing, '--out', out], {})).stderr,
    ).toMatch(/no column "Amount"/);
    const parameters = file('parameters.json', JSON.stringify({ version: 'v2', values: { 'fan_in.min_payers': 1 } }));
    expect(
      (
        await runWeft(
          ['monitor', '--transactions', transactions, '--config', map, '--parameters', parameters, '--out', out],
          {},
        )
      ).stderr,
    ).toMatch(/"fan_in.min_payers" is 1, outside its band 2 to 500/);
  });

  it('reads a pacs.008 message, known by its content, into the same alerts as the same transfers in CSV', async () => {
    // Named .txt: the content, not the name, says what the file is.
    const xml = file('transfers.txt', pacs008(transfers));
    const csv = file(
      'transfers.csv',
      [
        'transaction_id,timestamp,amount,currency,payer_account,payee_account,payer_name,payee_name,channel,payer_country,payee_country,city',
        ...transfers.map(({ id, time, amount, payer, payee }) =>
          [
            id,
            time,
            amount,
            'EUR',
            payer[0],
            payee[0],
            payer[1],
            payee[1],
            'wire',
            payer[2],
            payee[2].slice(4, 6),
            payee[3],
          ].join(','),
        ),
      ].join('\n'),
    );
    const fromXml = join(folder, 'xml-alerts.csv');
    const fromCsv = join(folder, 'csv-alerts.csv');
    const xmlRun = await runWeft(['monitor', '--transactions', xml, '--out', fromXml], {});
    expect(xmlRun.code, xmlRun.stderr).toBe(0);
    const csvRun = await runWeft(['monitor', '--transactions', csv, '--out', fromCsv], {});
    expect(csvRun.code, csvRun.stderr).toBe(0);
    expect(xmlRun.stdout.replace(/in [\d.]+ s/u, '')).toBe(csvRun.stdout.replace(/in [\d.]+ s/u, ''));
    const text = readFileSync(fromXml, 'utf8');
    expect(text).toBe(readFileSync(fromCsv, 'utf8'));
    const rows: Record<string, string>[] = parse(text, { columns: true });
    expect(new Set(rows.map((row) => row['typology']))).toEqual(new Set(['structuring', 'smuggling_corridor']));
    expect(rows.find((row) => row['typology'] === 'structuring')).toMatchObject({
      subject_id: 'DE89370400440532013000',
      first_time: '2026-03-02T10:15:00+01:00',
      last_time: '2026-03-02T11:05:00+01:00',
      transaction_count: '3',
    });
  });

  it('names the transaction and element of a pacs.008 it cannot read, refuses a column map with it, and writes nothing', async () => {
    const out = join(folder, 'never-xml.csv');
    const broken = file(
      'broken.xml',
      pacs008(transfers).replace(
        '<IntrBkSttlmAmt Ccy="EUR">3180.00</IntrBkSttlmAmt>',
        '<IntrBkSttlmAmt Ccy="EUR">3.180,00</IntrBkSttlmAmt>',
      ),
    );
    const result = await runWeft(['monitor', '--transactions', broken, '--out', out], {});
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(
      `${broken}, transaction 3 (TxId "NBK-TX-3"), line 38: IntrBkSttlmAmt "3.180,00" is not an amount (a decimal number such as 1250.00)`,
    );
    expect(existsSync(out)).toBe(false);

    const good = file('good.xml', pacs008(transfers));
    const mapped = await runWeft(['monitor', '--transactions', good, '--config', map, '--out', out], {});
    expect(mapped.code).not.toBe(0);
    expect(mapped.stderr).toContain(
      `${good} is a pacs.008 message, read by its ISO 20022 elements: --config maps the columns of a CSV file and is not taken with it`,
    );

    const camt = file(
      'statement.xml',
      '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt/></Document>',
    );
    expect((await runWeft(['monitor', '--transactions', camt, '--out', out], {})).stderr).toContain(
      `${camt} is XML but not an ISO 20022 pacs.008 message (a <Document> holding <FIToFICstmrCdtTrf>); its root is <Document> in urn:iso:std:iso:20022:tech:xsd:camt.053.001.08`,
    );
    const entity = file('entity.xml', '<!DOCTYPE Document [<!ENTITY x "y">]><Document/>');
    expect((await runWeft(['monitor', '--transactions', entity, '--out', out], {})).stderr).toContain(
      `${entity} is not well-formed XML: line 1, column 1: DOCTYPE and ENTITY declarations are not accepted (no DTD is read)`,
    );
    expect(existsSync(out)).toBe(false);
  });
});
