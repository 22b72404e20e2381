import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { pageOf, type Page, type PageQuery } from '../../platform/http/pagination.ts';
import { customerView, tenantOf, type CustomerView } from './customer-context.ts';
import { findCustomerById, listCustomers } from './customer.repository.ts';
import type { CustomerDeps } from './customers.deps.ts';

/** What staff (customers:read) see of a store's customers; never password hashes. */
export function createCustomerAdminService(deps: CustomerDeps) {
  const { db } = deps.identity;
  return {
    async list(ctx: Ctx, query: PageQuery & { search?: string | undefined }): Promise<Page<CustomerView>> {
      const tenantId = tenantOf(ctx);
      const rows = await inTransaction(db, { tenantId }, (tx) => listCustomers(tx, tenantId, { limit: query.limit, before: query.cursor, search: query.search }));
      return pageOf(rows, query.limit, customerView);
    },

    async get(ctx: Ctx, id: string): Promise<CustomerView> {
      const tenantId = tenantOf(ctx);
      const row = await inTransaction(db, { tenantId }, (tx) => findCustomerById(tx, tenantId, id));
      if (!row) throw new DomainError('CUSTOMER_NOT_FOUND', 'There is no such customer.');
      return customerView(row);
    },
  };
}

export type CustomerAdminService = ReturnType<typeof createCustomerAdminService>;
