import { Command, InvalidArgumentError, Option } from 'commander';
import { SingleBar } from 'cli-progress';
import { generateWorld, plantedCounts } from '../../../domain/synth/index.ts';
import { WORLD_FORMATS, writeWorld, type WorldFormat, type WorldWriteSummary } from '../../ingest/world-writer.ts';
import { peopleForRecords, WORLD_SIZES, type WorldSize } from '../../ingest/world-size.ts';

interface GenerateOptions {
  out: string;
  seed: number;
  size: WorldSize;
  records?: number;
  people?: number;
  rings?: number;
  labour?: number;
  routes?: number;
  crews?: number;
  format: WorldFormat;
  progress: boolean;
}

/** A parser of a whole number option; commander names the option and the value in its error. */
function wholeNumber(minimum: number) {
  return (text: string): number => {
    const digits = text.replaceAll('_', '');
    const value = /^\d+$/.test(digits) ? Number(digits) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < minimum) {
      throw new InvalidArgumentError(`expected a whole number of at least ${minimum}, e.g. 1000 or 1_000.`);
    }
    return value;
  };
}

function count(value: number): string {
  return value.toLocaleString('en');
}

/** People of the background population per planted ring, for worlds sized by records. */
const RINGS_EVERY = 25_000;

/** `weft generate`: writes a synthetic world, per owner, with its ground truth. */
export function generateCommand(): Command {
  return new Command('generate')
    .description(
      "Write a deterministic synthetic world: each organisation's records (JSON Lines, CSV with mappings, or FtM), organisations.json and truth/",
    )
    .requiredOption('--out <dir>', 'folder to write the world into')
    .addOption(
      new Option('--seed <n>', 'seed: the same seed and options give the same bytes')
        .default(1)
        .argParser(wholeNumber(0)),
    )
    .addOption(
      new Option('--size <size>', 'people and planted rings, unless told below')
        .choices(Object.keys(WORLD_SIZES))
        .default('small'),
    )
    .addOption(
      new Option(
        '--records <n>',
        'about this many records in all: the population is chosen from the records per person of the first 2,000 people (approximate, within a few percent)',
      )
        .argParser(wholeNumber(1))
        .conflicts('people'),
    )
    .addOption(
      new Option('--people <n>', 'people of the background population (overrides --size)').argParser(wholeNumber(0)),
    )
    .addOption(
      new Option('--rings <n>', 'planted sexual-exploitation rings (overrides --size)').argParser(wholeNumber(0)),
    )
    .addOption(
      new Option('--labour <n>', 'planted labour-exploitation cases (default: as many as rings)').argParser(
        wholeNumber(0),
      ),
    )
    .addOption(
      new Option('--routes <n>', 'planted smuggling routes (default: as many as rings)').argParser(wholeNumber(0)),
    )
    .addOption(
      new Option('--crews <n>', 'planted forced-criminality crews (default: half the rings, rounded up)').argParser(
        wholeNumber(0),
      ),
    )
    .addOption(new Option('--format <format>', 'file format of the records').choices(WORLD_FORMATS).default('jsonl'))
    .option('--no-progress', 'no progress bar')
    .action((options: GenerateOptions) => {
      const started = performance.now();
      const size = WORLD_SIZES[options.size];
      const plantingWith = (rings: number) => ({
        seed: options.seed,
        rings,
        ...(options.labour === undefined ? {} : { labour: options.labour }),
        ...(options.routes === undefined ? {} : { routes: options.routes }),
        ...(options.crews === undefined ? {} : { crews: options.crews }),
      });
      let planting = plantingWith(options.rings ?? size.rings);
      let people =
        options.people ?? (options.records === undefined ? size.people : peopleForRecords(options.records, planting));
      if (options.records !== undefined && options.rings === undefined) {
        // A world asked for by its number of records keeps the large size's density of planted
        // networks (one ring per 25,000 people), or the size's own count if that is more.
        const rings = Math.max(size.rings, Math.round(people / RINGS_EVERY));
        if (rings !== planting.rings) {
          planting = plantingWith(rings);
          people = peopleForRecords(options.records, planting);
        }
      }
      const planted = plantedCounts({ ...planting, people });
      const total = people + planted.rings + planted.labour + planted.routes + planted.crews;
      const bar =
        options.progress && process.stderr.isTTY
          ? new SingleBar({
              format: 'generating [{bar}] {value}/{total} people and planted networks',
              stream: process.stderr,
            })
          : undefined;
      bar?.start(total, 0);
      const world = generateWorld({ ...planting, people, onProgress: (done) => bar?.update(done) });
      let summary: WorldWriteSummary;
      try {
        summary = writeWorld(world, { out: options.out, format: options.format });
      } finally {
        bar?.stop();
      }
      const out = process.stdout;
      const skipped = Object.entries(summary.skipped);
      if (skipped.length > 0) {
        out.write(
          `left out ${count(skipped.reduce((sum, [, number]) => sum + number, 0))} records of types ${options.format} cannot hold: ` +
            `${skipped.map(([type, number]) => `${type} ${count(number)}`).join(', ')}\n`,
        );
      }
      for (const [what, number] of Object.entries(summary.inexact)) {
        process.stderr.write(`warning: ${count(number)} CSV cells will not re-import exactly: ${what}\n`);
      }
      const networks = Object.entries(summary.networks);
      const networkCount = networks.reduce((sum, [, number]) => sum + number, 0);
      out.write(
        `world of seed ${options.seed}: ${count(summary.records)} records (${options.format}), ${count(people)} people, ` +
          `${networkCount} planted networks (${networks.map(([kind, number]) => `${kind} ${number}`).join(', ') || 'none'}), ` +
          `written to ${options.out} in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
      );
    });
}
