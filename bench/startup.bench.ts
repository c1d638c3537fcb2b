/**
 * Start-up time of `npm start` (`weft serve`): from launching the process to the first answer
 * of /api/health, on a fresh data folder (first start: creates and migrates the database and loads the demo world) and
 * then on the existing folder (the usual case), several times each.
 *
 *   npm run bench startup [-- --runs 5]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machineLine, median } from './support/machine.ts';
import { freePort } from '../test/support/ports.ts';

const runsIndex = process.argv.indexOf('--runs');
const RUNS = runsIndex === -1 ? 5 : Number(process.argv[runsIndex + 1]);
const root = new URL('../', import.meta.url).pathname;

async function startOnce(dataDir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [join(root, 'bin/weft.js'), 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      WEFT_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: '',
      NATS_URL: '',
      LOG_LEVEL: 'warn',
    },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`weft serve exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (response) => response.ok,
        () => false,
      );
      if (ok) return (performance.now() - started) / 1000;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

console.log(machineLine());
const fresh: number[] = [];
const existing: number[] = [];
for (let run = 0; run < RUNS; run += 1) {
  const dataDir = mkdtempSync(join(tmpdir(), 'weft-startup-'));
  fresh.push(await startOnce(dataDir));
  existing.push(await startOnce(dataDir));
  rmSync(dataDir, { recursive: true, force: true });
}
const show = (values: number[]) =>
  `median ${median(values).toFixed(2)} s (min ${Math.min(...values).toFixed(2)}, max ${Math.max(...values).toFixed(2)}, ${values.length} runs)`;
console.log(`start-up to first /api/health answer, embedded database`);
console.log(`  existing data folder: ${show(existing)}`);
console.log(`  fresh data folder (creates, migrates and loads the demo world): ${show(fresh)}`);
