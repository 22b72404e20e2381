import { uuidv7 } from 'uuidv7';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { pageOf, type Page, type PageQuery } from '../../platform/http/pagination.ts';
import { customerOf } from './customer-context.ts';
import { clearDefaultAddress, deleteAddress, findAddress, insertAddress, listAddresses, updateAddress, type AddressFields, type AddressRow } from './address.repository.ts';
import type { CustomerDeps } from './customers.deps.ts';

export type AddressView = Omit<AddressRow, 'tenantId' | 'customerId' | 'createdAt'> & { createdAt: string };

const view = ({ tenantId: _t, customerId: _c, createdAt, ...rest }: AddressRow): AddressView => ({ ...rest, createdAt: createdAt.toISOString() });
/** Another customer's or another store's address answers the same as one that never existed. */
const notFound = () => new DomainError('CUSTOMER_ADDRESS_NOT_FOUND', 'There is no such address.');

export function createAddressService(deps: CustomerDeps) {
  const { db } = deps.identity;
  return {
    async list(ctx: Ctx, page: PageQuery): Promise<Page<AddressView>> {
      const { tenantId, customerId } = customerOf(ctx);
      const rows = await inTransaction(db, { tenantId }, (tx) => listAddresses(tx, tenantId, customerId, { limit: page.limit, before: page.cursor }));
      return pageOf(rows, page.limit, view);
    },

    async get(ctx: Ctx, id: string): Promise<AddressView> {
      const { tenantId, customerId } = customerOf(ctx);
      const row = await inTransaction(db, { tenantId }, (tx) => findAddress(tx, tenantId, customerId, id));
      if (!row) throw notFound();
      return view(row);
    },

    async create(ctx: Ctx, input: AddressFields): Promise<AddressView> {
      const { tenantId, customerId } = customerOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        if (input.isDefault) await clearDefaultAddress(tx, tenantId, customerId);
        return view(await insertAddress(tx, { ...input, id: uuidv7(), tenantId, customerId }));
      });
    },

    async update(ctx: Ctx, id: string, input: Partial<AddressFields>): Promise<AddressView> {
      const { tenantId, customerId } = customerOf(ctx);
      const row = await inTransaction(db, { tenantId }, async (tx) => {
        if (!(await findAddress(tx, tenantId, customerId, id))) return undefined;
        if (input.isDefault) await clearDefaultAddress(tx, tenantId, customerId);
        return updateAddress(tx, tenantId, customerId, id, input);
      });
      if (!row) throw notFound();
      return view(row);
    },

    async remove(ctx: Ctx, id: string): Promise<void> {
      const { tenantId, customerId } = customerOf(ctx);
      if (!(await inTransaction(db, { tenantId }, (tx) => deleteAddress(tx, tenantId, customerId, id)))) throw notFound();
    },
  };
}

export type AddressService = ReturnType<typeof createAddressService>;
