/**
 * World generation: records per second written as JSON Lines files for a world of about 1,000,000
 * records, beside generation alone and an anchor measured in the same run (as many fixed small
 * objects through JSON.stringify and the same buffered file writes); then the peak memory of
 * `weft generate` writing a world of 10,000,000 records, in a child process that reports its own
 * peak resident set size when it exits.
 *
 *   npm run bench generate [-- --records 1000000 --big 10000000 --seed 1]
 * `--big 0` skips the big world. Goals: ≥ 200,000 records/s; ≤ 2 GiB peak RSS for 10,000,000 records.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statfsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BufferedFile, writeWorld } from '../src/apps/ingest/world-writer.ts';
import { peopleForRecords, WORLD_SIZES } from '../src/apps/ingest/world-size.ts';
import { generateWorld, WORLD_ORGANISATIONS } from '../src/domain/synth/index.ts';
import { machineLine } from './support/machine.ts';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value === undefined || !Number.isFinite(value) ? fallback : value;
}

const RECORDS = option('records', 1_000_000);
const BIG = option('big', 10_000_000);
const SEED = option('seed', 1);
const RATE_GOAL = 200_000;
const RSS_GOAL_MIB = 2_048;
const root = new URL('../', import.meta.url).pathname;

// Loaded into the child before `weft`: prints the process's peak RSS (KiB on Linux) as it exits.
const PEAK_RSS_HOOK =
  'data:text/javascript,import{writeSync}from"node:fs";' +
  'process.on("exit",()=>writeSync(2,`peak-rss-kib ${process.resourceUsage().maxRSS}\\n`))';

function line(label: string, records: number, seconds: number): string {
  return `${label.padEnd(56)} ${records.toLocaleString('en').padStart(10)} records  ${seconds.toFixed(2).padStart(7)} s  ${Math.round(
    records / seconds,
  )
    .toLocaleString('en')
    .padStart(9)} records/s`;
}

function bytesUnder(folder: string): number {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).reduce((sum, path) => {
    const stats = statSync(join(folder, path));
    return sum + (stats.isFile() ? stats.size : 0);
  }, 0);
}

function freeBytes(folder: string): number {
  const stats = statfsSync(folder);
  return stats.bavail * stats.bsize;
}

/** As many fixed small objects as records, through JSON.stringify and the same buffered writes, over as many files. */
function anchor(folder: string, count: number): number {
  mkdirSync(folder, { recursive: true });
  const started = performance.now();
  const files = WORLD_ORGANISATIONS.map((organisation) => new BufferedFile(join(folder, `${organisation.id}.jsonl`)));
  for (let index = 0; index < count; index += 1) {
    const object = { type: 'Thing', sourceRecordId: `thing-${index}`, properties: { name: 'A fixed name', n: index } };
    files[index % files.length]?.write(`${JSON.stringify(object)}\n`);
  }
  for (const file of files) file.close();
  return (performance.now() - started) / 1000;
}

console.log(machineLine());
const work = mkdtempSync(join(tmpdir(), 'weft-bench-generate-'));
try {
  const planting = { seed: SEED, rings: WORLD_SIZES.small.rings };
  const people = peopleForRecords(RECORDS, planting);
  console.log(
    `a world of about ${RECORDS.toLocaleString('en')} records: seed ${SEED}, ${people.toLocaleString('en')} people, ${planting.rings} rings`,
  );

  let started = performance.now();
  let generated = 0;
  for (const item of generateWorld({ ...planting, people })) if (item.kind === 'record') generated += 1;
  console.log(line('generation alone (items made, nothing written)', generated, (performance.now() - started) / 1000));

  started = performance.now();
  const summary = writeWorld(generateWorld({ ...planting, people }), { out: join(work, 'world'), format: 'jsonl' });
  const seconds = (performance.now() - started) / 1000;
  console.log(line('generated and written as JSON Lines files, with truth', summary.records, seconds));
  const bytesPerRecord = bytesUnder(join(work, 'world')) / summary.records;
  rmSync(join(work, 'world'), { recursive: true, force: true });
  console.log(
    line(
      'anchor: fixed small objects, JSON.stringify, same writes',
      summary.records,
      anchor(join(work, 'anchor'), summary.records),
    ),
  );
  rmSync(join(work, 'anchor'), { recursive: true, force: true });
  const rate = summary.records / seconds;
  console.log(
    `goal ≥ ${RATE_GOAL.toLocaleString('en')} records/s written: ${Math.round(rate).toLocaleString('en')} (${rate >= RATE_GOAL ? 'met' : 'not met'})`,
  );

  if (BIG > 0) {
    const needed = bytesPerRecord * BIG * 1.2;
    const free = freeBytes(work);
    if (free < needed) {
      console.log(
        `big world skipped: it needs about ${(needed / 2 ** 30).toFixed(1)} GiB of disk, ${(free / 2 ** 30).toFixed(1)} GiB are free in ${work}`,
      );
    } else {
      const out = join(work, 'big');
      const args = ['--import', PEAK_RSS_HOOK, join(root, 'bin/weft.js'), 'generate'];
      args.push('--seed', String(SEED), '--records', String(BIG), '--out', out, '--no-progress');
      started = performance.now();
      const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
      const wall = (performance.now() - started) / 1000;
      if (code !== 0) throw new Error(`weft generate exited with ${String(code)}: ${stderr}`);
      const peakKib = Number(/peak-rss-kib (\d+)/.exec(stderr)?.[1]);
      const written = Number(/([\d,]+) records/.exec(stdout)?.[1]?.replaceAll(',', ''));
      const disk = bytesUnder(out);
      rmSync(out, { recursive: true, force: true });
      console.log(`weft generate --records ${BIG.toLocaleString('en')} (child process): ${stdout.trim()}`);
      console.log(line('  the whole command, start to exit', written, wall));
      console.log(`  ${(disk / 2 ** 30).toFixed(2)} GiB written`);
      const peakMib = peakKib / 1024;
      console.log(
        `  peak RSS ${peakMib.toFixed(0)} MiB; goal ≤ ${RSS_GOAL_MIB.toLocaleString('en')} MiB: ${peakMib <= RSS_GOAL_MIB ? 'met' : 'not met'}`,
      );
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
