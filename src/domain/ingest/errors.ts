import type { z } from 'zod';

/** Why one record was refused: which record (by position and source id), which field, what is wrong. */
export interface RecordError {
  /** Position in the submission: the array index for API batches, the line number for files. */
  readonly record: number;
  readonly sourceRecordId?: string;
  /** Dotted path of the field, e.g. `properties.birthDate[1]` or `envelope.tlp`. */
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/** Formats a zod issue path as `a.b[2].c`. */
export function fieldPath(prefix: string, path: readonly PropertyKey[]): string {
  let text = prefix;
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text;
}

/** Turns zod issues into record errors. */
export function fromZodIssues(
  record: number,
  sourceRecordId: string | undefined,
  prefix: string,
  issues: readonly z.core.$ZodIssue[],
): RecordError[] {
  return issues.map((issue) => {
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys.slice(0, 1)] : issue.path;
    const message =
      issue.code === 'unrecognized_keys'
        ? `unknown field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`
        : issue.message;
    return {
      record,
      ...(sourceRecordId === undefined ? {} : { sourceRecordId }),
      field: fieldPath(prefix, path),
      code: issue.code,
      message,
    };
  });
}
