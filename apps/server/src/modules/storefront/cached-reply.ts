import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CachedResponse } from './response-cache.ts';

/** Browsers and CDNs may keep a copy but must ask again each time; the ETag makes asking cheap (304). */
export const CACHE_CONTROL = 'public, max-age=0, must-revalidate';
/** The store is chosen by the publishable key or the host name, so a shared cache must key on both. */
export const VARY = 'X-Publishable-Key, Host, Accept-Encoding';

export function jsonResponse(value: unknown): CachedResponse {
  const body = Buffer.from(JSON.stringify(value));
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  return { status: 200, body, etag, headers: { 'content-type': 'application/json; charset=utf-8', etag, 'cache-control': CACHE_CONTROL } };
}

export function redirectResponse(location: string): CachedResponse {
  return { status: 301, body: Buffer.alloc(0), etag: '', headers: { location, 'cache-control': CACHE_CONTROL } };
}

/** If-None-Match compares weakly (RFC 9110 13.1.2): W/"x" matches "x". */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch || !etag) return false;
  if (ifNoneMatch.trim() === '*') return true;
  for (const candidate of ifNoneMatch.split(',')) {
    const tag = candidate.trim();
    if ((tag.startsWith('W/') ? tag.slice(2) : tag) === etag) return true;
  }
  return false;
}

/** Sends ready bytes as they are: no serialisation, the ETag computed when they were built. */
export function sendResponse(request: FastifyRequest, reply: FastifyReply, response: CachedResponse, cache: 'HIT' | 'MISS'): FastifyReply {
  const vary = reply.getHeader('vary');
  reply.header('vary', vary ? `${String(vary)}, ${VARY}` : VARY);
  reply.header('x-cache', cache);
  if (response.status === 200 && etagMatches(request.headers['if-none-match'], response.etag)) {
    return reply.code(304).header('etag', response.etag).header('cache-control', CACHE_CONTROL).send();
  }
  return reply.code(response.status).headers(response.headers).send(response.body);
}
