import type { FastifyInstance } from 'fastify';
import type { Db } from '../../platform/db/database.ts';
import { registerApiKeyRoutes } from './api-key.routes.ts';
import { createApiKeyService } from './api-key.service.ts';
import { registerAuditRoutes } from './audit.routes.ts';
import { createAuditService } from './audit.service.ts';
import { createIpAccess } from './ip-access.ts';
import { registerIpGuard } from './ip-guard.ts';
import { registerIpRuleRoutes } from './ip-rule.routes.ts';
import { createIpRuleService } from './ip-rule.service.ts';

/**
 * The security module on an app: IP-rule enforcement for the whole admin API
 * (hooks on the root, so call this after registerAuthentication), and the
 * audit-log, API-key and IP-rule routes under /api/v1/admin.
 */
export async function registerSecurityModule(app: FastifyInstance, deps: { db: Db }): Promise<void> {
  const ipAccess = createIpAccess(deps.db);
  app.addHook('onClose', async () => ipAccess.close());
  registerIpGuard(app, ipAccess);
  await app.register(
    async (admin) => {
      registerAuditRoutes(admin, createAuditService(deps.db));
      registerApiKeyRoutes(admin, createApiKeyService(deps.db));
      registerIpRuleRoutes(admin, createIpRuleService(deps.db));
    },
    { prefix: '/api/v1/admin' },
  );
}
