import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendProblem } from '../http/problem.ts';
import { isStorageKey, type BlobInfo, type BlobStorage } from './blob-storage.ts';

/** Only these are served as what they are; anything else that somehow got stored is offered as a download, never rendered. */
const SERVED_AS_IS = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

function withMediaHeaders(reply: FastifyReply, info: BlobInfo): FastifyReply {
  const inline = SERVED_AS_IS.has(info.contentType);
  return reply
    .header('cache-control', 'public, max-age=31536000, immutable')
    .header('etag', info.etag)
    .header('x-content-type-options', 'nosniff')
    // Storefronts on other origins show these images; the API's same-site default would block them.
    .header('cross-origin-resource-policy', 'cross-origin')
    .header('content-disposition', inline ? 'inline' : 'attachment')
    .type(inline ? info.contentType : 'application/octet-stream');
}

const matches = (ifNoneMatch: string, etag: string) => ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);

/**
 * GET /media/<key>: uploaded images and their renditions, straight from
 * storage. Keys are random and objects never change, so clients and CDNs may
 * keep them for a year.
 */
export function registerMediaRoutes(app: FastifyInstance, storage: BlobStorage): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/media/*',
    {
      schema: {
        tags: ['media'],
        summary: 'An uploaded image or one of its renditions',
        description: 'The URLs come with the images in API responses; the path after /media/ is the storage key.',
        params: z.object({ '*': z.string() }),
        response: { 200: z.unknown().describe('The image bytes'), 304: z.null().describe('Unchanged since the ETag in If-None-Match') },
      },
    },
    async (request, reply) => {
      const key = request.params['*'];
      const missing = () => sendProblem(request, reply, 404, 'MEDIA_NOT_FOUND', 'There is no media at this address.');
      if (!isStorageKey(key)) return missing();
      const ifNoneMatch = request.headers['if-none-match'];
      if (ifNoneMatch) {
        const info = await storage.head(key);
        if (!info) return missing();
        if (matches(ifNoneMatch, info.etag)) return withMediaHeaders(reply, info).code(304).send();
      }
      const blob = await storage.get(key);
      if (!blob) return missing();
      return withMediaHeaders(reply, blob).header('content-length', blob.byteSize).send(blob.body);
    },
  );
}
