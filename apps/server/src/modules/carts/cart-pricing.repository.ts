import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { checkoutInputColumns, checkoutInputRowsOf, type CheckoutInputQuery, type CheckoutInputRows } from '../checkout-settings/index.ts';
import { lineDetailsColumn, type CartLineDetail } from './cart-line.repository.ts';

/** What pricing a cart reads, in one statement: the checkout settings it needs and, unless the cart is known to be empty, its lines. */
export async function cartPricingRows(tx: Tx, tenantId: string, cartId: string, query: CheckoutInputQuery & { withLines: boolean }): Promise<{ inputs: CheckoutInputRows; lines: CartLineDetail[] }> {
  const result = await tx.execute<Record<string, unknown>>(sql`
    select ${checkoutInputColumns(tenantId, query)}${query.withLines ? sql`, ${lineDetailsColumn(tenantId, cartId)}` : sql``}`);
  const row = result.rows[0]!;
  return { inputs: checkoutInputRowsOf(row, query.withStore), lines: query.withLines ? (row.lines as CartLineDetail[]) : [] };
}
