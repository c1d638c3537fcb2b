// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

const domainMessage =
  'Domain code is pure: it must not import a server, database driver, stream client, file system or UI. ' +
  'Pass what it needs in as a port (see ARCHITECTURE.md).';

export default tseslint.config(
  { ignores: ['node_modules/', '.weft/', 'coverage/', 'src/adapters/store/migrations/', 'web/dist/', 'web/.dist-*/'] },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', 'bin/*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'fastify',
                'fastify-*',
                '@fastify/*',
                'pg',
                'pg-*',
                '@electric-sql/*',
                'drizzle-orm',
                'drizzle-orm/*',
                '@nats-io/*',
                'react',
                'react-*',
                '@mantine/*',
                'pino',
                'commander',
                'cli-progress',
                'node:fs',
                'node:fs/*',
                'node:http',
                'node:net',
                'node:child_process',
                '**/adapters/**',
                '**/apps/**',
              ],
              message: domainMessage,
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/apps/**', 'fastify', '@fastify/*', 'react'],
              message: 'Adapters serve the apps; they never import them.',
            },
          ],
        },
      ],
    },
  },
  {
    // Fastify plugins are async by contract, even those that only register routes synchronously.
    files: ['src/apps/server/routes/*.routes.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: 'readonly', URL: 'readonly', console: 'readonly' } },
  },
);
