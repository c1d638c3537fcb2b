#!/usr/bin/env node
// `npm run bench <name>` runs bench/<name>.bench.ts and prints its figures with the machine's.
import { readdirSync } from 'node:fs';
import { register } from 'tsx/esm/api';

const names = readdirSync(new URL('../bench/', import.meta.url))
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''));
const [name, ...rest] = process.argv.slice(2);
if (name === undefined || !names.includes(name)) {
  process.stderr.write(`usage: npm run bench <${names.join('|')}> [-- options]\n`);
  process.exit(2);
}
process.argv = [process.argv[0], name, ...rest];
register();
await import(`../bench/${name}.bench.ts`);
