import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { discounts } from './checkout-settings.tables.ts';
import type { DiscountRow } from './discount.repository.ts';

/** The store's discounts with these ids, whatever their state (an order keeps the ones it used), by id. */
export async function discountsByIds(tx: Tx, tenantId: string, ids: readonly string[]): Promise<DiscountRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(discounts)
    .where(and(eq(discounts.tenantId, tenantId), inArray(discounts.id, [...ids])))
    .orderBy(asc(discounts.id));
}

/**
 * Gives back the use an order made of a discount, inside the caller's transaction: its redemption
 * row goes, and the discount's and the customer's use counts drop by one, each in one conditional
 * statement. False when the order holds no redemption of it (nothing changes).
 */
export async function releaseRedemption(tx: Tx, tenantId: string, redemption: { discountId: string; orderReference: string }): Promise<boolean> {
  const gone = await tx.execute<{ customer_key: string | null }>(sql`
    delete from discount_redemptions
    where tenant_id = ${tenantId} and id = (
      select id from discount_redemptions
      where tenant_id = ${tenantId} and discount_id = ${redemption.discountId} and order_reference = ${redemption.orderReference}
      order by id limit 1)
    returning case when customer_id is not null then 'customer:' || customer_id when email is not null then 'email:' || email end as customer_key`);
  const row = gone.rows[0];
  if (!row) return false;
  await tx.execute(sql`
    update discounts set times_used = times_used - 1, updated_at = now()
    where tenant_id = ${tenantId} and id = ${redemption.discountId} and times_used > 0`);
  if (row.customer_key) {
    await tx.execute(sql`
      update discount_customer_usages set times_used = times_used - 1
      where tenant_id = ${tenantId} and discount_id = ${redemption.discountId} and customer_key = ${row.customer_key} and times_used > 0`);
  }
  return true;
}
