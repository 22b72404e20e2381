/**
 * A business rule said no. Services throw these with a stable code; the HTTP
 * layer maps the code to a status and a problem+json body. Services never
 * throw HTTP errors.
 */
export interface FieldError {
  path: string;
  message: string;
}

export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: string,
    readonly detail: string,
    readonly fields?: FieldError[],
    /** Sent as Retry-After: when trying again can succeed (a lockout's end). */
    readonly retryAfterSeconds?: number,
  ) {
    super(`${code}: ${detail}`);
  }
}

/**
 * The same refusal with every field path placed under `prefix`. A service that the CLI and a route
 * share names the fields of its input (`handle`); the route's answer names them where the client
 * sent them (`body.handle`).
 */
export function withFieldsUnder(prefix: string, err: unknown): unknown {
  if (!(err instanceof DomainError) || !err.fields) return err;
  return new DomainError(err.code, err.detail, err.fields.map((f) => ({ ...f, path: `${prefix}.${f.path}` })), err.retryAfterSeconds);
}

/** How each family of codes reads over HTTP. A code not listed here is a 422. */
const STATUS_BY_CODE: Array<[RegExp, number]> = [
  [/_NOT_FOUND$/, 404],
  [/_TAKEN$|_CONFLICT$|_ILLEGAL_TRANSITION$|_IN_PROGRESS$/, 409],
  [/_FORBIDDEN$|_DENIED$/, 403],
  [/_UNAUTHENTICATED$|^AUTH_(INVALID_CREDENTIALS|MFA_INVALID|REFRESH_INVALID)$/, 401],
  [/^AUTH_(LOCKED|IP_BLOCKED)$/, 429],
  [/^MAINTENANCE$|_UNAVAILABLE$/, 503],
];

export function statusForCode(code: string): number {
  for (const [pattern, status] of STATUS_BY_CODE) if (pattern.test(code)) return status;
  return 422;
}
