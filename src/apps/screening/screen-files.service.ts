/**
 * `weft screen` as an application service: reads a list (FollowTheMoney JSON Lines, or CSV with a
 * column map) into a screening index, screens every query of a CSV file against it and writes the
 * hits (`query_id,entry_id,rank,score`).
 */
import { parse } from 'csv-parse/sync';
import { closeSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, extname } from 'node:path';
import type { FieldRole, LinkRecord } from '../../domain/resolution/match/index.ts';
import {
  DEFAULT_SCREENING_LIMIT,
  DEFAULT_SCREENING_THRESHOLD,
  entriesFromFtm,
  isFindable,
  ftmEntityOf,
  ScreeningIndex,
  type ScreeningEntry,
  type ScreeningFields,
} from '../../domain/screening/index.ts';
import { LinkInputError, mapOfRoleColumns, readLinkMap, readLinkRecords, type LinkMap } from '../link/index.ts';
import { ParallelScreener } from './parallel-screener.ts';

/** What to screen and where to write the hits. */
export interface ScreenFilesRequest {
  readonly list: string;
  readonly listConfig?: string;
  readonly queries: string;
  readonly queryConfig?: string;
  readonly out: string;
  readonly limit?: number;
  readonly threshold?: number;
  /**
   * Worker threads, each with its own index of the list (default: one per core for 2,000 queries
   * or more, else screening in this thread).
   */
  readonly threads?: number;
  /** Told how many queries are screened so far, every thousand and at the end. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** What screening the files did. */
export interface ScreenFilesSummary {
  readonly entries: number;
  readonly queries: number;
  readonly hits: number;
  readonly queriesWithHits: number;
  readonly loadSeconds: number;
  readonly screenSeconds: number;
  readonly threads: number;
}

/** Splits a cell holding several values (aliases, dates) on ";" or "|". */
const several = (value: string | undefined): string[] =>
  (value ?? '')
    .split(/[;|]/u)
    .map((part) => part.trim())
    .filter((part) => part !== '');

/** The screening fields of a record read through a column map. */
export function fieldsOfRoles(fields: Partial<Record<FieldRole, string>>): ScreeningFields {
  const names = several(fields.full_name);
  const parts = [fields.given_name, fields.middle_name, fields.surname].filter(
    (part): part is string => part !== undefined && part !== '',
  );
  if (parts.length > 0) names.push(parts.join(' '));
  return {
    names,
    birthDates: several(fields.date_of_birth),
    ...(fields.gender === undefined ? {} : { gender: fields.gender }),
    nationalities: [...several(fields.nationality), ...several(fields.country)],
    documents: [...several(fields.document_number), ...several(fields.national_id)].map((number) => ({ number })),
    phones: several(fields.phone),
    emails: several(fields.email),
  };
}

/** The first row of a CSV file (its header). */
function headerOf(path: string): string[] {
  let descriptor: number;
  try {
    descriptor = openSync(path, 'r');
  } catch (error) {
    throw new LinkInputError(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    const buffer = Buffer.alloc(65_536);
    const read = readSync(descriptor, buffer, 0, buffer.length, 0);
    const text = buffer.subarray(0, read).toString('utf8');
    const end = text.indexOf('\n');
    const rows: string[][] = parse(end === -1 ? text : text.slice(0, end), { bom: true, trim: true });
    return rows[0] ?? [];
  } finally {
    closeSync(descriptor);
  }
}

/**
 * The column map of a CSV file: the one given, or else the file's own columns that are named as
 * roles (`full_name`, `date_of_birth`…) with its "id" column.
 */
function mapOf(path: string, config: string | undefined): LinkMap {
  return config === undefined ? mapOfRoleColumns(headerOf(path), path) : readLinkMap(config);
}

/** The entries of FtM JSON Lines (`where` names the source in errors, with the line). */
export function ftmEntries(text: string, where: string, list: string): ScreeningEntry[] {
  const entities = text.split('\n').flatMap((line, number) => {
    if (line.trim() === '') return [];
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new LinkInputError(
        `${where}, line ${number + 1}: not JSON (${error instanceof Error ? error.message : String(error)})`,
      );
    }
    return [ftmEntityOf(value, `${where}, line ${number + 1}`)];
  });
  return entriesFromFtm(entities, list);
}

/** Reads a list file: FtM JSON Lines (.jsonl, .ftm.json) or CSV through a column map. */
export function readScreeningList(path: string, config: string | undefined): ScreeningEntry[] {
  const list = basename(path, extname(path));
  if (/\.(jsonl|ndjson|ftm\.json)$/iu.test(path)) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      throw new LinkInputError(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return ftmEntries(text, path, list);
  }
  const records: LinkRecord[] = readLinkRecords(path, mapOf(path, config), 0);
  return records.map((record) => ({ id: record.id, list, ...fieldsOfRoles(record.fields) }));
}

const csvValue = (value: string): string => (/[",\r\n]/u.test(value) ? `"${value.replaceAll('"', '""')}"` : value);

/** A list file read into an index; entries with nothing to be found by are passed over. */
export function indexList(path: string, config: string | undefined): ScreeningIndex {
  const index = new ScreeningIndex();
  for (const entry of readScreeningList(path, config)) if (isFindable(entry)) index.add(entry);
  return index;
}

/** Screens every query of a CSV file against a list and writes HITS.csv. */
export async function screenFiles(request: ScreenFilesRequest): Promise<ScreenFilesSummary> {
  const limit = request.limit ?? DEFAULT_SCREENING_LIMIT;
  const threshold = request.threshold ?? DEFAULT_SCREENING_THRESHOLD;
  const queries = readLinkRecords(request.queries, mapOf(request.queries, request.queryConfig), 0);
  const fields = queries.map((query) => fieldsOfRoles(query.fields));
  const threads = request.threads ?? (queries.length >= 2_000 ? availableParallelism() : 1);
  const loadStarted = performance.now();
  let entries: number;
  let screenStarted: number;
  let found: (readonly { entryId: string; score: number }[])[];
  if (threads <= 1) {
    const index = indexList(request.list, request.listConfig);
    entries = index.size;
    screenStarted = performance.now();
    found = fields.map((query, number) => {
      const hits = isFindable(query) ? index.screen(query, { limit, threshold }) : [];
      if ((number + 1) % 1_000 === 0) request.onProgress?.(number + 1, queries.length);
      return hits;
    });
  } else {
    const screener = await ParallelScreener.start(request.list, request.listConfig, threads);
    try {
      entries = screener.entries;
      screenStarted = performance.now();
      found = await screener.screen(fields, { limit, threshold }, (done) => request.onProgress?.(done, queries.length));
    } finally {
      await screener.close();
    }
  }
  request.onProgress?.(queries.length, queries.length);
  const lines = ['query_id,entry_id,rank,score'];
  let hits = 0;
  let queriesWithHits = 0;
  found.forEach((list, number) => {
    const id = csvValue(queries[number]?.id ?? '');
    list.forEach((hit, rank) =>
      lines.push(`${id},${csvValue(hit.entryId)},${rank + 1},${Number(hit.score.toFixed(6))}`),
    );
    hits += list.length;
    if (list.length > 0) queriesWithHits += 1;
  });
  writeFileSync(request.out, `${lines.join('\n')}\n`);
  return {
    entries,
    queries: queries.length,
    hits,
    queriesWithHits,
    loadSeconds: (screenStarted - loadStarted) / 1000,
    screenSeconds: (performance.now() - screenStarted) / 1000,
    threads: Math.max(1, threads),
  };
}
