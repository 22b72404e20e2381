import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decodeCursor, encodeCursor, pageOf, pageQuery } from './pagination.ts';

const id = (n: number) => `0190a1b2-c3d4-7e5f-8a6b-${String(n).padStart(12, '0')}`;
const at = '2026-05-01T10:11:12.123456Z';

describe('cursors', () => {
  it('round-trip the exact timestamp and id', () => {
    expect(decodeCursor(encodeCursor({ at, id: id(1) }))).toEqual({ at, id: id(1) });
  });

  it.each(['', 'garbage', Buffer.from('2026-05-01|x').toString('base64url'), Buffer.from(`${at}|${id(1)}|more`).toString('base64url'), Buffer.from(`2026-05-01T10:11:12Z|${id(1)}`).toString('base64url')])(
    'refuse something they did not make: %s',
    (value) => expect(decodeCursor(value)).toBeNull(),
  );

  it('are checked by the query schema, with limit defaults and bounds', () => {
    const schema = z.object(pageQuery);
    expect(schema.parse({})).toEqual({ limit: 20 });
    expect(schema.parse({ limit: '100' }).limit).toBe(100);
    expect(schema.safeParse({ limit: '101' }).success).toBe(false);
    expect(schema.safeParse({ limit: '0' }).success).toBe(false);
    expect(schema.safeParse({ cursor: 'nope' }).success).toBe(false);
  });
});

describe('pageOf', () => {
  const rows = [1, 2, 3].map((n) => ({ id: id(n), cursorAt: at, n }));

  it('hands out a cursor from the last row shown when the repository found one more', () => {
    const page = pageOf(rows, 2, (r) => r.n);
    expect(page.data).toEqual([1, 2]);
    expect(decodeCursor(page.nextCursor!)).toEqual({ at, id: id(2) });
  });

  it('has no next cursor on the last page', () => {
    expect(pageOf(rows, 3, (r) => r.n)).toEqual({ data: [1, 2, 3], nextCursor: null });
  });
});
