/**
 * Builds the web workbench into web/dist when its sources (or the lock file) are newer than the
 * last build, so `npm start` is quick when nothing changed. `--force` builds regardless.
 */
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = join(root, 'web');
const dist = join(web, 'dist');
const built = join(dist, 'index.html');

/**
 * The latest change below a path: files written, and files added or removed (a folder's own time).
 * The web folder's own time is left out: swapping a build in changes it.
 */
function newest(path: string, top = true): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = top ? 0 : stat.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'dist' || name.startsWith('.dist-') || name === 'node_modules') continue;
    latest = Math.max(latest, newest(join(path, name), false));
  }
  return latest;
}

/** Whether the workbench must be built again. */
export function workbenchStale(): boolean {
  if (!existsSync(built)) return true;
  const sources = Math.max(newest(web), newest(join(root, 'package-lock.json')));
  return sources > statSync(built).mtimeMs;
}

/** Builds the workbench when stale (or always, forced); says what it did. */
export async function buildWorkbench(force = false): Promise<boolean> {
  if (!force && !workbenchStale()) return false;
  // Built beside, then swapped in: a server or another build never sees half a workbench.
  const fresh = join(web, `.dist-${process.pid}`);
  await build({ configFile: join(web, 'vite.config.ts'), logLevel: 'warn', build: { outDir: fresh } });
  const old = join(web, `.dist-old-${process.pid}`);
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(fresh, dist);
  rmSync(old, { recursive: true, force: true });
  return true;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  const rebuilt = await buildWorkbench(process.argv.includes('--force'));
  console.log(
    rebuilt
      ? `built the web workbench into web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`
      : 'the web workbench is up to date (web/dist)',
  );
}
