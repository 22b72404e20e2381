import { fillPlaceholders, sql, type Placeholder, type SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Tx } from './database.ts';
import { executeFixed } from './prepared-statement.ts';
import { statementNameOf } from './statement-names.ts';

/** Where a value goes in a statement template, filled in at run time. */
export type Slot = Placeholder<string, unknown>;

/** A value in a statement, or the slot of a template it goes into: for SQL helpers that serve both. */
export type ValueOrSlot<T> = T | Slot;

export const slot = (name: string): Slot => sql.placeholder(name);

/**
 * A row for a Drizzle insert whose every field is the slot `<prefix><field>`: the builder then
 * encodes each value as its column does when the template runs.
 */
export function slotsFor(fields: readonly string[], prefix = '', slotOf: (name: string) => Slot = slot): Record<string, Slot> {
  return Object.fromEntries(fields.map((field) => [field, slotOf(`${prefix}${field}`)]));
}

export interface StatementTemplate<R> {
  /** Runs it in the caller's transaction with these values in its slots; a slot without a value is an error. */
  run(tx: Tx, values: Record<string, unknown>): Promise<R[]>;
}

const dialect = new PgDialect();

/**
 * A hot statement whose shape never changes, written with `slot(name)` where its values go (Drizzle's
 * builders on `tx` take slots as values too). Its text is built once, on the first run; each run
 * then only fills in the values and runs it as a prepared statement. Building the text walks
 * Drizzle's SQL tree, which cost a checkout about a tenth of its Node time when every request did it.
 */
export function statementTemplate<R extends Record<string, unknown>>(build: (tx: Tx) => SQL): StatementTemplate<R> {
  let compiled: { name: string; text: string; params: unknown[] } | undefined;
  return {
    run(tx, values) {
      if (!compiled) {
        const { sql: text, params } = dialect.sqlToQuery(build(tx));
        compiled = { name: statementNameOf(text), text, params };
      }
      return executeFixed<R>(tx, compiled.name, compiled.text, fillPlaceholders(compiled.params, values));
    },
  };
}
