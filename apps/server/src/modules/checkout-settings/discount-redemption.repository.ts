import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../platform/db/database.ts';

export interface Redemption {
  discountId: string;
  /** The order (or other document) the discount was used on. */
  orderReference: string;
  customerId?: string | null | undefined;
  email?: string | null | undefined;
}

/** `redeemed`, or why not: the discount is inactive or unknown, every use is taken, or this customer has used their share. */
export type RedeemOutcome = { ok: true; redemptionId: string } | { ok: false; reason: 'unavailable' | 'used_up' | 'customer_limit_reached' };

class Refused extends Error {
  constructor(readonly reason: 'unavailable' | 'used_up' | 'customer_limit_reached') {
    super(reason);
  }
}

/** `customer:<id>` for an account, else `email:<lower-cased email>`; null when there is neither. */
export function customerKeyOf(who: { customerId?: string | null | undefined; email?: string | null | undefined }): string | null {
  if (who.customerId) return `customer:${who.customerId}`;
  const email = who.email?.trim().toLowerCase();
  return email ? `email:${email}` : null;
}

/**
 * Uses a discount once, inside the caller's transaction, without ever passing its limits however
 * many checkouts race: the total is taken by one conditional UPDATE (which waits for any other
 * transaction holding the row and re-checks the limit on what it committed), the customer's share
 * by one conditional upsert. Runs in a savepoint, so a refusal leaves nothing behind and the
 * caller's transaction can go on. The counters and the redemption row change together.
 */
export async function redeemDiscount(tx: Tx, tenantId: string, redemption: Redemption): Promise<RedeemOutcome> {
  const customerKey = customerKeyOf(redemption);
  try {
    return await tx.transaction(async (sp) => {
      const taken = await sp.execute<{ per_customer_limit: number | null }>(sql`
        update discounts set times_used = times_used + 1, updated_at = now()
        where tenant_id = ${tenantId} and id = ${redemption.discountId} and active
          and (usage_limit is null or times_used < usage_limit)
        returning per_customer_limit`);
      const discount = taken.rows[0];
      if (!discount) {
        const exists = await sp.execute(sql`select 1 from discounts where tenant_id = ${tenantId} and id = ${redemption.discountId} and active`);
        throw new Refused(exists.rows.length > 0 ? 'used_up' : 'unavailable');
      }
      if (customerKey) {
        const limit = discount.per_customer_limit;
        const counted = await sp.execute(sql`
          insert into discount_customer_usages as u (tenant_id, discount_id, customer_key, times_used)
          values (${tenantId}, ${redemption.discountId}, ${customerKey}, 1)
          on conflict (tenant_id, discount_id, customer_key) do update set times_used = u.times_used + 1
          where ${limit}::int is null or u.times_used < ${limit}::int
          returning u.times_used`);
        if (counted.rows.length === 0) throw new Refused('customer_limit_reached');
      }
      const id = uuidv7();
      await sp.execute(sql`
        insert into discount_redemptions (id, tenant_id, discount_id, order_reference, customer_id, email)
        values (${id}, ${tenantId}, ${redemption.discountId}, ${redemption.orderReference}, ${redemption.customerId ?? null}, ${redemption.email?.trim().toLowerCase() || null})`);
      return { ok: true as const, redemptionId: id };
    });
  } catch (err) {
    if (err instanceof Refused) return { ok: false, reason: err.reason };
    throw err;
  }
}
