import { Command, Option } from 'commander';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openStore } from '../../../adapters/store/index.ts';
import { readConfig } from '../../config.ts';
import { EXPORT_FORMATS, exportRecords, type ExportFormat } from '../../ingest/export.ts';

/** `weft export`: an organisation's records as FtM entities or Weft JSON Lines. */
export function exportCommand(): Command {
  return new Command('export')
    .description("Export an organisation's records as FollowTheMoney entities or Weft JSON Lines")
    .requiredOption('--org <id>', 'the organisation whose records to export')
    .addOption(new Option('--format <format>', 'output format').choices(EXPORT_FORMATS).default('ftm'))
    .option('--type <type...>', 'only these entity types')
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (options: { org: string; format: ExportFormat; type?: string[]; out?: string }) => {
      const config = readConfig();
      const store = await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const organisation = await store.organisations.get(options.org);
        if (organisation === undefined) throw new Error(`no organisation "${options.org}"`);
        const lines = exportRecords(
          store,
          { organisationId: organisation.id, sector: organisation.sector },
          { format: options.format, ...(options.type === undefined ? {} : { types: options.type }) },
        );
        await pipeline(
          Readable.from(lines),
          options.out === undefined ? process.stdout : createWriteStream(options.out),
        );
      } finally {
        await store.close();
      }
    });
}
