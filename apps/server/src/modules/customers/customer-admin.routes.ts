import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ctxOf } from '../../platform/http/authenticate.ts';
import { pageQuery, pageSchema } from '../../platform/http/pagination.ts';
import { customerSchema, idParams } from './customer.schemas.ts';
import type { CustomerServices } from './customers.services.ts';

const read = { permission: 'customers:read' as const };
const listQuery = pageQuery.extend({ search: z.string().trim().min(1).max(100).optional() }).strict();

/** Staff's view of the store's customers: /api/v1/admin/customers… */
export function customerAdminRoutes(services: CustomerServices): FastifyPluginAsync {
  return async (app) => {
    const r = app.withTypeProvider<ZodTypeProvider>();
    r.get('/customers', { config: read, schema: { tags: ['customers'], summary: 'The store’s customers, newest first; `search` matches email or name', querystring: listQuery, response: { 200: pageSchema(customerSchema) } } },
      async (request) => services.admin.list(ctxOf(request), request.query));
    r.get('/customers/:id', { config: read, schema: { tags: ['customers'], summary: 'One customer', params: idParams, response: { 200: customerSchema } } },
      async (request) => services.admin.get(ctxOf(request), request.params.id));
  };
}
