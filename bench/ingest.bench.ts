/**
 * Ingest throughput of a realistic record mix through validation and the store, into PGlite (on
 * disk) and into PostgreSQL, beside an anchor: the same database loading simple three-column rows
 * by the same one-statement-per-batch method, so that the model's own cost is seen in one run.
 *
 *   npm run bench ingest [-- --records 200000 --batch 5000]
 * PostgreSQL is used when DATABASE_URL is set (or a local server answers on 127.0.0.1:5432).
 */
import { randomBytes } from 'node:crypto';
import { ingestContext } from '../src/domain/ingest/prepare.ts';
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../src/adapters/store/index.ts';
import { ingestBatches } from '../src/domain/ingest/ingest.service.ts';
import { importFile } from '../src/apps/ingest/file-import.ts';
import { startPreparerPool } from '../src/apps/ingest/preparer.ts';
import { machineLine } from './support/machine.ts';
import { recordMix } from './support/record-mix.ts';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value === undefined || !Number.isFinite(value) ? fallback : value;
}

const RECORDS = option('records', 200_000);
const BATCH = option('batch', 5_000);
const THREADS = option('threads', Math.min(4, availableParallelism()));
const ORGANISATION = { id: 'bench-org', name: 'Bench', organisationType: 'company', sector: 'finance' } as const;

const WARM_UP = 10_000;

function contextFor(organisationId: string, sourceSystem: string) {
  return ingestContext({ id: organisationId, sector: ORGANISATION.sector }, sourceSystem, { tlp: 'AMBER' });
}

function positioned(count: number, seed: number) {
  return (function* () {
    for (const batch of recordMix(count, BATCH, seed)) yield batch.map((value, position) => ({ position, value }));
  })();
}

/**
 * Steady-state throughput, as a running server has it: the worker threads are started and warmed
 * up on other records first (that start-up is printed on its own line).
 */
async function measure(label: string, store: Store, mixFile: string): Promise<void> {
  await store.organisations.save(ORGANISATION);
  let started = performance.now();
  const pool = startPreparerPool(store, { threads: THREADS });
  await ingestBatches(positioned(WARM_UP, 9), contextFor(ORGANISATION.id, 'warm-up'), pool.pipeline);
  console.log(line(`${label}: warm-up, starting ${THREADS} workers`, WARM_UP, (performance.now() - started) / 1000));

  started = performance.now();
  const mix = await ingestBatches(positioned(RECORDS, 1), contextFor(ORGANISATION.id, 'bench'), pool.pipeline);
  if (mix.rejected > 0) throw new Error(`bench records rejected: ${JSON.stringify(mix.errors.slice(0, 3))}`);
  console.log(line(`${label}: records, validated`, mix.inserted, (performance.now() - started) / 1000));

  started = performance.now();
  const { report } = await importFile(store, {
    organisation: ORGANISATION,
    actor: 'system:bench',
    format: 'jsonl',
    input: createReadStream(mixFile),
    sourceSystem: 'bench-file',
    batchSize: BATCH,
    pipeline: pool.pipeline,
  });
  if (report.rejected > 0) throw new Error(`bench file records rejected: ${JSON.stringify(report.errors.slice(0, 3))}`);
  console.log(line(`${label}: JSON Lines file import`, report.inserted, (performance.now() - started) / 1000));
  await pool.close();
}

async function anchor(store: Store, count: number): Promise<number> {
  await store.database.query('CREATE TABLE IF NOT EXISTS bench_anchor (id uuid PRIMARY KEY, a text, b integer)');
  const started = performance.now();
  for (let offset = 0; offset < count; offset += BATCH) {
    const rows = Array.from({ length: Math.min(BATCH, count - offset) }, (_, index) => ({
      id: crypto.randomUUID(),
      a: `row ${offset + index}`,
      b: offset + index,
    }));
    await store.database.transaction((sql) =>
      sql.query(
        'INSERT INTO bench_anchor SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, a text, b integer)',
        [JSON.stringify(rows)],
      ),
    );
  }
  return (performance.now() - started) / 1000;
}

async function postgresUrl(): Promise<string | undefined> {
  const candidate = process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const client = new pg.Client({ connectionString: candidate });
  try {
    await client.connect();
    const name = `weft_bench_${Date.now()}`;
    await client.query(`CREATE DATABASE ${name}`);
    const url = new URL(candidate);
    url.pathname = `/${name}`;
    return url.toString();
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function dropDatabase(url: string): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await client.end();
}

function line(label: string, records: number, seconds: number): string {
  return `${label.padEnd(52)} ${String(records).padStart(8)} records  ${seconds.toFixed(2).padStart(7)} s  ${Math.round(
    records / seconds,
  )
    .toLocaleString('en')
    .padStart(9)} records/s`;
}

console.log(machineLine());
console.log(`ingest of a realistic mix (${RECORDS.toLocaleString('en')} records, batches of ${BATCH})`);

const dataDir = mkdtempSync(join(tmpdir(), 'weft-bench-'));
const mixFile = join(dataDir, 'mix.jsonl');
writeFileSync(
  mixFile,
  [...recordMix(RECORDS, BATCH, 2)]
    .flat()
    .map((record) => `${JSON.stringify(record)}\n`)
    .join(''),
);
const pglite = await openStore(
  { dataDir: join(dataDir, 'db') },
  { ledgerKey: randomBytes(32), fieldKey: randomBytes(32) },
);
await measure('PGlite (on disk)', pglite, mixFile);
console.log(line('PGlite (on disk): anchor, simple rows, same method', RECORDS, await anchor(pglite, RECORDS)));
await pglite.close();

const url = await postgresUrl();
if (url === undefined) {
  console.log('PostgreSQL: no server reachable (set DATABASE_URL); skipped');
} else {
  const postgres = await openStore({ databaseUrl: url }, { ledgerKey: randomBytes(32), fieldKey: randomBytes(32) });
  await measure('PostgreSQL 15', postgres, mixFile);
  console.log(line('PostgreSQL 15: anchor, simple rows, same method', RECORDS, await anchor(postgres, RECORDS)));
  await postgres.close();
  await dropDatabase(url);
}
rmSync(dataDir, { recursive: true, force: true });
