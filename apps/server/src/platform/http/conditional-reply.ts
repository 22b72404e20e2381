import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Browsers and CDNs may keep a copy but must ask again each time; the ETag makes asking cheap (304). */
export const PUBLIC_REVALIDATE = 'public, max-age=0, must-revalidate';
/** Public storefront answers depend on the store, chosen by the publishable key or the host name: a shared cache must key on both. */
export const STOREFRONT_VARY = 'X-Publishable-Key, Host, Accept-Encoding';

/** A strong ETag over the exact bytes sent. */
export function strongEtag(body: Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** If-None-Match compares weakly (RFC 9110 13.1.2): W/"x" matches "x"; * matches anything. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch || !etag) return false;
  if (ifNoneMatch.trim() === '*') return true;
  for (const candidate of ifNoneMatch.split(',')) {
    const tag = candidate.trim();
    if ((tag.startsWith('W/') ? tag.slice(2) : tag) === etag) return true;
  }
  return false;
}

/** Adds to the Vary header others (CORS) may have set. */
export function addVary(reply: FastifyReply, vary: string): void {
  const before = reply.getHeader('vary');
  reply.header('vary', before ? `${String(before)}, ${vary}` : vary);
}

/**
 * Sends `value` as JSON built once into bytes, with a strong ETag over them and the storefront's
 * caching headers, or 304 when the client already has those bytes.
 */
export function sendStorefrontJson(request: FastifyRequest, reply: FastifyReply, value: unknown): FastifyReply {
  const body = Buffer.from(JSON.stringify(value));
  const etag = strongEtag(body);
  addVary(reply, STOREFRONT_VARY);
  reply.header('etag', etag).header('cache-control', PUBLIC_REVALIDATE);
  if (etagMatches(request.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.code(200).header('content-type', 'application/json; charset=utf-8').send(body);
}
