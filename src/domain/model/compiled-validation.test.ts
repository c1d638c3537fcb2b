import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recordMix } from '../../../bench/support/record-mix.ts';
import { z } from 'zod';
import { propertiesSchema, propertiesValidator, type EntityDefinition } from './entity.ts';
import { MAX_VALUES, p, PROPERTY_KINDS, type PropertyDefinition, type PropertyKind } from './property.ts';
import { ENTITY_TYPES, entityType } from './registry.ts';

// Differential tests: ingest validates with zod's ahead-of-time compiled parser; whatever the
// input, it must accept exactly what the ordinary parser accepts, with the same output, and refuse
// with at least the ordinary parser's reasons.

const RUNS_PER_TYPE = Math.ceil(24_000 / ENTITY_TYPES.length);
const RUNS_PER_KIND = 1_500;

/** Runs both parsers and fails on any difference; tells whether the input was valid. */
function compare(definition: EntityDefinition, input: unknown): boolean {
  const runtime = propertiesSchema(definition).safeParse(input);
  const compiled = propertiesValidator(definition).safeParse(input);
  expect(compiled.success, fc.stringify(input)).toBe(runtime.success);
  if (runtime.success && compiled.success) {
    expect(JSON.stringify(compiled.data)).toBe(JSON.stringify(runtime.data));
    // JSON drops keys present as undefined, and -0; these do not.
    expect(Object.keys(compiled.data)).toEqual(Object.keys(runtime.data));
    expect(compiled.data).toStrictEqual(runtime.data);
  } else {
    // On refusal the compiled parser may report more than the ordinary one (it can check the
    // second half of a pipe whose first half failed: a URL holding NUL is also reported as no
    // URL), but never less: every reason the ordinary parser gives is given.
    expect(compiled.error?.issues).toEqual(expect.arrayContaining(runtime.error?.issues ?? []));
  }
  return runtime.success;
}

// Strings: ordinary text, and the characters where trimming, casing and lengths go wrong.
const SPECIAL_CHARACTERS = [
  ' ',
  '\t',
  '\n',
  '\r',
  '\u00a0',
  '\u2028',
  '\u3000',
  '\ufeff',
  '\0',
  '\ud800',
  '\udc00',
  '😀',
  'ß',
  'ﬀ',
  'İ',
  '\u212a',
  'é',
  '-',
  '.',
  '@',
  ':',
  '/',
  '+',
  '1',
];
const nastyString = fc.string({
  unit: fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
    { weight: 2, arbitrary: fc.constantFrom(...SPECIAL_CHARACTERS) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
  ),
  maxLength: 12,
});
const PADDING = ['', '', '', ' ', '  ', '\t', '\n', '\u00a0', '\u3000', '\ufeff'];
const padded = (core: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom(...PADDING), core, fc.constantFrom(...PADDING))
    .map(([before, value, after]) => before + value + after);
const LOWER_LETTERS = Array.from('abcdefghijklmnopqrstuvwxyz');
const DIGITS = Array.from('0123456789');
const randomCase = (core: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(core, fc.array(fc.boolean(), { minLength: 8, maxLength: 8 })).map(([value, upper]) =>
    Array.from(value)
      .map((character, index) => (upper[index] ? character.toUpperCase() : character.toLowerCase()))
      .join(''),
  );
const letters = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...LOWER_LETTERS), minLength, maxLength });
const digits = (length: number) =>
  fc.string({ unit: fc.constantFrom(...DIGITS), minLength: length, maxLength: length });
const twoDigits = (max: number) => fc.integer({ min: 0, max }).map((value) => String(value).padStart(2, '0'));

const LONG_STRINGS = [
  'a'.repeat(1_000),
  ` ${'a'.repeat(1_000)} `,
  'a'.repeat(1_001),
  '😀'.repeat(500),
  '😀'.repeat(600),
  '😀'.repeat(1_001),
  'x'.repeat(20_000),
  'x'.repeat(20_001),
  '😀'.repeat(10_001),
];

/** Strings of about `limit` characters (a few either side), made by `make` from a length. */
const around = (limit: number, make: (length: number) => string): fc.Arbitrary<string> =>
  fc.integer({ min: limit - 3, max: limit + 3 }).map(make);

const WRONG_TYPES: unknown[] = [
  null,
  undefined,
  0,
  1,
  -1,
  1.5,
  Number.NaN,
  Infinity,
  '',
  ' ',
  'x',
  true,
  false,
  {},
  [],
  [[]],
  ['x'],
  { x: 1 },
  new Date(0),
];
const wrongType = fc.constantFrom(...WRONG_TYPES);

// Small edits of a plausible value, which land on either side of a validator's line.
const STRING_EDITS: readonly ((value: string, at: number, character: string) => string)[] = [
  (value, at, character) => value.slice(0, at) + character + value.slice(at),
  (value, at, character) => (at % 2 === 0 ? character + value : value + character),
  (value) => value.toUpperCase(),
  (value) => value.toLowerCase(),
  (value, at) => value.slice(0, at),
  (value, at) => value.slice(at),
  (value, at) => value.repeat(2 + (at % 8)),
];
const NUMBER_EDITS: readonly ((value: number) => number)[] = [
  (value) => value + 1,
  (value) => value - 1,
  (value) => value + 0.5,
  (value) => -value,
  (value) => value * 1e6,
  (value) => value * 2 ** 53,
  () => Infinity,
  () => -Infinity,
  () => Number.NaN,
];
const perturbed = (core: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc
    .tuple(
      core,
      fc.nat({ max: STRING_EDITS.length * NUMBER_EDITS.length - 1 }),
      fc.nat(),
      fc.constantFrom(...SPECIAL_CHARACTERS, ...PADDING),
    )
    .map(([value, edit, at, character]) => {
      if (typeof value === 'number') return (NUMBER_EDITS[edit % NUMBER_EDITS.length] ?? Number)(value);
      if (typeof value !== 'string') return value;
      const stringEdit = STRING_EDITS[edit % STRING_EDITS.length] ?? String;
      return stringEdit(value, at % (value.length + 1), character);
    });

const NAMES = ['Ana Popescu', 'Maria', 'Ivan Ivanova', 'Li Wei', 'Grace Okafor', 'London', 'Skyways', 'X00012345'];

const date = fc
  .tuple(fc.integer({ min: 0, max: 9_999 }), twoDigits(13), twoDigits(32), fc.constantFrom(1, 2, 3, 3, 3))
  .map(([year, month, day, parts]) => [String(year).padStart(4, '0'), month, day].slice(0, parts).join('-'));
const realisticDate = fc
  .tuple(fc.integer({ min: 1900, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
  .map(([year, month, day]) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
const datetime = fc
  .tuple(
    fc.oneof(realisticDate, date),
    fc.constantFrom('T', 'T', 'T', 't', ' '),
    twoDigits(24),
    twoDigits(60),
    fc.option(twoDigits(60), { freq: 8 }),
    fc.option(fc.string({ unit: fc.constantFrom(...DIGITS), maxLength: 4 }), { freq: 2 }),
    fc.constantFrom('Z', 'Z', 'Z', 'z', '+01:00', '-05:30', '+23:59', '+24:00', '+0100', '+01', ''),
  )
  .map(
    ([day, separator, hours, minutes, seconds, fraction, zone]) =>
      `${day}${separator}${hours}:${minutes}${seconds === null ? '' : `:${seconds}`}${fraction === null ? '' : `.${fraction}`}${zone}`,
  );
const realisticDatetime = fc
  .tuple(
    realisticDate,
    twoDigits(23),
    twoDigits(59),
    twoDigits(59),
    fc.option(digits(3)),
    fc.constantFrom('Z', '+02:00'),
  )
  .map(
    ([day, hours, minutes, seconds, millis, zone]) =>
      `${day}T${hours}:${minutes}:${seconds}${millis === null ? '' : `.${millis}`}${zone}`,
  );

const phone = fc
  .tuple(fc.constantFrom('+44 ', '+40 ', '0', ''), digits(3), fc.constantFrom(' ', '-', ''), digits(6))
  .map((parts) => parts.join(''));

const integer = fc.oneof(
  fc.integer(),
  fc.maxSafeInteger(),
  fc.constantFrom(
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 1,
    -Number.MAX_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER - 1,
    2 ** 53,
    -0,
    1.5,
    1e21,
  ),
);
const numbersAround = (limit: number) =>
  fc.oneof(
    fc.double({ min: -limit - 10, max: limit + 10 }),
    fc.constantFrom(limit, -limit, limit + 1e-9, -limit - 1e-9, -0),
    fc.double(),
  );

/** Values of one kind: plausible ones (`common`), and those where a validator may slip (`edge`). */
function valuesOf(property: PropertyDefinition): { common: fc.Arbitrary<unknown>; edge: fc.Arbitrary<unknown> } {
  const kind: PropertyKind = property.kind;
  switch (kind) {
    case 'text':
      return {
        common: fc.oneof(fc.constantFrom(...NAMES), fc.string()),
        edge: fc.oneof(
          nastyString,
          fc.constantFrom(...LONG_STRINGS),
          around(20_000, (length) => 'x'.repeat(length)),
          around(10_000, (length) => '😀'.repeat(length)),
        ),
      };
    case 'name':
    case 'identifier':
      return {
        common: fc.oneof(fc.constantFrom(...NAMES), padded(fc.constantFrom(...NAMES))),
        edge: fc.oneof(
          padded(nastyString),
          fc.constantFrom(...LONG_STRINGS),
          padded(around(1_000, (length) => 'a'.repeat(length))),
          around(1_000, (length) => `${'😀'.repeat(length - 990)}${'a'.repeat(980)}`),
        ),
      };
    case 'country':
      return {
        common: fc.oneof(fc.constantFrom('GB', 'RO', 'NG', 'FR'), randomCase(letters(2, 2))),
        edge: fc.oneof(
          padded(randomCase(letters(1, 3))),
          padded(nastyString),
          fc.constantFrom('ß', 'ﬀ', 'İx', 'G\u212a', 'g1'),
        ),
      };
    case 'language':
      return {
        common: fc.oneof(fc.constantFrom('en', 'ro', 'fra'), randomCase(letters(2, 3))),
        edge: fc.oneof(padded(randomCase(letters(1, 4))), padded(nastyString), fc.constantFrom('\u212aa', 'İt', 'ß')),
      };
    case 'currency':
      return {
        common: fc.oneof(fc.constantFrom('EUR', 'GBP', 'usd'), randomCase(letters(3, 3))),
        edge: fc.oneof(padded(randomCase(letters(2, 4))), padded(nastyString), fc.constantFrom('ßa', 'ﬀx', 'EURO')),
      };
    case 'date':
      return {
        common: fc.oneof(
          realisticDate,
          realisticDate.map((value) => value.slice(0, 7)),
          padded(realisticDate),
        ),
        edge: fc.oneof(
          date,
          padded(date),
          fc.constantFrom(
            '2023-02-29',
            '2024-02-29',
            '1900-02-29',
            '2000-02-29',
            '0000-02-29',
            '0004-02-29',
            '0100-02-29',
            '2024-04-31',
            '2024-2-1',
            '２０２４',
            '2024-01-01T00:00:00Z',
          ),
          nastyString,
        ),
      };
    case 'datetime':
      return {
        common: realisticDatetime,
        edge: fc.oneof(
          datetime,
          padded(datetime),
          fc.constantFrom('2024-02-29T00:00:00Z', '2023-02-29T00:00:00Z', '0000-02-29T12:00:00Z'),
        ),
      };
    case 'phone':
      return {
        common: fc.oneof(phone, padded(phone)),
        edge: fc.oneof(
          padded(nastyString),
          fc.constantFrom(
            '12',
            ' 12 ',
            '123',
            '😀1',
            '1😀',
            '1😀😀',
            '\ud8001x',
            'x'.repeat(99) + '1',
            '1'.repeat(101),
            ` ${'1'.repeat(100)} `,
          ),
          padded(around(100, (length) => `+${'1'.repeat(length - 1)}`)),
        ),
      };
    case 'email':
      return {
        common: fc.oneof(
          fc
            .tuple(letters(1, 8), fc.constantFrom('', '.', '_', '+'), letters(1, 4), letters(1, 8), letters(2, 3))
            .map(([local, join, tag, domain, top]) => `${local}${join}${tag}@${domain}.${top}`),
          fc.constantFrom('ana@example.org', ' Li.Wei@Example.COM '),
        ),
        edge: fc.oneof(
          fc.emailAddress(),
          padded(fc.emailAddress()),
          fc.constantFrom(
            'a..b@x.co',
            '.a@x.co',
            'a.@x.co',
            'a@x',
            'a@-x.co',
            'a b@x.co',
            'é@x.co',
            `${'a'.repeat(315)}@x.co`,
            `${'a'.repeat(316)}@x.co`,
          ),
          padded(around(320, (length) => `${'a'.repeat(length - 5)}@x.co`)),
          nastyString,
        ),
      };
    case 'url':
      return {
        common: fc.oneof(fc.webUrl(), fc.constantFrom('https://classifieds.example/ad/1', ' http://x.example ')),
        edge: fc.oneof(
          padded(fc.webUrl()),
          fc.constantFrom(
            'notaurl',
            'mailto:a@b.c',
            'http://exa\tmple.com',
            'http://exa\nmple.com/\r',
            'https://a b',
            'http:x',
            '//x',
            'a:',
          ),
          padded(around(4_000, (length) => `https://x.example/${'a'.repeat(length - 18)}`)),
          nastyString,
        ),
      };
    case 'integer':
    case 'amount':
      return { common: fc.integer({ min: 0, max: 1_000_000 }), edge: fc.oneof(integer, fc.double()) };
    case 'number':
      return { common: fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })), edge: fc.double() };
    case 'latitude':
      return { common: fc.double({ min: -90, max: 90, noNaN: true }), edge: numbersAround(90) };
    case 'longitude':
      return { common: fc.double({ min: -180, max: 180, noNaN: true }), edge: numbersAround(180) };
    case 'boolean':
      return { common: fc.boolean(), edge: fc.constantFrom('true', 0, 1) };
    case 'enum': {
      const values = property.values ?? [];
      const value = fc.constantFrom(...values);
      return {
        common: value,
        edge: fc.oneof(
          value.map((item) => item.toUpperCase()),
          padded(value),
          fc.constantFrom('nope', ''),
        ),
      };
    }
    case 'entity':
      return {
        common: fc.oneof(
          fc.constantFrom('p-1', 'ph-2', 'trip-17'),
          fc.string({ minLength: 1, maxLength: 20 }).filter((value) => !value.includes('\0')),
        ),
        edge: fc.oneof(
          padded(nastyString),
          fc.constantFrom(...LONG_STRINGS, '\0'),
          around(1_000, (length) => 'r'.repeat(length)),
          fc.uuid().map((id) => ({ id })),
          fc.uuid().map((id) => ({ id, extra: 1 })),
          fc.constantFrom(
            { id: 'not-a-uuid' },
            { sourceSystem: 'pnr', sourceRecordId: 'r-1' },
            { sourceSystem: '', sourceRecordId: 'r-1' },
            { sourceSystem: 'pnr', sourceRecordId: 'r-1', id: 'x' },
          ),
        ),
      };
  }
}

const ABSENT = Symbol('absent');
// A prototype other than Object's, with a property of its own.
const INHERITED = { note: 'inherited' };
const UNKNOWN_KEYS = ['shoeSize', '__proto__', 'constructor', 'toString', 'Name', 'name ', '', 'holder', 'number'];

/** One property's entry: a value (single or a list), absent, or present as undefined. */
function entryOf(name: string, property: PropertyDefinition, valid: boolean): fc.Arbitrary<[string, unknown]> {
  const { common, edge } = valuesOf(property);
  const one = valid
    ? common
    : fc.oneof(
        { weight: 5, arbitrary: common },
        { weight: 3, arbitrary: perturbed(common) },
        { weight: 3, arbitrary: edge },
        { weight: 1, arbitrary: wrongType },
      );
  const lists = fc.oneof(
    { weight: 12, arbitrary: fc.array(one, { maxLength: 4 }) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(MAX_VALUES, valid ? MAX_VALUES : MAX_VALUES + 1)
        .chain((length) => fc.array(common, { minLength: length, maxLength: length })),
    },
  );
  const value: fc.Arbitrary<unknown> = property.many
    ? fc.oneof(
        { weight: 2, arbitrary: one },
        { weight: 3, arbitrary: valid ? lists.filter((list) => list.length > 0 || !property.required) : lists },
      )
    : valid
      ? one
      : fc.oneof(
          { weight: 12, arbitrary: one },
          { weight: 1, arbitrary: fc.array(one, { minLength: 1, maxLength: 2 }) },
        );
  const choices = valid
    ? property.required
      ? [{ weight: 1, arbitrary: value }]
      : [
          { weight: 2, arbitrary: value },
          { weight: 3, arbitrary: fc.constant<unknown>(ABSENT) },
        ]
    : [
        { weight: 4, arbitrary: value },
        { weight: property.required ? 1 : 6, arbitrary: fc.constant<unknown>(ABSENT) },
        { weight: 1, arbitrary: fc.constant<unknown>(undefined) },
      ];
  return fc.oneof(...choices).map((chosen): [string, unknown] => [name, chosen]);
}

/** How inputs are generated: plausible values only, anything, or plausible but for one or two mutations. */
type Mode = 'valid' | 'random' | 'mutated';

const unknownEntry = fc.tuple(fc.constantFrom(...UNKNOWN_KEYS), fc.oneof(wrongType, nastyString));

// One change that may make valid properties invalid, or merely unusual.
type Mutation = (entries: Map<string, unknown>) => void;

function mutationsOf(definition: EntityDefinition): fc.Arbitrary<Mutation> {
  const perProperty = Object.entries(definition.properties).map(([name, property]) => {
    const { common, edge } = valuesOf(property);
    const bad = fc.oneof(
      { weight: 2, arbitrary: perturbed(common) },
      { weight: 2, arbitrary: edge },
      { weight: 1, arbitrary: wrongType },
    );
    const set =
      (value: unknown): Mutation =>
      (entries) => {
        entries.set(name, value);
      };
    return fc.oneof(
      bad.map(set),
      fc
        .tuple(fc.array(common, { maxLength: 3 }), bad, fc.nat())
        .map(([items, item, at]) =>
          set([...items.slice(0, at % (items.length + 1)), item, ...items.slice(at % (items.length + 1))]),
        ),
      common.map((item) => set([item])),
      fc.constantFrom<unknown>(undefined, []).map(set),
      fc
        .constantFrom(MAX_VALUES, MAX_VALUES + 1)
        .chain((length) => fc.array(common, { minLength: length, maxLength: length }))
        .map(set),
      fc.constant<Mutation>((entries) => {
        entries.delete(name);
      }),
    );
  });
  const unknown = unknownEntry.map(([name, value]): Mutation => (entries) => {
    entries.set(name, value);
  });
  return fc.oneof(...perProperty, unknown);
}

/** Property objects for an entity type, keys in any order. */
function propertiesOf(definition: EntityDefinition, mode: Mode): fc.Arbitrary<unknown> {
  const valid = mode !== 'random';
  const entries = Object.entries(definition.properties).map(([name, property]) => entryOf(name, property, valid));
  const declared = fc
    .tuple(...entries)
    .map((all) => new Map<string, unknown>(all.filter(([, value]) => value !== ABSENT)));
  const changed =
    mode === 'valid'
      ? declared
      : mode === 'mutated'
        ? fc
            .tuple(declared, fc.array(mutationsOf(definition), { minLength: 1, maxLength: 2 }))
            .map(([map, mutations]) => {
              const copy = new Map(map);
              for (const mutate of mutations) mutate(copy);
              return copy;
            })
        : fc.tuple(declared, fc.option(unknownEntry, { freq: 12 })).map(([map, extra]) => {
            const copy = new Map(map);
            if (extra !== null) copy.set(...extra);
            return copy;
          });
  const objects = changed
    .map((map) => [...map])
    .chain((all) => fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }))
    // fromEntries defines own properties, `__proto__` included.
    .map((all): unknown => Object.fromEntries(all));
  if (mode === 'valid') return objects;
  return fc.oneof(
    { weight: 30, arbitrary: objects },
    { weight: 1, arbitrary: objects.map((object) => Object.assign(Object.create(null) as object, object)) },
    { weight: 1, arbitrary: objects.map((object) => Object.assign(Object.create(INHERITED) as object, object)) },
    { weight: 1, arbitrary: wrongType },
  );
}

/** A property of the given kind, built as the entity types build theirs. */
function propertyOfKind(kind: PropertyKind, options: { many?: boolean; required?: boolean }): PropertyDefinition {
  if (kind === 'enum') return p.enum('Enum', ['mobile', 'landline', 'voip'], options);
  if (kind === 'entity') return p.entity('Entity', [], options);
  return p[kind](kind, options);
}

/** One made-up entity type per kind, with the kind single and multi-valued, optional and required. */
const KIND_TYPES: readonly EntityDefinition[] = PROPERTY_KINDS.map((kind) => ({
  name: `Only${kind}`,
  label: kind,
  description: `Every cardinality of ${kind}`,
  kind: 'thing',
  personal: false,
  caption: [],
  properties: {
    one: propertyOfKind(kind, {}),
    required: propertyOfKind(kind, { required: true }),
    many: propertyOfKind(kind, { many: true }),
    requiredMany: propertyOfKind(kind, { many: true, required: true }),
  },
}));

describe('the compiled validator of each entity type', () => {
  it('is really compiled, not the ordinary parser in disguise', () => {
    for (const definition of [...ENTITY_TYPES, ...KIND_TYPES]) {
      expect(() => z.compile(propertiesSchema(definition), { strict: true }), definition.name).not.toThrow();
    }
  });

  for (const definition of ENTITY_TYPES) {
    it(`agrees with the ordinary parser on generated input: ${definition.name}`, () => {
      let valid = 0;
      fc.assert(
        fc.property(
          fc.oneof(
            { weight: 3, arbitrary: propertiesOf(definition, 'mutated') },
            { weight: 1, arbitrary: propertiesOf(definition, 'random') },
          ),
          (input) => {
            if (compare(definition, input)) valid += 1;
          },
        ),
        { numRuns: RUNS_PER_TYPE },
      );
      // Not vacuous: a fair share of the generated inputs is valid.
      expect(valid).toBeGreaterThan(RUNS_PER_TYPE / 50);
    });
  }

  for (const definition of KIND_TYPES) {
    it(`agrees with the ordinary parser, one kind at a time: ${definition.label}`, () => {
      let valid = 0;
      fc.assert(
        fc.property(propertiesOf(definition, 'mutated'), (input) => {
          if (compare(definition, input)) valid += 1;
        }),
        { numRuns: RUNS_PER_KIND },
      );
      expect(valid).toBeGreaterThan(RUNS_PER_KIND / 50);
    });
  }

  it('accepts every record of the benchmark mix as the ordinary parser does', () => {
    let records = 0;
    for (const batch of recordMix(5_000, 1_000)) {
      for (const record of batch as { type: string; properties: unknown }[]) {
        const definition = entityType(record.type);
        if (definition === undefined) throw new Error(`unknown type ${record.type}`);
        expect(compare(definition, record.properties), `${record.type}: ${fc.stringify(record.properties)}`).toBe(true);
        records += 1;
      }
    }
    expect(records).toBe(5_000);
  });

  it('keeps declaration order, and properties present as undefined, as the ordinary parser does', () => {
    const person = entityType('Person');
    if (person === undefined) throw new Error('no Person');
    const input = { nationality: ' gb', alias: undefined, name: ' Ana ' };
    const output = propertiesValidator(person).parse(input);
    expect(output).toStrictEqual({ name: ['Ana'], alias: undefined, nationality: ['GB'] });
    expect(Object.keys(output)).toEqual(['name', 'alias', 'nationality']);
    expect(compare(person, input)).toBe(true);
  });
});
