/**
 * The databases a store suite runs on: always an embedded PGlite, and a PostgreSQL server when
 * DATABASE_URL is set. Each suite gets a database of its own, dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Store } from '../../src/adapters/store/index.ts';

/** One database a suite can run on. */
export interface DatabaseTarget {
  readonly name: 'pglite' | 'postgres';
  /** Opens a fresh, migrated store; `dispose` closes and removes it. */
  open(): Promise<{ store: Store; url?: string; dispose: () => Promise<void> }>;
}

/** Fresh keys for a test store: a ledger key and a field key that seals victims' records. */
export function storeKeys(): { ledgerKey: Uint8Array; fieldKey: Uint8Array } {
  return { ledgerKey: randomBytes(32), fieldKey: randomBytes(32) };
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

const pglite: DatabaseTarget = {
  name: 'pglite',
  async open() {
    const store = await openStore({}, storeKeys());
    return { store, dispose: () => store.close() };
  },
};

function postgres(adminUrl: string): DatabaseTarget {
  return {
    name: 'postgres',
    async open() {
      const name = `weft_test_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const url = withDatabase(adminUrl, name);
      const store = await openStore({ databaseUrl: url }, storeKeys());
      return {
        store,
        url,
        async dispose() {
          await store.close();
          const cleanup = new pg.Client({ connectionString: adminUrl });
          await cleanup.connect();
          await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await cleanup.end();
        },
      };
    },
  };
}

/** PGlite, plus PostgreSQL when DATABASE_URL is set. */
export function databaseTargets(): DatabaseTarget[] {
  const url = process.env['DATABASE_URL'];
  return url === undefined || url === '' ? [pglite] : [pglite, postgres(url)];
}
