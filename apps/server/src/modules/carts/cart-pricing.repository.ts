import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { executePrepared } from '../../platform/db/prepared-statement.ts';
import { checkoutInputColumns, checkoutInputRowsOf, type CheckoutInputQuery, type CheckoutInputRows } from '../checkout-settings/index.ts';
import { lineDetailsColumn, type CartLineDetail } from './cart-line.repository.ts';
import { cartRowOfJson, type CartRow } from './cart.repository.ts';

export interface CartPricingQuery extends CheckoutInputQuery {
  withLines: boolean;
  /**
   * An UPDATE of the cart row (see `touchCartUpdate`) to run in the same statement; the answer
   * then has the cart's new `updatedAt` and `expiresAt`. The rest of the statement reads other
   * tables only, so it sees what it would have seen after the update.
   */
  touch?: SQL;
  /** An INSERT of the cart (see `newCartInsert`) to run in the same statement; the answer then has the new cart. Not with `touch`. */
  create?: SQL;
}

export interface CartPricingRows {
  inputs: CheckoutInputRows;
  lines: CartLineDetail[];
  /** With `touch`: the cart's new times. */
  touched?: { updatedAt: Date; expiresAt: Date };
  /** With `create`: the new cart. */
  created?: CartRow;
}

/** What pricing a cart reads, in one statement: the checkout settings it needs and, unless the cart is known to be empty, its lines. */
export async function cartPricingRows(tx: Tx, tenantId: string, cartId: string, query: CartPricingQuery): Promise<CartPricingRows> {
  const columns = sql`${checkoutInputColumns(tenantId, query)}${query.withLines ? sql`, ${lineDetailsColumn(tenantId, cartId)}` : sql``}`;
  const statement = query.touch
    ? sql`with touched as (${query.touch}) select (select updated_at from touched) as touched_updated_at, (select expires_at from touched) as touched_expires_at, ${columns}`
    : query.create
      ? sql`with created as (${query.create}) select (select row_to_json(created) from created) as created_cart, ${columns}`
      : sql`select ${columns}`;
  const [row] = await executePrepared<Record<string, unknown>>(tx, statement);
  if (!row) throw new Error('the pricing read returned no row');
  const touched = query.touch ? timesOf(row) : undefined;
  const created = query.create ? cartRowOfJson(row.created_cart) : undefined;
  return { inputs: checkoutInputRowsOf(row, query.withStore), lines: query.withLines ? (row.lines as CartLineDetail[]) : [], ...(touched ? { touched } : {}), ...(created ? { created } : {}) };
}

function timesOf(row: Record<string, unknown>): { updatedAt: Date; expiresAt: Date } {
  if (row.touched_updated_at === null || row.touched_updated_at === undefined) throw new Error('the cart to touch was not found');
  return { updatedAt: new Date(row.touched_updated_at as string), expiresAt: new Date(row.touched_expires_at as string) };
}
