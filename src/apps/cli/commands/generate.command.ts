import { Command } from 'commander';
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SingleBar } from 'cli-progress';
import { generateWorld, WORLD_ORGANISATIONS, type PlantedNetwork } from '../../../domain/synth/index.ts';

/** World sizes by name: people of the background population and planted rings. */
const SIZES = {
  small: { people: 5_000, rings: 2 },
  medium: { people: 50_000, rings: 5 },
  large: { people: 500_000, rings: 20 },
} as const;

const TRUTH_README = `# Ground truth of a synthetic world

- mentions.jsonl: one line per record that refers to a person: the record (owner, sourceRecordId)
  and the true person it refers to. Records of the same person across owners share "person".
- networks.json: the planted networks: members with their roles, phones, cities, the typologies
  they exhibit and every record (owner, sourceRecordId) that belongs to them.
`;

/** `weft generate`: writes a synthetic world, per owner, with its ground truth. */
export function generateCommand(): Command {
  return new Command('generate')
    .description('Write a deterministic synthetic world: per-organisation JSON Lines files and truth/')
    .requiredOption('--out <dir>', 'folder to write the world into')
    .option('--seed <n>', 'seed: the same seed gives the same bytes', '1')
    .option('--size <size>', 'small, medium or large', 'small')
    .option('--people <n>', 'people of the background population (overrides --size)')
    .option('--rings <n>', 'planted sexual-exploitation rings (overrides --size)')
    .option('--no-progress', 'no progress bar')
    .action(
      (options: { out: string; seed: string; size: string; people?: string; rings?: string; progress: boolean }) => {
        const size = SIZES[options.size as keyof typeof SIZES] as (typeof SIZES)[keyof typeof SIZES] | undefined;
        if (size === undefined) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
        const seed = Number(options.seed);
        const people = options.people === undefined ? size.people : Number(options.people);
        const rings = options.rings === undefined ? size.rings : Number(options.rings);
        for (const [name, value] of [
          ['--seed', seed],
          ['--people', people],
          ['--rings', rings],
        ] as const) {
          if (!Number.isInteger(value) || value < 0)
            throw new Error(`${name} must be a whole number, not "${String(value)}"`);
        }
        mkdirSync(join(options.out, 'truth'), { recursive: true });
        writeFileSync(join(options.out, 'organisations.json'), `${JSON.stringify(WORLD_ORGANISATIONS, null, 2)}\n`);
        writeFileSync(join(options.out, 'truth', 'README.md'), TRUTH_README);
        const files = new Map(WORLD_ORGANISATIONS.map((organisation) => [organisation.id, { fd: -1, buffer: '' }]));
        const mentions = openSync(join(options.out, 'truth', 'mentions.jsonl'), 'w');
        let mentionBuffer = '';
        const networks: PlantedNetwork[] = [];
        const bar =
          options.progress && process.stderr.isTTY
            ? new SingleBar({ format: 'generating [{bar}] {value}/{total} people and rings', stream: process.stderr })
            : undefined;
        bar?.start(people + rings, 0);
        const flush = (force: boolean) => {
          for (const [owner, file] of files) {
            if (file.buffer.length < 1 << 20 && !force) continue;
            if (file.buffer === '') continue;
            if (file.fd === -1) file.fd = openSync(join(options.out, `${owner}.jsonl`), 'w');
            writeSync(file.fd, file.buffer);
            file.buffer = '';
          }
          if (mentionBuffer.length >= 1 << 20 || force) {
            writeSync(mentions, mentionBuffer);
            mentionBuffer = '';
          }
        };
        const onProgress = (done: number) => bar?.update(done);
        for (const item of generateWorld({ seed, people, rings, onProgress })) {
          if (item.kind === 'record') {
            const file = files.get(item.owner);
            if (file === undefined) throw new Error(`record of unknown owner ${item.owner}`);
            file.buffer += `${JSON.stringify(item.record)}\n`;
            if (file.buffer.length >= 1 << 20) flush(false);
          } else if (item.kind === 'mention') {
            mentionBuffer += `${JSON.stringify({ ...item.key, person: item.person })}\n`;
          } else {
            networks.push(item.network);
          }
        }
        flush(true);
        for (const file of files.values()) if (file.fd !== -1) closeSync(file.fd);
        closeSync(mentions);
        writeFileSync(join(options.out, 'truth', 'networks.json'), `${JSON.stringify(networks, null, 2)}\n`);
        bar?.stop();
        process.stdout.write(`world of seed ${seed}: ${people} people, ${rings} rings, written to ${options.out}\n`);
      },
    );
}
