import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { cpSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { generatedFiles } from './generated-files.ts';

const root = new URL('../../../', import.meta.url).pathname;

describe('files derived from the entity model', () => {
  it('are committed as the generator writes them (run `npm run generate` after changing the model)', async () => {
    for (const [path, content] of Object.entries(generatedFiles())) {
      const options = (await resolveConfig(join(root, path))) ?? {};
      const expected = await format(content, { ...options, filepath: join(root, path) });
      expect(readFileSync(join(root, path), 'utf8'), path).toBe(expected);
    }
  });

  it('leave no schema change without a migration', async () => {
    // drizzle-kit takes the output folder relative to the working directory.
    const out = `.weft-migrations-${process.pid}`;
    try {
      cpSync(join(root, 'src/adapters/store/migrations'), join(root, out), { recursive: true });
      const before = readdirSync(join(root, out)).sort();
      // Run without blocking the test worker, which must keep answering the test runner meanwhile.
      await promisify(execFile)(
        join(root, 'node_modules/.bin/drizzle-kit'),
        ['generate', '--dialect=postgresql', '--schema=./src/adapters/store/tables.ts', `--out=${out}`],
        { cwd: root },
      );
      expect(readdirSync(join(root, out)).sort()).toEqual(before);
    } finally {
      rmSync(join(root, out), { recursive: true, force: true });
    }
  });
});
