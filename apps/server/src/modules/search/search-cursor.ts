import { createHash } from 'node:crypto';
import { DomainError } from '../../platform/errors.ts';

/** Ranked results are not keyset-friendly, so a search pages through a capped window of them by position. */
export const SEARCH_WINDOW = 500;

const VERSION = 's1';

/** Ties a cursor to the query it was handed out for. */
const fingerprint = (q: string) => createHash('sha256').update(q.toLowerCase()).digest('base64url').slice(0, 10);

/** An opaque cursor to the results from `offset` on. */
export function encodeSearchCursor(q: string, offset: number): string {
  return Buffer.from(`${VERSION}:${offset}:${fingerprint(q)}`).toString('base64url');
}

const invalid = () => new DomainError('SEARCH_CURSOR_INVALID', 'The cursor is not one this search handed out; start again without it.', [{ path: 'querystring.cursor', message: 'is not a cursor of this search' }]);

/** The offset a cursor stands for; 0 without one. */
export function decodeSearchCursor(q: string, cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const [version, offset, print, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  if (version !== VERSION || rest.length > 0 || !offset || !/^\d{1,4}$/.test(offset) || print !== fingerprint(q)) throw invalid();
  const n = Number(offset);
  if (n <= 0 || n >= SEARCH_WINDOW) throw invalid();
  return n;
}
