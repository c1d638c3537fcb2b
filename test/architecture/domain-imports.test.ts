/** The dependency rule is enforced by lint: domain code that imports a driver or server fails. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

async function importErrors(filePath: string, source: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(source, { filePath: `${root}${filePath}` });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('the dependency rule', () => {
  it.each([
    'pg',
    '@electric-sql/pglite',
    'fastify',
    'drizzle-orm',
    '@nats-io/jetstream',
    'node:fs',
    '../../adapters/store/index.ts',
  ])('refuses %s in domain code, saying why', async (module) => {
    const errors = await importErrors('src/domain/model/ids.ts', `import '${module}';\nexport const probe = 1;\n`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('Domain code is pure');
  });

  it('lets adapters import drivers', async () => {
    expect(await importErrors('src/adapters/store/database.ts', `import 'pg';\nexport const probe = 1;\n`)).toEqual([]);
  });
});
