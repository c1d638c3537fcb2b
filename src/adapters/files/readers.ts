import { createReadStream } from 'node:fs';
import { Readable, pipeline } from 'node:stream';
import { parse, type CsvError, type Parser } from 'csv-parse';
import { parseJsonLine } from '../../domain/ingest/json-line.ts';

export { MAX_JSON_DEPTH } from '../../domain/ingest/json-line.ts';

/** Longest line (JSON lines) or record (CSV) a reader accepts; a longer one is reported, never buffered. */
export const MAX_LINE_BYTES = 1_048_576;

const MAX_MESSAGE_LENGTH = 200;

/** Why a line could not be read. */
export interface ReadError {
  /** `line` for a line or row that cannot be parsed, `file` when the input itself cannot be read. */
  readonly field: string;
  readonly message: string;
}

/** One item read from a file: a value, or the error of a line that could not be read, with its 1-based line. */
export type ReadItem<Value> =
  { readonly line: number; readonly value: Value } | { readonly line: number; readonly error: ReadError };

/** What a reader reads: an open stream, or the path of a file. */
export type ReaderInput = Readable | string;

/** Options of the CSV reader. */
export interface CsvReadOptions {
  /** Field delimiter; a comma unless told. */
  readonly delimiter?: string;
  /** Told the header (the column names of the first line) before the first row or error is yielded. */
  readonly onHeader?: (header: string[]) => void;
}

function shortened(message: string): string {
  return message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : message;
}

function lineError(line: number, message: string, field = 'line'): ReadItem<never> {
  return { line, error: { field, message: shortened(message) } };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function open(input: ReaderInput): Readable {
  return typeof input === 'string' ? createReadStream(input) : input;
}

// Streams in object mode may carry strings or anything else; the readers work on bytes.
async function* bytesOf(source: AsyncIterable<unknown>): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    if (typeof chunk === 'string') yield Buffer.from(chunk, 'utf8');
    else if (chunk instanceof Uint8Array) yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    else throw new TypeError(`the input yielded a ${typeof chunk}, not text or bytes`);
  }
}

type Line = { readonly line: number; readonly text: string } | { readonly line: number; readonly error: ReadError };

/**
 * Splits bytes into lines without ever holding more than one line of MAX_LINE_BYTES: the bytes
 * of a longer line are dropped as they come and the line is reported.
 */
async function* linesOf(input: ReaderInput): AsyncGenerator<Line> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let parts: Buffer[] = [];
  let length = 0;
  let tooLong = false;
  let line = 1;
  const finish = (): Line => {
    const number = line;
    const wasTooLong = tooLong;
    const bytes = Buffer.concat(parts, length);
    parts = [];
    length = 0;
    tooLong = false;
    line += 1;
    if (wasTooLong)
      return { line: number, error: { field: 'line', message: `line is longer than ${MAX_LINE_BYTES} bytes` } };
    try {
      const text = decoder.decode(bytes);
      return { line: number, text: text.endsWith('\r') ? text.slice(0, -1) : text };
    } catch {
      return { line: number, error: { field: 'line', message: 'line is not valid UTF-8' } };
    }
  };
  const source = open(input);
  try {
    for await (const bytes of bytesOf(source)) {
      let start = 0;
      while (start < bytes.length) {
        const end = bytes.indexOf(10, start);
        const stop = end === -1 ? bytes.length : end;
        if (!tooLong && length + stop - start > MAX_LINE_BYTES) {
          tooLong = true;
          parts = [];
          length = 0;
        }
        if (!tooLong) {
          parts.push(bytes.subarray(start, stop));
          length += stop - start;
        }
        if (end === -1) break;
        yield finish();
        start = end + 1;
      }
    }
  } catch (error) {
    yield { line, error: { field: 'file', message: shortened(`the input cannot be read: ${messageOf(error)}`) } };
    return;
  } finally {
    source.destroy();
  }
  if (length > 0 || tooLong) yield finish();
}

/**
 * Reads the non-blank lines of a JSON Lines file as text, for parsing elsewhere (in the
 * validation workers). Never throws: too long or unreadable lines become error items.
 */
export async function* readTextLines(input: ReaderInput): AsyncGenerator<ReadItem<string>> {
  for await (const item of linesOf(input)) {
    if ('error' in item) yield item;
    else if (item.text.trim() !== '') yield { line: item.line, value: item.text };
  }
}

/** Reads one JSON value per line, skipping blank lines. Never throws: bad lines and unreadable input become error items. */
export async function* readJsonLines(input: ReaderInput): AsyncGenerator<ReadItem<unknown>> {
  for await (const item of linesOf(input)) {
    if ('error' in item) {
      yield item;
      continue;
    }
    if (item.text.trim() === '') continue;
    const parsed = parseJsonLine(item.text);
    yield 'value' in parsed ? { line: item.line, value: parsed.value } : lineError(item.line, parsed.message);
  }
}

/**
 * Reads FollowTheMoney entities, one JSON object per line, as exported by OpenSanctions and the
 * `ftm` tools. Lines that are not objects are error items; the entities themselves are checked
 * by `fromFtmEntity`.
 */
export async function* readFtmEntities(input: ReaderInput): AsyncGenerator<ReadItem<unknown>> {
  for await (const item of readJsonLines(input)) {
    if ('value' in item && (typeof item.value !== 'object' || item.value === null || Array.isArray(item.value))) {
      yield lineError(item.line, 'expected an FtM entity: a JSON object with id, schema and properties');
    } else {
      yield item;
    }
  }
}

// Only a row with the wrong number of fields leaves csv-parse in a state it can go on from.
const RECOVERABLE_CSV_ERRORS = new Set(['CSV_RECORD_INCONSISTENT_COLUMNS', 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH']);
const LINE_BREAKS = /\r\n|\r|\n/g;
const CRLF = /\r\n/g;

function countIn(fields: unknown, pattern: RegExp): number {
  const values: unknown[] = Array.isArray(fields)
    ? fields
    : typeof fields === 'object' && fields !== null
      ? Object.values(fields)
      : [];
  return values.reduce<number>(
    (count, value) => count + (typeof value === 'string' ? (value.match(pattern)?.length ?? 0) : 0),
    0,
  );
}

/**
 * Turns csv-parse's line counts into the lines records start on. csv-parse reports the line a
 * record ends on, and counts a CRLF inside a quoted field as two lines (csv-parse 7.0.3), which
 * shifts every later count; the fields themselves tell both corrections.
 */
class LineCounter {
  private crlfInQuotes = 0;
  /** The line the last record read (or the header) ends on; 0 before the header. */
  lastEnd = 0;

  /** Accounts for the header, which starts the file and whose fields may hold line breaks too. */
  header(fields: unknown): void {
    this.crlfInQuotes += countIn(fields, CRLF);
    this.lastEnd = 1 + countIn(fields, LINE_BREAKS);
  }

  /** Accounts for a record csv-parse reported ending on `reported`, and gives the line it starts on. */
  record(reported: number, fields: unknown): number {
    this.crlfInQuotes += countIn(fields, CRLF);
    this.lastEnd = reported - this.crlfInQuotes;
    return Math.max(1, this.lastEnd - countIn(fields, LINE_BREAKS));
  }

  /** The line csv-parse meant by `reported`, for an error with no record. */
  line(reported: number): number {
    return Math.max(1, reported - this.crlfInQuotes);
  }
}

// csv-parse puts its own (miscounted) line into messages; the item carries the right one.
function withoutLine(message: string): string {
  return message.replace(/ (?:at|on) line \d+/g, '');
}

interface Skipped {
  readonly skipped: CsvError;
}

function isSkipped(item: unknown): item is Skipped {
  return typeof item === 'object' && item !== null && Object.hasOwn(item, 'skipped');
}

function isRow(item: unknown): item is { record: Record<string, string>; info: { lines: number } } {
  return typeof item === 'object' && item !== null && Object.hasOwn(item, 'record') && Object.hasOwn(item, 'info');
}

/**
 * Reads CSV rows as objects keyed by the header, each with the line its first line is on (a
 * quoted field may span lines). A row with the wrong number of fields is an error item and
 * reading goes on; an unclosed quote or an over-long record is an error item and reading stops,
 * since csv-parse cannot resynchronise after it. Never throws on bad content.
 */
export async function* readCsvRows(
  input: ReaderInput,
  options: CsvReadOptions = {},
): AsyncGenerator<ReadItem<Record<string, string>>> {
  let header: string[] | undefined;
  let headerTold = false;
  const lines = new LineCounter();
  const parser: Parser = parse({
    columns: (names: string[]) => {
      header = [...names];
      lines.header(names);
      return names;
    },
    bom: true,
    relax_column_count: false,
    skip_empty_lines: true,
    info: true,
    skip_records_with_error: true,
    max_record_size: MAX_LINE_BYTES,
    delimiter: options.delimiter ?? ',',
    // Every line ending, even mixed in one file (concatenated exports), rather than the first one seen.
    record_delimiter: ['\r\n', '\n', '\r'],
    // Errors join the rows in the parser's own output, so they come out in file order and under the same back-pressure.
    on_skip: (error) => {
      if (error !== undefined) parser.push({ skipped: error } satisfies Skipped);
      return undefined;
    },
  });
  const source = open(input);
  let failure: unknown;
  pipeline(Readable.from(bytesOf(source)), parser, (error) => {
    failure = error ?? undefined;
  });
  const tellHeader = () => {
    if (headerTold || header === undefined) return;
    headerTold = true;
    options.onHeader?.(header);
  };
  try {
    for await (const item of parser as AsyncIterable<unknown>) {
      tellHeader();
      if (isRow(item)) {
        yield { line: lines.record(item.info.lines, item.record), value: item.record };
        continue;
      }
      if (!isSkipped(item)) continue;
      const error = item.skipped;
      const reported = typeof error['lines'] === 'number' ? error['lines'] : lines.lastEnd + 1;
      if (RECOVERABLE_CSV_ERRORS.has(error.code)) {
        yield lineError(lines.record(reported, error['record']), withoutLine(error.message));
        continue;
      }
      if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
        // Reported only at the end of the input: the quote opened on the first line after the last record.
        const line = lines.lastEnd + 1;
        yield lineError(line, `a quoted field opened on line ${line} or after is never closed; reading stopped`);
      } else {
        yield lineError(lines.line(reported), `${withoutLine(error.message)}; reading stopped here`);
      }
      return;
    }
  } catch (error) {
    failure = error;
  } finally {
    parser.destroy();
    source.destroy();
  }
  tellHeader();
  // Premature close is what destroying the stream ourselves looks like; it is not the input's fault.
  if (failure !== undefined && (failure as { code?: unknown }).code !== 'ERR_STREAM_PREMATURE_CLOSE') {
    yield lineError(Math.max(1, lines.lastEnd), `the input cannot be read: ${messageOf(failure)}`, 'file');
  }
}

/**
 * Reads the header of a CSV file (its first line) without reading the rest, to check a mapping's
 * columns before an import. An empty input is an error item.
 */
export async function readCsvHeader(
  input: ReaderInput,
  options: Pick<CsvReadOptions, 'delimiter'> = {},
): Promise<ReadItem<string[]>> {
  let header: string[] | undefined;
  let failure: ReadItem<never> | undefined;
  const onHeader = (names: string[]) => {
    header = names;
  };
  for await (const item of readCsvRows(input, { ...options, onHeader })) {
    if ('error' in item && header === undefined) failure = item;
    break;
  }
  if (header !== undefined) return { line: 1, value: header };
  return failure ?? lineError(1, 'the input is empty: no header line');
}
