import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_SCREENING_LIMIT, DEFAULT_SCREENING_THRESHOLD } from '../../../domain/screening/index.ts';
import { screenFiles } from '../../screening/index.ts';

interface ScreenCommandOptions {
  list: string;
  listConfig?: string;
  queries: string;
  queryConfig?: string;
  out: string;
  limit: number;
  threshold: number;
  threads?: number;
}

function score(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new InvalidArgumentError('expected a score from 0 to 1, e.g. 0.85.');
  }
  return value;
}

function positive(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError('expected a whole number of 1 or more.');
  return value;
}

/** A progress bar on standard error: redrawn in place on a terminal, a line per tenth otherwise. */
function progressBar(stream: NodeJS.WriteStream): (done: number, total: number) => void {
  let lastTenth = -1;
  return (done, total) => {
    const share = total === 0 ? 1 : done / total;
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round(share * width);
      stream.write(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done.toLocaleString('en')} of ${total.toLocaleString('en')} queries`,
      );
      if (done === total) stream.write('\n');
      return;
    }
    const tenth = Math.floor(share * 10);
    if (tenth === lastTenth) return;
    lastTenth = tenth;
    stream.write(`screened ${done.toLocaleString('en')} of ${total.toLocaleString('en')} queries (${tenth * 10} %)\n`);
  };
}

/** `weft screen`: screens a file of queries (a manifest, a guest list) against a list. */
export function screenCommand(): Command {
  return new Command('screen')
    .description(
      'Screen a CSV file of queries (a passenger manifest, a guest list) against a list (FollowTheMoney JSON Lines, ' +
        'or CSV with a column map); writes the hits: query_id,entry_id,rank,score',
    )
    .requiredOption('--list <LIST.csv|LIST.jsonl>', 'the list: FtM entities (.jsonl) or CSV')
    .option(
      '--list-config <MAP.json>',
      'column map of a CSV list (the roles of weft link); default: columns named as roles',
    )
    .requiredOption('--queries <Q.csv>', 'the queries, one per row')
    .option('--query-config <MAP.json>', 'column map of the queries; default: columns named as roles, with "id"')
    .requiredOption('--out <HITS.csv>', 'where to write the hits')
    .addOption(new Option('--limit <k>', 'most hits per query').default(DEFAULT_SCREENING_LIMIT).argParser(positive))
    .addOption(
      new Option('--threshold <s>', 'least score of a hit').default(DEFAULT_SCREENING_THRESHOLD).argParser(score),
    )
    .option(
      '--threads <n>',
      'worker threads, each with its own index of the list (default: one per core for 2,000 queries or more)',
      positive,
    )
    .action(async (options: ScreenCommandOptions) => {
      const summary = await screenFiles({ ...options, onProgress: progressBar(process.stderr) });
      process.stdout.write(
        `screened ${summary.queries.toLocaleString('en')} queries against ${summary.entries.toLocaleString('en')} entries: ` +
          `${summary.hits.toLocaleString('en')} hits for ${summary.queriesWithHits.toLocaleString('en')} queries ` +
          `(list read and indexed in ${summary.loadSeconds.toFixed(2)} s, queries screened in ${summary.screenSeconds.toFixed(2)} s ` +
          `on ${summary.threads} thread${summary.threads === 1 ? '' : 's'})\n`,
      );
    });
}
