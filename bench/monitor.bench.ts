/**
 * Transaction monitoring: throughput of the whole typology library in process, throughput and
 * decision latency from the ingest stream, quality on planted typology instances, and recall and
 * precision on an AMLSim sample.
 *
 *   npm run bench monitor [-- --transactions 1000000 --accounts 25000 --stream 200000 --latency 100000
 *                             --batch 100 --latency-batch 100 --quality-accounts 2000 --quality-days 60
 *                             --planted 20 --seed 1]
 * The stream is NATS JetStream when NATS_URL is set (its own stream, WEFT_MONITOR_BENCH, removed
 * after), the in-process queue otherwise.
 *
 * The transactions are generated (src/domain/synth/transactions.ts): a background of people and
 * businesses paying as people do, with instances of every typology planted. (a) The library
 * observes `--transactions` of them in process, one by one. (b) The same engine then goes on from
 * the ingest stream: the next `--stream` transactions as Payment records published in batches of
 * `--batch` as fast as they go, each read back with `transactionOfPayment` and observed by the
 * consumer; then `--latency` more, published at half the rate just measured, each transaction's
 * decision timed from the publication of its batch. On NATS the producer publishes from a thread of
 * its own (bench/support/stream-producer.ts), as a bank's system would from another process, and the
 * main thread consumes and decides; the in-process stream has both on the main thread. For that
 * stretch the bench also prints each publication's wait for the stream's acknowledgement and the
 * delay of the consuming thread's event loop (where a late decision's time went: the server or here).
 * (c) Recall and precision per typology on a smaller world's planted instances. (d) AMLSim's
 * 20K_fanin200cycle200 sample, read from ../shared/data at run time (skipped when absent), under the
 * default configuration and one with AMLSim's longer windows and tighter amounts.
 * Goals: ≥ 20,000 transactions/s in process; p99 decision latency ≤ 10 ms from the stream; planted
 * recall ≥ 0.95 and precision ≥ 0.80; AMLSim recall ≥ 0.90.
 */
import { existsSync, readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { gunzipSync } from 'node:zlib';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { openIngestStream, type StreamBatch } from '../src/adapters/streams/index.ts';
import {
  DAY_MS,
  LIBRARY,
  Monitor,
  transactionOfPayment,
  type MonitorAlert,
  type MonitorConfig,
  type Transaction,
} from '../src/domain/monitoring/index.ts';
import { generateTransactions, paymentRecordOf } from '../src/domain/synth/transactions.ts';
import { machineLine } from './support/machine.ts';
import { clockMicros, publishBatches, publishedAtMicros, startStreamProducer } from './support/stream-producer.ts';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value === undefined || !Number.isFinite(value) ? fallback : value;
}

const TRANSACTIONS = option('transactions', 1_000_000);
const ACCOUNTS = option('accounts', 25_000);
const STREAM = option('stream', 200_000);
const LATENCY = option('latency', 100_000);
const BATCH = option('batch', 100);
const LATENCY_BATCH = option('latency-batch', BATCH);
const QUALITY_ACCOUNTS = option('quality-accounts', 2_000);
const QUALITY_DAYS = option('quality-days', 60);
const PLANTED = option('planted', 20);
const SEED = option('seed', 1);
const NATS_URL = process.env.NATS_URL ?? '';
const BENCH_STREAM = 'WEFT_MONITOR_BENCH';
const BENCH_SUBJECT = 'weft.bench.monitor';
const BENCH_DURABLE = 'weft-monitor-bench';

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const count = (value: number) => Math.round(value).toLocaleString('en');
const met = (ok: boolean) => (ok ? 'met' : 'not met');
const percentile = (sorted: Float64Array, share: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
const amountOf = (minor: number) => (minor / 100).toFixed(2);
const ratio = (part: number, whole: number) => (whole === 0 ? 'n/a' : (part / whole).toFixed(3));

console.log(machineLine());

// --- (a) the whole library in process ------------------------------------------------------------
let started = performance.now();
const needed = TRANSACTIONS + STREAM + LATENCY;
// About one background transaction per account and day, and a little more.
const world = generateTransactions({
  seed: SEED,
  accounts: ACCOUNTS,
  days: Math.max(10, Math.ceil((needed / ACCOUNTS) * 1.08)),
});
const all = world.transactions;
if (all.length < needed) throw new Error(`generated ${all.length} transactions, fewer than the ${needed} needed`);
console.log(
  `generated ${count(all.length)} transactions of ${count(ACCOUNTS)} accounts in ${((performance.now() - started) / 1000).toFixed(1)} s ` +
    `(${world.truth.length} planted instances among them)`,
);

const monitor = new Monitor({ typologies: LIBRARY });
let alerts = 0;
started = performance.now();
for (let index = 0; index < TRANSACTIONS; index += 1) alerts += monitor.observe(all[index] as Transaction).length;
const inProcessSeconds = (performance.now() - started) / 1000;
const inProcessRate = TRANSACTIONS / inProcessSeconds;
const days = ((all[TRANSACTIONS - 1] as Transaction).time - (all[0] as Transaction).time) / DAY_MS;
console.log(
  `in process: ${count(TRANSACTIONS)} transactions (${days.toFixed(0)} days) through the ${LIBRARY.length} typologies of the library ` +
    `in ${inProcessSeconds.toFixed(1)} s: ${count(inProcessRate)} transactions/s (goal ≥ 20,000: ${met(inProcessRate >= 20_000)}), ` +
    `one thread; ${count(alerts)} alerts; state held ${count(monitor.stats.held)} transactions; RSS ${mib(process.memoryUsage().rss)} ` +
    `(the generated transactions included)`,
);
console.log("  anchor: Tazama's published best: 2,497 transactions/s with 23 rules on ≈ 1,470 vCPU");
// The stream goes on where the file left off; the transactions observed are let go (the engine keeps
// what its windows need), so that the heap is the engine's and the stream's, not the generator's.
const streamed = all.slice(TRANSACTIONS, needed);
all.length = 0;

// --- (b) from the ingest stream --------------------------------------------------------------------
/** Removes the bench's own stream from the NATS server, if there is one. */
async function dropBenchStream(): Promise<void> {
  if (NATS_URL === '') return;
  const connection = await connect({ servers: NATS_URL.split(','), name: 'weft-monitor-bench' });
  try {
    const manager = await jetstreamManager(connection);
    await manager.streams.delete(BENCH_STREAM).catch(() => false);
  } finally {
    await connection.close();
  }
}

interface Phase {
  readonly seconds: number;
  readonly latencies: Float64Array;
  /** Each batch's publication, to the stream's acknowledgement (ms), sorted. */
  readonly acknowledged: Float64Array;
  /** How late the paced producer published a batch at most (ms): it waits for each acknowledgement. */
  readonly late: number;
  /** The event loop's delay in the phase (ms): the process itself busy, whatever the stream does. */
  readonly loopDelay: { readonly p99: number; readonly max: number };
}

/** The span of the generated data's time that the transactions [from, to) of `list` cover. */
function dataSpan(list: readonly Transaction[], from: number, to: number): string {
  const at = (index: number) =>
    new Date((list[index] as Transaction).time).toISOString().slice(0, 16).replace('T', ' ');
  return `data of ${at(from)} to ${at(to - 1)} UTC`;
}

async function streamPhases(): Promise<void> {
  await dropBenchStream();
  const stream = await openIngestStream({
    natsUrl: NATS_URL,
    streamName: BENCH_STREAM,
    subject: BENCH_SUBJECT,
    durableName: BENCH_DURABLE,
    onInvalid: (reason) => {
      console.log(`  stream: ${reason}`);
    },
  });
  const which = NATS_URL === '' ? 'in-process stream' : `NATS JetStream at ${NATS_URL}`;
  // On NATS the producer publishes from a thread of its own, as another system would; the in-process
  // stream is reached from this thread only.
  const producer =
    NATS_URL === ''
      ? undefined
      : await startStreamProducer({
          natsUrl: NATS_URL,
          streamName: BENCH_STREAM,
          subject: BENCH_SUBJECT,
          durableName: BENCH_DURABLE,
        });
  const run = Date.now().toString(36);
  let latencies = new Float64Array(0);
  let observed = 0;
  let expected = 0;
  let unread = 0;
  let done: () => void = () => undefined;
  const stop = await stream
    .consume((batch: StreamBatch) => {
      const publishedAt = publishedAtMicros(batch.batchId) ?? clockMicros();
      for (const value of batch.records) {
        const record = value as { sourceRecordId: string; properties: Record<string, unknown> };
        const transaction = transactionOfPayment({ id: record.sourceRecordId, properties: record.properties });
        if (transaction === undefined) {
          unread += 1;
          continue;
        }
        alerts += monitor.observe(transaction).length;
        if (observed < latencies.length) latencies[observed] = (clockMicros() - publishedAt) / 1000;
        observed += 1;
      }
      if (observed >= expected) done();
      return Promise.resolve();
    })
    .catch(async (error: unknown) => {
      // Not consuming: the producer's thread and the stream are let go, or the bench would never exit.
      await producer?.close();
      await stream.close();
      throw error;
    });

  const batchesOf = (from: number, to: number, size: number): StreamBatch[] => {
    const batches: StreamBatch[] = [];
    for (let start = from; start < to; start += size) {
      batches.push({
        batchId: `monitor-bench-${run}-${start}`,
        organisationId: 'bench-org',
        sourceSystem: 'monitor-bench',
        records: streamed.slice(start, Math.min(to, start + size)).map(paymentRecordOf),
      });
    }
    return batches;
  };

  /** Publishes the transactions [from, to) in batches, `rate` transactions/s at most (none: as fast as they go). */
  const phase = async (from: number, to: number, size: number, rate?: number): Promise<Phase> => {
    const batches = batchesOf(from, to, size);
    observed = 0;
    expected = to - from;
    latencies = new Float64Array(expected);
    const finished = new Promise<void>((resolve) => (done = resolve));
    await producer?.load(batches);
    const loop = monitorEventLoopDelay({ resolution: 1 });
    loop.enable();
    const begun = performance.now();
    const { acknowledged, late } =
      producer === undefined ? await publishBatches(stream, batches, rate) : await producer.publish(rate);
    await finished;
    loop.disable();
    return {
      seconds: (performance.now() - begun) / 1000,
      latencies: latencies.sort(),
      acknowledged: acknowledged.sort(),
      late,
      loopDelay: { p99: loop.percentile(99) / 1e6, max: loop.max / 1e6 },
    };
  };

  try {
    const sustained = await phase(0, STREAM, BATCH);
    const rate = STREAM / sustained.seconds;
    console.log(
      `from the ${which}: ${count(STREAM)} Payment records in batches of ${BATCH}, published and consumed in ` +
        `${sustained.seconds.toFixed(1)} s: ${count(rate)} transactions/s sustained (each read back with transactionOfPayment ` +
        `and observed by the whole library; ${dataSpan(streamed, 0, STREAM)})${unread > 0 ? `; ${unread} records unread` : ''}`,
    );
    const paced = await phase(STREAM, STREAM + LATENCY, LATENCY_BATCH, rate / 2);
    const p50 = percentile(paced.latencies, 0.5);
    const p99 = percentile(paced.latencies, 0.99);
    const firstOver = paced.latencies.findIndex((latency) => latency > 10);
    const over = firstOver === -1 ? 0 : paced.latencies.length - firstOver;
    console.log(
      `  at half that rate (${count(rate / 2)} transactions/s, producer paced, batches of ${LATENCY_BATCH}), ${count(LATENCY)} transactions ` +
        `(${dataSpan(streamed, STREAM, STREAM + LATENCY)}): ` +
        `decision latency from publish p50 ${p50.toFixed(2)} ms, p99 ${p99.toFixed(2)} ms (goal ≤ 10: ${met(p99 <= 10)}), ` +
        `max ${percentile(paced.latencies, 1).toFixed(1)} ms, ${count(over)} over 10 ms; ` +
        `${count(LATENCY / paced.seconds)} transactions/s achieved`,
    );
    console.log(
      `  where the time went there: publication to the stream's acknowledgement p50 ` +
        `${percentile(paced.acknowledged, 0.5).toFixed(2)} ms, p99 ${percentile(paced.acknowledged, 0.99).toFixed(2)} ms, ` +
        `max ${percentile(paced.acknowledged, 1).toFixed(1)} ms (the producer waits for it: at most ${paced.late.toFixed(1)} ms ` +
        `behind its pace); the consuming thread's event loop delayed p99 ${paced.loopDelay.p99.toFixed(1)} ms, ` +
        `max ${paced.loopDelay.max.toFixed(1)} ms`,
    );
    console.log(
      `  engine after the stream: ${count(monitor.stats.observed)} observed, ${count(monitor.stats.tooLate)} too late, ` +
        `${count(alerts)} alerts, state held ${count(monitor.stats.held)} transactions, RSS ${mib(process.memoryUsage().rss)}`,
    );
  } finally {
    await stop();
    await producer?.close();
    await stream.close();
    await dropBenchStream();
  }
}
await streamPhases();

// --- (c) quality on planted instances ----------------------------------------------------------------
if (QUALITY_ACCOUNTS < 10) console.log('quality: skipped (--quality-accounts under 10)');
else {
  const small = generateTransactions({
    seed: SEED + 1,
    accounts: QUALITY_ACCOUNTS,
    days: QUALITY_DAYS,
    planted: PLANTED,
  });
  started = performance.now();
  const raised = new Monitor({ typologies: LIBRARY }).replay(small.transactions);
  console.log(
    `quality: ${count(small.transactions.length)} transactions of ${count(QUALITY_ACCOUNTS)} accounts over ${QUALITY_DAYS} days, ` +
      `${PLANTED} instances planted of each typology; ${count(raised.length)} alerts in ${((performance.now() - started) / 1000).toFixed(1)} s ` +
      '(recall: instances whose subject got an alert of the typology; precision: alerts of the typology whose subject is ' +
      'a planted one, of any typology; in brackets, whose subject was planted for that typology)',
  );
  const plantedSubjects = new Set(small.truth.map((instance) => instance.subjectId));
  let planted = 0;
  let found = 0;
  let raisedAll = 0;
  let rightAll = 0;
  let ownAll = 0;
  for (const typology of LIBRARY) {
    const instances = small.truth.filter((instance) => instance.typology === typology.id);
    const subjects = new Set(instances.map((instance) => instance.subjectId));
    const mine = raised.filter((alert) => alert.typology === typology.id);
    const alerted = new Set(mine.map((alert) => alert.subjectId));
    const hit = [...subjects].filter((subject) => alerted.has(subject)).length;
    const right = mine.filter((alert) => plantedSubjects.has(alert.subjectId)).length;
    const own = mine.filter((alert) => subjects.has(alert.subjectId)).length;
    planted += subjects.size;
    found += hit;
    raisedAll += mine.length;
    rightAll += right;
    ownAll += own;
    const recall = subjects.size === 0 ? 0 : hit / subjects.size;
    const precision = mine.length === 0 ? 0 : right / mine.length;
    console.log(
      `  ${typology.id}: recall ${ratio(hit, subjects.size)} (${hit} of ${subjects.size}), ` +
        `precision ${ratio(right, mine.length)} (${right} of ${mine.length} alerts; ${ratio(own, mine.length)})` +
        (recall >= 0.95 && precision >= 0.8 ? '' : ' — goals not met'),
    );
  }
  console.log(
    `  overall: recall ${ratio(found, planted)} (goal ≥ 0.95: ${met(found / planted >= 0.95)}), ` +
      `precision ${ratio(rightAll, raisedAll)} (goal ≥ 0.80: ${met(rightAll / raisedAll >= 0.8)}; ${ratio(ownAll, raisedAll)})`,
  );
}

// --- (d) AMLSim --------------------------------------------------------------------------------------
/** The files of a tar archive whose names end with one of `suffixes`, as text. */
function tarEntries(archive: Buffer, suffixes: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  let offset = 0;
  while (offset + 512 <= archive.length) {
    const header = archive.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (from: number, length: number) =>
      header
        .subarray(from, from + length)
        .toString('utf8')
        .replace(/\0.*$/su, '');
    const prefix = field(345, 155);
    const name = prefix === '' ? field(0, 100) : `${prefix}/${field(0, 100)}`;
    const size = Number.parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    const start = offset + 512;
    if ((type === '0' || type === '') && suffixes.some((suffix) => name.endsWith(suffix))) {
      const suffix = suffixes.find((candidate) => name.endsWith(candidate)) as string;
      found.set(suffix, archive.subarray(start, start + size).toString('utf8'));
    }
    offset = start + Math.ceil(size / 512) * 512;
  }
  return found;
}

const amlsimFile = new URL('../../shared/data/amlsim_sample/20K_fanin200cycle200.tgz', import.meta.url);
if (!existsSync(amlsimFile)) {
  console.log(`AMLSim: skipped, ${amlsimFile.pathname} is absent`);
} else {
  const entries = tarEntries(gunzipSync(readFileSync(amlsimFile)), ['/transactions.csv', '/nodes.csv']);
  const rows = (text: string | undefined) =>
    (text ?? '')
      .split('\n')
      .slice(1)
      .filter((line) => line.trim() !== '')
      .map((line) => line.split(','));
  const fraud = new Set(
    rows(entries.get('/nodes.csv'))
      .filter((row) => row[1]?.trim() === '1')
      .map((row) => row[0] as string),
  );
  const transactions: Transaction[] = rows(entries.get('/transactions.csv')).map(
    ([source, target, value, step], index) => ({
      id: `amlsim-${index}`,
      time: Number(step) * DAY_MS,
      amount: Math.round(Number(value) * 100),
      payerAccount: source,
      payeeAccount: target,
      channel: 'transfer',
    }),
  );
  console.log(
    `AMLSim 20K_fanin200cycle200: ${count(transactions.length)} transactions, ${count(fraud.size)} fraud accounts ` +
      '(recall: fraud accounts in any alert; precision: accounts in alerts that are fraud accounts)',
  );
  // What the transactions can show at all: the fraud accounts in a laundering-like transaction —
  // one below the smallest amount two ordinary accounts exchange, or one of several between the
  // same two accounts in one step. The rest pay and are paid like ordinary accounts.
  const ordinaryFloor = Math.min(
    ...transactions
      .filter((transaction) => !fraud.has(transaction.payerAccount ?? '') && !fraud.has(transaction.payeeAccount ?? ''))
      .map((transaction) => transaction.amount),
  );
  const perPairAndStep = new Map<string, number>();
  const pairStep = (transaction: Transaction) =>
    `${transaction.payerAccount} ${transaction.payeeAccount} ${transaction.time}`;
  for (const transaction of transactions) {
    perPairAndStep.set(pairStep(transaction), (perPairAndStep.get(pairStep(transaction)) ?? 0) + 1);
  }
  const visible = new Set(
    transactions
      .filter(
        (transaction) => transaction.amount < ordinaryFloor || (perPairAndStep.get(pairStep(transaction)) ?? 0) > 1,
      )
      .flatMap((transaction) => [transaction.payerAccount ?? '', transaction.payeeAccount ?? ''])
      .filter((account) => fraud.has(account)),
  );
  console.log(
    `  fraud accounts in a laundering-like transaction (under ${amountOf(ordinaryFloor)}, the smallest between ordinary ` +
      `accounts, or repeated between two accounts in one step): ${count(visible.size)} (${ratio(visible.size, fraud.size)}), ` +
      'the most that detectors of transactions can find here',
  );
  const configurations: readonly MonitorConfig[] = [
    { version: 'default-1' },
    {
      version: 'amlsim',
      values: {
        'structuring.min_split': 2,
        'fan_in.window_days': 120,
        'cycle.window_days': 120,
        'fan_in.amount_tolerance': 0.02,
        'cycle.amount_tolerance': 0.02,
      },
    },
  ];
  for (const config of configurations) {
    started = performance.now();
    const raised: MonitorAlert[] = new Monitor({ typologies: LIBRARY, config }).replay(transactions);
    const seconds = (performance.now() - started) / 1000;
    const flagged = new Set(raised.flatMap((alert) => alert.accounts));
    const caught = [...flagged].filter((account) => fraud.has(account)).length;
    const byTypology = new Map<string, number>();
    const accountsByTypology = new Map<string, Set<string>>();
    for (const alert of raised) {
      byTypology.set(alert.typology, (byTypology.get(alert.typology) ?? 0) + 1);
      const accounts = accountsByTypology.get(alert.typology) ?? new Set<string>();
      for (const account of alert.accounts) accounts.add(account);
      accountsByTypology.set(alert.typology, accounts);
    }
    console.log(
      `  config ${config.version}${config.values === undefined ? ' (the defaults)' : ` ${JSON.stringify(config.values)}`}: ` +
        `recall ${ratio(caught, fraud.size)} (${caught} of ${fraud.size}; goal ≥ 0.90: ${met(caught / fraud.size >= 0.9)}), ` +
        `precision ${ratio(caught, flagged.size)} (${caught} of ${flagged.size} accounts in alerts); ${count(raised.length)} alerts ` +
        `in ${seconds.toFixed(1)} s`,
    );
    for (const [typology, accounts] of accountsByTypology) {
      const found = [...accounts].filter((account) => fraud.has(account)).length;
      console.log(
        `    ${typology}: ${count(byTypology.get(typology) ?? 0)} alerts, recall ${ratio(found, fraud.size)}, ` +
          `precision ${ratio(found, accounts.size)} (${found} of ${accounts.size} accounts)`,
      );
    }
  }
}
