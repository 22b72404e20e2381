import type { SQL } from 'drizzle-orm';

/**
 * A data-modifying statement (insert, update or delete, without `returning`) that a module's
 * repository builds for another module to run as part of its own statement, as a `with` step:
 * several modules' writes reach the database in one round trip, and each module keeps its SQL.
 * PostgreSQL runs every step exactly once, whether or not the statement reads it; foreign keys
 * are checked when the whole statement ends. Two steps must not change the same row.
 */
export type WriteStep = SQL;
