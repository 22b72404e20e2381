import type { SQL } from 'drizzle-orm';
import type { Tx } from './database.ts';
import type { Slot } from './statement-template.ts';

/**
 * A data-modifying statement (insert, update or delete, without `returning`) that a module's
 * repository builds for another module to run as part of its own statement, as a `with` step:
 * several modules' writes reach the database in one round trip, and each module keeps its SQL.
 * PostgreSQL runs every step exactly once, whether or not the statement reads it; foreign keys
 * are checked when the whole statement ends. Two steps must not change the same row.
 *
 * A step is written for statement templates: `build` puts each value in a slot named as in
 * `values`, and every step with the same `key` builds the same text.
 */
export interface WriteStep {
  readonly key: string;
  build(tx: Tx, slot: (name: string) => Slot): SQL;
  readonly values: Readonly<Record<string, unknown>>;
}
