import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { customerOf, customerView, type CustomerView } from './customer-context.ts';
import { findCustomerById, updateCustomer, type CustomerChanges } from './customer.repository.ts';
import type { CustomerDeps } from './customers.deps.ts';

const notFound = () => new DomainError('CUSTOMER_NOT_FOUND', 'There is no such customer.');

export function createProfileService(deps: CustomerDeps) {
  const { db } = deps.identity;
  return {
    async me(ctx: Ctx): Promise<CustomerView> {
      const { tenantId, customerId } = customerOf(ctx);
      const row = await inTransaction(db, { tenantId }, (tx) => findCustomerById(tx, tenantId, customerId));
      if (!row) throw notFound();
      return customerView(row);
    },

    /** Name and phone only: email, status and store are not the customer's to change here. */
    async update(ctx: Ctx, input: { name?: string | undefined; phone?: string | null | undefined }): Promise<CustomerView> {
      const { tenantId, customerId } = customerOf(ctx);
      const changes: CustomerChanges = {};
      if (input.name !== undefined) changes.name = input.name;
      if (input.phone !== undefined) changes.phone = input.phone;
      const row = await inTransaction(db, { tenantId }, (tx) => (Object.keys(changes).length ? updateCustomer(tx, tenantId, customerId, changes) : findCustomerById(tx, tenantId, customerId)));
      if (!row) throw notFound();
      return customerView(row);
    },
  };
}

export type ProfileService = ReturnType<typeof createProfileService>;
