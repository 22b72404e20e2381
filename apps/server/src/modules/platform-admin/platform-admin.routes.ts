import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { withFieldsUnder } from '../../platform/errors.ts';
import { auditOrigin } from '../security/index.ts';
import { createStoreInput, type StoreAdminService, type StoreService } from '../tenancy/index.ts';
import { createdStoreSchema, storeIdParams, storeListQuery, storePage, storeSchema, storeStatusPatch } from './platform-admin.schemas.ts';
import { PLATFORM_SCHEME, platformCtx, requirePlatformToken } from './platform-token.ts';

export interface PlatformAdminDeps {
  /** PLATFORM_ADMIN_TOKEN; the composition root registers these routes only when it is set. */
  token: string;
  stores: StoreService;
  storeAdmin: StoreAdminService;
}

const tags = ['platform'];
const security = [{ [PLATFORM_SCHEME]: [] }];
/** Every operator call counts against the sign-in tier: a guessed token gets few tries. */
const config = { rateLimitTier: 'auth' as const };

/** The platform operator's API: /api/v1/platform/stores. */
export function platformAdminRoutes(deps: PlatformAdminDeps): FastifyPluginAsync {
  return async (app) => {
    requirePlatformToken(app, deps.token);
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.post(
      '/stores',
      { config, schema: { tags, security, summary: 'Create a store and its owner; returns the owner’s one-time password-set link', body: createStoreInput, response: { 201: createdStoreSchema } } },
      async (request, reply) => {
        const created = await deps.stores.createStore(platformCtx(request), request.body, auditOrigin(request)).catch((err: unknown) => {
          throw withFieldsUnder('body', err);
        });
        return reply.code(201).header('cache-control', 'no-store').send(created);
      },
    );
    r.get(
      '/stores',
      { config, schema: { tags, security, summary: 'List stores, newest first', querystring: storeListQuery, response: { 200: storePage } } },
      async (request) => deps.storeAdmin.listStores(platformCtx(request), request.query),
    );
    r.get(
      '/stores/:id',
      { config, schema: { tags, security, summary: 'One store', params: storeIdParams, response: { 200: storeSchema } } },
      async (request) => deps.storeAdmin.getStore(platformCtx(request), request.params.id),
    );
    r.patch(
      '/stores/:id',
      { config, schema: { tags, security, summary: 'Suspend or reactivate a store', params: storeIdParams, body: storeStatusPatch, response: { 200: storeSchema } } },
      async (request) => deps.storeAdmin.setStatus(platformCtx(request), request.params.id, request.body.status, auditOrigin(request)),
    );
  };
}
