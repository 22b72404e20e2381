import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/http/authenticate.ts';
import { auditOrigin } from '../security/index.ts';
import { SEARCH_LANGUAGES, storeSettingsPatchSchema } from './store-settings.ts';
import type { StoreService } from './store.service.ts';

export const storeSchema = z.object({
  id: z.uuid(),
  handle: z.string(),
  name: z.string(),
  defaultCurrency: z.string(),
  locale: z.string(),
  timezone: z.string(),
  status: z.string(),
  settings: z.object({ requireMfaForAdmins: z.boolean(), searchLanguage: z.enum(SEARCH_LANGUAGES), showStockQuantities: z.boolean(), lowStockDisplayThreshold: z.number().int(), pricesIncludeTax: z.boolean(), shippingTaxClass: z.string() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const storePatch = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    defaultCurrency: z.string().max(3).optional(),
    locale: z.string().max(35).optional(),
    timezone: z.string().max(64).optional(),
    settings: storeSettingsPatchSchema.optional(),
  })
  .strict();

/** The signed-in store itself: /api/v1/admin/store. */
export function tenancyRoutes(stores: StoreService): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get(
      '/store',
      { config: { permission: 'store:read' }, schema: { tags: ['store'], summary: 'The store you are signed in to', response: { 200: storeSchema } } },
      async (request) => stores.getStore(ctxOf(request)),
    );
    r.patch(
      '/store',
      {
        config: { permission: 'store:manage' },
        schema: { tags: ['store'], summary: "Change the store's name, currency, locale, time zone or settings", body: storePatch, response: { 200: storeSchema } },
      },
      async (request) => stores.updateStore(ctxOf(request), request.body, auditOrigin(request)),
    );
  };
}
