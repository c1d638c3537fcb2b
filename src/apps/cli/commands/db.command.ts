import { Command } from 'commander';
import { openConfiguredStore } from '../../open-store.ts';
import { readConfig } from '../../config.ts';

/** `weft db …`: database administration. */
export function dbCommand(): Command {
  const db = new Command('db').description('Database administration');
  db.command('migrate')
    .description('Apply pending migrations to the configured database')
    .action(async () => {
      const config = readConfig();
      const { store } = await openConfiguredStore(config);
      await store.close();
      process.stdout.write(
        `migrations applied to ${store.database.kind === 'postgres' ? 'PostgreSQL' : config.dataDir}\n`,
      );
    });
  return db;
}
