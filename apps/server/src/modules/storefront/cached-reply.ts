import type { FastifyReply, FastifyRequest } from 'fastify';
import { addVary, etagMatches, PUBLIC_REVALIDATE, STOREFRONT_VARY, strongEtag } from '../../platform/http/conditional-reply.ts';
import type { CachedResponse } from './response-cache.ts';

export function jsonResponse(value: unknown): CachedResponse {
  return jsonTextResponse(JSON.stringify(value));
}

/** For answers built as JSON text already. */
export function jsonTextResponse(json: string): CachedResponse {
  const body = Buffer.from(json);
  const etag = strongEtag(body);
  return { status: 200, body, etag, headers: { 'content-type': 'application/json; charset=utf-8', etag, 'cache-control': PUBLIC_REVALIDATE } };
}

export function redirectResponse(location: string): CachedResponse {
  return { status: 301, body: Buffer.alloc(0), etag: '', headers: { location, 'cache-control': PUBLIC_REVALIDATE } };
}

/** Sends ready bytes as they are: no serialisation, the ETag computed when they were built. */
export function sendResponse(request: FastifyRequest, reply: FastifyReply, response: CachedResponse, cache: 'HIT' | 'MISS'): FastifyReply {
  addVary(reply, STOREFRONT_VARY);
  reply.header('x-cache', cache);
  if (response.status === 200 && etagMatches(request.headers['if-none-match'], response.etag)) {
    return reply.code(304).header('etag', response.etag).header('cache-control', PUBLIC_REVALIDATE).send();
  }
  return reply.code(response.status).headers(response.headers).send(response.body);
}
