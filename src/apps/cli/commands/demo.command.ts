import { Command } from 'commander';
import { argon2Hasher } from '../../../adapters/passwords/argon2.ts';
import { openConfiguredStore } from '../../open-store.ts';
import { readConfig } from '../../config.ts';
import { DEMO_WORLD, loadDemoWorld } from '../../ingest/demo.ts';
import { Resolver } from '../../resolution/resolver.ts';
import { describeRun } from './resolve.command.ts';

/** `weft demo`: loads the demo world into the configured database and prints its API keys. */
export function demoCommand(): Command {
  return new Command('demo')
    .description(
      'Load the demo world (organisations of every sector, their records, an API key each, a user per role) and print the keys and logins',
    )
    .option('--seed <n>', 'seed of the world', String(DEMO_WORLD.seed))
    .option('--people <n>', 'people of the background population', String(DEMO_WORLD.people))
    .action(async (options: { seed: string; people: string }) => {
      const config = readConfig();
      const { store } = await openConfiguredStore(config);
      try {
        const { keys, logins, report } = await loadDemoWorld(store, argon2Hasher(), {
          ...DEMO_WORLD,
          seed: Number(options.seed),
          people: Number(options.people),
        });
        process.stdout.write(
          `demo world: ${report.inserted} records inserted, ${report.unchanged} already there, ${report.rejected} rejected\n`,
        );
        process.stdout.write(`${describeRun(await new Resolver(store).resolvePending())}\n`);
        process.stdout.write('API keys, one per organisation (shown once):\n');
        for (const [organisation, key] of Object.entries(keys)) process.stdout.write(`${organisation}\t${key}\n`);
        process.stdout.write('Users, one per role (shown once; each enrols an authenticator app at first sign-in):\n');
        for (const login of logins)
          process.stdout.write(`${login.role}\t${login.organisation}\t${login.email}\t${login.password}\n`);
      } finally {
        await store.close();
      }
    });
}
