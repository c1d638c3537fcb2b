/**
 * Screening as the API answers it: one check's result (hits with scores and features for law
 * enforcement, a blind "secondary check advised" with a reference for everyone else), batches of
 * a CSV file with their progress, and the file's columns mapped to the roles the API reads.
 */
import { ApiError, withQuery, type FieldProblem } from '../../api.ts';

export interface ScreenFeature {
  readonly feature: string;
  readonly detail: string;
  readonly weight: number;
}

export interface ScreenHit {
  readonly notice: string;
  readonly noticeType: string;
  readonly list: string | null;
  readonly score: number;
  readonly features: readonly ScreenFeature[];
  readonly guidance: string | null;
}

export type ScreenOutcome = 'no_hit' | 'secondary_check_advised' | 'hits';

/** One screening's answer, exactly as the API gives it. */
export interface ScreenResult {
  readonly result: ScreenOutcome;
  readonly reference: string | null;
  readonly hits: readonly ScreenHit[];
  readonly secondaryCheckAdvised: boolean;
}

export interface BatchRowError {
  readonly row: number;
  readonly id: string | null;
  readonly field: string;
  readonly message: string;
}

/** A batch: progress while it runs, each row's result once done. */
export interface Batch {
  readonly id: string;
  readonly state: 'queued' | 'running' | 'done' | 'failed';
  readonly total: number;
  readonly done: number;
  readonly createdAt: string;
  readonly finishedAt: string | null;
  readonly errors: readonly BatchRowError[];
  readonly results: readonly (ScreenResult & { readonly id: string })[] | null;
}

/** The roles a file's column may play in screening (as `weft screen` reads them). */
export const COLUMN_ROLES = [
  'full_name',
  'given_name',
  'middle_name',
  'surname',
  'date_of_birth',
  'gender',
  'nationality',
  'country',
  'document_number',
  'national_id',
  'phone',
  'email',
] as const;
export type ColumnRole = (typeof COLUMN_ROLES)[number];

/** What a column is used as: the row's id, a role, or nothing. */
export type ColumnUse = 'id' | ColumnRole | '';

/** The header row of a CSV text (quoted values understood), trimmed, without a byte-order mark. */
export function headerOf(text: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = text.charCodeAt(0) === 0xfeff ? 1 : 0; index < text.length; index += 1) {
    const char = text.charAt(index);
    if (quoted) {
      if (char === '"' && text.charAt(index + 1) === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      cells.push(cell.trim());
      cell = '';
    } else if (char === '\n' || char === '\r') break;
    else cell += char;
  }
  cells.push(cell.trim());
  // A column without a name cannot be mapped.
  return cells.filter((value) => value !== '');
}

/** What each column is used as, guessed from its name (an "id" column, columns named as roles). */
export function guessUses(header: readonly string[]): ColumnUse[] {
  return header.map((column) => {
    const name = column.toLowerCase();
    if (name === 'id') return 'id';
    return COLUMN_ROLES.find((role) => role === name) ?? '';
  });
}

/** The column map the API takes (`?map=`), from what each column is used as. */
export function columnMapOf(header: readonly string[], uses: readonly ColumnUse[]): string {
  const fields: Record<string, string[]> = {};
  let id = '';
  header.forEach((column, index) => {
    const use = uses[index] ?? '';
    if (use === 'id') id = column;
    else if (use !== '') (fields[use] ??= []).push(column);
  });
  return JSON.stringify({
    id,
    fields: Object.fromEntries(
      Object.entries(fields).map(([role, columns]) => [role, columns.length === 1 ? columns[0] : columns]),
    ),
  });
}

/**
 * Sends a CSV file as `text/csv` (the batch route reads it so; `api()` sends JSON or multipart),
 * declaring the session's purpose; the server's refusal as ApiError with the fields it names.
 */
export async function postCsv<T>(
  path: string,
  text: string,
  query: Record<string, string>,
  purpose: string | null,
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'text/csv' };
  if (purpose !== null) headers['x-weft-purpose'] = purpose;
  const response = await fetch(withQuery(`/api/v1${path}`, query), {
    method: 'POST',
    headers,
    credentials: 'same-origin',
    body: text,
  });
  const body = await response.text();
  const json: unknown = body === '' ? undefined : JSON.parse(body);
  if (!response.ok) {
    const error = (json as { error?: { code?: string; message?: string; details?: FieldProblem[] } } | undefined)
      ?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? response.statusText,
      error?.details ?? [],
    );
  }
  return json as T;
}
