import type { FastifyPluginAsync } from 'fastify';
import { accountRoutes } from './account.routes.ts';
import { authRoutes } from './auth.routes.ts';
import type { IdentityServices } from './identity.services.ts';
import { staffRoutes } from './staff.routes.ts';

/** Every identity route, registered under /api/v1/admin. */
export function identityRoutes(services: IdentityServices): FastifyPluginAsync {
  return async (app) => {
    await app.register(authRoutes(services), { prefix: '/auth' });
    await app.register(accountRoutes(services), { prefix: '/auth' });
    await app.register(staffRoutes(services));
  };
}
