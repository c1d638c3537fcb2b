/**
 * The files a case takes: a few document and image types, up to a size, whose bytes must be what
 * their declared type says (a client's Content-Type is not trusted: an executable sent as a PDF is
 * refused).
 */

/** The largest file a case takes. */
export const CASE_FILE_MAX_BYTES = 10 * 1024 * 1024;

/** How each accepted type's bytes begin (or, for text, what they may hold). */
const SIGNATURES = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'image/webp': 'webp',
  'text/plain': 'text',
  'text/csv': 'text',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'zip',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'zip',
} as const satisfies Record<string, string>;

/** The media types a case takes. */
export const CASE_FILE_TYPES = Object.keys(SIGNATURES) as readonly (keyof typeof SIGNATURES)[];
export type CaseFileType = keyof typeof SIGNATURES;

/** What is wrong with a file, naming the form field at fault. */
export interface FileProblem {
  readonly field: 'file' | 'name';
  readonly message: string;
}

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean =>
  prefix.every((byte, index) => bytes[at + index] === byte);
const ascii = (text: string): number[] => Array.from(new TextEncoder().encode(text));

function looksLike(kind: (typeof SIGNATURES)[CaseFileType], bytes: Uint8Array): boolean {
  switch (kind) {
    case 'pdf':
      return startsWith(bytes, ascii('%PDF-'));
    case 'jpeg':
      return startsWith(bytes, [0xff, 0xd8, 0xff]);
    case 'png':
      return startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    case 'webp':
      return startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8);
    case 'zip':
      return startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
    case 'text':
      return !bytes.includes(0) && new TextDecoder('utf-8', { fatal: false }).decode(bytes).indexOf('\ufffd') === -1;
  }
}

/** Whether a text is a media type a case takes. */
export function isCaseFileType(text: string): text is CaseFileType {
  return Object.hasOwn(SIGNATURES, text);
}

/** The longest file name kept. */
export const FILE_NAME_MAX_LENGTH = 200;

/** What is wrong with a file for a case; empty when nothing is. */
export function fileProblems(file: {
  readonly name: string;
  readonly mediaType: string;
  readonly bytes: Uint8Array;
}): FileProblem[] {
  const problems: FileProblem[] = [];
  const name = file.name.trim();
  // Control characters and path separators: a name is shown and offered for download, never a path.
  let unsafe = false;
  for (let index = 0; index < name.length; index += 1) {
    const code = name.charCodeAt(index);
    if (code < 0x20 || code === 0x2f || code === 0x5c) unsafe = true;
  }
  if (name === '' || name.length > FILE_NAME_MAX_LENGTH || unsafe) {
    problems.push({
      field: 'name',
      message: `a file name of 1 to ${FILE_NAME_MAX_LENGTH} characters, without slashes or control characters`,
    });
  }
  const mediaType = file.mediaType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (file.bytes.length === 0) problems.push({ field: 'file', message: 'the file is empty' });
  else if (file.bytes.length > CASE_FILE_MAX_BYTES)
    problems.push({ field: 'file', message: `at most ${CASE_FILE_MAX_BYTES} bytes` });
  else if (!isCaseFileType(mediaType))
    problems.push({ field: 'file', message: `one of ${CASE_FILE_TYPES.join(', ')}` });
  else if (!looksLike(SIGNATURES[mediaType], file.bytes))
    problems.push({ field: 'file', message: `the content is not ${mediaType}` });
  return problems;
}
