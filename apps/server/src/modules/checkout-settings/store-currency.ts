import type { Tx } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { findStoreById } from '../tenancy/index.ts';

/** The store's currency, which every price, fee and fixed discount of the store is in. */
export async function storeCurrency(tx: Tx, tenantId: string): Promise<string> {
  const store = await findStoreById(tx, tenantId);
  if (!store) throw new DomainError('TENANCY_STORE_NOT_FOUND', 'The store no longer exists.');
  return store.defaultCurrency;
}
