import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { LIBRARY } from '../../domain/monitoring/library.ts';
import { libraryMarkdown } from '../../domain/monitoring/library-doc.ts';

const root = new URL('../../../', import.meta.url).pathname;
const path = join(root, 'docs/typologies.md');

describe('the typology library’s document', () => {
  it('is committed as the generator writes it (run `npm run generate` after changing a typology)', async () => {
    const expected = await format(libraryMarkdown(), { ...((await resolveConfig(path)) ?? {}), filepath: path });
    expect(readFileSync(path, 'utf8')).toBe(expected);
  });

  it('names every typology with its version and every parameter', () => {
    const text = libraryMarkdown();
    for (const typology of LIBRARY) {
      expect(text).toContain(`\`${typology.id}\`, version ${typology.version}`);
      for (const parameter of typology.parameters) expect(text).toContain(`\`${parameter.name}\``);
    }
  });
});
