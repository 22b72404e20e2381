import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { expireCarts } from './cart.repository.ts';

/** Carts changed per statement by the expiry job. */
const EXPIRY_BATCH = 500;
/** Abandoned and merged carts are deleted this many days after they expired. */
export const ABANDONED_CART_KEEP_DAYS = 30;

/** Marks every store's expired carts abandoned and deletes long-abandoned ones (the carts.expire job), in batches; returns the counts. */
export async function expireCartsOfAllStores(db: Db, ctx: Ctx): Promise<{ abandoned: number; deleted: number }> {
  const total = { abandoned: 0, deleted: 0 };
  for (;;) {
    const n = await inTransaction(db, { tenantId: null, platform: true }, (tx) => expireCarts(tx, EXPIRY_BATCH, ABANDONED_CART_KEEP_DAYS));
    total.abandoned += n.abandoned;
    total.deleted += n.deleted;
    if (n.abandoned < EXPIRY_BATCH && n.deleted < EXPIRY_BATCH) break;
  }
  if (total.abandoned + total.deleted > 0) ctx.log.info(total, 'expired carts abandoned and old ones deleted');
  return total;
}
