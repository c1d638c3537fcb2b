/** A multipart/form-data body built by hand, for `app.inject` uploads. */
import { randomBytes } from 'node:crypto';

/** One part of a form: a field, or a file when it has a file name. */
export interface FormPart {
  readonly name: string;
  readonly value: string | Uint8Array;
  readonly fileName?: string;
  readonly contentType?: string;
}

/** The body and Content-Type header of a form with these parts, in this order. */
export function multipartForm(parts: readonly FormPart[]): {
  payload: Buffer;
  headers: { 'content-type': string };
} {
  const boundary = `----weft-test-${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition =
      part.fileName === undefined
        ? `form-data; name="${part.name}"`
        : `form-data; name="${part.name}"; filename="${part.fileName}"`;
    const type =
      part.fileName === undefined ? '' : `Content-Type: ${part.contentType ?? 'application/octet-stream'}\r\n`;
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`, 'utf8'));
    chunks.push(typeof part.value === 'string' ? Buffer.from(part.value, 'utf8') : Buffer.from(part.value));
    chunks.push(Buffer.from('\r\n', 'utf8'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`, 'utf8'));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** The form `POST /api/v1/imports` expects: its fields first, the file last. */
export function importForm(options: {
  readonly format?: string;
  readonly sourceSystem?: string;
  readonly mapping?: string;
  readonly envelope?: string;
  readonly fileName: string;
  readonly file: string;
}): { payload: Buffer; headers: { 'content-type': string } } {
  const fields: FormPart[] = [];
  if (options.format !== undefined) fields.push({ name: 'format', value: options.format });
  if (options.sourceSystem !== undefined) fields.push({ name: 'sourceSystem', value: options.sourceSystem });
  if (options.mapping !== undefined) fields.push({ name: 'mapping', value: options.mapping });
  if (options.envelope !== undefined) fields.push({ name: 'envelope', value: options.envelope });
  return multipartForm([...fields, { name: 'file', value: options.file, fileName: options.fileName }]);
}
