import { mediaUrl, type MediaBase } from '../../platform/storage/media-url.ts';
import { MARK_END, MARK_START, type SearchHitRow, type SuggestionRow } from './search.repository.ts';
import type { SearchHit, Suggestions } from './search.schemas.ts';

/** The rendition shown in result lists, when the image has one. */
const LIST_RENDITION = 'thumb';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The snippet as safe HTML: everything escaped, then the database's marks turned into <mark>. */
export function snippetHtml(marked: string): string {
  return escapeHtml(marked).replaceAll(MARK_START, '<mark>').replaceAll(MARK_END, '</mark>');
}

export function searchHitView(row: SearchHitRow, media: MediaBase): SearchHit {
  const money = (amount: string) => ({ amount: Number(amount), currency: row.currency });
  const thumb = row.image_renditions?.find((r) => r.name === LIST_RENDITION)?.storageKey;
  const imageKey = thumb ?? row.image_key;
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    brand: row.brand_name !== null && row.brand_slug !== null ? { name: row.brand_name, slug: row.brand_slug } : null,
    price: row.min_price_amount !== null && row.max_price_amount !== null ? { min: money(row.min_price_amount), max: money(row.max_price_amount) } : null,
    image: imageKey ? { url: mediaUrl(media, imageKey), alt: row.image_alt ?? '' } : null,
    snippet: row.snippet === null ? null : snippetHtml(row.snippet),
  };
}

export const suggestionsView = (rows: SuggestionRow[]): Suggestions => ({ data: rows.map((r) => ({ type: r.kind, name: r.name, slug: r.slug })) });
