import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAX_LINE_BYTES,
  readCsvHeader,
  readCsvRows,
  readFtmEntities,
  readJsonLines,
  type ReaderInput,
  type ReadItem,
} from './readers.ts';

async function all<Value>(items: AsyncIterable<ReadItem<Value>>): Promise<ReadItem<Value>[]> {
  const collected: ReadItem<Value>[] = [];
  for await (const item of items) collected.push(item);
  return collected;
}

/** A stream yielding the text in chunks of the given sizes, to cross chunk boundaries anywhere. */
function chunked(content: string | Uint8Array, sizes: readonly number[] = []): Readable {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const size of sizes) {
    if (start >= bytes.length) break;
    chunks.push(bytes.subarray(start, start + Math.max(1, size)));
    start += Math.max(1, size);
  }
  if (start < bytes.length) chunks.push(bytes.subarray(start));
  return Readable.from(chunks);
}

let directory = '';

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'weft-readers-'));
});

afterAll(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('reading JSON lines', () => {
  it('yields one value per line with 1-based line numbers, skipping blank lines', async () => {
    expect(await all(readJsonLines(chunked('{"a":1}\n\n  \r\n[2]\r\n"three"', [3, 5])))).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 4, value: [2] },
      { line: 5, value: 'three' },
    ]);
  });

  it('reports a bad line and goes on', async () => {
    const items = await all(readJsonLines(chunked('{"a":1}\n{"a":\n{"a":3}\n')));
    expect(items[0]).toEqual({ line: 1, value: { a: 1 } });
    expect(items[1]).toMatchObject({ line: 2, error: { field: 'line' } });
    expect(items[2]).toEqual({ line: 3, value: { a: 3 } });
  });

  it('truncates parser messages to 200 characters', async () => {
    const items = await all(readJsonLines(chunked(`x${'y'.repeat(5_000)}\n`)));
    const item = items[0];
    expect(item !== undefined && 'error' in item && item.error.message.length).toBeLessThanOrEqual(200);
  });

  it('reports a line longer than the limit without holding it, and goes on', async () => {
    const long = `"${'x'.repeat(MAX_LINE_BYTES)}"`;
    const items = await all(readJsonLines(chunked(`1\n${long}\n3`, [2, 1000, 65_536])));
    expect(items).toEqual([
      { line: 1, value: 1 },
      { line: 2, error: { field: 'line', message: `line is longer than ${MAX_LINE_BYTES} bytes` } },
      { line: 3, value: 3 },
    ]);
  });

  it('reports a line that is not UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from('1\n"'), Buffer.from([0xff, 0xfe]), Buffer.from('"\n3\n')]);
    expect(await all(readJsonLines(chunked(bytes)))).toEqual([
      { line: 1, value: 1 },
      { line: 2, error: { field: 'line', message: 'line is not valid UTF-8' } },
      { line: 3, value: 3 },
    ]);
  });

  it('refuses values nested too deep for recursive consumers', async () => {
    const items = await all(readJsonLines(chunked(`${'['.repeat(10_000)}${']'.repeat(10_000)}\n`)));
    expect(items).toEqual([{ line: 1, error: { field: 'line', message: 'value is nested deeper than 64 levels' } }]);
  });

  it('drops __proto__ keys, however spelled, and pollutes nothing', async () => {
    const text = [
      '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"a":1}',
      '{"\\u005f_proto__":{"polluted":1}}',
    ].join('\n');
    const items = await all(readJsonLines(chunked(text)));
    const first = items[0];
    const value = first !== undefined && 'value' in first ? (first.value as Record<string, unknown>) : {};
    expect(Object.keys(value)).toEqual(['constructor', 'a']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(items[1]).toEqual({ line: 2, value: {} });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('reads a file by its path', async () => {
    const path = join(directory, 'values.jsonl');
    await writeFile(path, '1\n2\n');
    expect(await all(readJsonLines(path))).toEqual([
      { line: 1, value: 1 },
      { line: 2, value: 2 },
    ]);
  });

  it('reports a missing file as an error item on the file', async () => {
    const items = await all(readJsonLines(join(directory, 'missing.jsonl')));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ error: { field: 'file' } });
  });
});

describe('reading FtM entities', () => {
  it('yields entity objects and reports lines that are not objects', async () => {
    const text = '{"id":"p1","schema":"Person","properties":{"name":["Ana"]}}\n[1]\n';
    expect(await all(readFtmEntities(chunked(text)))).toEqual([
      { line: 1, value: { id: 'p1', schema: 'Person', properties: { name: ['Ana'] } } },
      {
        line: 2,
        error: { field: 'line', message: 'expected an FtM entity: a JSON object with id, schema and properties' },
      },
    ]);
  });
});

describe('reading CSV rows', () => {
  it('yields rows keyed by the header with the line of their first line', async () => {
    const text = '\uFEFFid,name\n1,Ana\n\n2,"Ion\nPopescu"\r\n3,Maria';
    expect(await all(readCsvRows(chunked(text, [4, 7])))).toEqual([
      { line: 2, value: { id: '1', name: 'Ana' } },
      { line: 4, value: { id: '2', name: 'Ion\nPopescu' } },
      { line: 6, value: { id: '3', name: 'Maria' } },
    ]);
  });

  it('tells the header before the first row', async () => {
    const seen: string[] = [];
    for await (const item of readCsvRows(chunked('a;b\n1;2\n'), {
      delimiter: ';',
      onHeader: (header) => seen.push(`header ${header.join('|')}`),
    })) {
      seen.push('value' in item ? `row ${JSON.stringify(item.value)}` : 'error');
    }
    expect(seen).toEqual(['header a|b', 'row {"a":"1","b":"2"}']);
  });

  it('reports a row with the wrong number of fields and goes on', async () => {
    const items = await all(readCsvRows(chunked('a,b\n1,2\n3\n"4\n",5,6\n7,8\n')));
    expect(items.map((item) => ('value' in item ? item : { line: item.line, field: item.error.field }))).toEqual([
      { line: 2, value: { a: '1', b: '2' } },
      { line: 3, field: 'line' },
      { line: 4, field: 'line' },
      { line: 6, value: { a: '7', b: '8' } },
    ]);
  });

  it('reports an unclosed quote once and stops cleanly', async () => {
    const items = await all(readCsvRows(chunked('a,b\n1,2\n"3,4\n5,6\n')));
    expect(items).toHaveLength(2);
    expect(items[0]).toEqual({ line: 2, value: { a: '1', b: '2' } });
    expect(items[1]).toEqual({
      line: 3,
      error: { field: 'line', message: 'a quoted field opened on line 3 or after is never closed; reading stopped' },
    });
  });

  it('reports a record longer than the limit and stops cleanly', async () => {
    const items = await all(readCsvRows(chunked(`a,b\n1,2\n${'x'.repeat(MAX_LINE_BYTES + 10)},3\n4,5\n`, [65_536])));
    expect(items[0]).toEqual({ line: 2, value: { a: '1', b: '2' } });
    expect(items[1]).toMatchObject({ line: 3, error: { field: 'line' } });
    expect(items).toHaveLength(2);
  });

  it("names the line of a row with the wrong number of fields in the message without csv-parse's count", async () => {
    expect(await all(readCsvRows(chunked('a,b\r\n"x\r\ny",1\r\n2\r\n')))).toEqual([
      { line: 2, value: { a: 'x\r\ny', b: '1' } },
      { line: 4, error: { field: 'line', message: 'Invalid Record Length: columns length is 2, got 1' } },
    ]);
  });

  it('reports an invalid closing quote on its line and stops', async () => {
    expect(await all(readCsvRows(chunked('a,b\n1,2\n3,"4"x\n5,6\n')))).toEqual([
      { line: 2, value: { a: '1', b: '2' } },
      {
        line: 3,
        error: {
          field: 'line',
          message:
            'Invalid Closing Quote: got "x" instead of delimiter, record delimiter, trimable character (if activated) or comment; reading stopped here',
        },
      },
    ]);
  });

  it('numbers rows by their first line whatever the line endings and line breaks in quoted fields', async () => {
    const lineBreaks = (text: string) => text.match(/\r\n|\r|\n/g)?.length ?? 0;
    const quoted = fc
      .array(fc.constantFrom('a', '\n', '\r\n', '\r', '""', ',', ' '), { maxLength: 5 })
      .map((parts) => `"${parts.join('')}"`);
    const field = fc.oneof(fc.stringMatching(/^[a-z]{0,3}$/), quoted);
    const line = fc.oneof(
      { weight: 4, arbitrary: fc.tuple(field, field).map(([first, second]) => `${first},${second}`) },
      { weight: 1, arbitrary: fc.constant('') },
      { weight: 1, arbitrary: field },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(line, { minLength: 1, maxLength: 8 }),
        fc.array(fc.constantFrom('\n', '\r\n', '\r'), { minLength: 9, maxLength: 9 }),
        fc.array(fc.nat({ max: 7 })),
        async (rows, endings, sizes) => {
          const pieces = ['a,b', ...rows].map((piece, index) => piece + (endings[index] ?? '\n'));
          const text = pieces.join('');
          // A row starts on 1 + the line breaks before it; a CR ending one piece and an LF starting the next make one.
          const expected: number[] = [];
          let offset = (pieces[0] ?? '').length;
          for (const [index, row] of rows.entries()) {
            if (row !== '') expected.push(1 + lineBreaks(text.slice(0, offset)));
            offset += (pieces[index + 1] ?? '').length;
          }
          const items = await all(readCsvRows(chunked(text, sizes)));
          expect(items.map((item) => item.line)).toEqual(expected);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps __proto__ and constructor columns as own cells', async () => {
    const items = await all(readCsvRows(chunked('__proto__,constructor\n1,2\n')));
    const first = items[0];
    const row = first !== undefined && 'value' in first ? first.value : {};
    expect(Object.keys(row)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
  });

  it('stops reading the input when the consumer stops', async () => {
    const source = chunked('a\n' + '1\n'.repeat(100_000), [10]);
    for await (const item of readCsvRows(source)) {
      expect(item).toEqual({ line: 2, value: { a: '1' } });
      break;
    }
    expect(source.destroyed).toBe(true);
  });
});

describe('reading a CSV header', () => {
  it('reads the header of a file by its path', async () => {
    const path = join(directory, 'guests.csv');
    await writeFile(path, 'guest_id,full_name\n1,Ana\n');
    expect(await readCsvHeader(path)).toEqual({ line: 1, value: ['guest_id', 'full_name'] });
  });

  it('reads the header of a file with no rows', async () => {
    expect(await readCsvHeader(chunked('a,b\n'))).toEqual({ line: 1, value: ['a', 'b'] });
  });

  it('reports a missing file as an error item on the file', async () => {
    expect(await readCsvHeader(join(directory, 'missing.csv'))).toMatchObject({ line: 1, error: { field: 'file' } });
  });

  it('reports an empty file', async () => {
    expect(await readCsvHeader(chunked(''))).toMatchObject({ line: 1, error: { field: 'line' } });
  });
});

describe('every reader, on arbitrary input', () => {
  const readers: [string, (input: ReaderInput) => AsyncIterable<ReadItem<unknown>>][] = [
    ['readJsonLines', readJsonLines],
    ['readFtmEntities', readFtmEntities],
    ['readCsvRows', (input) => readCsvRows(input)],
  ];
  const alphabet = fc.constantFrom('a', '1', ',', ';', '"', '\n', '\r', ' ', '\uFEFF', '{', '}', '[', ']', ':', '\\');
  const content = fc.oneof(fc.string({ unit: alphabet }), fc.string({ unit: 'binary' }), fc.uint8Array());

  for (const [name, read] of readers) {
    it(`${name} never throws and finishes`, async () => {
      await fc.assert(
        fc.asyncProperty(content, fc.array(fc.nat({ max: 20 })), async (text, sizes) => {
          const items = await all(read(chunked(text, sizes)));
          for (const item of items) expect(item.line).toBeGreaterThanOrEqual(1);
        }),
        { numRuns: 200 },
      );
    });
  }
});
