/**
 * The API as the workbench calls it: same origin, the session cookie (HttpOnly, so never read
 * here), the purpose chosen for the session on every request, JSON in and out, and the server's
 * errors as ApiError with the fields it names.
 */

/** A problem with one field, as the server names it. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

/** An answer other than success: the server's code, message and the fields at fault. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly FieldProblem[] = [],
  ) {
    super(message);
  }
}

let purpose: string | null = null;

/** The purpose every later request declares (chosen at sign-in, changeable in the header). */
export function declarePurpose(next: string | null): void {
  purpose = next;
}

type Query = Record<string, string | number | boolean | readonly string[] | undefined>;

/** The path with its query string; lists repeat the parameter, undefined values are left out. */
export function withQuery(path: string, query: Query = {}): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value as readonly string[]) search.append(name, item);
    else search.append(name, String(value));
  }
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
}

interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly query?: Query;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

/** Calls the API under /api/v1 and returns its JSON (undefined for 204). */
export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (purpose !== null) headers['x-weft-purpose'] = purpose;
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) body = options.body;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(withQuery(`/api/v1${path}`, options.query), {
    method: options.method ?? 'GET',
    headers,
    credentials: 'same-origin',
    ...(body === undefined ? {} : { body }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const json: unknown = text === '' ? undefined : JSON.parse(text);
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

/** An error as one line for the user: the server's message and the fields it names. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = error.details.map((problem) => `${problem.field}: ${problem.message}`).join('; ');
    return fields === '' ? error.message : `${error.message} (${fields})`;
  }
  return error instanceof Error ? error.message : String(error);
}
