export const LISTING_SORTS = ['newest', 'price_asc', 'price_desc', 'name'] as const;
export type ListingSort = (typeof LISTING_SORTS)[number];

/** Where the previous page ended: its last row's sort key and id. `categories` pages the category tree by position. */
export interface ListingCursor {
  key: string | number;
  id: string;
}
type CursorKind = ListingSort | 'categories';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Publication times travel as text with microseconds, which a JS Date would round away. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const keyIsValid: Record<CursorKind, (key: unknown) => boolean> = {
  newest: (key) => typeof key === 'string' && TIMESTAMP.test(key),
  price_asc: (key) => Number.isSafeInteger(key),
  price_desc: (key) => Number.isSafeInteger(key),
  name: (key) => typeof key === 'string' && key.length <= 300,
  categories: (key) => Number.isSafeInteger(key),
};

/** Opaque to clients: base64url of [kind, key, id]. */
export function encodeCursor(kind: CursorKind, cursor: ListingCursor): string {
  return Buffer.from(JSON.stringify([kind, cursor.key, cursor.id])).toString('base64url');
}

/** null when the text is not a cursor of this kind. */
export function decodeCursor(kind: CursorKind, raw: string): ListingCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3) return null;
    const [k, key, id] = value as [unknown, unknown, unknown];
    if (k !== kind || typeof id !== 'string' || !UUID.test(id) || !keyIsValid[kind](key)) return null;
    return { key: key as string | number, id };
  } catch {
    return null;
  }
}
