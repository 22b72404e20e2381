import multipart from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/http/authenticate.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import { auditOrigin } from '../security/index.ts';
import { idParams } from './catalog.schemas.ts';
import { readImageForm, uploadOptions } from './image-form.ts';
import { imageOrderBody, imagePatch, imageSchema, uploadBody } from './image.schemas.ts';
import type { ImageService } from './image.service.ts';

const read = { permission: 'catalog:read' } as const;
const write = { permission: 'catalog:write' } as const;
const tags = ['catalog'];

/** Uploading needs a multipart parser; it is registered here only, for this one route. */
function uploadRoute(images: ImageService, maxBytes: number): FastifyPluginAsync {
  return async (app) => {
    await app.register(multipart, uploadOptions(maxBytes));
    app.withTypeProvider<ZodTypeProvider>().post(
      '/catalog/products/:id/images',
      {
        config: write,
        schema: {
          tags,
          summary: 'Upload an image of a product (multipart/form-data: file, and optionally alt, variantId, position)',
          description: `JPEG, PNG, WebP or GIF, recognised by content; at most ${maxBytes} bytes and 50 megapixels. Thumb, medium and large WebP renditions are made at once.`,
          consumes: ['multipart/form-data'],
          params: idParams,
          body: uploadBody,
          response: { 201: imageSchema },
        },
        // After authentication and before validation: an unknown product is refused before its upload is read, then the form becomes the body.
        preValidation: async (request) => {
          const { id } = request.params;
          if (z.uuid().safeParse(id).success) await images.assertProduct(ctxOf(request), id);
          // Raw form values; the body schema checks them next.
          (request as { body: unknown }).body = await readImageForm(request, maxBytes);
        },
      },
      async (request, reply) => {
        const { file, ...fields } = request.body;
        const made = await images.addFromBuffer(ctxOf(request), request.params.id, file.bytes, { ...fields, originalName: file.filename }, auditOrigin(request));
        return reply.code(201).send(made);
      },
    );
  };
}

/** /api/v1/admin/catalog/…/images: a product's images, their alt text, variant and order. */
export function imageRoutes(images: ImageService, maxBytes: number): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    await app.register(uploadRoute(images, maxBytes));
    r.get(
      '/catalog/products/:id/images',
      { config: read, schema: { tags, summary: "A product's images in their order", params: idParams, querystring: pageQuery, response: { 200: pageSchema(imageSchema) } } },
      async (request) => images.list(ctxOf(request), request.params.id, request.query),
    );
    r.put(
      '/catalog/products/:id/images/order',
      { config: write, schema: { tags, summary: "Put a product's images in a new order", params: idParams, body: imageOrderBody, response: { 200: z.object({ data: z.array(imageSchema) }) } } },
      async (request) => ({ data: await images.reorder(ctxOf(request), request.params.id, request.body.ids, auditOrigin(request)) }),
    );
    r.get('/catalog/images/:id', { config: read, schema: { tags, summary: 'An image with its renditions', params: idParams, response: { 200: imageSchema } } }, async (request) =>
      images.get(ctxOf(request), request.params.id),
    );
    r.patch(
      '/catalog/images/:id',
      { config: write, schema: { tags, summary: "Change an image's alt text, variant or position", params: idParams, body: imagePatch, response: { 200: imageSchema } } },
      async (request) => images.update(ctxOf(request), request.params.id, request.body, auditOrigin(request)),
    );
    r.delete('/catalog/images/:id', { config: write, schema: { tags, summary: 'Delete an image and its stored files', params: idParams, response: { 204: z.null() } } }, async (request, reply) => {
      await images.remove(ctxOf(request), request.params.id, auditOrigin(request));
      return reply.code(204).send(null);
    });
  };
}
