import type { Tx } from '../../platform/db/database.ts';
import type { OnlinePaymentProvider, ProviderCredentials } from './payment-provider.ts';
import { providerNotConfigured, type PaymentsDeps } from './payments.deps.ts';
import type { OnlineProviderName } from './payments.tables.ts';
import { findProviderAccount, type ProviderAccountRow } from './provider-account.repository.ts';

export interface ProviderAccess {
  provider: OnlinePaymentProvider;
  account: ProviderAccountRow;
  credentials: ProviderCredentials;
}

/**
 * The provider and the store's opened credentials for it; undefined when this server has no such
 * provider or the store has no account with it (or, with `enabledOnly`, has switched it off).
 */
export async function findProviderAccess(tx: Tx, deps: PaymentsDeps, tenantId: string, name: OnlineProviderName, enabledOnly: boolean): Promise<ProviderAccess | undefined> {
  const provider = deps.providers[name];
  if (!provider) return undefined;
  const account = await findProviderAccount(tx, tenantId, name);
  if (!account || (enabledOnly && !account.enabled)) return undefined;
  return { provider, account, credentials: deps.secrets.open(account) };
}

/** As findProviderAccess for a new payment: 422 PAYMENT_PROVIDER_NOT_CONFIGURED naming body.provider when it cannot be used. */
export async function providerAccessFor(tx: Tx, deps: PaymentsDeps, tenantId: string, name: OnlineProviderName): Promise<ProviderAccess> {
  const access = await findProviderAccess(tx, deps, tenantId, name, true);
  if (!access) throw providerNotConfigured(name);
  return access;
}
