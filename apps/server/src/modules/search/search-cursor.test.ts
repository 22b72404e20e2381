import { describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/errors.ts';
import { decodeSearchCursor, encodeSearchCursor } from './search-cursor.ts';

describe('search cursor', () => {
  it('round-trips an offset for the same query, whatever its case', () => {
    expect(decodeSearchCursor('Head', encodeSearchCursor('head', 40))).toBe(40);
    expect(decodeSearchCursor('head', undefined)).toBe(0);
  });

  it('refuses a cursor of another query, a forged one and one beyond the window', () => {
    const forged = (text: string) => Buffer.from(text).toString('base64url');
    for (const cursor of [encodeSearchCursor('mug', 20), 'garbage', forged('s1:-5:x'), encodeSearchCursor('head', 500), encodeSearchCursor('head', 0)]) {
      expect(() => decodeSearchCursor('head', cursor)).toThrow(DomainError);
    }
  });
});
