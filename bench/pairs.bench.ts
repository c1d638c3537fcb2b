/**
 * Pair scoring throughput: the engine's comparison vectors and match weights for the FEBRL4
 * candidate pairs (prepared values, integer level codes, one reused scratch vector), and side by
 * side in the same run DuckDB (`@duckdb/node-api`, benchmark only) computing the same comparison
 * levels on the same pairs: records and pairs loaded into tables, the levels of given name,
 * surname, address and suburb written in SQL from the engine's bound comparisons
 * (`jaro_winkler_similarity` with the lowest threshold as cutoff, as the engine asks it; the
 * crossings of given name and surname; the initial), summed so that no result rows are shipped.
 * The sums must equal the engine's, pair for pair repeated: the same vectors (a difference names
 * the first pairs that disagree). Three measures: these Jaro-Winkler levels (the goal's), the same
 * with the address's level of words within one another (SQL list functions in DuckDB), and plain
 * Jaro-Winkler bands (fewer levels: DuckDB computing less than the engine, for reference). The
 * engine is timed on one thread and on worker threads (`ParallelPairScorer`, one per core, as
 * DuckDB uses every core); the parallel results are checked equal to the single-thread ones.
 *
 *   npm run bench pairs [-- --pairs 2000000]
 * The candidate pairs (about 14,000) are repeated to `--pairs`; each measure is the fastest of 5
 * rounds (other processes share the cores on and off). Goal: ≥ 500,000 scored pairs/s on one thread,
 * and a rate at least DuckDB's on the same Jaro-Winkler levels (ratio ≥ 1.0).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ParallelPairScorer, parseLinkMap, readLinkRecords } from '../src/apps/link/index.ts';
import { compareLevel, initialsFor, linkRecords, type BoundComparison } from '../src/domain/resolution/match/index.ts';
import { machineLine } from './support/machine.ts';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value === undefined || !Number.isFinite(value) ? fallback : value;
}

const PAIRS = option('pairs', 2_000_000);
const RATE_GOAL = 500_000;
const ROUNDS = 5;
/**
 * Runs `round` ROUNDS times and returns the fastest round's seconds (other processes share the two
 * cores on and off: the fastest round is the least disturbed one, for the engine and DuckDB alike)
 * and the last round's result; `check` sees each round's result, outside the time.
 */
async function fastest<T>(
  round: () => T | Promise<T>,
  check: (result: T) => void = () => undefined,
): Promise<{ seconds: number; result: T }> {
  let seconds = Number.POSITIVE_INFINITY;
  let result: T | undefined;
  for (let count = 0; count < ROUNDS; count += 1) {
    const started = performance.now();
    const value = await round();
    seconds = Math.min(seconds, (performance.now() - started) / 1000);
    check(value);
    result = value;
  }
  return { seconds, result: result as T };
}
const data = join(new URL('../', import.meta.url).pathname, '../shared/data/febrl');
const JW_ROLES = ['given_name', 'surname', 'address', 'city'] as const;

function rate(pairs: number, seconds: number): string {
  return `${Math.round(pairs / seconds)
    .toLocaleString('en')
    .padStart(10)} pairs/s`;
}

if (!existsSync(data)) {
  console.log(`FEBRL is not here (${data}): nothing to measure`);
  process.exit(0);
}
console.log(machineLine());
const map = parseLinkMap(
  JSON.stringify({
    id: 'rec_id',
    fields: {
      given_name: 'given_name',
      surname: 'surname',
      street_number: 'street_number',
      address: ['address_1', 'address_2'],
      city: 'suburb',
      postcode: 'postcode',
      region: 'state',
      date_of_birth: 'date_of_birth',
      national_id: 'soc_sec_id',
    },
  }),
  'FEBRL map',
);
const records = [
  ...readLinkRecords(join(data, 'dataset4a.csv'), map, 0),
  ...readLinkRecords(join(data, 'dataset4b.csv'), map, 1),
];
const linked = linkRecords(records, { mode: 'link', roles: new Set(map.fields.keys()) });
const { candidates, scorer } = linked;
const repeats = Math.max(1, Math.ceil(PAIRS / candidates.count));
const total = repeats * candidates.count;
console.log(
  `FEBRL4: ${candidates.count.toLocaleString('en')} candidate pairs × ${repeats} = ${total.toLocaleString('en')} pairs per round, ${scorer.bound.length} comparisons; fastest of ${ROUNDS} rounds`,
);

// The engine: whole comparison vectors and match weights.
const scratch = new Uint8Array(scorer.bound.length);
const { seconds: engineSeconds, result: checksum } = await fastest(() => {
  let sum = 0;
  for (let repeat = 0; repeat < repeats; repeat += 1) {
    for (let pair = 0; pair < candidates.count; pair += 1) {
      sum += scorer.weight(candidates.left[pair] ?? 0, candidates.right[pair] ?? 0, scratch);
    }
  }
  return sum;
});

// The engine on the levels of the four Jaro-Winkler comparisons alone: first without the
// address's level of words within one another (every level then a Jaro-Winkler band, a crossing of
// the name parts or an initial), then whole.
const jwBound = JW_ROLES.map((role) =>
  scorer.bound.find((bound) => bound.comparison.name === role),
) as BoundComparison[];
const jwOnlyBound = jwBound.map((bound) => ({ ...bound, words: undefined }));
async function timeLevels(bound: readonly BoundComparison[]): Promise<{ seconds: number; sum: number }> {
  const { seconds, result: sum } = await fastest(() => {
    let levels = 0;
    for (let repeat = 0; repeat < repeats; repeat += 1) {
      for (let pair = 0; pair < candidates.count; pair += 1) {
        const left = candidates.left[pair] ?? 0;
        const right = candidates.right[pair] ?? 0;
        for (const comparison of bound) levels += compareLevel(comparison, scorer.records, left, right);
      }
    }
    return levels;
  });
  return { seconds, sum };
}
const jwOnly = await timeLevels(jwOnlyBound);
const jwWhole = await timeLevels(jwBound);

// The engine on worker threads: the same pairs (repeated the same way), the same computations.
const repeatedLeft = new Int32Array(total);
const repeatedRight = new Int32Array(total);
for (let repeat = 0; repeat < repeats; repeat += 1) {
  repeatedLeft.set(candidates.left, repeat * candidates.count);
  repeatedRight.set(candidates.right, repeat * candidates.count);
}
const repeated = { count: total, left: repeatedLeft, right: repeatedRight };
const parallel = await ParallelPairScorer.start(linked.model, scorer.records);
const parallelThreads = parallel.threads;
const timeParallelLevels = async (wordsWithin: boolean, expected: number): Promise<number> =>
  (
    await fastest(
      () => parallel.levelSums(repeated, JW_ROLES, { wordsWithin }),
      (sums) => {
        let sum = 0;
        for (const each of sums) sum += each;
        if (sum !== expected) throw new Error(`parallel level sum ${sum} ≠ ${expected}`);
      },
    )
  ).seconds;
let parallelSeconds = 0;
let parallelJwOnlySeconds = 0;
let parallelJwWholeSeconds = 0;
try {
  parallelSeconds = (
    await fastest(
      () => parallel.weights(repeated),
      (weights) => {
        // Summed in the same order from the same weights: equal to the last bit.
        let sum = 0;
        for (const weight of weights) sum += weight;
        if (sum !== checksum) throw new Error(`parallel checksum ${sum} ≠ ${checksum}`);
      },
    )
  ).seconds;
  parallelJwOnlySeconds = await timeParallelLevels(false, jwOnly.sum);
  parallelJwWholeSeconds = await timeParallelLevels(true, jwWhole.sum);
} finally {
  await parallel.close();
}

// DuckDB: the same four Jaro-Winkler levels on the same pairs.
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const threads = (await connection.runAndReadAll("SELECT current_setting('threads')")).getRows()[0]?.[0];
// Beside each name, what the engine works out once per value and DuckDB has no function for: its
// Double Metaphone codes (primary and alternate) and, for a given name, the initials that may
// stand for it (its own and its diminutives').
const nameBound = jwBound.filter((bound) => bound.kind === 'name');
const extraColumns = nameBound.flatMap((bound) => [
  `${bound.comparison.name}_sound1`,
  `${bound.comparison.name}_sound2`,
  ...(bound.givenNames ? [`${bound.comparison.name}_initials`] : []),
]);
await connection.run(
  `CREATE TABLE records (id INTEGER, ${[...JW_ROLES, ...extraColumns].map((column) => `${column} VARCHAR`).join(', ')})`,
);
const recordAppender = await connection.createAppender('records');
for (let index = 0; index < scorer.records.size; index += 1) {
  recordAppender.appendInteger(index);
  for (const role of JW_ROLES) {
    const value = scorer.records.text.get(role)?.[index] ?? '';
    if (value === '') recordAppender.appendNull();
    else recordAppender.appendVarchar(value);
  }
  for (const bound of nameBound) {
    const id = bound.ids[index] ?? 0;
    const [primary, alternate] = bound.sounds?.of(id) ?? ['', ''];
    recordAppender.appendVarchar(primary);
    recordAppender.appendVarchar(alternate);
    if (bound.givenNames) recordAppender.appendVarchar(initialsFor(bound.values[index] ?? ''));
  }
  recordAppender.endRow();
}
recordAppender.closeSync();
await connection.run('CREATE TABLE candidates (l INTEGER, r INTEGER)');
const pairAppender = await connection.createAppender('candidates');
for (let pair = 0; pair < candidates.count; pair += 1) {
  pairAppender.appendInteger(candidates.left[pair] ?? 0);
  pairAppender.appendInteger(candidates.right[pair] ?? 0);
  pairAppender.endRow();
}
pairAppender.closeSync();
await connection.run(`CREATE TABLE pairs AS SELECT l, r FROM candidates, range(${repeats})`);
// Each value's words, split once per record as the engine splits each value once, for the address's
// level of the words of one within the other.
const wordColumns = jwBound.flatMap((bound) =>
  bound.words === undefined && !bound.givenNames ? [] : [bound.comparison.name],
);
await connection.run(
  `CREATE TABLE records_words AS SELECT *${wordColumns.map((column) => `, string_split(${column}, ' ') AS ${column}_words`).join('')} FROM records`,
);
await connection.run('CREATE TABLE left_records AS SELECT * FROM records_words');

// The engine's levels as SQL, written from its bound comparisons: for a name part the crossings of
// given name and surname (a swap) and the initial, for the address the words of one within the
// other (each word equal, or one edit apart when longer than three letters). Jaro-Winkler is asked
// with the lowest threshold as its cutoff, as the engine asks it.
const jw = (x: string, y: string, cutoff: number) => `jaro_winkler_similarity(${x}, ${y}, ${cutoff})`;
const present = (x: string) => `${x} IS NOT NULL`;
const within = (fewer: string, more: string) =>
  `(len(${fewer}) >= 2 AND len(list_filter(${fewer}, lambda w: NOT (list_contains(${more}, w) OR ` +
  `(length(w) > 3 AND list_bool_or(list_transform(${more}, lambda o: damerau_levenshtein(w, o) = 1)))))) = 0)`;
const soundAlike = (column: string) => {
  const [a1, a2, b1, b2] = [`a.${column}_sound1`, `a.${column}_sound2`, `b.${column}_sound1`, `b.${column}_sound2`];
  return `(${a1} <> '' AND ${b1} <> '' AND (${a1} = ${b1} OR ${a1} = ${b2} OR ${a2} = ${b1} OR (${a2} <> '' AND ${a2} = ${b2})))`;
};
// One name the other cut short: a beginning of three letters or more, or the first words of the
// name with more words, within two edits.
const shortened = (column: string) => {
  const [a, b, aw, bw] = [`a.${column}`, `b.${column}`, `a.${column}_words`, `b.${column}_words`];
  const fewer = `CASE WHEN len(${aw}) < len(${bw}) THEN ${a} ELSE ${b} END`;
  const more = `CASE WHEN len(${aw}) < len(${bw}) THEN ${bw} ELSE ${aw} END`;
  return (
    `(least(length(${a}), length(${b})) >= 3 AND (starts_with(${a}, ${b}) OR starts_with(${b}, ${a}) OR ` +
    `(len(${aw}) <> len(${bw}) AND damerau_levenshtein(${fewer}, array_to_string(list_slice(${more}, 1, least(len(${aw}), len(${bw}))), ' ')) <= 2)))`
  );
};
function engineLevel(bound: BoundComparison, wordsWithin: boolean): string {
  const column = bound.comparison.name;
  const a = `a.${column}`;
  const b = `b.${column}`;
  const thresholds = [...bound.thresholds];
  const lowest = thresholds[thresholds.length - 1] ?? 0;
  const similarity = jw(a, b, lowest);
  let sql = `CASE WHEN ${a} IS NULL OR ${b} IS NULL THEN 0 WHEN ${a} = ${b} THEN 1 `;
  if (bound.kind === 'name') {
    if (bound.keptIds !== undefined)
      throw new Error(`${column}: the level of a surname kept as a middle name is not written in SQL here`);
    const [first, close, last] = thresholds;
    const sound = soundAlike(column);
    // A given name's letters alike count as a typo (two edits, Damerau–Levenshtein as the engine
    // counts them), a sound-alike or a name cut short.
    const alike = bound.givenNames
      ? `(damerau_levenshtein(${a}, ${b}) <= 2 OR ${sound} OR ${shortened(column)})`
      : 'TRUE';
    sql += `WHEN ${similarity} >= ${first} THEN 2 WHEN ${similarity} >= ${close} AND ${alike} THEN 3 `;
    let level = 4;
    const other = bound.comparison.swappedWith;
    if (other !== undefined && close !== undefined) {
      const [ao, bo] = [`a.${other}`, `b.${other}`];
      const crossRight = `(${present(bo)} AND ${jw(a, bo, close)} >= ${close})`;
      const crossLeft = `(${present(ao)} AND ${jw(ao, b, close)} >= ${close})`;
      const otherAgrees = `(${present(ao)} AND ${present(bo)} AND (${ao} = ${bo} OR ${jw(ao, bo, close)} >= ${close}))`;
      const crossed = bound.swapsOnOneCrossing
        ? `NOT ${otherAgrees} AND (${crossRight} OR ${crossLeft})`
        : `${crossRight} AND ${crossLeft}`;
      sql += `WHEN ${crossed} THEN 4 `;
      level = 5;
    }
    const diminutiveInitial = bound.givenNames
      ? ` OR (length(${a}) = 1 AND contains(b.${column}_initials, ${a})) OR (length(${b}) = 1 AND contains(a.${column}_initials, ${b}))`
      : '';
    return (
      sql +
      `WHEN (${similarity} >= ${last} AND ${alike}) OR ${sound} THEN ${level} ` +
      `WHEN ((length(${a}) = 1 OR length(${b}) = 1) AND left(${a}, 1) = left(${b}, 1))${diminutiveInitial} THEN ${level + 1} ` +
      `ELSE ${level + 2} END`
    );
  }
  if (bound.kind !== 'text') throw new Error(`${column}: not a Jaro-Winkler comparison`);
  sql += thresholds.map((threshold, index) => `WHEN ${similarity} >= ${threshold} THEN ${index + 2} `).join('');
  if (wordsWithin && bound.words !== undefined) {
    const [aw, bw] = [`a.${column}_words`, `b.${column}_words`];
    sql += `WHEN CASE WHEN len(${aw}) <= len(${bw}) THEN ${within(aw, bw)} ELSE ${within(bw, aw)} END THEN ${bound.last - 1} `;
  }
  return `${sql}ELSE ${bound.last} END`;
}
// Plain Jaro-Winkler levels, fewer than the engine's (no crossings, initials or words within): what
// DuckDB computes when asked only for the similarity bands.
const plainLevel = (bound: BoundComparison) => {
  const column = bound.comparison.name;
  const similarity = `jaro_winkler_similarity(a.${column}, b.${column})`;
  return (
    `CASE WHEN a.${column} IS NULL OR b.${column} IS NULL THEN 0 WHEN a.${column} = b.${column} THEN 1 ` +
    [...bound.thresholds].map((threshold, index) => `WHEN ${similarity} >= ${threshold} THEN ${index + 2} `).join('') +
    `ELSE ${bound.thresholds.length + 2} END`
  );
};
const sumQuery = (level: (bound: BoundComparison) => string) =>
  `SELECT count(*), sum(${jwBound.map(level).join(' + ')}) ` +
  'FROM pairs p JOIN left_records a ON a.id = p.l JOIN records_words b ON b.id = p.r';
async function timeDuckDB(query: string): Promise<{ seconds: number; sum: number }> {
  const { seconds, result: rows } = await fastest(
    async () => (await connection.runAndReadAll(query)).getRows(),
    (rows) => {
      if (Number(rows[0]?.[0]) !== total) throw new Error(`DuckDB scored ${String(rows[0]?.[0])} pairs, not ${total}`);
    },
  );
  return { seconds, sum: Number(rows[0]?.[1]) };
}
const duckJwOnly = await timeDuckDB(sumQuery((bound) => engineLevel(bound, false)));
const duckJwWhole = await timeDuckDB(sumQuery((bound) => engineLevel(bound, true)));
const duckPlain = await timeDuckDB(sumQuery(plainLevel));
for (const [label, duck, engine, withWords] of [
  ['Jaro-Winkler levels', duckJwOnly, jwOnly, false],
  ['whole levels', duckJwWhole, jwWhole, true],
] as const) {
  if (duck.sum === engine.sum) continue;
  // Name the first pairs whose levels differ, to see which comparison disagrees.
  const rows = (
    await connection.runAndReadAll(
      `SELECT p.l, p.r, ${jwBound.map((bound) => engineLevel(bound, withWords)).join(', ')} FROM candidates p ` +
        'JOIN left_records a ON a.id = p.l JOIN records_words b ON b.id = p.r',
    )
  ).getRows();
  const bound = withWords ? jwBound : jwOnlyBound;
  let shown = 0;
  for (const [l, r, ...levels] of rows) {
    const ours = bound.map((comparison) => compareLevel(comparison, scorer.records, Number(l), Number(r)));
    if (ours.every((level, index) => level === Number(levels[index])) || shown >= 10) continue;
    shown += 1;
    const values = bound.map(
      (comparison) => `${comparison.comparison.name} ${comparison.values[Number(l)]} | ${comparison.values[Number(r)]}`,
    );
    console.log(
      `pair ${String(l)}–${String(r)}: engine ${ours.join(' ')}, DuckDB ${levels.map(String).join(' ')}; ${values.join('; ')}`,
    );
  }
  throw new Error(`${label}: DuckDB's level sum ${duck.sum} ≠ the engine's ${engine.sum}`);
}
connection.closeSync();
instance.closeSync();

const line = (label: string, pairs: number, seconds: number, note = '') => {
  console.log(`${label.padEnd(56)}${rate(pairs, seconds)}${note}`);
};
line(
  'engine 1 thread: whole comparison vectors + weights',
  total,
  engineSeconds,
  `  (checksum ${checksum.toFixed(0)})`,
);
line('engine 1 thread: Jaro-Winkler levels of the 4 comparisons', total, jwOnly.seconds, `  (level sum ${jwOnly.sum})`);
line('engine 1 thread: the same + address words within', total, jwWhole.seconds, `  (level sum ${jwWhole.sum})`);
line(
  `engine ${parallelThreads} threads: whole comparison vectors + weights`,
  total,
  parallelSeconds,
  '  (same checksum)',
);
line(
  `engine ${parallelThreads} threads: Jaro-Winkler levels of the 4`,
  total,
  parallelJwOnlySeconds,
  '  (same level sum)',
);
line(
  `engine ${parallelThreads} threads: the same + address words within`,
  total,
  parallelJwWholeSeconds,
  '  (same level sum)',
);
line(
  `DuckDB ${String(threads)} threads: Jaro-Winkler levels of the 4`,
  total,
  duckJwOnly.seconds,
  `  (level sum ${duckJwOnly.sum}: the engine's)`,
);
line(
  `DuckDB ${String(threads)} threads: the same + address words within`,
  total,
  duckJwWhole.seconds,
  `  (level sum ${duckJwWhole.sum}: the engine's)`,
);
line(
  `DuckDB ${String(threads)} threads: plain Jaro-Winkler bands`,
  total,
  duckPlain.seconds,
  `  (level sum ${duckPlain.sum}: fewer levels)`,
);
const wholeRate = total / engineSeconds;
console.log(
  `goal ≥ ${RATE_GOAL.toLocaleString('en')} scored pairs/s on one thread: ${Math.round(wholeRate).toLocaleString('en')} (${wholeRate >= RATE_GOAL ? 'met' : 'not met'})`,
);
const ratio = (duck: number, engine: number) => (duck / engine).toFixed(2);
const met = duckJwOnly.seconds / parallelJwOnlySeconds >= 1;
console.log(
  `ratio to DuckDB on the same Jaro-Winkler levels: 1 thread ${ratio(duckJwOnly.seconds, jwOnly.seconds)}, ` +
    `${parallelThreads} threads ${ratio(duckJwOnly.seconds, parallelJwOnlySeconds)} (goal ≥ 1.0: ${met ? 'met' : 'not met'})`,
);
console.log(
  `ratio to DuckDB with the address words within as well (SQL list functions): 1 thread ${ratio(duckJwWhole.seconds, jwWhole.seconds)}, ` +
    `${parallelThreads} threads ${ratio(duckJwWhole.seconds, parallelJwWholeSeconds)}`,
);
console.log(
  `ratio to DuckDB on plain bands (DuckDB computing less than the engine): 1 thread ${ratio(duckPlain.seconds, jwOnly.seconds)}, ` +
    `${parallelThreads} threads ${ratio(duckPlain.seconds, parallelJwOnlySeconds)}`,
);
console.log(
  `ratio of the engine's whole vectors (${scorer.bound.length} comparisons + weights) to DuckDB's Jaro-Winkler levels of 4: ` +
    `1 thread ${ratio(duckJwOnly.seconds, engineSeconds)}, ${parallelThreads} threads ${ratio(duckJwOnly.seconds, parallelSeconds)}`,
);
