import type { Ctx } from '../../platform/context.ts';
import type { TenantReader } from '../../platform/db/tenant-reader.ts';
import type { MediaBase } from '../../platform/storage/media-url.ts';
import { decodeSearchCursor, encodeSearchCursor, SEARCH_WINDOW } from './search-cursor.ts';
import * as repo from './search.repository.ts';
import type { SearchPage, Suggestions } from './search.schemas.ts';
import { searchHitView, suggestionsView } from './search-views.ts';

export interface SearchDeps {
  /** One-statement reads for one store. */
  reader: TenantReader;
  /** Where image URLs point. */
  media: MediaBase;
}

export const MAX_SUGGESTIONS = 8;

function storeOf(ctx: Ctx): string {
  if (!ctx.tenantId) throw new Error('search needs a store context');
  return ctx.tenantId;
}

/** Product search and search-box suggestions over one store's published catalog. */
export function createSearchService({ reader, media }: SearchDeps) {
  return {
    /** A page of ranked results; pages reach the first SEARCH_WINDOW results. */
    async search(ctx: Ctx, input: { q: string; limit: number; cursor?: string | undefined }): Promise<SearchPage> {
      const tenantId = storeOf(ctx);
      const offset = decodeSearchCursor(input.q, input.cursor);
      const limit = Math.min(input.limit, SEARCH_WINDOW - offset);
      const rows = await repo.searchProducts(reader, tenantId, input.q, { offset, limit: limit + 1 });
      const next = offset + limit;
      return {
        data: rows.slice(0, limit).map((row) => searchHitView(row, media)),
        nextCursor: rows.length > limit && next < SEARCH_WINDOW ? encodeSearchCursor(input.q, next) : null,
      };
    },

    async suggest(ctx: Ctx, q: string): Promise<Suggestions> {
      const tenantId = storeOf(ctx);
      const rows = await repo.suggest(reader, tenantId, q, MAX_SUGGESTIONS);
      return suggestionsView(rows);
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
