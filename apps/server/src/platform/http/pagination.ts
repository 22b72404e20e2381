import { z } from 'zod';

/**
 * `?limit=` (default 20, at most 100) and `?cursor=` of lists whose rows
 * have time-ordered UUIDv7 ids, so the cursor is simply the last id handed out.
 */
export const pageQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.uuid({ message: 'is not a cursor this list handed out' }).optional(),
  })
  .strict();

export type PageQuery = z.output<typeof pageQuery>;

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}

/** Rows fetched with limit + 1: the extra row only says that there is a next page. */
export function pageOf<R extends { id: string }, T>(rows: R[], limit: number, view: (row: R) => T): Page<T> {
  const data = rows.slice(0, limit);
  const last = data[data.length - 1];
  return { data: data.map(view), nextCursor: rows.length > limit && last ? last.id : null };
}
