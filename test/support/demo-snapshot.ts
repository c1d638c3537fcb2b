/**
 * The demo world, loaded once per test run and copied for each suite that serves it: loading it,
 * resolving it and screening it takes many seconds, the same for every browser suite. The first
 * suite to ask builds it in an embedded store on disk (other workers wait for it); each suite then
 * opens a copy of that store of its own, changes it as it likes, and removes it at the end. The
 * demo world's own loading is tested where it is the subject (test/e2e). The snapshot lives as long
 * as the vitest process: in watch mode, restart it after changing how the demo world is built.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { openStore, type Store } from '../../src/adapters/store/index.ts';
import { loadDemoWorld, type DemoLogin } from '../../src/apps/ingest/demo.ts';
import { Resolver } from '../../src/apps/resolution/resolver.ts';
import { NoticeIndex, ScreeningWatch } from '../../src/apps/screening/index.ts';
import { storeKeys } from './databases.ts';
import { NO_HASHING } from './no-hashing.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder (made by the global set-up, removed at the end of the run) the snapshot is built in. */
    demoSnapshotFolder: string;
  }
}

/** What a suite gets: its own store holding the demo world, resolved and screened. */
export interface DemoWorldCopy {
  readonly store: Store;
  readonly logins: readonly DemoLogin[];
  /** Closes the store and removes its folder. */
  readonly dispose: () => Promise<void>;
}

/** What the builder leaves beside the store's folder for the suites. */
interface SnapshotFacts {
  readonly ledgerKey: string;
  readonly fieldKey: string;
  readonly logins: readonly DemoLogin[];
}

const BUILD_WAIT_MS = 10 * 60_000;

/** Opens a copy of the run's demo world snapshot, building the snapshot first if no suite has. */
export async function openDemoWorld(): Promise<DemoWorldCopy> {
  const folder = inject('demoSnapshotFolder');
  const facts = await snapshotIn(folder);
  const copy = mkdtempSync(join(tmpdir(), 'weft-demo-copy-'));
  cpSync(join(folder, 'data'), join(copy, 'data'), { recursive: true });
  const store = await openStore(
    { dataDir: join(copy, 'data') },
    { ledgerKey: Buffer.from(facts.ledgerKey, 'hex'), fieldKey: Buffer.from(facts.fieldKey, 'hex') },
  );
  return {
    store,
    logins: facts.logins,
    dispose: async () => {
      await store.close();
      rmSync(copy, { recursive: true, force: true });
    },
  };
}

/** The snapshot's facts once it is built: built here by the first to claim it, waited for elsewhere. */
async function snapshotIn(folder: string): Promise<SnapshotFacts> {
  const ready = join(folder, 'ready.json');
  const failed = join(folder, 'failed.txt');
  if (!existsSync(ready)) {
    let builder = false;
    try {
      mkdirSync(join(folder, 'claimed'));
      builder = true;
    } catch {
      // Another worker claimed it: wait below.
    }
    if (builder) {
      try {
        const facts = await buildSnapshot(join(folder, 'data'));
        writeFileSync(`${ready}.part`, JSON.stringify(facts));
        renameSync(`${ready}.part`, ready);
      } catch (error) {
        writeFileSync(failed, error instanceof Error ? (error.stack ?? error.message) : String(error));
        throw error;
      }
    } else {
      const begun = Date.now();
      while (!existsSync(ready)) {
        if (existsSync(failed))
          throw new Error(`the demo world snapshot failed to build: ${readFileSync(failed, 'utf8')}`);
        if (Date.now() - begun > BUILD_WAIT_MS)
          throw new Error(`the demo world snapshot in ${folder} never became ready`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  }
  return JSON.parse(readFileSync(ready, 'utf8')) as SnapshotFacts;
}

/** Loads the demo world into a store at `dataDir`, resolves it, screens it, and closes it. */
async function buildSnapshot(dataDir: string): Promise<SnapshotFacts> {
  const keys = storeKeys();
  const store = await openStore({ dataDir }, keys);
  try {
    // Passwords kept as they are: the demo's users sign in through the screen, quickly.
    const { logins } = await loadDemoWorld(store, NO_HASHING);
    await new Resolver(store).resolvePending();
    // The records screened against the live notices (the inbox's hits).
    const { notices, watch } = await startScreening(store);
    await watch.stop();
    notices.close();
    return {
      ledgerKey: Buffer.from(keys.ledgerKey).toString('hex'),
      fieldKey: Buffer.from(keys.fieldKey).toString('hex'),
      logins,
    };
  } finally {
    await store.close();
  }
}

/**
 * Continuous screening as the server starts it: the live notices indexed, every record not yet
 * screened screened (settled before this returns), and notices published later screened too.
 */
export async function startScreening(store: Store): Promise<{ notices: NoticeIndex; watch: ScreeningWatch }> {
  const notices = await NoticeIndex.open(store);
  const watch = ScreeningWatch.start(store, notices, {
    screened: () => undefined,
    failed: (error) => {
      throw error;
    },
  });
  await watch.settle();
  return { notices, watch };
}
