import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { Config } from '../../config.ts';
import { version } from '../version.ts';
import { BEARER_SCHEME } from './authenticate.ts';
import { documentIdempotencyKey } from './idempotency-openapi.ts';

/** The security scheme of the platform operator's API (/api/v1/platform), listed only when PLATFORM_ADMIN_TOKEN is set. */
export const PLATFORM_SCHEME = 'platformToken';

/** OpenAPI 3.1 generated from every route's Zod schemas; the docs UI reads it. */
export async function registerOpenApi(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Winkel API',
        version,
        description: 'Commerce API: storefront, admin, POS and public forms. Errors are application/problem+json (RFC 9457).',
      },
      servers: [{ url: config.publicUrl }],
      components: {
        securitySchemes: {
          [BEARER_SCHEME]: { type: 'http', scheme: 'bearer', description: 'A staff access token (JWT) or an API key. Each operation lists the permission it needs.' },
          ...(config.platformAdminToken
            ? { [PLATFORM_SCHEME]: { type: 'http', scheme: 'bearer', description: 'The platform operator token (PLATFORM_ADMIN_TOKEN), for /api/v1/platform only.' } }
            : {}),
        },
      },
    },
    transform: (input) => documentIdempotencyKey(jsonSchemaTransform(input), input.route),
    transformObject: jsonSchemaTransformObject,
    hideUntagged: false,
  });

  app.get('/api/v1/openapi.json', { schema: { hide: true }, config: { rateLimitTier: 'public' } }, async () => app.swagger());

  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    uiConfig: { url: '/api/v1/openapi.json', deepLinking: true },
    // The default policy asks browsers to upgrade to HTTPS, which breaks the page on plain-HTTP development servers; HSTS covers production.
    transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/, ''),
  });
}
