import { describe, expect, it } from 'vitest';
import { nextFreeSlug, slugify } from './slug.ts';

describe('slugs', () => {
  it('makes a slug from a name: ASCII, lower case, single hyphens', () => {
    expect(slugify('  Crème Brûlée — Large Mug! ')).toBe('creme-brulee-large-mug');
    expect(slugify('???')).toBe('item');
  });

  it('adds -2, -3 … when the slug is taken', () => {
    expect(nextFreeSlug('mug', [])).toBe('mug');
    expect(nextFreeSlug('mug', ['mug'])).toBe('mug-2');
    expect(nextFreeSlug('mug', ['mug', 'mug-2', 'mug-4'])).toBe('mug-3');
  });
});
