/**
 * `weft monitor` as an application service: reads a CSV file of transactions through a column map
 * (or its columns named as roles), or an ISO 20022 pacs.008 message (XML, known by its content),
 * runs the typology library over them in time order and writes the alerts (`alert_id,typology,
 * subject_type,subject_id,score,first_time,last_time,transaction_count,accounts,explanation`). A
 * row or transaction that cannot be read stops the run with an error naming where it is, its id
 * and the field or element; nothing is written then.
 */
import { parse } from 'csv-parse/sync';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  CHANNELS,
  ConfigError,
  DAY_MS,
  hourAsWritten,
  LIBRARY,
  Monitor,
  type Channel,
  type MonitorAlert,
  type MonitorConfig,
  type Transaction,
  UserRuleError,
} from '../../domain/monitoring/index.ts';
import { parseXml, XmlError } from '../../adapters/files/xml.ts';
import { minorUnits } from './minor-units.ts';
import { pacs008Message, pacs008Transactions, Pacs008Error } from './pacs008.ts';

/** The roles a transaction file's columns may be mapped to. */
export const TRANSACTION_ROLES = [
  'transaction_id',
  'timestamp',
  'amount',
  'currency',
  'payer_account',
  'payee_account',
  'payer_name',
  'payee_name',
  'merchant_id',
  'merchant_category',
  'channel',
  'payer_country',
  'payee_country',
  'city',
] as const;
export type TransactionRole = (typeof TRANSACTION_ROLES)[number];

/** The alerts file's header. */
export const ALERTS_HEADER =
  'alert_id,typology,subject_type,subject_id,score,first_time,last_time,transaction_count,accounts,explanation';

/** A mistake in the command's input, reported as it is. */
export class MonitorInputError extends Error {
  override readonly name = 'MonitorInputError';
}

/** What to monitor and where to write the alerts. */
export interface MonitorFilesRequest {
  readonly transactions: string;
  /** The column map (MAP.json) of a CSV file: `{"fields": {"<role>": "<column>"}}`. */
  readonly config?: string | undefined;
  /** The typologies' configuration (a version, parameter values, typologies switched off). */
  readonly parameters?: string | undefined;
  readonly out: string;
}

/** What the run did. */
export interface MonitorFilesSummary {
  readonly transactions: number;
  readonly alerts: number;
  readonly byTypology: ReadonlyMap<string, number>;
  readonly seconds: number;
}

const isRole = (text: string): text is TransactionRole => (TRANSACTION_ROLES as readonly string[]).includes(text);

const CHANNEL_WORDS: Readonly<Record<string, Channel>> = {
  card_present: 'card',
  card_not_present: 'card',
  pos: 'card',
  atm: 'cash',
  bank_transfer: 'transfer',
  mobile_money: 'transfer',
  swift: 'wire',
};

function readJson(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new MonitorInputError(
      `cannot read ${what} ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new MonitorInputError(
      `${what} ${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** The column of each role: from the map, or the file's columns named as roles. */
function columnsOf(header: readonly string[], mapPath: string | undefined): Map<TransactionRole, string> {
  const columns = new Map<TransactionRole, string>();
  if (mapPath === undefined) {
    for (const column of header) if (isRole(column)) columns.set(column, column);
    if (columns.size === 0) {
      throw new MonitorInputError(
        `without a column map, the file's columns must be named as roles (${TRANSACTION_ROLES.join(', ')}); its columns: ${header.join(', ')}`,
      );
    }
  } else {
    const map = readJson(mapPath, 'the column map');
    const fields = (map as { fields?: unknown } | null)?.fields;
    if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
      throw new MonitorInputError(`${mapPath} must be {"fields": {"<role>": "<column>"}}`);
    }
    const unknown = Object.keys(fields).filter((role) => !isRole(role));
    if (unknown.length > 0) {
      throw new MonitorInputError(
        `${mapPath}: unknown role${unknown.length > 1 ? 's' : ''} ${unknown.map((role) => `"${role}"`).join(', ')}; the roles are ${TRANSACTION_ROLES.join(', ')}`,
      );
    }
    for (const [role, column] of Object.entries(fields as Record<string, unknown>)) {
      if (typeof column !== 'string' || column.trim() === '') {
        throw new MonitorInputError(`${mapPath}: role "${role}" must name one column`);
      }
      columns.set(role as TransactionRole, column.trim());
    }
    const missing = [...columns.values()].filter((column) => !header.includes(column));
    if (missing.length > 0) {
      throw new MonitorInputError(
        `the transactions file has no column${missing.length > 1 ? 's' : ''} ${missing.map((column) => `"${column}"`).join(', ')} (its columns: ${header.join(', ')})`,
      );
    }
  }
  for (const needed of ['timestamp', 'amount'] as const) {
    if (!columns.has(needed)) throw new MonitorInputError(`no column is mapped to "${needed}"`);
  }
  return columns;
}

/** Whether a file's text is XML (its first character, past a byte order mark and white space, opens a tag). */
function isXml(text: string): boolean {
  return /^\uFEFF?\s*</u.test(text);
}

/** Reads the transactions of a pacs.008 message, each with its time as written. */
function readPacs008(
  path: string,
  text: string,
  mapPath: string | undefined,
): { transactions: Transaction[]; written: Map<string, string> } {
  let root;
  try {
    root = parseXml(text);
  } catch (error) {
    if (error instanceof XmlError) throw new MonitorInputError(`${path} is not well-formed XML: ${error.message}`);
    throw error;
  }
  if (pacs008Message(root) === undefined) {
    throw new MonitorInputError(
      `${path} is XML but not an ISO 20022 pacs.008 message (a <Document> holding <FIToFICstmrCdtTrf>); its root is <${root.name}>${root.namespace === undefined ? '' : ` in ${root.namespace}`}`,
    );
  }
  if (mapPath !== undefined) {
    throw new MonitorInputError(
      `${path} is a pacs.008 message, read by its ISO 20022 elements: --config maps the columns of a CSV file and is not taken with it`,
    );
  }
  try {
    return pacs008Transactions(root, path);
  } catch (error) {
    if (error instanceof Pacs008Error) throw new MonitorInputError(error.message);
    throw error;
  }
}

/** Reads the transactions, each with its time as written. */
function readTransactions(
  path: string,
  mapPath: string | undefined,
): { transactions: Transaction[]; written: Map<string, string> } {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new MonitorInputError(
      `cannot read the transactions ${path}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (isXml(text)) return readPacs008(path, text, mapPath);
  let rows: string[][];
  try {
    rows = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    throw new MonitorInputError(
      `${path} cannot be read as CSV: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const [header, ...body] = rows;
  if (header === undefined) throw new MonitorInputError(`${path} is empty: it needs a header row`);
  const columns = columnsOf(header, mapPath);
  const position = new Map([...columns].map(([role, column]) => [role, header.indexOf(column)]));
  const transactions: Transaction[] = [];
  const written = new Map<string, string>();
  let steps: boolean | undefined;
  body.forEach((row, index) => {
    const line = index + 2;
    const cell = (role: TransactionRole): string | undefined => {
      const at = position.get(role);
      const value = at === undefined ? undefined : row[at];
      return value === undefined || value === '' ? undefined : value;
    };
    const id = cell('transaction_id') ?? `row-${line}`;
    const refuse = (role: TransactionRole, message: string): never => {
      throw new MonitorInputError(`${path}, line ${line} (transaction ${id}), ${role}: ${message}`);
    };
    if (written.has(id)) refuse('transaction_id', 'the same id is on an earlier row');
    const stamp = cell('timestamp') ?? refuse('timestamp', 'is empty');
    const isStep = /^\d+$/u.test(stamp);
    if (steps !== undefined && steps !== isStep) {
      refuse('timestamp', 'mixes integer steps and ISO 8601 times in one file');
    }
    steps = isStep;
    const time = isStep ? Number(stamp) * DAY_MS : Date.parse(stamp);
    if (!Number.isFinite(time)) refuse('timestamp', `"${stamp}" is neither an ISO 8601 time nor an integer step`);
    const currency = cell('currency')?.toUpperCase();
    if (currency !== undefined && !/^[A-Z]{3}$/u.test(currency))
      refuse('currency', `"${currency}" is not an ISO 4217 code`);
    const amountText = (cell('amount') ?? refuse('amount', 'is empty')).replaceAll(',', '');
    const major = Number(amountText);
    if (!/^\d+(\.\d+)?$/u.test(amountText) || !Number.isFinite(major)) {
      refuse('amount', `"${amountText}" is not an amount (a positive number)`);
    }
    const channelText = cell('channel')?.toLowerCase();
    const channel =
      channelText === undefined
        ? undefined
        : (((CHANNELS as readonly string[]).includes(channelText)
            ? (channelText as Channel)
            : CHANNEL_WORDS[channelText]) ??
          refuse('channel', `"${channelText}" is not one of ${CHANNELS.join(', ')}`));
    const category = cell('merchant_category');
    if (category !== undefined && !/^\d{4}$/u.test(category)) {
      refuse('merchant_category', `"${category}" is not a four-digit ISO 18245 code`);
    }
    const country = (role: 'payer_country' | 'payee_country') => {
      const value = cell(role)?.toUpperCase();
      if (value !== undefined && !/^[A-Z]{2}$/u.test(value)) refuse(role, `"${value}" is not an ISO 3166 alpha-2 code`);
      return value;
    };
    const payerAccount = cell('payer_account');
    transactions.push({
      id,
      time,
      localHour: isStep ? undefined : hourAsWritten(stamp),
      amount: minorUnits(major, currency),
      currency,
      payerAccount,
      payeeAccount: cell('payee_account'),
      payerName: cell('payer_name'),
      payeeName: cell('payee_name'),
      merchantId: cell('merchant_id'),
      merchantCategory: category,
      channel,
      payerCountry: country('payer_country'),
      payeeCountry: country('payee_country'),
      city: cell('city'),
      card: channel === 'card' ? payerAccount : undefined,
    });
    written.set(id, stamp);
  });
  return { transactions, written };
}

function readParameters(path: string | undefined): MonitorConfig | undefined {
  if (path === undefined) return undefined;
  const value = readJson(path, 'the parameters');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new MonitorInputError(
      `${path} must be {"version": "…", "values": {"<parameter>": …}, "disabled": [ids], "rules": [user rules]}`,
    );
  }
  return value as MonitorConfig;
}

/** One value of a CSV row, quoted when it needs to be. */
function csvValue(value: string): string {
  return /[",\r\n]/u.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The alerts file's row of an alert. */
function alertRow(alert: MonitorAlert, written: ReadonlyMap<string, string>): string {
  const first = alert.evidence[0];
  const last = alert.evidence.at(-1);
  return [
    alert.id,
    alert.typology,
    alert.subjectType,
    alert.subjectId,
    alert.score.toFixed(3),
    first === undefined ? '' : (written.get(first.id) ?? ''),
    last === undefined ? '' : (written.get(last.id) ?? ''),
    String(alert.evidence.length),
    alert.accounts.join(' '),
    alert.explanation,
  ]
    .map(csvValue)
    .join(',');
}

/** Monitors a file of transactions and writes its alerts. */
export function monitorFiles(request: MonitorFilesRequest): MonitorFilesSummary {
  const started = performance.now();
  const config = readParameters(request.parameters);
  let monitor: Monitor;
  try {
    monitor = new Monitor({ typologies: LIBRARY, ...(config === undefined ? {} : { config }) });
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UserRuleError) {
      throw new MonitorInputError(`${request.parameters ?? ''}: ${error.message}`);
    }
    throw error;
  }
  const { transactions, written } = readTransactions(request.transactions, request.config);
  // A file is history: read in time order, as the stream would have brought it.
  const alerts = monitor.replay(transactions);
  writeFileSync(request.out, [ALERTS_HEADER, ...alerts.map((alert) => alertRow(alert, written))].join('\n') + '\n');
  const byTypology = new Map<string, number>();
  for (const alert of alerts) byTypology.set(alert.typology, (byTypology.get(alert.typology) ?? 0) + 1);
  return {
    transactions: transactions.length,
    alerts: alerts.length,
    byTypology,
    seconds: (performance.now() - started) / 1000,
  };
}
