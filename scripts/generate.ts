/**
 * Writes the files derived from the entity model: the named Drizzle table exports that
 * drizzle-kit reads, and the client types; and the typology library's document. `npm run generate` rewrites them; a test fails when
 * the committed files differ from what this produces.
 */
import { writeFileSync } from 'node:fs';
import { generatedFiles } from '../src/adapters/store/generated-files.ts';
import { libraryMarkdown } from '../src/domain/monitoring/library-doc.ts';

for (const [path, content] of Object.entries({ ...generatedFiles(), 'docs/typologies.md': libraryMarkdown() })) {
  writeFileSync(new URL(`../${path}`, import.meta.url), content);
  console.log(`wrote ${path}`);
}
