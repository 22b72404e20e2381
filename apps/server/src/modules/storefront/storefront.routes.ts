import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.ts';
import { sendProblem } from '../../platform/http/problem.ts';
import type { ResolvedStore } from '../tenancy/index.ts';
import { jsonResponse, jsonTextResponse, redirectResponse, sendResponse } from './cached-reply.ts';
import type { CachedResponse, ResponseCache } from './response-cache.ts';
import type { Built, StorefrontService } from './storefront.service.ts';
import * as s from './storefront.schemas.ts';
import type { StoreMemo } from './store-memo.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The store a catalog request addresses (set by the storefront catalog's guard). */
    catalogStore: ResolvedStore | null;
  }
}

export interface StorefrontRouteDeps {
  service: StorefrontService;
  stores: StoreMemo;
  /** null: responses are built for every request (STOREFRONT_CACHE_TTL_SECONDS=0, or no change notices). */
  cache: ResponseCache | null;
  ttlSeconds: number;
}

const config = { rateLimitTier: 'public' } as const;
const tags = ['storefront'];

function ctxOf(request: FastifyRequest): Ctx {
  const store = request.catalogStore;
  if (!store) throw new Error('storefront catalog route outside its guard');
  return { tenantId: store.tenantId, actor: { kind: 'guest' }, permissions: new Set(), requestId: request.id, log: request.log as Ctx['log'] };
}

/** /api/v1/store/products, /products/facets, /products/:slug and /categories: public, per store, read-only. */
export function storefrontRoutes({ service, stores, cache, ttlSeconds }: StorefrontRouteDeps): FastifyPluginAsync {
  /** Builds the answer, keeps it (unless the store changed meanwhile) until the TTL or the next publication, and sends it. */
  async function answer<T>(request: FastifyRequest, reply: FastifyReply, build: (ctx: Ctx) => Promise<Built<T>>, toResponse: (value: T) => CachedResponse = jsonResponse) {
    const ctx = ctxOf(request);
    const ticket = cache?.ticket(ctx.tenantId!);
    const built = await build(ctx);
    const response = toResponse(built.value);
    if (cache && ticket) {
      const expiresAt = Math.min(Date.now() + ttlSeconds * 1000, built.validUntil?.getTime() ?? Number.POSITIVE_INFINITY);
      cache.set(ticket, request.url, response, expiresAt);
    }
    return sendResponse(request, reply, response, 'MISS');
  }

  return async (app) => {
    app.decorateRequest('catalogStore', null);
    // Before validation: a stranger learns nothing about the schemas, and a cached answer skips validation and building alike.
    app.addHook('preValidation', async (request, reply) => {
      const key = request.headers['x-publishable-key'];
      const store = await stores.resolve(typeof key === 'string' ? key : undefined, request.headers.host);
      if (!store) return sendProblem(request, reply, 401, 'STOREFRONT_UNAUTHENTICATED', 'Send a valid publishable key in X-Publishable-Key, or use a host name mapped to a store.');
      request.catalogStore = store;
      const hit = cache?.get(store.tenantId, request.url);
      if (hit) return sendResponse(request, reply, hit, 'HIT');
    });

    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/products',
      { config, schema: { tags, summary: 'Products of the store: filters, sorting, cursor pages', querystring: s.listingQuery, response: { 200: s.listingSchema } } },
      (request, reply) => answer(request, reply, (ctx) => service.listProducts(ctx, request.query), jsonTextResponse),
    );
    r.get(
      '/products/facets',
      { config, schema: { tags, summary: 'Counts per brand, category, attribute value, price range and stock for the current filters', querystring: s.facetsQuery, response: { 200: s.facetsSchema } } },
      (request, reply) => answer(request, reply, (ctx) => service.facets(ctx, request.query)),
    );
    r.get(
      '/products/:slug',
      {
        config,
        schema: {
          tags,
          summary: 'A product by its slug (an old slug answers 301 to the current one)',
          params: s.slugParams,
          response: { 200: s.productDetailSchema, 301: z.null().describe('Moved: Location names the product under its current slug') },
        },
      },
      (request, reply) =>
        answer(
          request,
          reply,
          (ctx) => service.productBySlug(ctx, request.params.slug),
          (page) => ('movedTo' in page ? redirectResponse(`${request.url.split('?')[0]!.replace(/[^/]*$/, '')}${encodeURIComponent(page.movedTo)}`) : jsonResponse(page.product)),
        ),
    );
    r.get(
      '/categories',
      { config, schema: { tags, summary: 'The category tree for navigation, top-level categories paged, with product counts', querystring: s.categoriesQuery, response: { 200: s.categoriesSchema } } },
      (request, reply) => answer(request, reply, (ctx) => service.categories(ctx, request.query)),
    );
  };
}
