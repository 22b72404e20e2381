import { randomBytes } from 'node:crypto';
import { systemCtx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import { lockSeedAndCountStores } from './store.repository.ts';
import { createStoreService, type TenancyDeps } from './store.service.ts';

export const DEMO_STORE = {
  name: 'Demo store',
  handle: 'demo',
  defaultCurrency: 'EUR',
  locale: 'en',
  timezone: 'Europe/Amsterdam',
  owner: { email: 'owner@demo.winkel.local', name: 'Demo owner' },
} as const;

/** What the first start made; the password exists nowhere else (only its hash is stored). */
export interface DemoStoreSeed {
  storeId: string;
  handle: string;
  email: string;
  password: string;
  publishableKey: string;
}

/**
 * On a database without any store, creates the demo store and its owner with
 * a random password, returned once for the start banner (never logged). Any
 * other time, and on every instance but one when several start together: null.
 */
export async function seedDemoStore(deps: TenancyDeps, log: Logger): Promise<DemoStoreSeed | null> {
  const stores = createStoreService(deps);
  const password = randomBytes(15).toString('base64url');
  const created = await inTransaction(deps.db, { tenantId: null, platform: true }, async (tx) => {
    if ((await lockSeedAndCountStores(tx)) > 0) return null;
    return stores.insertStoreWithOwner(tx, systemCtx(log, 'demo-seed'), DEMO_STORE, password);
  });
  if (!created) return null;
  log.info({ storeId: created.storeId, handle: created.handle, ownerEmail: DEMO_STORE.owner.email }, 'created the demo store on first start');
  return { storeId: created.storeId, handle: created.handle, email: DEMO_STORE.owner.email, password, publishableKey: created.publishableKey };
}
