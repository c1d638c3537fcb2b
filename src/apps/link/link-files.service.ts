/**
 * `weft link` as an application service: reads a column map (MAP.json) and one or two CSV files,
 * links the records with the unsupervised engine and writes the predicted pairs and clusters.
 */
import { parse } from 'csv-parse/sync';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import {
  FIELD_ROLES,
  isFieldRole,
  linkRecords,
  type FieldRole,
  type LinkMode,
  type LinkRecord,
  type LinkResult,
  type LinkStage,
  type RecordSource,
} from '../../domain/resolution/match/index.ts';
import { ParallelComparer } from './parallel-comparer.ts';

/** A mistake in the command's input (map or files), reported to the user as it is. */
export class LinkInputError extends Error {
  override readonly name = 'LinkInputError';
}

/** A column map: the id column and, per role, the columns it is read from (joined with spaces). */
export interface LinkMap {
  readonly id: string;
  readonly fields: ReadonlyMap<FieldRole, readonly string[]>;
}

/** Parses a column map from its JSON text; `where` names it in errors. */
export function parseLinkMap(text: string, where: string): LinkMap {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new LinkInputError(`${where} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new LinkInputError(`${where} must be an object {"id": "<column>", "fields": {"<role>": "<column>"}}`);
  }
  const { id, fields } = value as { id?: unknown; fields?: unknown };
  if (typeof id !== 'string' || id.trim() === '') throw new LinkInputError(`${where}: "id" must name the id column`);
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) {
    throw new LinkInputError(`${where}: "fields" must be an object of role → column or [columns]`);
  }
  const entries = Object.entries(fields as Record<string, unknown>);
  const unknownRoles = entries.map(([role]) => role).filter((role) => !isFieldRole(role));
  if (unknownRoles.length > 0) {
    throw new LinkInputError(
      `${where}: unknown role${unknownRoles.length > 1 ? 's' : ''} ${unknownRoles.map((role) => `"${role}"`).join(', ')}; ` +
        `the roles are ${FIELD_ROLES.join(', ')}`,
    );
  }
  const mapped = new Map<FieldRole, string[]>();
  for (const [role, columns] of entries) {
    const list = typeof columns === 'string' ? [columns] : columns;
    if (
      !Array.isArray(list) ||
      list.length === 0 ||
      !list.every((column): column is string => typeof column === 'string' && column.trim() !== '')
    ) {
      throw new LinkInputError(`${where}: role "${role}" must name a column or a non-empty list of columns`);
    }
    mapped.set(
      role as FieldRole,
      list.map((column) => column.trim()),
    );
  }
  if (mapped.size === 0) throw new LinkInputError(`${where}: "fields" maps no role`);
  return { id: id.trim(), fields: mapped };
}

/** Reads a column map from a file. */
export function readLinkMap(path: string): LinkMap {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new LinkInputError(`cannot read the map ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseLinkMap(text, path);
}

/** Reads a CSV file's records through a column map; headers and values are trimmed. */
export function readLinkRecords(path: string, map: LinkMap, source: RecordSource): LinkRecord[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new LinkInputError(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new LinkInputError(`${path} is not valid CSV: ${error instanceof Error ? error.message : String(error)}`);
  }
  const [header, ...body] = rows;
  if (header === undefined) throw new LinkInputError(`${path} is empty: it needs a header row`);
  const read = rowReader(header, map, path);
  const seen = new Set<string>();
  return body.map((row, line) => {
    const { id, fields } = read(row);
    if (id === '') throw new LinkInputError(`${path}, record ${line + 1}: the id column "${map.id}" is empty`);
    if (seen.has(id)) throw new LinkInputError(`${path}: the id "${id}" is on more than one record`);
    seen.add(id);
    return { id, source, fields };
  });
}

/**
 * Reads rows of a CSV file with `header` through a column map: each row's id and its value per
 * role (the columns of a role joined with spaces, empty ones left out). Throws, naming `where`
 * and the columns, when the header lacks a column the map names.
 */
export function rowReader(
  header: readonly string[],
  map: LinkMap,
  where: string,
): (row: readonly string[]) => { id: string; fields: Partial<Record<FieldRole, string>> } {
  const position = new Map(header.map((name, index) => [name, index]));
  const wanted = [map.id, ...[...map.fields.values()].flat()];
  const missing = [...new Set(wanted.filter((column) => !position.has(column)))];
  if (missing.length > 0) {
    throw new LinkInputError(
      `${where} has no column${missing.length > 1 ? 's' : ''} ${missing.map((column) => `"${column}"`).join(', ')} ` +
        `(its columns: ${header.join(', ')})`,
    );
  }
  const idColumn = position.get(map.id) as number;
  const columns = [...map.fields].map(
    ([role, names]) => [role, names.map((name) => position.get(name) as number)] as const,
  );
  return (row) => {
    const fields: Partial<Record<FieldRole, string>> = {};
    for (const [role, indices] of columns) {
      const value = indices
        .map((index) => row[index] ?? '')
        .filter((part) => part !== '')
        .join(' ');
      if (value !== '') fields[role] = value;
    }
    return { id: row[idColumn] ?? '', fields };
  };
}

/**
 * The column map of a CSV file given none: its "id" column, and each of its columns named as a
 * role (`full_name`, `date_of_birth`…) read for that role.
 */
export function mapOfRoleColumns(header: readonly string[], where: string): LinkMap {
  if (!header.includes('id')) {
    throw new LinkInputError(
      `${where}: without a column map, the file needs an "id" column (its columns: ${header.join(', ')})`,
    );
  }
  const fields = new Map<FieldRole, string[]>();
  for (const column of header) if (isFieldRole(column)) fields.set(column, [column]);
  if (fields.size === 0) {
    throw new LinkInputError(
      `${where}: without a column map, some columns must be named as roles (full_name, given_name, surname, ` +
        `date_of_birth, gender, nationality, document_number, phone, email…); its columns: ${header.join(', ')}`,
    );
  }
  return { id: 'id', fields };
}

/** One value of a CSV row, quoted when it needs to be. */
function csvValue(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** What to link and where to write the results. */
export interface LinkFilesRequest {
  readonly config: string;
  readonly input?: string;
  readonly left?: string;
  readonly right?: string;
  readonly out: string;
  readonly clusters?: string;
  readonly threshold: number;
  /**
   * Threads comparing the pairs: 1, or 2 for a helper thread (by default when the files are large
   * enough to gain from one and the machine has a second core).
   */
  readonly threads?: number;
  /** Told as each stage starts, the reading of the files and the writing of the results included. */
  readonly onStage?: (stage: LinkFilesStage) => void;
}

/** The stages of linking files: reading them, linking, writing the results. */
export type LinkFilesStage = 'read' | LinkStage | 'write';

/** What linking files did. */
export interface LinkFilesSummary {
  readonly mode: LinkMode;
  readonly records: number;
  readonly candidatePairs: number;
  readonly matches: number;
  readonly clusters: number;
  readonly refusedMerges: number;
  readonly result: LinkResult;
}

/**
 * Input of at least this many bytes (about 100,000 records) is compared on a helper thread too:
 * below, starting the thread (it loads the sources) costs more than it saves.
 */
const PARALLEL_INPUT_BYTES = 8_000_000;

function inputBytes(inputs: readonly { path: string }[]): number {
  let bytes = 0;
  for (const input of inputs) {
    try {
      bytes += statSync(input.path).size;
    } catch {
      // Reading the file will say what is wrong with it.
    }
  }
  return bytes;
}

/** Links one file (dedupe) or two (link) as the request says and writes PAIRS.csv and CLUSTERS.csv. */
export function linkFiles(request: LinkFilesRequest): LinkFilesSummary {
  const map = readLinkMap(request.config);
  const inputs: { path: string; source: RecordSource }[] = [];
  if (request.input !== undefined) {
    if (request.left !== undefined || request.right !== undefined) {
      throw new LinkInputError('give either --input, or --left and --right, not both');
    }
    inputs.push({ path: request.input, source: 0 });
  } else {
    if (request.left === undefined || request.right === undefined) {
      throw new LinkInputError('give --input to deduplicate one file, or --left and --right to link two');
    }
    inputs.push({ path: request.left, source: 0 }, { path: request.right, source: 1 });
  }
  const mode: LinkMode = inputs.length === 1 ? 'dedupe' : 'link';
  const onStage = request.onStage ?? (() => undefined);
  const threads = request.threads ?? (inputBytes(inputs) >= PARALLEL_INPUT_BYTES ? availableParallelism() : 1);
  const comparer = threads > 1 ? ParallelComparer.start({ map, inputs }) : undefined;
  let result: LinkResult;
  let records: LinkRecord[];
  try {
    onStage('read');
    records = inputs.flatMap((input) => readLinkRecords(input.path, map, input.source));
    result = linkRecords(records, {
      mode,
      roles: new Set(map.fields.keys()),
      threshold: request.threshold,
      onStage,
      comparisonVectors: comparer?.comparisonVectors,
    });
  } finally {
    void comparer?.close();
  }
  onStage('write');
  const ids = result.records.ids;
  const lines = ['unique_id_l,unique_id_r,match_probability'];
  for (const pair of result.pairs) {
    lines.push(
      `${csvValue(ids[pair.left] ?? '')},${csvValue(ids[pair.right] ?? '')},${Number(pair.probability.toPrecision(6))}`,
    );
  }
  writeFileSync(request.out, `${lines.join('\n')}\n`);
  let clusters = 0;
  const clusterOf = result.clusterOf;
  for (let index = 0; index < clusterOf.length; index += 1) if (clusterOf[index] === index) clusters += 1;
  if (request.clusters !== undefined) {
    const clusterLines = ['unique_id,cluster_id'];
    for (let index = 0; index < ids.length; index += 1) {
      clusterLines.push(`${csvValue(ids[index] ?? '')},${csvValue(ids[clusterOf[index] ?? index] ?? '')}`);
    }
    writeFileSync(request.clusters, `${clusterLines.join('\n')}\n`);
  }
  return {
    mode,
    records: records.length,
    candidatePairs: result.candidates.count,
    matches: result.pairs.length,
    clusters,
    refusedMerges: result.refusedMerges,
    result,
  };
}
