import { Command, Option } from 'commander';
import { SingleBar } from 'cli-progress';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { openConfiguredStore } from '../../open-store.ts';
import { envelopeInput } from '../../../domain/model/envelope.ts';
import { readConfig } from '../../config.ts';
import { IMPORT_FORMATS, importFile, type ImportFormat } from '../../ingest/file-import.ts';
import { startPreparerPool } from '../../ingest/preparer.ts';

interface ImportOptions {
  org: string;
  format?: ImportFormat;
  mapping?: string;
  source?: string;
  envelope?: string;
  batchSize: string;
  progress: boolean;
}

function formatOf(file: string, declared: ImportFormat | undefined): ImportFormat {
  if (declared !== undefined) return declared;
  if (file.endsWith('.csv')) return 'csv';
  if (file.includes('.ftm.') || file.endsWith('.ijson')) return 'ftm';
  return 'jsonl';
}

function readJson(path: string, what: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch (error) {
    throw new Error(`cannot read the ${what} ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** `weft import`: load a CSV (with a column mapping), JSON Lines or FtM file. */
export function importCommand(): Command {
  return new Command('import')
    .description('Import a file of records on behalf of an organisation; bad rows are reported, good rows kept')
    .argument('<file>', 'the file to import')
    .requiredOption('--org <id>', 'the organisation that owns the records')
    .addOption(new Option('--format <format>', 'file format (default: from the file name)').choices(IMPORT_FORMATS))
    .option('--mapping <file>', 'column mapping (JSON) for a CSV file')
    .option('--source <system>', 'the source system the records come from')
    .option('--envelope <file>', 'default markings (JSON), e.g. {"tlp":"AMBER"}')
    .option('--batch-size <n>', 'records per transaction', '2000')
    .option('--no-progress', 'no progress bar')
    .action(async (file: string, options: ImportOptions) => {
      const config = readConfig();
      const { store } = await openConfiguredStore(config);
      // Validation runs in a worker thread, overlapping with the database writes.
      const preparer = startPreparerPool(store);
      try {
        const organisation = await store.organisations.get(options.org);
        if (organisation === undefined) throw new Error(`no organisation "${options.org}" (see weft org add)`);
        const envelope = envelopeInput.safeParse(
          options.envelope === undefined ? {} : readJson(options.envelope, 'envelope'),
        );
        if (!envelope.success) {
          throw new Error(
            `envelope: ${envelope.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
          );
        }
        const size = statSync(file).size;
        const input = createReadStream(file);
        const bar =
          options.progress && process.stderr.isTTY
            ? new SingleBar({
                format:
                  'importing [{bar}] {percentage}% | {value}/{total} bytes | {records} records, {rejected} rejected',
                stream: process.stderr,
              })
            : undefined;
        bar?.start(size, 0, { records: 0, rejected: 0 });
        // Without a terminal (logs, CI), progress is a line at most every second.
        let lastLine = 0;
        const progressLine = (records: number, rejected: number) => {
          if (!options.progress || bar !== undefined || Date.now() - lastLine < 1_000) return;
          lastLine = Date.now();
          process.stderr.write(
            `progress: ${input.bytesRead}/${size} bytes, ${records} records stored, ${rejected} rejected\n`,
          );
        };
        const { jobId, report } = await importFile(store, {
          organisation,
          actor: 'system:cli',
          noticesReviewed: true,
          format: formatOf(file, options.format),
          input,
          fileName: basename(file),
          envelope: envelope.data,
          batchSize: Number(options.batchSize),
          pipeline: preparer.pipeline,
          ...(options.source === undefined ? {} : { sourceSystem: options.source }),
          ...(options.mapping === undefined ? {} : { mapping: readJson(options.mapping, 'mapping') }),
          onProgress: ({ report: sofar }) => {
            const records = sofar.inserted + sofar.updated + sofar.unchanged;
            bar?.update(input.bytesRead, { records, rejected: sofar.rejected });
            progressLine(records, sofar.rejected);
          },
        });
        bar?.update(size);
        bar?.stop();
        const out = process.stdout;
        out.write(
          `job ${jobId}: ${report.total} records read, ${report.inserted} inserted, ${report.updated} updated, ` +
            `${report.unchanged} unchanged, ${report.superseded} superseded, ${report.rejected} rejected\n`,
        );
        for (const error of report.errors.slice(0, 50)) {
          out.write(
            `  line ${error.record}${error.sourceRecordId === undefined ? '' : ` (${error.sourceRecordId})`}: ${error.field}: ${error.message}\n`,
          );
        }
        if (report.errors.length > 50)
          out.write(`  … ${report.rejected - 50} more; see GET /api/v1/ingest-jobs/${jobId}\n`);
        if (report.rejected > 0) process.exitCode = 3;
      } finally {
        await preparer.close();
        await store.close();
      }
    });
}
