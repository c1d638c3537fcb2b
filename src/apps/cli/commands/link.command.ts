import { Command, InvalidArgumentError, Option } from 'commander';
import { linkFiles, type LinkFilesStage } from '../../link/index.ts';

interface LinkCommandOptions {
  config: string;
  input?: string;
  left?: string;
  right?: string;
  out: string;
  clusters?: string;
  threshold: number;
  verbose?: boolean;
  threads?: number;
}

/** A parser of a probability option: a number from 0 to 1. */
function probability(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new InvalidArgumentError('expected a probability from 0 to 1, e.g. 0.5.');
  }
  return value;
}

function count(value: number): string {
  return value.toLocaleString('en');
}

/** Reports on standard error how long each stage took, as the next one starts and at exit. */
function stageTimer(): (stage: LinkFilesStage) => void {
  let current: { stage: LinkFilesStage; started: number } | undefined;
  const finish = () => {
    if (current === undefined) return;
    const seconds = (performance.now() - current.started) / 1000;
    const rss = process.memoryUsage.rss() / 2 ** 20;
    process.stderr.write(`${current.stage.padEnd(9)}${seconds.toFixed(2).padStart(8)} s   RSS ${rss.toFixed(0)} MiB\n`);
  };
  process.once('exit', finish);
  return (stage) => {
    finish();
    current = { stage, started: performance.now() };
  };
}

/** `weft link`: finds the records of one person within one CSV file or across two, without labels. */
export function linkCommand(): Command {
  return new Command('link')
    .description(
      'Link records (Fellegi–Sunter, unsupervised): deduplicate one CSV file (--input) or link two (--left, --right); ' +
        'writes the predicted matching pairs and, if asked, the clusters',
    )
    .requiredOption(
      '--config <MAP.json>',
      'column map: {"id": "<column>", "fields": {"<role>": "<column>" | ["<column>", …]}}',
    )
    .addOption(new Option('--input <file.csv>', 'one CSV file to deduplicate').conflicts(['left', 'right']))
    .option('--left <file.csv>', 'the first of two CSV files to link')
    .option('--right <file.csv>', 'the second of two CSV files to link')
    .requiredOption('--out <PAIRS.csv>', 'where to write the pairs: unique_id_l,unique_id_r,match_probability')
    .option('--clusters <CLUSTERS.csv>', 'where to write the clusters: unique_id,cluster_id')
    .addOption(
      new Option('--threshold <p>', 'the match probability at or above which a pair is a match')
        .default(0.5)
        .argParser(probability),
    )
    .addOption(
      new Option('--threads <n>', 'threads comparing pairs (default: 2 on a large input when there is a second core)')
        .choices(['1', '2'])
        .argParser(Number),
    )
    .option('--verbose', 'say on standard error how long each stage took (reading, preparing, blocking…)')
    .action((options: LinkCommandOptions) => {
      const started = performance.now();
      const summary = linkFiles({ ...options, onStage: options.verbose === true ? stageTimer() : undefined });
      process.stdout.write(
        `${summary.mode === 'dedupe' ? 'deduplicated' : 'linked'} ${count(summary.records)} records: ` +
          `${count(summary.candidatePairs)} candidate pairs, ${count(summary.matches)} matches at p ≥ ${options.threshold}, ` +
          `${count(summary.clusters)} clusters (${count(summary.refusedMerges)} merges refused on conflicting identifiers) ` +
          `in ${((performance.now() - started) / 1000).toFixed(2)} s\n`,
      );
    });
}
