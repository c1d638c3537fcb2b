/**
 * Batch screening by API: a file of people (a passenger manifest, a guest list) screened row by
 * row in the background, each row as a single screening would be (blind for companies, alerts to
 * the notice's owner), with progress to poll and the results when done. Rows that cannot be
 * screened are reported with their row number and field; the others go on.
 *
 * Batches are kept in memory for a day after they finish, one batch screened at a time; a batch
 * under way when the server stops is lost and must be sent again (its alerts, raised already,
 * are not raised twice).
 */
import { parse } from 'csv-parse/sync';
import { randomUUID } from 'node:crypto';
import { isFindable, type ScreeningQuery } from '../../domain/screening/index.ts';
import { LinkInputError, mapOfRoleColumns, rowReader, type LinkMap } from '../link/index.ts';
import { fieldsOfRoles } from './screen-files.service.ts';

/** How long a finished batch's results are kept. */
const KEEP_MS = 24 * 60 * 60 * 1000;
/** The most rows of one batch. */
export const MAX_BATCH_ROWS = 50_000;

/** One row to screen: the caller's id for it and what to screen. */
export interface BatchRow {
  readonly id: string;
  readonly query: ScreeningQuery;
}

/** A row that could not be screened. */
export interface BatchRowError {
  readonly row: number;
  readonly id: string | null;
  readonly field: string;
  readonly message: string;
}

/** A batch as its organisation sees it. */
export interface Batch<Result> {
  readonly id: string;
  readonly organisationId: string;
  state: 'queued' | 'running' | 'done' | 'failed';
  readonly total: number;
  done: number;
  readonly results: ({ readonly id: string } & Result)[];
  readonly errors: BatchRowError[];
  readonly createdAt: string;
  finishedAt: string | null;
}

/**
 * Rows of a CSV file read through a column map (as `weft link` and `weft screen` take one) or,
 * without one, through its "id" column and its columns named as roles (full_name, date_of_birth…).
 * A file that cannot be read so is one error (row 0) naming what is wrong.
 */
export function rowsOfCsv(text: string, map?: LinkMap): { rows: BatchRow[]; errors: BatchRowError[] } {
  const refused = (field: string, message: string) => ({ rows: [], errors: [{ row: 0, id: null, field, message }] });
  let table: string[][];
  try {
    table = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    return refused('file', `not CSV: ${error instanceof Error ? error.message : String(error)}`);
  }
  const [header, ...body] = table;
  if (header === undefined) return refused('file', 'the file is empty: it needs a header row');
  let read: ReturnType<typeof rowReader>;
  try {
    read = rowReader(header, map ?? mapOfRoleColumns(header, 'the file'), 'the file');
  } catch (error) {
    if (!(error instanceof LinkInputError)) throw error;
    return refused(map === undefined ? 'header' : 'map', error.message);
  }
  return rowsOf(
    body.map((row) => {
      const { id, fields } = read(row);
      return { id, query: fieldsOfRoles(fields) };
    }),
  );
}

/** The rows that can be screened, and an error for each that cannot (numbered from 1). */
export function rowsOf(rows: readonly BatchRow[]): { rows: BatchRow[]; errors: BatchRowError[] } {
  const good: BatchRow[] = [];
  const errors: BatchRowError[] = [];
  rows.forEach((row, index) => {
    if (row.id.trim() === '') errors.push({ row: index + 1, id: null, field: 'id', message: 'every row needs an id' });
    else if (!isFindable(row.query)) {
      errors.push({
        row: index + 1,
        id: row.id,
        field: 'names',
        message: 'nothing to screen by: give a name, a document, a phone or an e-mail',
      });
    } else good.push(row);
  });
  return { rows: good, errors };
}

/** The batches of a server, screened one at a time. */
export class BatchScreening<Result> {
  private readonly batches = new Map<string, Batch<Result>>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  /**
   * Queues a batch for an organisation: `screen` screens one row (it is called one row after
   * another). Returns the batch, to be polled.
   */
  start(
    organisationId: string,
    rows: readonly BatchRow[],
    errors: readonly BatchRowError[],
    screen: (row: BatchRow) => Promise<Result>,
  ): Batch<Result> {
    this.forgetOld();
    const batch: Batch<Result> = {
      id: randomUUID(),
      organisationId,
      state: 'queued',
      total: rows.length,
      done: 0,
      results: [],
      errors: [...errors],
      createdAt: this.clock().toISOString(),
      finishedAt: null,
    };
    this.batches.set(batch.id, batch);
    this.queue = this.queue.then(async () => {
      batch.state = 'running';
      try {
        for (const row of rows) {
          batch.results.push({ id: row.id, ...(await screen(row)) });
          batch.done += 1;
        }
        batch.state = 'done';
      } catch (error) {
        batch.state = 'failed';
        batch.errors.push({
          row: batch.done + 1,
          id: rows[batch.done]?.id ?? null,
          field: 'row',
          message: `screening stopped: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
      batch.finishedAt = this.clock().toISOString();
    });
    return batch;
  }

  /** An organisation's batch; undefined for another's or an unknown one. */
  get(organisationId: string, id: string): Batch<Result> | undefined {
    const batch = this.batches.get(id);
    return batch?.organisationId === organisationId ? batch : undefined;
  }

  /** Waits for every batch queued so far. */
  async settle(): Promise<void> {
    await this.queue;
  }

  private forgetOld(): void {
    const cutoff = this.clock().getTime() - KEEP_MS;
    for (const [id, batch] of this.batches) {
      if (batch.finishedAt !== null && Date.parse(batch.finishedAt) < cutoff) this.batches.delete(id);
    }
  }
}
