/**
 * Resolution at scale, on synthetic worlds whose truth says which records are one person:
 * 1. `weft link --input` deduplicating the Person records of a world (1,000,000 by default), as a
 *    child process that reports its peak memory: time start to exit, peak RSS, pairwise P/R/F1
 *    of its clusters against the truth;
 * 2. resolution over the store (PGlite, or a fresh database of the PostgreSQL server at
 *    DATABASE_URL, dropped after): a world loaded and resolved in batch, then more of the world
 *    arriving and resolved incrementally, in records per second, with the entities' pairwise
 *    P/R/F1 against the truth.
 *
 *   npm run bench resolve [-- --people 1000000 --store-people 20000 --seed 3 --threshold 0.5]
 * `--people 0` or `--store-people 0` skips a part. Goals: 1,000,000 people deduplicated in ≤ 4 min
 * with peak RSS ≤ 8 GiB; incremental resolution ≥ 2,000 records/s.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../src/adapters/store/index.ts';
import { Resolver } from '../src/apps/resolution/resolver.ts';
import { ingestRecords } from '../src/domain/ingest/ingest.service.ts';
import { ingestContext } from '../src/domain/ingest/prepare.ts';
import { recordIdOf } from '../src/domain/model/ids.ts';
import {
  generateWorld,
  memberOrganisation,
  worldOrganisation,
  WORLD_ORGANISATIONS,
} from '../src/domain/synth/index.ts';
import type { WorldItem } from '../src/domain/synth/index.ts';
import { databaseTargets } from '../test/support/databases.ts';
import { machineLine } from './support/machine.ts';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value === undefined || !Number.isFinite(value) ? fallback : value;
}

const PEOPLE = option('people', 1_000_000);
const STORE_PEOPLE = option('store-people', 20_000);
const SEED = option('seed', 3);
/** The threshold `weft link` is run with (its default, 0.5, unless told). */
const THRESHOLD = option('threshold', 0.5);
const root = new URL('../', import.meta.url).pathname;
const PEAK_RSS_HOOK =
  'data:text/javascript,import{writeSync}from"node:fs";' +
  'process.on("exit",()=>writeSync(2,`peak-rss-kib ${process.resourceUsage().maxRSS}\\n`))';

/** Pairwise precision, recall and F1 of predicted groups against true ones (over the same records). */
function pairwise(predicted: Map<string, string>, truth: Map<string, string>) {
  const count = (groups: Map<string, string>) => {
    const sizes = new Map<string, number>();
    for (const group of groups.values()) sizes.set(group, (sizes.get(group) ?? 0) + 1);
    let pairs = 0;
    for (const size of sizes.values()) pairs += (size * (size - 1)) / 2;
    return pairs;
  };
  const both = new Map<string, string>();
  for (const [record, group] of predicted) {
    const person = truth.get(record);
    if (person !== undefined) both.set(record, `${group}\u0000${person}`);
  }
  const truePositives = count(both);
  const predictedPairs = count(new Map([...predicted].filter(([record]) => truth.has(record))));
  const truePairs = count(new Map([...truth].filter(([record]) => predicted.has(record))));
  const precision = predictedPairs === 0 ? 1 : truePositives / predictedPairs;
  const recall = truePairs === 0 ? 1 : truePositives / truePairs;
  return { precision, recall, f1: (2 * precision * recall) / (precision + recall || 1), truePairs, predictedPairs };
}

const figures = (result: ReturnType<typeof pairwise>) =>
  `P ${result.precision.toFixed(4)} R ${result.recall.toFixed(4)} F1 ${result.f1.toFixed(4)} (${result.truePairs.toLocaleString('en')} true pairs, ${result.predictedPairs.toLocaleString('en')} predicted)`;

const csv = (value: unknown): string => {
  const text = Array.isArray(value) ? String(value[0] ?? '') : typeof value === 'string' ? value : '';
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

console.log(machineLine());
const work = mkdtempSync(join(tmpdir(), 'weft-resolve-bench-'));
try {
  if (PEOPLE > 0) {
    // Person records of a world with about PEOPLE of them, with the true person of each.
    const file = join(work, 'people.csv');
    const out = createWriteStream(file);
    out.write('id,name,birth_date,nationality,country,phone,email,document\n');
    const truth = new Map<string, string>();
    const mentioned = new Map<string, string>();
    let written = 0;
    // About 1.6 Person records per person of the background population.
    const started = performance.now();
    for (const item of generateWorld({ seed: SEED, people: Math.ceil(PEOPLE / 1.6), rings: 20 })) {
      if (item.kind === 'mention') mentioned.set(`${item.key.owner}/${item.key.sourceRecordId}`, item.person);
      if (item.kind !== 'record' || item.record.type !== 'Person' || written >= PEOPLE) continue;
      const p = item.record.properties as Record<string, unknown>;
      const id = `${item.owner}/${item.record.sourceRecordId}`;
      const line = [
        id,
        p['name'],
        p['birthDate'],
        p['nationality'],
        p['country'],
        p['phone'],
        p['email'],
        p['idNumber'],
      ];
      if (!out.write(`${line.map(csv).join(',')}\n`))
        await new Promise<void>((resolve) =>
          out.once('drain', () => {
            resolve();
          }),
        );
      written += 1;
      truth.set(id, '');
    }
    await new Promise<void>((resolve) =>
      out.end(() => {
        resolve();
      }),
    );
    for (const id of truth.keys()) truth.set(id, mentioned.get(id) ?? id);
    mentioned.clear();
    console.log(
      `${written.toLocaleString('en')} Person records written to CSV in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const map = join(work, 'map.json');
    writeFileSync(
      map,
      JSON.stringify({
        id: 'id',
        fields: {
          full_name: 'name',
          date_of_birth: 'birth_date',
          nationality: 'nationality',
          country: 'country',
          phone: 'phone',
          email: 'email',
          document_number: 'document',
        },
      }),
    );
    const args = ['--import', PEAK_RSS_HOOK, join(root, 'bin/weft.js'), 'link', '--config', map, '--input', file];
    args.push(
      '--out',
      join(work, 'pairs.csv'),
      '--clusters',
      join(work, 'clusters.csv'),
      '--threshold',
      String(THRESHOLD),
    );
    const linkStarted = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    const seconds = (performance.now() - linkStarted) / 1000;
    if (code !== 0) throw new Error(`weft link exited with ${String(code)}: ${stderr}`);
    const peakMib = Number(/peak-rss-kib (\d+)/.exec(stderr)?.[1]) / 1024;
    const clusters = new Map<string, string>();
    for (const row of readFileSync(join(work, 'clusters.csv'), 'utf8').split('\n').slice(1)) {
      const comma = row.lastIndexOf(',');
      if (comma > 0) clusters.set(row.slice(0, comma).replace(/^"|"$/g, ''), row.slice(comma + 1));
    }
    console.log(
      `weft link --input --threshold ${THRESHOLD} (child process), ${written.toLocaleString('en')} Person records:`,
    );
    console.log(`  ${seconds.toFixed(1)} s start to exit; goal ≤ 240 s: ${seconds <= 240 ? 'met' : 'not met'}`);
    console.log(`  peak RSS ${peakMib.toFixed(0)} MiB; goal ≤ 8,192 MiB: ${peakMib <= 8_192 ? 'met' : 'not met'}`);
    console.log(`  clusters against the truth: ${figures(pairwise(clusters, truth))}`);
    // The pairs file alone (before clustering): how many predicted pairs are one person.
    let predicted = 0;
    let right = 0;
    const wrong: string[] = [];
    for (const row of readFileSync(join(work, 'pairs.csv'), 'utf8').split('\n').slice(1)) {
      const [left, rightId] = row.split(',');
      if (left === undefined || rightId === undefined) continue;
      predicted += 1;
      if (truth.get(left) !== undefined && truth.get(left) === truth.get(rightId)) right += 1;
      else if (wrong.length < 5) wrong.push(`${left} ~ ${rightId}`);
    }
    console.log(
      `  pairs: ${predicted.toLocaleString('en')} predicted, precision ${(right / Math.max(predicted, 1)).toFixed(4)}`,
    );
    if (process.argv.includes('--show-wrong')) {
      const rows = new Map(
        readFileSync(file, 'utf8')
          .split('\n')
          .map((row) => [row.slice(0, row.indexOf(',')), row]),
      );
      for (const pair of wrong) for (const id of pair.split(' ~ ')) console.log(`    ${rows.get(id) ?? id}`);
    }
  }

  if (STORE_PEOPLE > 0) {
    // On PostgreSQL, a database of its own, created for the run and dropped after: a database left
    // with an earlier run's world would be resolved on top of it.
    const target = databaseTargets().find((each) => each.name === 'postgres');
    const opened =
      target === undefined
        ? await (async () => {
            const embedded = await openStore(
              { dataDir: join(work, 'db') },
              { ledgerKey: randomBytes(32), fieldKey: randomBytes(32) },
            );
            return { store: embedded, dispose: () => embedded.close() };
          })()
        : await target.open();
    const store: Store = opened.store;
    try {
      for (const organisation of WORLD_ORGANISATIONS) await store.organisations.save(memberOrganisation(organisation));
      const items = [...generateWorld({ seed: SEED + 1, people: STORE_PEOPLE, rings: 4 })];
      const records = items.filter((item): item is Extract<WorldItem, { kind: 'record' }> => item.kind === 'record');
      const truth = new Map<string, string>();
      for (const item of items) {
        if (item.kind !== 'mention') continue;
        const owner = worldOrganisation(item.key.owner);
        truth.set(recordIdOf(owner.id, owner.sourceSystem, item.key.sourceRecordId), item.person);
      }
      const ingest = async (part: typeof records) => {
        const byOwner = new Map<string, unknown[]>();
        for (const item of part) byOwner.set(item.owner, [...(byOwner.get(item.owner) ?? []), item.record]);
        for (const [owner, values] of byOwner) {
          const organisation = worldOrganisation(owner);
          for (let start = 0; start < values.length; start += 5_000) {
            await ingestRecords(
              values.slice(start, start + 5_000).map((value, position) => ({ position, value })),
              ingestContext(organisation, organisation.sourceSystem, organisation.markings),
              store.records,
            );
          }
        }
      };
      const split = Math.floor(records.length * 0.8);
      await ingest(records.slice(0, split));
      const resolver = new Resolver(store);
      let started = performance.now();
      const batch = await resolver.resolvePending();
      let seconds = (performance.now() - started) / 1000;
      console.log(`resolution over the store (${store.database.kind}):`);
      console.log(
        `  batch: ${batch.records.toLocaleString('en')} records (${batch.people.toLocaleString('en')} people) in ${seconds.toFixed(1)} s, ${Math.round(batch.records / seconds).toLocaleString('en')} records/s, model learnt on ${String(batch.trainedOn)} people`,
      );
      await ingest(records.slice(split));
      started = performance.now();
      const incremental = await resolver.resolvePending();
      seconds = (performance.now() - started) / 1000;
      const rate = incremental.records / seconds;
      console.log(
        `  incremental: ${incremental.records.toLocaleString('en')} arriving records (${incremental.people.toLocaleString('en')} people) in ${seconds.toFixed(1)} s, ${Math.round(rate).toLocaleString('en')} records/s; goal ≥ 2,000: ${rate >= 2_000 ? 'met' : 'not met'}`,
      );
      const rows = await store.database.query<{ id: string; entity_id: string | null }>(
        `SELECT r.id, m.entity_id FROM records r LEFT JOIN resolution_members m ON m.record_id = r.id WHERE r.entity_type = 'Person'`,
      );
      const entities = new Map(rows.map((row) => [row.id, row.entity_id ?? row.id]));
      console.log(`  entities against the truth: ${figures(pairwise(entities, truth))}`);
    } finally {
      await opened.dispose();
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
