/** Every table, as drizzle-kit reads them to write migrations. */
export * from './schema.ts';
export * from './entity-tables.gen.ts';
