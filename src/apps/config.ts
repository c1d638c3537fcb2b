import { resolve } from 'node:path';

/** Run-time settings, from the environment. */
export interface Config {
  /** PostgreSQL server; unset means the embedded PGlite database in `dataDir`. */
  readonly databaseUrl: string | undefined;
  /** NATS server with JetStream; unset means the in-process queue. */
  readonly natsUrl: string | undefined;
  /** Folder of the embedded database and local state. */
  readonly dataDir: string;
  /** Folder of the keys kept outside the database (ledger, signing, field encryption). */
  readonly keysDir: string;
  readonly port: number;
  readonly host: string;
  readonly logLevel: string;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Reads the configuration; a bad value is an error that names the variable. */
export function readConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(environment['PORT'] ?? '8080');
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be a port number, not "${environment['PORT'] ?? ''}"`);
  }
  const dataDir = resolve(nonEmpty(environment['WEFT_DATA_DIR']) ?? '.weft');
  return {
    databaseUrl: nonEmpty(environment['DATABASE_URL']),
    natsUrl: nonEmpty(environment['NATS_URL']),
    dataDir,
    keysDir: resolve(nonEmpty(environment['WEFT_KEYS_DIR']) ?? resolve(dataDir, 'keys')),
    port,
    host: nonEmpty(environment['HOST']) ?? 'localhost',
    logLevel: nonEmpty(environment['LOG_LEVEL']) ?? 'info',
  };
}
