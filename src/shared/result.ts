/**
 * Errors that cross a boundary are data. Every contract method answers a `Result`;
 * expected failures (validation, permissions, invalid workflow actions) are never thrown
 * across a transport.
 */

/** The closed set of error codes a caller can branch on. */
export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  /** The session is locked (idle or "Kunci layar"): only `session.unlock` is accepted. */
  'SESSION_LOCKED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_ACTION',
  'NOT_INITIALIZED',
  'ALREADY_INITIALIZED',
  'DATABASE_FROM_FUTURE',
  'STORAGE',
  /** Another process owns the data folder (the app, a CLI command). */
  'FOLDER_IN_USE',
  /** The local database is damaged or lost; it was set aside, restore from a backup. */
  'DAMAGED',
  'INTERNAL',
] as const;
type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiError {
  code: ErrorCode;
  /** One line, already in words a user understands (Indonesian by default). */
  message: string;
  details?: unknown;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(code: ErrorCode, message: string, details?: unknown): Result<T> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}

/**
 * Thrown inside the backend to abort a transaction with a typed error; the dispatcher turns
 * it back into a `Result` at the boundary, so it never reaches a transport as an exception.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  toApiError(): ApiError {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** Exhaustiveness guard for `switch` over closed unions. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
