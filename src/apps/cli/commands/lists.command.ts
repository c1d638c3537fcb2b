import { Command, Option } from 'commander';
import { basename, extname } from 'node:path';
import { LIST_VISIBILITIES, type ListVisibility } from '../../../adapters/store/index.ts';
import { isFindable } from '../../../domain/screening/index.ts';
import { LinkInputError } from '../../link/index.ts';
import { withConfiguredStore } from '../../open-store.ts';
import { readScreeningList } from '../../screening/index.ts';

/**
 * `weft lists`: the external lists every screening checks besides the notices. `import` reads a
 * FollowTheMoney export (.jsonl, .ftm.json: OpenSanctions, the public INTERPOL notices datasets) or
 * a CSV file through a column map (as `weft screen --list` does) and stores it under a name for an
 * organisation; a running server reads it at its next start (`POST /api/v1/lists` takes effect at
 * once).
 */
export function listsCommand(): Command {
  const lists = new Command('lists').description('External screening lists (sanctions, public notices, watch lists)');
  lists
    .command('import')
    .description('Store a list file under a name for an organisation, replacing any list of that name')
    .argument('<file>', 'FtM JSON Lines (.jsonl, .ftm.json) or CSV')
    .requiredOption('--org <id>', 'the organisation that owns the list')
    .option('--name <name>', 'the list name (default: the file name)')
    .option('--config <map>', 'column map of a CSV file (the `weft link` vocabulary)')
    .option('--threshold <score>', 'the least score of a hit on this list (default: the server’s, 0.85)')
    .addOption(
      new Option('--visibility <visibility>', 'hits shown to whoever screens, or blind')
        .choices(LIST_VISIBILITIES)
        .default('blind'),
    )
    .action(
      async (
        file: string,
        options: { org: string; name?: string; config?: string; threshold?: string; visibility: ListVisibility },
      ) => {
        const threshold = options.threshold === undefined ? undefined : Number(options.threshold);
        if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) {
          process.stderr.write(`--threshold: a score from 0 to 1, not ${options.threshold ?? ''}\n`);
          process.exitCode = 1;
          return;
        }
        const name = options.name ?? basename(file, extname(file)).replace(/\.ftm$/, '');
        let entries;
        try {
          entries = readScreeningList(file, options.config).filter((entry) => isFindable(entry));
        } catch (error) {
          if (!(error instanceof LinkInputError)) throw error;
          process.stderr.write(`${error.message}\n`);
          process.exitCode = 1;
          return;
        }
        const list = await withConfiguredStore(async (store) =>
          (await store.organisations.get(options.org)) === undefined
            ? undefined
            : store.lists.replace(
                { organisationId: options.org, name, visibility: options.visibility, threshold },
                entries.map((entry) => ({ ...entry, list: name })),
                { actor: 'system:cli', requestId: null },
              ),
        );
        if (list === undefined) {
          process.stderr.write(`no organisation ${options.org}\n`);
          process.exitCode = 1;
          return;
        }
        process.stdout.write(`stored list ${list.name} (${list.id}) of ${list.entries} entries, ${list.visibility}\n`);
      },
    );
  lists
    .command('ls')
    .description('The lists stored')
    .action(async () => {
      const all = await withConfiguredStore((store) => store.lists.all());
      for (const list of all) {
        process.stdout.write(`${list.id}\t${list.organisationId}\t${list.name}\t${list.visibility}\t${list.entries}\n`);
      }
    });
  return lists;
}
