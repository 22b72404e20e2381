import type { FastifySchema, RouteOptions } from 'fastify';
import { IDEMPOTENCY_KEY_HEADER } from './idempotency-key.ts';
import './route-config.ts';

interface ObjectSchema {
  type?: string;
  properties?: Record<string, unknown>;
  required?: string[];
}

const KEY_PARAMETER = {
  type: 'string',
  minLength: 1,
  maxLength: 255,
  description:
    'Optional. Send a unique value (a UUID) to make retries safe: the same key with the same request replays the first answer ' +
    '(with Idempotent-Replayed: true); with a different request it answers 422; while the first is still running, 409. ' +
    'Kept for at least 24 hours, per store and client.',
};

/** Lists the optional Idempotency-Key header on the OpenAPI operation of every route that accepts it. */
export function documentIdempotencyKey(transformed: { schema: FastifySchema; url: string }, route: RouteOptions): { schema: FastifySchema; url: string } {
  const schema = transformed.schema as FastifySchema & { hide?: boolean; headers?: ObjectSchema };
  if (!route.config?.idempotent || schema.hide) return transformed;
  const headers: ObjectSchema = schema.headers ?? { type: 'object' };
  return { ...transformed, schema: { ...schema, headers: { ...headers, type: 'object', properties: { ...headers.properties, [IDEMPOTENCY_KEY_HEADER]: KEY_PARAMETER } } } };
}
