/**
 * Screening: latency and throughput against a large generated list, and accuracy on public
 * labelled name pairs.
 *
 *   npm run bench screen [-- --entries 1000000 --queries 100000 --single 10000]
 *
 * The list: people of the world generator's origins (names in Latin, Cyrillic, Arabic and Chinese
 * script; a given name, often a second one, and a family name), each with a date of birth (a
 * tenth only the year), a gender, a nationality and, for half, a passport number. The queries: half
 * are entries written otherwise (the Latin spelling of a name in another script, a letter typed
 * wrong, the second given name left out, the family name first, the year of birth only), half are
 * people not on the list. Goals: single query p50 ≤ 2 ms, p99 ≤ 10 ms; 100,000 queries in ≤ 60 s;
 * name_bench F1 ≥ 0.85 with every STRONG pair matched; ≥ 18 of 22 cross-script pairs.
 * Then `weft screen` itself (a child process, worker threads by default) on the list and the
 * batch's queries written to CSV files (`--cli 0` skips it).
 */
import { parse } from 'csv-parse/sync';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_SCREENING_THRESHOLD,
  prepareFields,
  scoreEntry,
  ScreeningIndex,
  type PreparedFields,
} from '../src/domain/screening/index.ts';
import { createRandom } from '../src/domain/synth/random.ts';
import { machineLine, median } from './support/machine.ts';
import { entryOf, person, queryOf, variantOf, type Person } from './support/screening-list.ts';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value === undefined || !Number.isFinite(value) ? fallback : value;
}

const ENTRIES = option('entries', 1_000_000);
const QUERIES = option('queries', 100_000);
const SINGLE = option('single', 10_000);
const CLI = option('cli', 1) !== 0;
const data = join(new URL('../', import.meta.url).pathname, '../shared/data');

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const percentile = (sorted: readonly number[], share: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;

console.log(machineLine());

// --- accuracy on public labelled pairs -------------------------------------------------------
const nameBench = join(data, 'name_bench/cases.csv');
if (existsSync(nameBench)) {
  const cases = parse<{ schema: string; name1: string; name2: string; is_match: string; quality: string }>(
    readFileSync(nameBench),
    { columns: true },
  );
  const scored = cases.map((row) => {
    const entry = prepareFields({ names: [row.name2] });
    const score = scoreEntry(prepareFields({ names: [row.name1] }), entry).score;
    return { ...row, score, match: row.is_match === 'true' };
  });
  const at = (threshold: number, rows = scored) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const row of rows) {
      const predicted = row.score >= threshold;
      if (predicted && row.match) tp += 1;
      else if (predicted) fp += 1;
      else if (row.match) fn += 1;
    }
    const p = tp / Math.max(1, tp + fp);
    const r = tp / Math.max(1, tp + fn);
    return { p, r, f1: (2 * p * r) / Math.max(1e-9, p + r) };
  };
  const all = at(DEFAULT_SCREENING_THRESHOLD);
  const strong = scored.filter((row) => row.quality === 'STRONG' && row.match);
  const strongFound = strong.filter((row) => row.score >= DEFAULT_SCREENING_THRESHOLD).length;
  console.log(
    `name_bench, ${scored.length} pairs, threshold ${DEFAULT_SCREENING_THRESHOLD}: P ${all.p.toFixed(3)} R ${all.r.toFixed(3)} F1 ${all.f1.toFixed(3)} ` +
      `(goal ≥ 0.85: ${all.f1 >= 0.85 ? 'met' : 'not met'}); STRONG matches found ${strongFound} of ${strong.length}; anchor logic_v2 F1 0.790`,
  );
  for (const schema of [...new Set(scored.map((row) => row.schema))]) {
    const rows = scored.filter((row) => row.schema === schema);
    const figures = at(DEFAULT_SCREENING_THRESHOLD, rows);
    console.log(`  ${schema}: ${rows.length} pairs, F1 ${figures.f1.toFixed(3)}`);
  }
} else console.log(`name_bench: skipped, ${nameBench} is absent`);

const crossScript = join(data, 'cross_script_names/cross_script_pairs.csv');
if (existsSync(crossScript)) {
  const pairs = readFileSync(crossScript, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.split(','));
  const matched = pairs.filter(
    ([query = '', expected = '']) =>
      scoreEntry(prepareFields({ names: [query] }), prepareFields({ names: [expected] })).score >=
      DEFAULT_SCREENING_THRESHOLD,
  ).length;
  console.log(`cross-script names: ${matched} of ${pairs.length} matched (goal ≥ 18)`);
}

// --- a large list ------------------------------------------------------------------------------
const random = createRandom(11);
const people: Person[] = [];
const heapBefore = process.memoryUsage().heapUsed;
let started = performance.now();
const index = new ScreeningIndex();
for (let number = 0; number < ENTRIES; number += 1) {
  const who = person(random);
  people.push(who);
  index.add(entryOf(who, `e${number}`));
}
global.gc?.();
const built = (performance.now() - started) / 1000;
const memory = process.memoryUsage();
console.log(
  `index of ${ENTRIES.toLocaleString('en')} entries built in ${built.toFixed(1)} s ` +
    `(${Math.round(ENTRIES / built).toLocaleString('en')} entries/s); heap ${mib(memory.heapUsed - heapBefore)} more ` +
    `(the generated people included), typed columns ${mib(index.columnBytes)}, RSS ${mib(memory.rss)}`,
);

function queries(count: number, seed: number): { query: PreparedFields; listed: number | undefined }[] {
  const draw = createRandom(seed);
  return Array.from({ length: count }, () => {
    if (draw.chance(0.5)) {
      const listed = draw.int(0, people.length - 1);
      return { query: prepareFields(variantOf(draw, people[listed] as Person)), listed };
    }
    return { query: prepareFields(queryOf(person(draw))), listed: undefined };
  });
}

// Single queries, one at a time: latency of each (the query's fields prepared beforehand, as the
// API prepares them while reading the request).
const single = queries(SINGLE, 21);
for (const { query } of single.slice(0, 500)) index.screenPrepared(query);
const latencies: number[] = [];
let found = 0;
let listed = 0;
for (const { query, listed: expected } of single) {
  const begun = performance.now();
  const hits = index.screenPrepared(query);
  latencies.push(performance.now() - begun);
  if (expected !== undefined) {
    listed += 1;
    if (hits.some((hit) => hit.entryId === `e${expected}`)) found += 1;
  }
}
latencies.sort((a, b) => a - b);
const p50 = percentile(latencies, 0.5);
const p99 = percentile(latencies, 0.99);
console.log(
  `single queries (${SINGLE.toLocaleString('en')}, in-process): p50 ${p50.toFixed(3)} ms (goal ≤ 2: ${p50 <= 2 ? 'met' : 'not met'}), ` +
    `p99 ${p99.toFixed(3)} ms (goal ≤ 10: ${p99 <= 10 ? 'met' : 'not met'}), mean ${(latencies.reduce((a, b) => a + b, 0) / latencies.length).toFixed(3)} ms, ` +
    `median of the slowest 1 % ${median(latencies.slice(Math.floor(latencies.length * 0.99))).toFixed(1)} ms`,
);
console.log(
  `  listed people written otherwise found among the hits: ${found} of ${listed} (${((100 * found) / Math.max(1, listed)).toFixed(1)} %)`,
);

// A batch: every query prepared and screened, as `weft screen` does.
const batch = queries(QUERIES, 31);
started = performance.now();
let hits = 0;
for (const { query } of batch) hits += index.screenPrepared(query).length;
const seconds = (performance.now() - started) / 1000;
console.log(
  `batch: ${QUERIES.toLocaleString('en')} queries in ${seconds.toFixed(1)} s (${Math.round(QUERIES / seconds).toLocaleString('en')} queries/s; ` +
    `goal 100,000 in ≤ 60 s: ${seconds * (100_000 / QUERIES) <= 60 ? 'met' : 'not met'}), ${hits.toLocaleString('en')} hits`,
);

// `weft screen` as a user runs it: the list and the batch's queries as CSV files.
if (CLI) {
  const work = mkdtempSync(join(tmpdir(), 'weft-screen-bench-'));
  try {
    const cell = (value: string | undefined) =>
      value === undefined ? '' : /[",\n]/u.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
    const listLines = ['id,full_name,date_of_birth,gender,nationality,document_number'];
    people.forEach((who, number) => {
      const entry = entryOf(who, `e${number}`);
      listLines.push(
        [
          entry.id,
          entry.names?.[0],
          entry.birthDates?.[0],
          entry.gender,
          entry.nationalities?.[0],
          entry.documents?.[0]?.number,
        ]
          .map(cell)
          .join(','),
      );
    });
    writeFileSync(join(work, 'list.csv'), `${listLines.join('\n')}\n`);
    const draw = createRandom(31);
    const queryLines = ['id,full_name,date_of_birth,gender,nationality'];
    for (let number = 0; number < QUERIES; number += 1) {
      const query = draw.chance(0.5)
        ? variantOf(draw, people[draw.int(0, people.length - 1)] as Person)
        : queryOf(person(draw));
      queryLines.push(
        [`q${number}`, query.names?.[0], query.birthDates?.[0], query.gender, query.nationalities?.[0]]
          .map(cell)
          .join(','),
      );
    }
    writeFileSync(join(work, 'queries.csv'), `${queryLines.join('\n')}\n`);
    const root = new URL('../', import.meta.url).pathname;
    const begun = performance.now();
    const run = spawnSync(
      process.execPath,
      [
        join(root, 'bin/weft.js'),
        'screen',
        '--list',
        join(work, 'list.csv'),
        '--queries',
        join(work, 'queries.csv'),
        '--out',
        join(work, 'hits.csv'),
      ],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const whole = (performance.now() - begun) / 1000;
    if (run.status !== 0) throw new Error(`weft screen failed: ${run.stderr}`);
    const screened = /queries screened in ([\d.]+) s on (\d+) thread/u.exec(run.stdout);
    const batchSeconds = Number(screened?.[1]);
    console.log(
      `weft screen (child process, ${screened?.[2] ?? '?'} threads): ${QUERIES.toLocaleString('en')} queries against ${ENTRIES.toLocaleString('en')} entries ` +
        `screened in ${batchSeconds.toFixed(1)} s (goal 100,000 in ≤ 60 s: ${batchSeconds * (100_000 / QUERIES) <= 60 ? 'met' : 'not met'}); ` +
        `${whole.toFixed(1)} s start to exit, the list read and indexed in every thread included`,
    );
    console.log(`  ${run.stdout.trim()}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
