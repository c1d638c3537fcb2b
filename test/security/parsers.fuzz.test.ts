/**
 * Every parser of outside input, fed 50,000 generated hostile inputs per run: no crash, no
 * input slower than a second, no prototype pollution, only typed results. Prints its figures.
 */
import fc from 'fast-check';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCsvRows, readFtmEntities, readJsonLines, type ReadItem } from '../../src/adapters/files/readers.ts';
import { applyMapping, compileMapping } from '../../src/domain/ingest/mapping.ts';
import { prepareRecord } from '../../src/domain/ingest/prepare.ts';
import { fromFtmEntity } from '../../src/domain/model/ftm.ts';
import {
  beginFromStart,
  beginUssd,
  continueSession,
  recogniseStart,
  type FlowSession,
} from '../../src/domain/reporting/flows/index.ts';
import {
  extractEntities,
  parseReceiptCode,
  stripImageMetadata,
  tipSubmission,
  UnsupportedImage,
} from '../../src/domain/reporting/index.ts';

const INPUTS = 50_000;
const SLOW_MS = 1_000;

/** Runs a parser over generated inputs and reports crashes and the slowest input. */
async function fuzz<T>(name: string, inputs: fc.Arbitrary<T>, parse: (input: T) => unknown): Promise<void> {
  let crashes = 0;
  let slowest = 0;
  let runs = 0;
  let pollutions = 0;
  await fc.assert(
    fc.asyncProperty(inputs, async (input) => {
      runs += 1;
      // Parsers that finish in microtasks never return to the event loop: let the test runner's
      // messages through now and then, or it takes the worker for dead.
      if (runs % 200 === 0) await new Promise((resolve) => setImmediate(resolve));
      const started = performance.now();
      try {
        await parse(input);
      } catch {
        crashes += 1;
      }
      slowest = Math.max(slowest, performance.now() - started);
      // Nothing a parser reads may add properties to every object (counted here, asserted below:
      // an assertion per input would cost more than most parsers).
      if (({} as Record<string, unknown>)['polluted'] !== undefined) pollutions += 1;
    }),
    { numRuns: INPUTS },
  );
  console.log(
    `fuzz ${name}: ${runs} inputs, ${crashes} crashes, ${pollutions} prototypes polluted, slowest ${slowest.toFixed(1)} ms`,
  );
  expect(runs).toBe(INPUTS);
  expect(crashes).toBe(0);
  expect(pollutions).toBe(0);
  expect(slowest).toBeLessThan(SLOW_MS);
}

async function drain(items: AsyncIterable<ReadItem<unknown>>): Promise<void> {
  for await (const item of items) if (!('value' in item) && !('error' in item)) throw new Error('untyped item');
}

const hostileText = fc.oneof(
  fc.string({
    unit: fc.constantFrom(
      'a',
      '1',
      ',',
      ';',
      '"',
      '\n',
      '\r',
      '\t',
      ' ',
      '\uFEFF',
      '{',
      '}',
      '[',
      ']',
      ':',
      '\\',
      '\u0000',
    ),
  }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.json().map((json) => `${json}\n${json.replaceAll('"', '')}\n`),
  fc.constantFrom(
    '{"__proto__":{"polluted":1}}\n',
    '{"constructor":{"prototype":{"polluted":1}}}\n',
    '['.repeat(10_000),
  ),
);

const hostileJson = fc.oneof(
  fc.jsonValue(),
  fc.record({
    type: fc.constantFrom('Person', 'Payment', 'Trip', 'UsesPhone', 'Notice'),
    sourceRecordId: fc.string(),
    properties: fc.jsonValue(),
  }),
  fc.constant(
    JSON.parse('{"__proto__":{"polluted":1},"type":"Person","sourceRecordId":"x","properties":{}}') as unknown,
  ),
);

const mapping = compileMapping({
  sourceSystem: 'fuzz',
  records: [
    {
      type: 'Person',
      sourceRecordId: 'p-{id}',
      properties: {
        name: 'name',
        birthDate: { column: 'dob', dateFormat: 'DD/MM/YYYY' },
        nationality: { column: 'nat', split: ';' },
      },
    },
    {
      type: 'Payment',
      sourceRecordId: 'pay-{id}',
      properties: {
        amount: { column: 'amount', decimals: 2 },
        currency: 'cur',
        occurredAt: 'at',
        payer: { template: 'p-{id}' },
      },
    },
  ],
});

const context = {
  organisation: { id: 'fuzz' as never, sector: 'finance' as const },
  sourceSystem: 'fuzz',
  defaults: {},
  now: '2026-01-01T00:00:00Z',
  actor: 'system:fuzz',
  requestId: null,
};

// 50,000 inputs per parser take a while on a busy machine; slow single inputs are counted on their own.
describe('parsers of outside input, on hostile input', { timeout: 300_000 }, () => {
  it('the JSON Lines reader', () =>
    fuzz('readJsonLines', hostileText, (text) => drain(readJsonLines(Readable.from([text])))));
  it('the CSV reader', () =>
    fuzz('readCsvRows', hostileText, (text) => drain(readCsvRows(Readable.from([`id,name\n${text}`])))));
  it('the FtM reader and converter', () =>
    fuzz(
      'readFtmEntities+fromFtmEntity',
      fc.oneof(
        hostileText,
        hostileJson.map((value) => JSON.stringify(value)),
      ),
      async (text) => {
        for await (const item of readFtmEntities(Readable.from([text]))) if ('value' in item) fromFtmEntity(item.value);
      },
    ));
  it('record validation', () => fuzz('prepareRecord', hostileJson, (value) => prepareRecord(value, 1, context)));
  it('CSV column mapping', () => {
    if (!mapping.ok) throw new Error(mapping.errors.join('; '));
    const row = fc.record({
      id: fc.string(),
      name: fc.string(),
      dob: fc.string(),
      nat: fc.string(),
      amount: fc.string(),
      cur: fc.string(),
      at: fc.string(),
    });
    return fuzz('applyMapping', row, (cells) => applyMapping(mapping.mapping, cells));
  });
  it('tip text extraction', () => fuzz('extractEntities', hostileText, (text) => extractEntities(text)));
  it('tip submission', () => fuzz('tipSubmission', hostileJson, (value) => tipSubmission.safeParse(value)));
  it('receipt codes as typed', () => fuzz('parseReceiptCode', hostileText, (text) => parseReceiptCode(text)));
  it('photo metadata stripping', () =>
    fuzz('stripImageMetadata', hostilePhoto, (bytes) => {
      try {
        return stripImageMetadata(bytes);
      } catch (error) {
        // A typed refusal is the answer to what is not a photo; anything else is a crash.
        if (error instanceof UnsupportedImage) return undefined;
        throw error;
      }
    }));
  it('SMS and USSD answers at every step', () =>
    fuzz('continueSession', fc.tuple(fc.nat(), hostileText), ([step, text]) => {
      // A session some answers into a flow, then the hostile answer.
      let session: FlowSession | undefined = beginUssd(0).session;
      const started = recogniseStart('REPORT');
      if (step % 2 === 0 && started !== undefined) session = beginFromStart(started, 'sms', 0).session;
      for (const answer of ['1', '2', '3', 'Leeds', '1', '99'].slice(0, step % 6)) {
        const turn = continueSession(session, answer, 1);
        session = turn.done ? undefined : turn.session;
        if (session === undefined) return undefined;
      }
      recogniseStart(text);
      return continueSession(session, text, 2);
    }));
});

/** Photos and what pretends to be: random bytes, and each format's magic followed by random bytes. */
const hostilePhoto = fc.oneof(
  fc.uint8Array({ maxLength: 2_000 }),
  fc
    .tuple(
      fc.constantFrom(
        [0xff, 0xd8, 0xff, 0xe1],
        [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
        [0x52, 0x49, 0x46, 0x46, 0x10, 0, 0, 0, 0x57, 0x45, 0x42, 0x50],
        [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63],
      ),
      fc.uint8Array({ maxLength: 2_000 }),
    )
    .map(([magic, rest]) => Uint8Array.from([...magic, ...rest])),
);
