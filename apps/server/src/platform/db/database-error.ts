/** What PostgreSQL said when it refused a statement, as the driver reports it. */
export interface DatabaseError {
  /** The SQLSTATE, such as 23505 for a unique violation. */
  code: string;
  message: string;
  detail?: string;
  constraint?: string;
}

/** The database's own error in `err`, which the ORM may have wrapped (as its `cause`) one or more times. */
export function databaseErrorOf(err: unknown): DatabaseError | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && typeof message === 'string') return e as DatabaseError;
  }
  return undefined;
}

/** A unique index said no. */
export const isUniqueViolation = (err: unknown): boolean => databaseErrorOf(err)?.code === '23505';

/** A foreign key said no: the row is still referenced (23001 for ON DELETE RESTRICT, 23503 otherwise). */
export const isStillReferenced = (err: unknown): boolean => ['23001', '23503'].includes(databaseErrorOf(err)?.code ?? '');

/** The unique index that a failed write hit, if any. */
export function violatedConstraint(err: unknown): string | undefined {
  const found = databaseErrorOf(err);
  return found?.code === '23505' ? found.constraint : undefined;
}

/** The SQLSTATE of app_refuse() (migration 0025): a statement refused on a condition it checks. */
export const REFUSED_SQLSTATE = 'WK001';

/** The reason and detail a statement gave app_refuse(), when that is what stopped it. */
export function refusalOf(err: unknown): { reason: string; detail: string } | undefined {
  const found = databaseErrorOf(err);
  return found?.code === REFUSED_SQLSTATE ? { reason: found.message, detail: found.detail ?? '' } : undefined;
}
