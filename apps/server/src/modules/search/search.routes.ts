import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { storefrontCtxOf } from '../customers/index.ts';
import { sendStorefrontJson } from '../../platform/http/conditional-reply.ts';
import * as s from './search.schemas.ts';
import type { SearchService } from './search.service.ts';

const config = { rateLimitTier: 'public' } as const;
const tags = ['storefront'];

/**
 * /api/v1/store/search and /search/suggestions, behind the storefront guard.
 * Answers carry a strong ETag; a client that has the bytes gets 304.
 */
export function searchRoutes(search: SearchService): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/search',
      { config, schema: { tags, summary: 'Products matching the words, best first (typos tolerated)', querystring: s.searchQuery, response: { 200: s.searchPageSchema, 304: s.notModified } } },
      async (request, reply) => sendStorefrontJson(request, reply, await search.search(storefrontCtxOf(request), request.query)),
    );
    r.get(
      '/search/suggestions',
      { config, schema: { tags, summary: 'Completions for a search box: product, category and brand names', querystring: s.suggestionsQuery, response: { 200: s.suggestionsSchema, 304: s.notModified } } },
      async (request, reply) => sendStorefrontJson(request, reply, await search.suggest(storefrontCtxOf(request), request.query.q)),
    );
  };
}
