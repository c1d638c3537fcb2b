import { Command } from 'commander';
import { openStore } from '../../../adapters/store/index.ts';
import { readConfig } from '../../config.ts';
import { DEMO_WORLD, loadDemoWorld } from '../../ingest/demo.ts';

/** `weft demo`: loads the demo world into the configured database and prints its API keys. */
export function demoCommand(): Command {
  return new Command('demo')
    .description(
      'Load the demo world (organisations of every sector, their records, an API key each) and print the keys',
    )
    .option('--seed <n>', 'seed of the world', String(DEMO_WORLD.seed))
    .option('--people <n>', 'people of the background population', String(DEMO_WORLD.people))
    .action(async (options: { seed: string; people: string }) => {
      const config = readConfig();
      const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const { keys, report } = await loadDemoWorld(store, {
          ...DEMO_WORLD,
          seed: Number(options.seed),
          people: Number(options.people),
        });
        process.stdout.write(
          `demo world: ${report.inserted} records inserted, ${report.unchanged} already there, ${report.rejected} rejected\n`,
        );
        for (const [organisation, key] of Object.entries(keys)) process.stdout.write(`${organisation}\t${key}\n`);
      } finally {
        await store.close();
      }
    });
}
