import { Command } from 'commander';
import { openStore } from '../../../adapters/store/index.ts';
import { readConfig } from '../../config.ts';

/** `weft db …`: database administration. */
export function dbCommand(): Command {
  const db = new Command('db').description('Database administration');
  db.command('migrate')
    .description('Apply pending migrations to the configured database')
    .action(async () => {
      const config = readConfig();
      const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      await store.close();
      process.stdout.write(
        `migrations applied to ${store.database.kind === 'postgres' ? 'PostgreSQL' : config.dataDir}\n`,
      );
    });
  return db;
}
