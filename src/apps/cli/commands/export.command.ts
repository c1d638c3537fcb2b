import { Command, Option } from 'commander';
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { openConfiguredStore } from '../../open-store.ts';
import { PURPOSES } from '../../../domain/model/envelope.ts';
import type { Purpose } from '../../../domain/policy/index.ts';
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
    .addOption(
      new Option('--purpose <purpose>', 'the purpose of the export, recorded in the ledger')
        .choices(PURPOSES.filter((purpose) => purpose !== 'oversight'))
        .default('investigation'),
    )
    .action(async (options: { org: string; format: ExportFormat; type?: string[]; out?: string; purpose: Purpose }) => {
      const config = readConfig();
      const { store } = await openConfiguredStore(config);
      try {
        const organisation = await store.organisations.get(options.org);
        if (organisation === undefined) throw new Error(`no organisation "${options.org}"`);
        // The command line exports as the organisation's own administrator: its own records, whole.
        const lines = exportRecords(
          store,
          {
            subject: {
              organisationId: organisation.id,
              organisationType: organisation.organisationType,
              sector: organisation.sector,
              roles: ['admin'],
              clearance: 'secret',
              groups: [],
              userId: null,
            },
            purpose: options.purpose,
            actor: 'system:cli',
            requestId: null,
          },
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
