import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { executePrepared } from '../../platform/db/prepared-statement.ts';
import { checkoutInputColumns, checkoutInputRowsOf, type CheckoutInputQuery, type CheckoutInputRows } from '../checkout-settings/index.ts';
import { lineDetailsColumn, type CartLineDetail } from './cart-line.repository.ts';

/** What pricing a cart reads, in one statement: the checkout settings it needs and, unless the cart is known to be empty, its lines. */
export async function cartPricingRows(tx: Tx, tenantId: string, cartId: string, query: CheckoutInputQuery & { withLines: boolean }): Promise<{ inputs: CheckoutInputRows; lines: CartLineDetail[] }> {
  const [row] = await executePrepared<Record<string, unknown>>(tx, sql`
    select ${checkoutInputColumns(tenantId, query)}${query.withLines ? sql`, ${lineDetailsColumn(tenantId, cartId)}` : sql``}`);
  if (!row) throw new Error('the pricing read returned no row');
  return { inputs: checkoutInputRowsOf(row, query.withStore), lines: query.withLines ? (row.lines as CartLineDetail[]) : [] };
}
