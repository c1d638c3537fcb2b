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
});
