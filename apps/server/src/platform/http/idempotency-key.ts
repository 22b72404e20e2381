import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** The request header a client sends (lower case, as Node.js hands headers over). */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Set on an answer that was stored earlier and is sent again. */
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

/** 1–255 printable ASCII characters (spaces allowed inside; Node.js trims the ends). */
const KEY_PATTERN = /^[\x20-\x7E]{1,255}$/;

export type IdempotencyKeyHeader = { kind: 'absent' } | { kind: 'invalid' } | { kind: 'key'; key: string };

export function readIdempotencyKey(headers: IncomingHttpHeaders): IdempotencyKeyHeader {
  const value = headers[IDEMPOTENCY_KEY_HEADER];
  if (value === undefined) return { kind: 'absent' };
  if (typeof value !== 'string' || !KEY_PATTERN.test(value)) return { kind: 'invalid' };
  return { kind: 'key', key: value };
}

/** JSON with the keys of every object sorted, so two bodies that mean the same serialise the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (Buffer.isBuffer(value)) return JSON.stringify({ base64: value.toString('base64') });
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && typeof v !== 'function')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** What makes two requests to one route the same request: sha-256 (hex) of the canonical form of their params, query and body. */
export function requestFingerprint(request: { params: unknown; query: unknown; body: unknown }): string {
  const canonical = canonicalJson({ params: request.params ?? {}, query: request.query ?? {}, body: request.body ?? null });
  return sha256Hex(canonical);
}

/** The response headers a replay repeats; the rest (request id, rate limits, security headers) belong to each answer. */
const REPLAYED_HEADERS = ['content-type', 'content-language', 'content-location', 'location'] as const;

export function replayableHeaders(headers: Record<string, unknown>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of REPLAYED_HEADERS) {
    const value = headers[name];
    if (typeof value === 'string' || typeof value === 'number') kept[name] = String(value);
  }
  return kept;
}

/** The exact bytes of a response payload as Fastify's onSend sees it; null for a stream, which cannot be kept. */
export function payloadBytes(payload: unknown): Buffer | null {
  if (payload === null || payload === undefined) return Buffer.alloc(0);
  if (Buffer.isBuffer(payload)) return payload;
  if (typeof payload === 'string') return Buffer.from(payload, 'utf8');
  return null;
}
