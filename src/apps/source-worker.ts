/**
 * Worker threads that run the TypeScript sources, as the main thread does: a worker's entry must
 * be JavaScript, so a one-line entry registers tsx and then imports the TypeScript entry.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

// tsx's ES-module API, beside the CommonJS one `require.resolve` finds (an eval'd worker has no
// module of its own to resolve a bare name from).
const TSX_API = new URL('index.mjs', pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api'))).href;

/** Starts a worker thread on a TypeScript module (`entry`: its URL). */
export function startSourceWorker(entry: URL | string, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const href = typeof entry === 'string' ? entry : entry.href;
  return new Worker(
    `import(${JSON.stringify(TSX_API)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(href)}); });`,
    {
      ...options,
      eval: true,
      // A profiler asked of the main thread would write a profile per worker over the main one's.
      execArgv: process.execArgv.filter((argument) => !argument.startsWith('--cpu-prof')),
    },
  );
}
