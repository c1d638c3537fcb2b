import pg from 'pg';
import { openStore } from './src/adapters/store/index.ts';
import { ingestBatches } from './src/domain/ingest/ingest.service.ts';
import { startPreparerPool } from './src/apps/ingest/preparer.ts';
import { recordMix } from './bench/support/record-mix.ts';
const admin = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/postgres' });
await admin.connect(); const name = 'weft_prof_' + Date.now(); await admin.query(`CREATE DATABASE ${name}`);
const store = await openStore({ databaseUrl: `postgres://postgres@127.0.0.1:5432/${name}` });
const orig = store.database.transaction.bind(store.database);
const times: Record<string, number> = {};
const add = (k: string, t: number) => { times[k] = (times[k] ?? 0) + performance.now() - t; };
store.database.transaction = (work) => { const t0 = performance.now(); return orig((sql) => work({
  copy: async (a, b, c) => { const t = performance.now(); await sql.copy(a, b, c); add('copy ' + (a === 'records' ? a : 'entity'), t); },
  query: async (text, params) => { const t = performance.now(); const r = await sql.query(text, params); add(text.trim().slice(0, 20), t); return r; } })).finally(() => add('transaction total', t0)); };
const pool = startPreparerPool(store.records, 2);
const ctx = { organisation: { id: 'o1' as never, sector: 'finance' as const }, sourceSystem: 'b', defaults: {}, now: new Date().toISOString() };
const batches = [...recordMix(200000, 5000)].map(b => b.map((value, position) => ({ position, value })));
const t = performance.now();
await ingestBatches(batches, ctx, pool.pipeline);
console.log('wall', (performance.now() - t).toFixed(0));
console.log(Object.entries(times).map(([k, v]) => `${v.toFixed(0)}ms ${k}`).join('\n'));
await pool.close(); await store.close(); await admin.query(`DROP DATABASE ${name} WITH (FORCE)`); await admin.end();
