import { ingestContext } from '../../domain/ingest/prepare.ts';
import type { Readable } from 'node:stream';
import { readCsvRows, readFtmEntities, readTextLines } from '../../adapters/files/readers.ts';
import type { Store } from '../../adapters/store/index.ts';
import {
  addReports,
  EMPTY_REPORT,
  ingestBatches,
  inlinePipeline,
  type BatchPipeline,
  type BatchReport,
  type PositionedItem,
} from '../../domain/ingest/ingest.service.ts';
import { applyMapping, checkColumns, compileMapping } from '../../domain/ingest/mapping.ts';
import { MAX_BATCH } from '../../domain/ingest/record-input.ts';
import type { EnvelopeInput } from '../../domain/model/envelope.ts';
import { fromFtmEntity } from '../../domain/model/ftm.ts';
import type { Organisation } from '../../domain/model/organisation.ts';

/** File formats Weft imports. */
export const IMPORT_FORMATS = ['csv', 'jsonl', 'ftm'] as const;
/** A file format. */
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** What to import and on whose behalf. */
export interface FileImportRequest {
  readonly organisation: Organisation;
  /** Who imports, for the ledger (`key:<id>`, `user:<id>`, `system:cli`), and the request it came in. */
  readonly actor: string;
  readonly requestId?: string;
  readonly format: ImportFormat;
  readonly input: Readable;
  readonly fileName?: string;
  /** The source system; for CSV the mapping may name it instead. */
  readonly sourceSystem?: string;
  /** For CSV: the column mapping (parsed JSON). */
  readonly mapping?: unknown;
  /** Default markings for every record (the mapping's own defaults apply on top, for CSV). */
  readonly envelope?: EnvelopeInput;
  readonly batchSize?: number;
  readonly channel?: 'api' | 'file';
  /**
   * Whether notices are taken in the status the file gives (the operator's own import on the
   * server's machine); otherwise a notice arrives as a draft or is refused.
   */
  readonly noticesReviewed?: boolean;
  /** How batches are validated and written (default: inline); see preparer.ts for worker threads. */
  readonly pipeline?: BatchPipeline<unknown>;
  /** Called after each batch is written, with the counts so far and the lines read. */
  readonly onProgress?: (progress: { readonly lines: number; readonly report: BatchReport }) => void;
}

/** The outcome of an import: its job and its report. */
export interface FileImportResult {
  readonly jobId: string;
  readonly report: BatchReport;
}

/** A file that cannot be imported at all (bad mapping, missing columns): nothing was written. */
export class ImportRefused extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
  }
}

/**
 * Imports a file: good rows are stored, bad rows are reported with their line and field, and
 * the file goes on. Batches are written one transaction each, so a crash loses at most the batch
 * in hand, and importing the same file again stores every row exactly once (records are keyed
 * by owner, source and source record id).
 */
export async function importFile(store: Store, request: FileImportRequest): Promise<FileImportResult> {
  const compiled = request.format === 'csv' ? compileMapping(request.mapping) : undefined;
  if (request.format === 'csv') {
    if (request.mapping === undefined) throw new ImportRefused(['a CSV import needs a column mapping']);
    if (compiled === undefined || !compiled.ok) throw new ImportRefused(compiled?.ok === false ? compiled.errors : []);
  }
  const mapping = compiled?.ok === true ? compiled.mapping : undefined;
  const sourceSystem = request.sourceSystem ?? mapping?.sourceSystem;
  if (sourceSystem === undefined || sourceSystem.trim() === '') {
    throw new ImportRefused(['name the source system the records come from (sourceSystem)']);
  }
  const context = ingestContext(
    request.organisation,
    sourceSystem,
    { ...request.envelope, ...mapping?.envelope },
    undefined,
    { actor: request.actor, requestId: request.requestId ?? null, noticesReviewed: request.noticesReviewed === true },
  );
  const batchSize = Math.min(request.batchSize ?? 2_000, MAX_BATCH);
  const jobId = await store.jobs.start({
    organisationId: request.organisation.id,
    channel: request.channel ?? 'file',
    format: request.format,
    ...(request.fileName === undefined ? {} : { fileName: request.fileName }),
    sourceSystem,
  });

  let lines = 0;
  // Rows that could not even be read or mapped are reported like refused records.
  let unreadable = EMPTY_REPORT;

  async function* itemsOf(): AsyncGenerator<PositionedItem> {
    if (request.format === 'jsonl') {
      // Lines go to the pipeline as text: they are parsed where they are validated.
      for await (const item of readTextLines(request.input)) {
        lines = item.line;
        if ('error' in item) unreadable = addReports(unreadable, refusedLine(item.line, [item.error]));
        else yield { position: item.line, json: item.value };
      }
    } else if (request.format === 'ftm') {
      for await (const item of readFtmEntities(request.input)) {
        lines = item.line;
        if ('error' in item) {
          unreadable = addReports(unreadable, refusedLine(item.line, [item.error]));
          continue;
        }
        const converted = fromFtmEntity(item.value);
        if (converted.ok) yield { position: item.line, value: converted.record };
        else unreadable = addReports(unreadable, refusedLine(item.line, converted.errors));
      }
    } else if (mapping !== undefined) {
      let missingColumns: string[] = [];
      const rows = readCsvRows(request.input, {
        onHeader: (header) => {
          missingColumns = checkColumns(mapping, header);
        },
      });
      for await (const item of rows) {
        // The header is read before the first row: a file whose columns do not fit stops here,
        // before anything is written.
        if (missingColumns.length > 0) throw new ImportRefused(missingColumns);
        lines = item.line;
        if ('error' in item) {
          unreadable = addReports(unreadable, refusedLine(item.line, [item.error]));
          continue;
        }
        const mapped = applyMapping(mapping, item.value);
        if (mapped.errors.length > 0) {
          // Every record of the mapping that the row did not yield was refused: a row may lose more than one.
          const refused = mapping.records.length - mapped.records.length;
          unreadable = addReports(unreadable, refusedLine(item.line, mapped.errors, refused));
        }
        for (const record of mapped.records) yield { position: item.line, value: record };
      }
      if (missingColumns.length > 0) throw new ImportRefused(missingColumns);
    }
  }

  async function* batchesOf(): AsyncGenerator<PositionedItem[]> {
    let batch: PositionedItem[] = [];
    for await (const item of itemsOf()) {
      batch.push(item);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  try {
    let sofar = EMPTY_REPORT;
    const pipeline = request.pipeline ?? inlinePipeline(store.records);
    const written = await ingestBatches(batchesOf(), context, pipeline, async (report) => {
      await store.jobs.addProgress(jobId, report);
      sofar = addReports(sofar, report);
      request.onProgress?.({ lines, report: addReports(sofar, unreadable) });
    });
    await store.jobs.addProgress(jobId, unreadable);
    await store.jobs.finish(jobId, 'completed');
    const combined = addReports(written, unreadable);
    const report = { ...combined, errors: [...combined.errors].sort((a, b) => a.record - b.record) };
    request.onProgress?.({ lines, report });
    return { jobId, report };
  } catch (error) {
    await store.jobs.finish(
      jobId,
      'failed',
      error instanceof ImportRefused ? error.message : 'the import stopped on an error',
    );
    throw error;
  }
}

/** The report of one line (or of `records` records made from it) refused before validation, with why. */
function refusedLine(line: number, problems: readonly { field: string; message: string }[], records = 1): BatchReport {
  return {
    ...EMPTY_REPORT,
    total: records,
    rejected: records,
    errors: problems.map((problem) => ({
      record: line,
      field: problem.field,
      code: 'unreadable',
      message: problem.message,
    })),
  };
}
