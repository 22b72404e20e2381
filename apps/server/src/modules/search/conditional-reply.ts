import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Browsers and CDNs may keep a copy but must ask again each time; the ETag makes asking cheap (304). */
const CACHE_CONTROL = 'public, max-age=0, must-revalidate';
/** The store is chosen by the publishable key or the host name, so a shared cache must tell them apart. */
const VARY = ['X-Publishable-Key', 'Host'];

/** A JSON answer built once: its bytes and a strong ETag over them, ready to be kept by a response cache. */
export interface JsonReply {
  body: Buffer;
  etag: string;
}

export function jsonReply(value: unknown): JsonReply {
  const body = Buffer.from(JSON.stringify(value));
  return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"` };
}

/** If-None-Match compares weakly (RFC 9110 13.1.2): W/"x" matches "x"; * matches anything. */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  return ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

/** Sends the bytes as they are, or 304 when the client already has them. */
export function sendConditional(request: FastifyRequest, reply: FastifyReply, built: JsonReply): FastifyReply {
  const vary = reply.getHeader('vary');
  reply.header('vary', [...(vary ? [String(vary)] : []), ...VARY].join(', '));
  reply.header('etag', built.etag).header('cache-control', CACHE_CONTROL);
  if (etagMatches(request.headers['if-none-match'], built.etag)) return reply.code(304).send();
  return reply.code(200).header('content-type', 'application/json; charset=utf-8').send(built.body);
}
