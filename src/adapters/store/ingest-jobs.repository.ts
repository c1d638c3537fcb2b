import { randomUUID } from 'node:crypto';
import type { BatchReport } from '../../domain/ingest/ingest.service.ts';
import type { RecordError } from '../../domain/ingest/errors.ts';
import type { Database } from './database.ts';

/** How an ingest arrived. */
export type IngestChannel = 'api' | 'file' | 'stream';

/** An ingest job and its report, as shown to its organisation. */
export interface IngestJob {
  readonly id: string;
  readonly organisationId: string;
  readonly channel: IngestChannel;
  readonly format: string;
  readonly fileName: string | null;
  readonly sourceSystem: string | null;
  readonly state: 'running' | 'completed' | 'failed';
  readonly total: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  readonly superseded: number;
  readonly skipped: number;
  readonly errors: readonly RecordError[];
  readonly errorsTruncated: boolean;
  readonly message: string | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
}

/** Only the first errors of a job are kept; the counts stay exact. */
export const MAX_STORED_ERRORS = 1_000;

interface JobRow {
  id: string;
  organisation_id: string;
  channel: IngestChannel;
  format: string;
  file_name: string | null;
  source_system: string | null;
  state: IngestJob['state'];
  total: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  superseded: number;
  skipped: number;
  errors: RecordError[];
  message: string | null;
  started_at: string;
  finished_at: string | null;
}

function toJob(row: JobRow): IngestJob {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    channel: row.channel,
    format: row.format,
    fileName: row.file_name,
    sourceSystem: row.source_system,
    state: row.state,
    total: row.total,
    inserted: row.inserted,
    updated: row.updated,
    unchanged: row.unchanged,
    rejected: row.rejected,
    superseded: row.superseded,
    skipped: row.skipped,
    errors: row.errors,
    errorsTruncated: row.errors.length < row.rejected && row.errors.length >= MAX_STORED_ERRORS,
    message: row.message,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

/** Ingest jobs and their reports. */
export class IngestJobsRepository {
  constructor(private readonly database: Database) {}

  /** Starts a job. */
  async start(job: {
    organisationId: string;
    channel: IngestChannel;
    format: string;
    fileName?: string;
    sourceSystem?: string;
  }): Promise<string> {
    const id = randomUUID();
    await this.database.query(
      `INSERT INTO ingest_jobs (id, organisation_id, channel, format, file_name, source_system, state)
       VALUES ($1, $2, $3, $4, $5, $6, 'running')`,
      [id, job.organisationId, job.channel, job.format, job.fileName ?? null, job.sourceSystem ?? null],
    );
    return id;
  }

  /** Adds a batch's counts and (the first) errors to a running job. */
  async addProgress(id: string, report: BatchReport): Promise<void> {
    await this.database.query(
      `UPDATE ingest_jobs SET total = total + $2, inserted = inserted + $3, updated = updated + $4,
         unchanged = unchanged + $5, rejected = rejected + $6, superseded = superseded + $9, skipped = skipped + $10,
         errors = CASE WHEN jsonb_array_length(errors) >= $8 THEN errors
                       ELSE errors || (SELECT coalesce(jsonb_agg(e), '[]'::jsonb) FROM (
                         SELECT e FROM jsonb_array_elements($7::jsonb) e LIMIT $8 - jsonb_array_length(errors)) sub) END
       WHERE id = $1`,
      [
        id,
        report.total,
        report.inserted,
        report.updated,
        report.unchanged,
        report.rejected,
        JSON.stringify(report.errors.slice(0, MAX_STORED_ERRORS)),
        MAX_STORED_ERRORS,
        report.superseded,
        report.skipped,
      ],
    );
  }

  /** Ends a job. */
  async finish(id: string, state: 'completed' | 'failed', message?: string): Promise<void> {
    await this.database.query('UPDATE ingest_jobs SET state = $2, message = $3, finished_at = now() WHERE id = $1', [
      id,
      state,
      message ?? null,
    ]);
  }

  /** One job of an organisation (another organisation's job is as absent as a missing one). */
  async get(organisationId: string, id: string): Promise<IngestJob | undefined> {
    const [row] = await this.database.query<JobRow>(
      'SELECT * FROM ingest_jobs WHERE id = $1 AND organisation_id = $2',
      [id, organisationId],
    );
    return row === undefined ? undefined : toJob(row);
  }

  /** An organisation's latest jobs. */
  async list(organisationId: string, limit: number): Promise<IngestJob[]> {
    const rows = await this.database.query<JobRow>(
      'SELECT * FROM ingest_jobs WHERE organisation_id = $1 ORDER BY started_at DESC LIMIT $2',
      [organisationId, limit],
    );
    return rows.map(toJob);
  }
}
