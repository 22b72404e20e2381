import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/http/authenticate.ts';
import { pageSchema } from '../../platform/http/pagination.ts';
import { auditOrigin } from '../security/index.ts';
import { idParams } from './catalog.schemas.ts';
import type { ProductService } from './product.service.ts';
import * as s from './product.schemas.ts';
import type { VariantService } from './variant.service.ts';

const read = { permission: 'catalog:read' } as const;
const write = { permission: 'catalog:write' } as const;

/** /api/v1/admin/catalog/products and their variants. */
export function productRoutes(products: ProductService, variants: VariantService): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['catalog'];
    r.get('/catalog/products', { config: read, schema: { tags, summary: 'Products, newest first, with filters', querystring: s.productListQuery, response: { 200: pageSchema(s.productSchema) } } }, async (request) => {
      const { limit, cursor, ...filters } = request.query;
      return products.list(ctxOf(request), filters, { limit, cursor });
    });
    r.get('/catalog/products/:id', { config: read, schema: { tags, summary: 'A product with its variants', params: idParams, response: { 200: s.productDetailSchema } } }, async (request) =>
      products.get(ctxOf(request), request.params.id),
    );
    r.post('/catalog/products', { config: write, schema: { tags, summary: 'Add a product with its variants', body: s.productBody, response: { 201: s.productDetailSchema } } }, async (request, reply) =>
      reply.code(201).send(await products.create(ctxOf(request), request.body, auditOrigin(request))),
    );
    r.patch(
      '/catalog/products/:id',
      { config: write, schema: { tags, summary: 'Change a product (a new slug keeps the old one redirecting)', params: idParams, body: s.productPatch, response: { 200: s.productDetailSchema } } },
      async (request) => products.update(ctxOf(request), request.params.id, request.body, auditOrigin(request)),
    );
    r.post('/catalog/products/:id/archive', { config: write, schema: { tags, summary: 'Archive a product', params: idParams, body: z.object({}).strict(), response: { 200: s.productDetailSchema } } }, async (request) =>
      products.archive(ctxOf(request), request.params.id, auditOrigin(request)),
    );
    r.post(
      '/catalog/products/:id/variants',
      { config: write, schema: { tags, summary: 'Add a variant to a product', params: idParams, body: s.variantBody, response: { 201: s.variantSchema } } },
      async (request, reply) => reply.code(201).send(await variants.add(ctxOf(request), request.params.id, request.body, auditOrigin(request))),
    );
    r.patch(
      '/catalog/products/:id/variants/:variantId',
      { config: write, schema: { tags, summary: 'Change a variant', params: s.variantParams, body: s.variantPatch, response: { 200: s.variantSchema } } },
      async (request) => variants.update(ctxOf(request), request.params.id, request.params.variantId, request.body, auditOrigin(request)),
    );
    r.delete(
      '/catalog/products/:id/variants/:variantId',
      { config: write, schema: { tags, summary: 'Delete a variant (not the last one)', params: s.variantParams, response: { 204: z.null() } } },
      async (request, reply) => {
        await variants.remove(ctxOf(request), request.params.id, request.params.variantId, auditOrigin(request));
        return reply.code(204).send(null);
      },
    );
  };
}
