/**
 * A search of a whole database for values that must not be stored in clear: every table of every
 * schema the application uses (from information_schema), every column cast to text, compared
 * case-insensitively.
 */
import type { Sql } from '../../src/adapters/store/index.ts';

/** Where a searched value was found in clear. */
export interface ClearTextHit {
  readonly table: string;
  readonly value: string;
}

/** What a search looked at and found. */
export interface ClearTextSearch {
  readonly tablesSearched: number;
  readonly columnsSearched: number;
  readonly hits: readonly ClearTextHit[];
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The texts joined by spaces; nested, as a function takes at most 100 arguments. */
function joined(texts: readonly string[]): string {
  if (texts.length <= 90) return `concat_ws(' ', ${texts.join(', ')})`;
  return `concat_ws(' ', ${joined(texts.slice(0, 90))}, ${joined(texts.slice(90))})`;
}

/**
 * Searches every base table for each value. Other sessions' temporary tables cannot be read (and
 * the store's staging tables are emptied at each commit), so only permanent schemas are searched.
 */
export async function searchInClear(sql: Sql, values: readonly string[]): Promise<ClearTextSearch> {
  const columns = await sql.query<{ table_schema: string; table_name: string; column_name: string }>(
    `SELECT c.table_schema, c.table_name, c.column_name
     FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
     WHERE t.table_type = 'BASE TABLE'
       AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
       AND c.table_schema NOT LIKE 'pg\\_temp%' AND c.table_schema NOT LIKE 'pg\\_toast%'
     ORDER BY c.table_schema, c.table_name, c.ordinal_position`,
  );
  const tables = new Map<string, string[]>();
  for (const column of columns) {
    const table = `${quoted(column.table_schema)}.${quoted(column.table_name)}`;
    tables.set(table, [...(tables.get(table) ?? []), column.column_name]);
  }
  const patterns = values.map((value) => `%${value.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`);
  const hits: ClearTextHit[] = [];
  for (const [table, names] of tables) {
    const text = `lower(${joined(names.map((name) => `t.${quoted(name)}::text`))})`;
    const found = await sql.query<{ value: string }>(
      `SELECT DISTINCT v.value FROM ${table} AS t, unnest($1::text[], $2::text[]) AS v(value, pattern)
       WHERE ${text} LIKE v.pattern`,
      [values, patterns],
    );
    hits.push(...found.map(({ value }) => ({ table, value })));
  }
  return { tablesSearched: tables.size, columnsSearched: columns.length, hits };
}
