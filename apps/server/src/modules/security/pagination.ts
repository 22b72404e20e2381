import { sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { z } from 'zod';

/**
 * Keyset pagination over (created_at, id), newest first. The cursor carries
 * the exact timestamp as PostgreSQL prints it (microseconds), not a JS Date
 * (milliseconds), so rows that share a millisecond are neither skipped nor
 * repeated; the id breaks ties between rows of the same instant.
 */
export interface Cursor {
  at: string;
  id: string;
}

export interface PageRequest {
  limit: number;
  cursor?: Cursor | undefined;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`).toString('base64url');
}

export function decodeCursor(value: string): Cursor | null {
  const [at, id, ...rest] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  if (!at || !id || rest.length > 0 || !AT.test(at) || !UUID.test(id) || Number.isNaN(Date.parse(at))) return null;
  return { at, id };
}

/** `?limit=` (default 20, at most 100) and `?cursor=` of every list. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z
    .string()
    .max(200)
    .transform((value, ctx) => {
      const cursor = decodeCursor(value);
      if (!cursor) {
        ctx.addIssue({ code: 'custom', message: 'is not a cursor this list handed out' });
        return z.NEVER;
      }
      return cursor;
    })
    .optional(),
};

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}

/** Rows as a repository returns them for a page: one more than asked, when there is more. */
export function pageOf<R extends { id: string; cursorAt: string }, T>(rows: R[], limit: number, view: (row: R) => T): Page<T> {
  const data = rows.slice(0, limit);
  const last = data[data.length - 1];
  return { data: data.map(view), nextCursor: rows.length > limit && last ? encodeCursor({ at: last.cursorAt, id: last.id }) : null };
}

/** For repositories: the exact creation time, as the cursor needs it. */
export function cursorAt(createdAt: AnyColumn): SQL<string> {
  return sql<string>`to_char(${createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** For repositories: rows after the cursor in newest-first order. */
export function olderThan(createdAt: AnyColumn, id: AnyColumn, cursor: Cursor | undefined): SQL | undefined {
  return cursor ? sql`(${createdAt}, ${id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)` : undefined;
}
