/**
 * The error catalogue: every error a client can see, with a stable code, an HTTP status and a
 * category. Clients get the code, a clear message and the correlation id; the log keeps detail.
 */

/** Whether the caller or the system is at fault. */
export type ErrorCategory = 'client' | 'conflict' | 'security' | 'system';

interface CatalogueEntry {
  readonly status: number;
  readonly category: ErrorCategory;
  readonly message: string;
}

/** Every error code Weft returns. */
export const ERROR_CATALOGUE = {
  validation_failed: { status: 400, category: 'client', message: 'The request is not valid.' },
  unauthenticated: { status: 401, category: 'security', message: 'A valid API key or session is required.' },
  forbidden: { status: 403, category: 'security', message: 'This credential may not do that.' },
  // "Forbidden" and "does not exist" look the same to the caller: existence is a secret too.
  not_found: { status: 404, category: 'client', message: 'No such resource.' },
  idempotency_in_flight: {
    status: 409,
    category: 'conflict',
    message: 'A request with this Idempotency-Key is still being processed; retry later.',
  },
  conflict: {
    status: 409,
    category: 'conflict',
    message: 'The resource is not in a state that allows this.',
  },
  payload_too_large: { status: 413, category: 'client', message: 'The request body is too large.' },
  unsupported_media_type: { status: 415, category: 'client', message: 'This content type is not accepted here.' },
  idempotency_mismatch: {
    status: 422,
    category: 'conflict',
    message: 'This Idempotency-Key was used with a different request body.',
  },
  rate_limited: { status: 429, category: 'security', message: 'Too many requests; slow down.' },
  internal: { status: 500, category: 'system', message: 'Something went wrong on our side.' },
  unavailable: { status: 503, category: 'system', message: 'The service is not ready.' },
} as const satisfies Record<string, CatalogueEntry>;

/** A code from the catalogue. */
export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** An error to show the client. */
export class WeftError extends Error {
  readonly status: number;
  readonly category: ErrorCategory;

  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly details?: unknown,
  ) {
    super(message ?? ERROR_CATALOGUE[code].message);
    this.status = ERROR_CATALOGUE[code].status;
    this.category = ERROR_CATALOGUE[code].category;
  }
}

/** The body of every error response. */
export interface ErrorBody {
  readonly error: {
    readonly code: ErrorCode;
    readonly message: string;
    readonly correlationId: string;
    readonly details?: unknown;
  };
}

/** Builds the body of an error response. */
export function errorBody(error: WeftError, correlationId: string): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      correlationId,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
}
