import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/http/authenticate.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import { auditOrigin } from '../security/index.ts';
import type { BrandService } from './brand.service.ts';
import * as s from './catalog.schemas.ts';
import type { CategoryService } from './category.service.ts';

const read = { permission: 'catalog:read' } as const;
const write = { permission: 'catalog:write' } as const;

/** /api/v1/admin/catalog/categories and /api/v1/admin/catalog/brands. */
export function categoryBrandRoutes(categories: CategoryService, brands: BrandService): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    const tags = ['catalog'];
    r.get('/catalog/categories', { config: read, schema: { tags, summary: 'Categories, flat (oldest first)', querystring: pageQuery, response: { 200: pageSchema(s.categorySchema) } } }, async (request) =>
      categories.list(ctxOf(request), request.query),
    );
    r.get(
      '/catalog/category-tree',
      { config: read, schema: { tags, summary: 'Top-level categories, each with its whole subtree', querystring: pageQuery, response: { 200: pageSchema(s.categoryTreeSchema) } } },
      async (request) => categories.tree(ctxOf(request), request.query),
    );
    r.get('/catalog/categories/:id', { config: read, schema: { tags, summary: 'A category', params: s.idParams, response: { 200: s.categorySchema } } }, async (request) =>
      categories.get(ctxOf(request), request.params.id),
    );
    r.post('/catalog/categories', { config: write, schema: { tags, summary: 'Add a category', body: s.categoryBody, response: { 201: s.categorySchema } } }, async (request, reply) =>
      reply.code(201).send(await categories.create(ctxOf(request), request.body, auditOrigin(request))),
    );
    r.patch(
      '/catalog/categories/:id',
      { config: write, schema: { tags, summary: 'Rename or reorder a category', params: s.idParams, body: s.categoryPatch, response: { 200: s.categorySchema } } },
      async (request) => categories.update(ctxOf(request), request.params.id, request.body, auditOrigin(request)),
    );
    r.post(
      '/catalog/categories/:id/move',
      { config: write, schema: { tags, summary: 'Move a category and its subtree under another parent', params: s.idParams, body: s.moveBody, response: { 200: s.categorySchema } } },
      async (request) => categories.move(ctxOf(request), request.params.id, request.body, auditOrigin(request)),
    );
    r.delete(
      '/catalog/categories/:id',
      { config: write, schema: { tags, summary: 'Delete a category without subcategories or products', params: s.idParams, response: { 204: z.null() } } },
      async (request, reply) => {
        await categories.remove(ctxOf(request), request.params.id, auditOrigin(request));
        return reply.code(204).send(null);
      },
    );
    r.get('/catalog/brands', { config: read, schema: { tags, summary: 'Brands, oldest first', querystring: pageQuery, response: { 200: pageSchema(s.brandSchema) } } }, async (request) =>
      brands.list(ctxOf(request), request.query),
    );
    r.get('/catalog/brands/:id', { config: read, schema: { tags, summary: 'A brand', params: s.idParams, response: { 200: s.brandSchema } } }, async (request) =>
      brands.get(ctxOf(request), request.params.id),
    );
    r.post('/catalog/brands', { config: write, schema: { tags, summary: 'Add a brand', body: s.brandBody, response: { 201: s.brandSchema } } }, async (request, reply) =>
      reply.code(201).send(await brands.create(ctxOf(request), request.body, auditOrigin(request))),
    );
    r.patch('/catalog/brands/:id', { config: write, schema: { tags, summary: 'Rename a brand', params: s.idParams, body: s.brandPatch, response: { 200: s.brandSchema } } }, async (request) =>
      brands.update(ctxOf(request), request.params.id, request.body, auditOrigin(request)),
    );
    r.delete(
      '/catalog/brands/:id',
      { config: write, schema: { tags, summary: 'Delete a brand (its products keep no brand)', params: s.idParams, response: { 204: z.null() } } },
      async (request, reply) => {
        await brands.remove(ctxOf(request), request.params.id, auditOrigin(request));
        return reply.code(204).send(null);
      },
    );
  };
}
