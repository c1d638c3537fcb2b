import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { MultipartFile } from '@fastify/multipart';
import { z } from 'zod';
import { envelopeInput } from '../../../domain/model/envelope.ts';
import { IMPORT_FORMATS, ImportRefused, importFile, type ImportFormat } from '../../ingest/file-import.ts';
import type { Services } from '../app.ts';
import { requirePermission } from '../auth.ts';
import { WeftError } from '../errors.ts';
import { errorResponse, ingestReport } from '../schemas.ts';

function parseJsonField(name: string, text: string | undefined): unknown {
  if (text === undefined || text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new WeftError('validation_failed', `The "${name}" field is not valid JSON.`, [
      { field: name, message: 'not JSON' },
    ]);
  }
}

/** Uploading files of records: CSV with a column mapping, JSON Lines, FtM entities. */
export const importRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.post(
    '/imports',
    {
      schema: {
        tags: ['records'],
        summary: 'Import a file of records (multipart/form-data)',
        description:
          'Form fields, in this order: `format` (csv, jsonl or ftm), `sourceSystem`, `mapping` (JSON, required for ' +
          'CSV; see the README), `envelope` (JSON default markings), then `file`. The mapping and the markings may ' +
          'be sent as text fields or as attached files. Good rows are stored and bad rows ' +
          'reported with their line and field; the file is not all-or-nothing. Importing the same file again stores ' +
          'nothing twice. The report is also kept under /ingest-jobs/{jobId}.',
        consumes: ['multipart/form-data'],
        response: { 200: ingestReport, 400: errorResponse, 401: errorResponse, 415: errorResponse },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'records:write');
      if (!request.isMultipart())
        throw new WeftError('unsupported_media_type', 'Send the file as multipart/form-data.');
      const fields: Record<string, string> = {};
      let file: MultipartFile | undefined;
      // Fields must come before the file, so that the file can be streamed rather than held in memory.
      for await (const part of request.parts()) {
        if (part.type === 'file' && part.fieldname === 'file') {
          file = part;
          break;
        }
        // Small parts (the mapping, the markings) may come as fields or as attached files.
        if (part.type === 'file') fields[part.fieldname] = (await part.toBuffer()).toString('utf8');
        else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
      }
      if (file === undefined)
        throw new WeftError('validation_failed', 'No file was sent.', [{ field: 'file', message: 'required' }]);
      const format = (fields['format'] ?? guessFormat(file.filename)) as ImportFormat;
      if (!IMPORT_FORMATS.includes(format)) {
        throw new WeftError('validation_failed', `Unknown format "${format}".`, [
          { field: 'format', message: `one of ${IMPORT_FORMATS.join(', ')}` },
        ]);
      }
      const envelope = envelopeInput.safeParse(parseJsonField('envelope', fields['envelope']) ?? {});
      if (!envelope.success) {
        throw new WeftError(
          'validation_failed',
          undefined,
          envelope.error.issues.map((issue) => ({
            field: ['envelope', ...issue.path].join('.'),
            message: issue.message,
          })),
        );
      }
      const sourceSystem = z.string().trim().min(1).max(200).optional().safeParse(fields['sourceSystem']);
      if (!sourceSystem.success) {
        throw new WeftError('validation_failed', undefined, [
          { field: 'sourceSystem', message: 'at most 200 characters' },
        ]);
      }
      try {
        const { jobId, report } = await importFile(services.store, {
          organisation: principal.organisation,
          actor: principal.actor,
          requestId: request.id,
          format,
          input: file.file,
          fileName: file.filename,
          channel: 'api',
          ...(services.importPipeline === undefined ? {} : { pipeline: services.importPipeline }),
          envelope: envelope.data,
          ...(sourceSystem.data === undefined ? {} : { sourceSystem: sourceSystem.data }),
          ...(fields['mapping'] === undefined ? {} : { mapping: parseJsonField('mapping', fields['mapping']) }),
        });
        if (file.file.truncated) throw new WeftError('payload_too_large');
        return { jobId, ...report, errors: [...report.errors] };
      } catch (error) {
        if (error instanceof ImportRefused) {
          throw new WeftError(
            'validation_failed',
            `The file cannot be imported: ${error.message}`,
            error.problems.map((problem) => ({ field: 'mapping', message: problem })),
          );
        }
        throw error;
      }
    },
  );
};

function guessFormat(fileName: string): string {
  if (fileName.endsWith('.csv')) return 'csv';
  if (fileName.endsWith('.ftm.json') || fileName.endsWith('.ftm.jsonl') || fileName.endsWith('.ijson')) return 'ftm';
  return 'jsonl';
}
