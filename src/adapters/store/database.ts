import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import { migrate as migratePostgres } from 'drizzle-orm/node-postgres/migrator';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** Runs SQL. Repositories depend on this, never on a driver. */
export interface Sql {
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Loads rows given in COPY text format (see copy-text.ts) into a table. */
  copy(table: string, columns: readonly string[], text: string): Promise<void>;
}

/**
 * A column name quoted for SQL. Column names derive from property names, and some are reserved
 * words (Address.full is `full`, as in FULL JOIN): unquoted, the statement does not parse.
 */
export function quotedColumn(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A database: PGlite in a local folder or a PostgreSQL server, behind one interface. */
export interface Database extends Sql {
  readonly kind: 'pglite' | 'postgres';
  /** Runs `work` in one transaction; rolled back if it throws. */
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
  /** Applies the committed migrations. */
  migrate(): Promise<void>;
  /**
   * Calls `heard` on each notification sent on `channel` by any process, until closed. PGlite is
   * held by one process, so nothing is sent from elsewhere: there, it hears nothing.
   */
  listen(channel: string, heard: () => void): Promise<void>;
  close(): Promise<void>;
}

/** Where the database is: a PostgreSQL URL, or a PGlite data folder (undefined: in memory). */
export interface DatabaseLocation {
  readonly databaseUrl?: string | undefined;
  readonly dataDir?: string | undefined;
}

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

// Type OIDs: dates stay as written (YYYY-MM-DD) and instants become ISO strings, on both drivers.
const DATE_OID = 1082;
const TIMESTAMPTZ_OID = 1184;
const INT8_OID = 20;
/** A timestamp as every read gives it: ISO 8601 in UTC, to the millisecond. */
export const toIso = (text: string): string => new Date(text).toISOString();

/** Makes closing idempotent: a second close waits for the first. */
function once(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
}

/** Opens the database the location names. */
export async function openDatabase(location: DatabaseLocation): Promise<Database> {
  if (location.databaseUrl !== undefined && location.databaseUrl !== '') return openPostgres(location.databaseUrl);
  return openPglite(location.dataDir);
}

/** The embedded database is open in another process. */
export class DatabaseInUse extends Error {}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * PGlite is a single-process database: two processes writing one data folder would corrupt it.
 * A lock file holding the owner's process id keeps a second one out; a lock left by a process
 * that died (kill -9) is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const path = join(dataDir, 'weft.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      writeFileSync(path, String(process.pid), { flag: 'wx' });
      return () => {
        rmSync(path, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(path, 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && processAlive(owner)) {
        throw new DatabaseInUse(
          `the embedded database in ${dataDir} is in use by process ${owner}: stop it (or use its API, ` +
            'or a PostgreSQL server through DATABASE_URL) and try again',
        );
      }
      rmSync(path, { force: true });
    }
  }
  throw new DatabaseInUse(`cannot lock the embedded database in ${dataDir}`);
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  let unlock = (): void => undefined;
  if (dataDir !== undefined) {
    mkdirSync(dataDir, { recursive: true });
    unlock = lockDataDir(dataDir);
  }
  const client = await PGlite.create(dataDir, {
    parsers: { [DATE_OID]: (text: string) => text, [TIMESTAMPTZ_OID]: toIso },
  }).catch((error: unknown) => {
    unlock();
    throw error;
  });
  // PGlite runs one statement at a time, and a query awaited outside a transaction's handle
  // while that transaction is open deadlocks. Every use therefore goes through this queue.
  let tail: Promise<unknown> = Promise.resolve();
  const serialise = <T>(work: () => Promise<T>): Promise<T> => {
    const result = tail.then(work, work);
    tail = result.catch(() => undefined);
    return result;
  };
  const run = async <Row>(sql: { query: PGlite['query'] }, text: string, params?: readonly unknown[]) =>
    (await sql.query<Row>(text, params as unknown[] | undefined)).rows;
  const copy = async (sql: { query: PGlite['query'] }, table: string, columns: readonly string[], text: string) => {
    await sql.query(`COPY ${table} (${columns.map(quotedColumn).join(', ')}) FROM '/dev/blob'`, [], {
      blob: new Blob([text]),
    });
  };
  return {
    kind: 'pglite',
    query: (text, params) => serialise(() => run(client, text, params)),
    copy: (table, columns, text) => serialise(() => copy(client, table, columns, text)),
    transaction: (work) =>
      serialise(() =>
        client.transaction((tx) =>
          work({
            query: (text, params) => run(tx, text, params),
            copy: (table, columns, text) => copy(tx, table, columns, text),
          }),
        ),
      ),
    migrate: () => serialise(() => migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS })),
    listen: () => Promise.resolve(),
    close: once(() =>
      serialise(async () => {
        await client.close();
        unlock();
      }),
    ),
  };
}

const builtInParser = pg.types.getTypeParser.bind(pg.types) as (oid: number, format?: string) => unknown;

function openPostgres(url: string): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: 8,
    types: {
      getTypeParser: ((oid: number, format?: string) => {
        if (oid === DATE_OID) return (text: string) => text;
        if (oid === TIMESTAMPTZ_OID) return toIso;
        // Record values are validated as safe integers, so int8 fits a JS number.
        if (oid === INT8_OID) return Number;
        return builtInParser(oid, format);
      }) as pg.CustomTypesConfig['getTypeParser'],
    },
  });
  // An idle connection can be ended by the server (a restart, a dropped test database); the pool
  // replaces it, and without this listener the error event would end the process.
  pool.on('error', () => undefined);
  const run = async <Row>(sql: pg.Pool | pg.PoolClient, text: string, params?: readonly unknown[]) =>
    (await sql.query(text, params as unknown[] | undefined)).rows as Row[];
  const copy = async (connection: pg.PoolClient, table: string, columns: readonly string[], text: string) => {
    await pipeline(
      Readable.from([text]),
      connection.query(copyFrom(`COPY ${table} (${columns.map(quotedColumn).join(', ')}) FROM STDIN`)),
    );
  };
  // Listening holds a connection of its own, outside the pool, for as long as the database is open.
  const listeners: pg.Client[] = [];
  let closed = false;
  const listen = async (channel: string, heard: () => void): Promise<void> => {
    if (closed) return;
    const client = new pg.Client({ connectionString: url });
    listeners.push(client);
    // A lost connection hears nothing more: whoever listens is told once, and relies on its own bounds.
    client.on('error', () => {
      heard();
    });
    client.on('notification', (message) => {
      if (message.channel === channel) heard();
    });
    await client.connect();
    await client.query(`LISTEN ${quotedColumn(channel)}`);
  };
  const database: Database = {
    kind: 'postgres',
    query: (text, params) => run(pool, text, params),
    copy: (table, columns, text) => database.transaction((sql) => sql.copy(table, columns, text)),
    async transaction(work) {
      const connection = await pool.connect();
      try {
        await connection.query('BEGIN');
        const result = await work({
          query: (text, params) => run(connection, text, params),
          copy: (table, columns, text) => copy(connection, table, columns, text),
        });
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        await connection.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        connection.release();
      }
    },
    async migrate() {
      await migratePostgres(drizzlePostgres(pool), { migrationsFolder: MIGRATIONS });
    },
    listen,
    close: once(async () => {
      closed = true;
      await Promise.all(listeners.map((client) => client.end().catch(() => undefined)));
      await pool.end();
    }),
  };
  return database;
}
