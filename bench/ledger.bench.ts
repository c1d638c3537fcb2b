/**
 * Ledger verification from the database: a ledger of realistic entries (consultations naming the
 * records a search returned, collections, disclosures, sign-ins…) appended in batches, each in a
 * transaction of its own as the application does, then verified by `store.ledger.verify()`, which
 * reads it page by page and recomputes every keyed hash. Anchor, in the same run: reading the same
 * rows with the same paging without verifying, so that the cost of the chain itself is seen.
 *
 *   npm run bench ledger [-- --entries 1000000 --batch 1000 --page 10000]
 * PGlite on disk always; PostgreSQL too when DATABASE_URL is set (in a database created for the
 * run and dropped after it).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../src/adapters/store/index.ts';
import { LEDGER_OUTCOMES, type LedgerAction, type LedgerEvent } from '../src/domain/audit/index.ts';
import { PURPOSES } from '../src/domain/model/envelope.ts';
import { recordIdOf } from '../src/domain/model/ids.ts';
import { createRandom, type Random } from '../src/domain/synth/random.ts';
import { machineLine } from './support/machine.ts';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value === undefined || !Number.isFinite(value) ? fallback : value;
}

const ENTRIES = option('entries', 1_000_000);
const BATCH = option('batch', 1_000);
const PAGE = option('page', 10_000);
/** The goal (SECURITY.md): 1,000,000 entries verified in at most 60 seconds. */
const GOAL_PER_SECOND = 1_000_000 / 60;

const ORGANISATIONS = Array.from({ length: 40 }, (_, index) => `member-${String(index).padStart(2, '0')}`);
const RECORDS = Array.from({ length: 100_000 }, (_, index) =>
  recordIdOf(ORGANISATIONS[index % ORGANISATIONS.length] ?? 'member-00', 'bench', `r-${index}`),
);
const ACTIONS: readonly (readonly [LedgerAction, number])[] = [
  ['consult', 60],
  ['collect', 18],
  ['disclose', 7],
  ['alter', 5],
  ['combine', 2],
  ['sign_in', 4],
  ['sign_out', 2],
  ['retain', 1],
  ['erase', 0.5],
  ['administer', 0.5],
];

function hex(random: Random, length: number): string {
  let text = '';
  while (text.length < length)
    text += Math.floor(random.next() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
  return text.slice(0, length);
}

/** One event as the application would record it: identifiers and short codes, never content. */
function event(random: Random): LedgerEvent {
  const action = random.weighted(ACTIONS);
  const organisation = random.pick(ORGANISATIONS);
  const signing = action === 'sign_in' || action === 'sign_out';
  const objects =
    action === 'consult'
      ? random.int(0, 25) // the records a search returned
      : action === 'collect'
        ? random.int(1, 5)
        : action === 'combine'
          ? random.int(2, 6)
          : signing
            ? 0
            : 1;
  const outcome = random.weighted(
    LEDGER_OUTCOMES.map((name) => [name, name === 'ok' ? 95 : name === 'denied' ? 4 : 1]),
  );
  return {
    actor: random.chance(0.8) ? `user:${hex(random, 8)}-0000-4000-8000-${hex(random, 12)}` : `key:${organisation}-api`,
    organisation,
    action,
    requestId: `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-a${hex(random, 3)}-${hex(random, 12)}`,
    purpose: signing ? null : random.pick(PURPOSES),
    objectIds: Array.from({ length: objects }, () => random.pick(RECORDS)),
    outcome,
    detail: outcome === 'denied' ? 'reason=tlp' : action === 'consult' ? `results=${objects}` : null,
  };
}

function line(label: string, entries: number, seconds: number, note = ''): string {
  return `${label.padEnd(58)} ${entries.toLocaleString('en').padStart(9)} entries  ${seconds.toFixed(2).padStart(7)} s  ${Math.round(
    entries / seconds,
  )
    .toLocaleString('en')
    .padStart(9)} entries/s${note}`;
}

async function measure(label: string, store: Store): Promise<void> {
  const random = createRandom(7);
  let appending = 0;
  for (let done = 0; done < ENTRIES; done += BATCH) {
    const events = Array.from({ length: Math.min(BATCH, ENTRIES - done) }, () => event(random));
    const started = performance.now();
    await store.database.transaction((sql) => store.ledger.append(sql, events));
    appending += performance.now() - started;
  }
  console.log(line(`${label}: append, a transaction per batch of ${BATCH}`, ENTRIES, appending / 1000));

  let started = performance.now();
  const verification = await store.ledger.verify(undefined, PAGE);
  const verifying = (performance.now() - started) / 1000;
  if (!verification.ok || verification.entries !== ENTRIES) {
    throw new Error(`the bench ledger does not verify: ${JSON.stringify(verification)}`);
  }
  const met = ENTRIES / verifying >= GOAL_PER_SECOND ? 'met' : 'NOT met';
  console.log(line(`${label}: verify from the database`, ENTRIES, verifying, `  (goal ≥ 16,667/s: ${met})`));

  started = performance.now();
  let read = 0;
  for (let after = 0; ;) {
    const page = await store.ledger.read(after, PAGE);
    read += page.length;
    const last = page.at(-1);
    if (last === undefined || page.length < PAGE) break;
    after = last.seq;
  }
  console.log(line(`${label}: anchor, read the same rows, same paging`, read, (performance.now() - started) / 1000));
}

async function freshPostgres(adminUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `weft_bench_ledger_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

console.log(machineLine());
console.log(
  `ledger of ${ENTRIES.toLocaleString('en')} realistic entries (batches of ${BATCH}; verified and read in pages of ${PAGE.toLocaleString('en')}); goal: 1,000,000 verified in ≤ 60 s`,
);

const dataDir = mkdtempSync(join(tmpdir(), 'weft-bench-ledger-'));
try {
  const pglite = await openStore(
    { dataDir: join(dataDir, 'db') },
    { ledgerKey: randomBytes(32), fieldKey: randomBytes(32) },
  );
  try {
    await measure('PGlite (on disk)', pglite);
  } finally {
    await pglite.close();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

const adminUrl = process.env['DATABASE_URL'];
if (adminUrl === undefined || adminUrl === '') {
  console.log('PostgreSQL: DATABASE_URL not set; skipped');
} else {
  const database = await freshPostgres(adminUrl);
  try {
    const postgres = await openStore(
      { databaseUrl: database.url },
      { ledgerKey: randomBytes(32), fieldKey: randomBytes(32) },
    );
    try {
      const [version] = await postgres.database.query<{ server_version: string }>('SHOW server_version');
      await measure(`PostgreSQL ${version?.server_version.split(' ')[0] ?? ''}`, postgres);
    } finally {
      await postgres.close();
    }
  } finally {
    await database.drop();
  }
}
