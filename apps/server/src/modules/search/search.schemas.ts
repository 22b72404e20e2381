import { z } from 'zod';
import { SEARCH_WINDOW } from './search-cursor.ts';

/** What shoppers type: surrounding spaces trimmed, inner runs of spaces made one. */
const searchText = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .transform((q) => q.replace(/\s+/g, ' '));

export const searchQuery = z
  .object({
    q: searchText.describe('Words to find: each as a prefix, typos tolerated; an exact SKU or barcode ranks first'),
    limit: z.coerce.number().int().min(1).max(50).default(20),
    cursor: z.string().max(200).optional().describe(`From the previous page's nextCursor; the first ${SEARCH_WINDOW} results can be paged through`),
  })
  .strict();

export const suggestionsQuery = z.object({ q: searchText.describe('What is in the search box so far') }).strict();

const money = z.object({ amount: z.number().int(), currency: z.string() });

export const searchHitSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  brand: z.object({ name: z.string(), slug: z.string() }).nullable(),
  price: z.object({ min: money, max: money }).nullable().describe('Lowest and highest variant price'),
  image: z.object({ url: z.string(), alt: z.string() }).nullable().describe('The first image (its thumbnail when there is one)'),
  snippet: z.string().nullable().describe('HTML: a passage of the description, escaped, the matched words in <mark>'),
});

export const searchPageSchema = z.object({ data: z.array(searchHitSchema), nextCursor: z.string().nullable() });

export const suggestionSchema = z.object({ type: z.enum(['product', 'category', 'brand']), name: z.string(), slug: z.string() });

export const suggestionsSchema = z.object({ data: z.array(suggestionSchema).describe('At most 8; not paged') });

export const notModified = z.null().describe('Not modified: the ETag in If-None-Match is still current');

export type SearchHit = z.output<typeof searchHitSchema>;
export type SearchPage = z.output<typeof searchPageSchema>;
export type Suggestions = z.output<typeof suggestionsSchema>;
