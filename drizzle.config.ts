import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: ['./src/adapters/store/schema.ts', './src/adapters/store/entity-tables.gen.ts'],
  out: './src/adapters/store/migrations',
});
