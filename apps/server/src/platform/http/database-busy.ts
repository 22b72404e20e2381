/**
 * PostgreSQL answers that mean "too busy right now, the same request may well succeed in a
 * moment": a statement or lock timeout, a deadlock or serialization victim, no connection slot.
 */
const RETRYABLE_SQLSTATES = new Set(['57014', '55P03', '40P01', '40001', '53300']);

/** The pool gave up waiting for a free connection (node-postgres' own wording). */
const POOL_WAIT_TIMEOUT = /timeout exceeded when trying to connect/i;

/** True when `err` (or what it wraps) says the database is overloaded rather than that the request is wrong. */
export function isDatabaseBusy(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && RETRYABLE_SQLSTATES.has(code)) return true;
    if (typeof message === 'string' && POOL_WAIT_TIMEOUT.test(message)) return true;
  }
  return false;
}
