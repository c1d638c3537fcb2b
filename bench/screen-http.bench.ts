/**
 * Screening over HTTP: `POST /api/v1/screen` under load from autocannon, against a generated list
 * of notices (the people of bench/support/screening-list.ts, owned by a police unit, wanted or
 * missing), the server app as the tests build it over PGlite on disk, on 127.0.0.1.
 *
 *   npm run bench screen-http [-- --entries 1000000 --queries 10000 --listed 0.05 --duration 20 --connections 10 --warmup 3]
 *   DATABASE_URL=postgres://… npm run bench screen-http -- --postgres 1   (over PostgreSQL instead of PGlite)
 *
 * The queries are as a hotel sends them: guests, most not on the list, a share (`--listed`) people
 * on it written otherwise (see `variantOf`), each with the booking as reference. Two scenarios
 * send them all: (a) a company's key, which gets blind answers while each hit raises an alert to
 * the notice's owner (deduplicated); (b) a law-enforcement key, which is shown the hits. Each is
 * measured after a warm-up of `--warmup` seconds; every connection goes through the same bodies
 * in the same order. Goal: ≥ 1,000 requests/s on this
 * 2-core machine; anchors: Watchman 0.85 ms per query on ~18k entries, yente ≈ 4 requests/s per
 * vCPU. The list is indexed in memory (`NoticeIndex.ofEntries`); the database holds only the
 * notices some query hits, found by screening every query in process first (alerts name their
 * notice's record; law enforcement's hits are judged on the notices' marking, held in the index as
 * the server's is). autocannon runs in a worker thread.
 */
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../src/adapters/store/index.ts';
import { openIngestStream } from '../src/adapters/streams/index.ts';
import { buildApp } from '../src/apps/server/app.ts';
import { createLogger } from '../src/apps/server/logger.ts';
import { NoticeIndex, noticeOfHit, type NoticeOfHit } from '../src/apps/screening/notice-index.ts';
import { ingestRecords } from '../src/domain/ingest/ingest.service.ts';
import { ingestContext } from '../src/domain/ingest/prepare.ts';
import { recordIdOf } from '../src/domain/model/ids.ts';
import { distributionOf } from '../src/domain/notices/index.ts';
import type { ScreeningEntry, ScreeningQuery } from '../src/domain/screening/index.ts';
import { createRandom } from '../src/domain/synth/random.ts';
import { HOTEL, POLICE } from '../test/fixtures/records.ts';
import { databaseTargets } from '../test/support/databases.ts';
import { machineLine } from './support/machine.ts';
import { entryOf, person, queryOf, variantOf, type Person } from './support/screening-list.ts';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? undefined : Number(process.argv[index + 1]);
  return value === undefined || !Number.isFinite(value) ? fallback : value;
}

const ENTRIES = option('entries', 1_000_000);
const QUERIES = option('queries', 10_000);
const LISTED = option('listed', 0.05);
const DURATION = option('duration', 20);
const CONNECTIONS = option('connections', 10);
const WARMUP = option('warmup', 3);
const GOAL = 1_000;
const NOTICE_TYPES = ['wanted', 'missing_person'] as const;
const SOURCE_SYSTEM = 'notices';
/** Every notice is distributed to every member. */
const DISTRIBUTION = distributionOf({});

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const count = (value: number) => value.toLocaleString('en');
const noticeTypeOf = (number: number) => NOTICE_TYPES[number % NOTICE_TYPES.length] ?? 'wanted';
const entryNumber = (entryId: string) => Number(entryId.slice(1));

console.log(machineLine());
const work = mkdtempSync(join(tmpdir(), 'weft-screen-http-bench-'));
// `--postgres 1` runs over a fresh database of the PostgreSQL server at DATABASE_URL (dropped after).
const target = option('postgres', 0) === 1 ? databaseTargets().find((each) => each.name === 'postgres') : undefined;
if (option('postgres', 0) === 1 && target === undefined) throw new Error('--postgres 1 needs DATABASE_URL');
const opened =
  target === undefined
    ? {
        store: await openStore(
          { dataDir: join(work, 'db') },
          { ledgerKey: randomBytes(32), fieldKey: randomBytes(32) },
        ),
        dispose: () => Promise.resolve(),
      }
    : await target.open();
const store = opened.store;
console.log(`database: ${store.database.kind}`);
const stream = await openIngestStream();
try {
  await store.organisations.save(HOTEL);
  await store.organisations.save(POLICE);
  const hotelKey = await store.organisations.issueApiKey(HOTEL.id, 'bench', ['records:read']);
  const policeKey = await store.organisations.issueApiKey(POLICE.id, 'bench', ['records:read']);

  // The notices' marking, as the server's index holds it: that of a notice written as the hit
  // notices are below (the index reads it from each notice it loads).
  const probeWritten = await ingestRecords(
    [
      {
        position: 0,
        value: {
          type: 'Notice',
          sourceRecordId: 'probe',
          properties: { noticeType: 'wanted', title: 'Probe', name: ['Probe'] },
        },
      },
    ],
    ingestContext(POLICE, SOURCE_SYSTEM, { tlp: 'GREEN' }),
    store.records,
  );
  if (probeWritten.rejected > 0) throw new Error(`probe notice rejected: ${JSON.stringify(probeWritten.errors)}`);
  const probed = await store.records.get(recordIdOf(POLICE.id, SOURCE_SYSTEM, 'probe'));
  if (probed === undefined) throw new Error('probe notice not stored');
  const { marking } = noticeOfHit(probed, 'wanted');

  // --- the list, indexed as the server holds it ------------------------------------------------
  const random = createRandom(11);
  const people: Person[] = [];
  const rssBefore = process.memoryUsage().rss;
  let started = performance.now();
  const notices = NoticeIndex.ofEntries(
    store,
    (function* (): Generator<{ entry: ScreeningEntry; notice: NoticeOfHit }> {
      for (let number = 0; number < ENTRIES; number += 1) {
        const who = person(random);
        people.push(who);
        const noticeType = noticeTypeOf(number);
        yield {
          entry: { ...entryOf(who, `n${number}`), list: noticeType },
          notice: {
            id: recordIdOf(POLICE.id, SOURCE_SYSTEM, `n${number}`),
            owner: POLICE.id,
            noticeType,
            child: false,
            distribution: DISTRIBUTION,
            ...(marking === undefined ? {} : { marking }),
          },
        };
      }
    })(),
  );
  const built = (performance.now() - started) / 1000;
  console.log(
    `notice index of ${count(notices.size)} entries generated and built in ${built.toFixed(1)} s ` +
      `(${count(Math.round(ENTRIES / built))} entries/s); RSS ${mib(process.memoryUsage().rss)} (the generated people included; ${mib(rssBefore)} before)`,
  );

  // --- the queries, screened in process first ---------------------------------------------------
  const draw = createRandom(21);
  const queries = Array.from({ length: QUERIES }, (_, number) => {
    const listed = draw.chance(LISTED);
    const query: ScreeningQuery = listed
      ? variantOf(draw, people[draw.int(0, people.length - 1)] as Person)
      : queryOf(person(draw));
    return { query, listed, reference: `booking-${number}` };
  });
  const hitNumbers = new Set<number>();
  const hitting: boolean[] = [];
  started = performance.now();
  // As the route screens for the hotel: the police, the notices' owner, is reached by the same ones.
  const caller = { organisationId: HOTEL.id, sector: HOTEL.sector, groups: [] };
  for (const { query } of queries) {
    const found = await notices.screen(query, {}, caller);
    for (const { hit } of found) hitNumbers.add(entryNumber(hit.entryId));
    hitting.push(found.length > 0);
  }
  const inProcess = (performance.now() - started) / QUERIES;
  const tally = (listed: boolean, hit: boolean) =>
    queries.filter((query, index) => query.listed === listed && hitting[index] === hit).length;
  console.log(
    `${count(QUERIES)} queries, ${count(tally(true, true) + tally(true, false))} of them listed people written otherwise, ` +
      `screened in process first: ${inProcess.toFixed(3)} ms per query mean; hit: ${count(tally(true, true))} of the listed, ` +
      `${count(tally(false, true))} of the others (${((100 * hitting.filter(Boolean).length) / QUERIES).toFixed(0)} % of all); ` +
      `${count(hitNumbers.size)} notices hit, written to the database`,
  );

  // The notices hit, as records (drafts: only the records and their markings are read): an alert
  // refers to its notice's record, and a hit is shown on its marking.
  const records = [...hitNumbers].map((number) => {
    const entry = entryOf(people[number] as Person, `n${number}`);
    const [document] = entry.documents ?? [];
    return {
      type: 'Notice',
      sourceRecordId: `n${number}`,
      properties: {
        noticeType: noticeTypeOf(number),
        title: `Notice n${number}`,
        name: entry.names,
        birthDate: entry.birthDates,
        gender: entry.gender,
        nationality: entry.nationalities,
        ...(document === undefined ? {} : { documentNumber: [document.number], documentCountry: document.country }),
      },
    };
  });
  people.length = 0; // no longer needed: their memory goes back to the server
  const written = await ingestRecords(
    records.map((value, position) => ({ position, value })),
    ingestContext(POLICE, SOURCE_SYSTEM, { tlp: 'GREEN' }),
    store.records,
  );
  if (written.rejected > 0) throw new Error(`notices rejected: ${JSON.stringify(written.errors.slice(0, 3))}`);

  // --- the server under load --------------------------------------------------------------------
  const app = await buildApp(
    { store, stream, streamConsumerRunning: () => true, notices },
    { logger: createLogger('error') },
  );
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  const bodies = queries.map(({ query, reference }) => JSON.stringify({ ...query, reference }));
  const probe = bodies[hitting.indexOf(true)];
  if (probe === undefined) throw new Error('no query hits: nothing to show the answers by');
  try {
    for (const scenario of [
      { label: '(a) company (hotel): blind answers, alerts raised', key: hotelKey, purpose: 'screening' },
      { label: '(b) law enforcement (police): hits shown', key: policeKey, purpose: 'investigation' },
    ]) {
      const headers = {
        authorization: `Bearer ${scenario.key}`,
        'x-weft-purpose': scenario.purpose,
        'content-type': 'application/json',
      };
      // One query that hits, to show what the scenario's caller is answered.
      const probed = await fetch(`${url}/api/v1/screen`, { method: 'POST', headers, body: probe });
      const answer = await probed.text();
      if (probed.status !== 200) throw new Error(`${scenario.label}: ${probed.status} ${answer}`);
      const { result: outcome, hits } = JSON.parse(answer) as { result: string; hits: unknown[] };
      const load = (duration: number) =>
        autocannon({
          url,
          connections: CONNECTIONS,
          duration,
          workers: 1,
          method: 'POST',
          headers,
          requests: bodies.map((body) => ({ path: '/api/v1/screen', body })),
        });
      if (WARMUP > 0) await load(WARMUP);
      const alertsBefore = await alertCount();
      const ledgerBefore = (await store.ledger.head()).seq;
      const result = await load(DURATION);
      const alerts = (await alertCount()) - alertsBefore;
      const ledger = (await store.ledger.head()).seq - ledgerBefore;
      const rate = result.requests.mean;
      console.log(
        `${scenario.label}: ${count(Math.round(rate))} requests/s mean (goal ≥ ${count(GOAL)}: ${rate >= GOAL ? 'met' : 'not met'}; ` +
          `anchors Watchman 0.85 ms per query on ~18k entries, yente ≈ 4 requests/s per vCPU), ` +
          `latency p50 ${result.latency.p50.toFixed(1)} ms, p99 ${result.latency.p99.toFixed(1)} ms; ` +
          `${count(result.requests.total)} requests in ${result.duration.toFixed(0)} s over ${CONNECTIONS} connections, ` +
          `non-2xx ${result.non2xx}, errors ${result.errors}; ${count(alerts)} alerts raised, ${count(ledger)} ledger entries written`,
      );
      console.log(`  a query that hits is answered ${outcome} with ${hits.length} hits shown`);
      if (result.non2xx > 0 || result.errors > 0) {
        throw new Error(
          `${scenario.label}: ${result.non2xx} non-2xx responses (${JSON.stringify(result.statusCodeStats)}), ${result.errors} errors`,
        );
      }
    }
  } finally {
    await app.close();
  }
} finally {
  await stream.close();
  if (target === undefined) await store.close();
  else await opened.dispose();
  rmSync(work, { recursive: true, force: true });
}

async function alertCount(): Promise<number> {
  const [row] = await store.database.query<{ count: number | string }>('SELECT count(*) AS count FROM alerts');
  return Number(row?.count ?? 0);
}
