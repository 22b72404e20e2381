import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../platform/db/database.ts';
import { executePrepared } from '../../platform/db/prepared-statement.ts';
import { slot, statementTemplate, type ValueOrSlot } from '../../platform/db/statement-template.ts';
import { cartLines } from './carts.tables.ts';

export type CartLineRow = typeof cartLines.$inferSelect;

/** A cart line with what the catalog says about its variant now. */
export interface CartLineDetail {
  id: string;
  variantId: string;
  quantity: number;
  productId: string;
  productName: string;
  sku: string;
  optionValues: Record<string, string>;
  priceAmount: number;
  currency: string;
  taxClass: string;
  /** The product is active and published. */
  onSale: boolean;
  categoryIds: string[];
}

/** A variant of the store with its product, as the cart needs it; undefined when the store has no such variant. */
export interface VariantForCart {
  id: string;
  productId: string;
  currency: string;
  taxClass: string;
  onSale: boolean;
}

/** Whether product `p` is on sale now: active and published by now. */
const productOnSale = sql`(p.status = 'active' and p.published_at is not null and p.published_at <= now())`;

/** `VariantForCart` as one JSON value (null: no such variant), for a statement that reads it with other things (see lockActiveCartWithStore). */
export function variantForCartJson(tenantId: ValueOrSlot<string>, variantId: ValueOrSlot<string>): SQL {
  return sql`(select json_build_object('id', v.id, 'productId', v.product_id, 'currency', v.currency, 'taxClass', v.tax_class,
      'onSale', ${productOnSale})
    from variants v join products p on p.tenant_id = v.tenant_id and p.id = v.product_id
    where v.tenant_id = ${tenantId} and v.id = ${variantId})`;
}

export async function findVariantForCart(tx: Tx, tenantId: string, variantId: string): Promise<VariantForCart | undefined> {
  const [row] = await executePrepared<{ variant: VariantForCart | null }>(tx, sql`select ${variantForCartJson(tenantId, variantId)} as variant`);
  return row?.variant ?? undefined;
}

/** A line's variant, product and categories as the catalog has them now: the fields of a `CartLineDetail` but `id` and `quantity`, for a json_build_object over variants `v` joined to products `p`. */
const variantDetailFields = sql`'variantId', v.id, 'productId', v.product_id, 'productName', p.name, 'sku', v.sku,
  'optionValues', v.option_values, 'priceAmount', v.price_amount::float8, 'currency', v.currency, 'taxClass', v.tax_class,
  'onSale', ${productOnSale},
  'categoryIds', coalesce((select array_agg(pc.category_id order by pc.position) from product_categories pc
                           where pc.tenant_id = v.tenant_id and pc.product_id = v.product_id), '{}')`;

/** The column `lines`: the cart's lines as JSON `CartLineDetail`s, oldest first, each with its variant, product and categories as the catalog has them now. */
export function lineDetailsColumn(tenantId: ValueOrSlot<string>, cartId: ValueOrSlot<string> | SQL): SQL {
  return sql`(
    select coalesce(json_agg(json_build_object('id', l.id, 'quantity', l.quantity, ${variantDetailFields}) order by l.id), '[]'::json)
    from cart_lines l
    join variants v on v.tenant_id = l.tenant_id and v.id = l.variant_id
    join products p on p.tenant_id = v.tenant_id and p.id = v.product_id
    where l.tenant_id = ${tenantId} and l.cart_id = ${cartId}) as lines`;
}

/** A variant of the store as a cart line would show it, `CartLineDetail` but `id` and `quantity`, as one JSON value (null: no such variant). */
export function variantDetailJson(tenantId: ValueOrSlot<string>, variantId: ValueOrSlot<string>): SQL {
  return sql`(select json_build_object(${variantDetailFields})
    from variants v join products p on p.tenant_id = v.tenant_id and p.id = v.product_id
    where v.tenant_id = ${tenantId} and v.id = ${variantId})`;
}

export async function countLines(tx: Tx, tenantId: string, cartId: string): Promise<number> {
  const [row] = await tx.select({ n: count() }).from(cartLines).where(and(eq(cartLines.tenantId, tenantId), eq(cartLines.cartId, cartId)));
  return row?.n ?? 0;
}

export async function findLineOfVariant(tx: Tx, tenantId: string, cartId: string, variantId: string): Promise<CartLineRow | undefined> {
  const [row] = await tx.select().from(cartLines).where(and(eq(cartLines.tenantId, tenantId), eq(cartLines.cartId, cartId), eq(cartLines.variantId, variantId)));
  return row;
}

export async function linesOf(tx: Tx, tenantId: string, cartId: string): Promise<CartLineRow[]> {
  return tx.select().from(cartLines).where(and(eq(cartLines.tenantId, tenantId), eq(cartLines.cartId, cartId))).orderBy(asc(cartLines.id));
}

/**
 * Adds `quantity` of a variant in one statement: more of the line the cart already has, or a new
 * line while the cart holds fewer than `maxLines`. Refuses (returns false) when the line would pass
 * `maxQuantity` or a new line finds the cart full; the caller holds the cart's row lock, so the
 * count cannot change underneath.
 */
export async function addToLine(tx: Tx, tenantId: string, cartId: string, variantId: string, quantity: number, limits: { maxQuantity: number; maxLines: number }): Promise<boolean> {
  const written = await executePrepared(tx, sql`
    insert into cart_lines (id, tenant_id, cart_id, variant_id, quantity)
    select ${uuidv7()}, ${tenantId}, ${cartId}, ${variantId}, ${quantity}
    where exists (select 1 from cart_lines o where o.tenant_id = ${tenantId} and o.cart_id = ${cartId} and o.variant_id = ${variantId})
       or (select count(*) from cart_lines o where o.tenant_id = ${tenantId} and o.cart_id = ${cartId}) < ${limits.maxLines}
    on conflict (tenant_id, cart_id, variant_id) do update
      set quantity = cart_lines.quantity + excluded.quantity, updated_at = now()
      where cart_lines.quantity + excluded.quantity <= ${limits.maxQuantity}
    returning 1 as written`);
  return written.length > 0;
}

/** Merges a line from another cart: the quantities add up, capped at `max`. */
export async function mergeIntoLine(tx: Tx, tenantId: string, cartId: string, variantId: string, quantity: number, max: number): Promise<void> {
  await tx
    .insert(cartLines)
    .values({ id: uuidv7(), tenantId, cartId, variantId, quantity: Math.min(quantity, max) })
    .onConflictDoUpdate({
      target: [cartLines.tenantId, cartLines.cartId, cartLines.variantId],
      set: { quantity: sql`least(${cartLines.quantity} + excluded.quantity, ${max})`, updatedAt: sql`now()` },
    });
}

/** What a change to a cart's lines writes, decided in Node from the locked cart's lines: a new line, a line's new quantity, or a line gone. */
export type LineWrite = { kind: 'insert'; id: string; variantId: string; quantity: number } | { kind: 'quantity'; id: string; quantity: number } | { kind: 'delete'; id: string };

const lineWrites = {
  insert: statementTemplate(() => sql`insert into cart_lines (id, tenant_id, cart_id, variant_id, quantity)
    values (${slot('id')}, ${slot('tenantId')}, ${slot('cartId')}, ${slot('variantId')}, ${slot('quantity')})`),
  quantity: statementTemplate(() => sql`update cart_lines set quantity = ${slot('quantity')}, updated_at = now()
    where tenant_id = ${slot('tenantId')} and cart_id = ${slot('cartId')} and id = ${slot('id')}`),
  delete: statementTemplate(() => sql`delete from cart_lines where tenant_id = ${slot('tenantId')} and cart_id = ${slot('cartId')} and id = ${slot('id')}`),
};

/** Sends the write at once (a statement template, so it can go with the commit, see commitWith). The caller holds the cart's lock and decided the write from its lines. */
export async function sendLineWrite(tx: Tx, tenantId: string, cartId: string, write: LineWrite): Promise<void> {
  await lineWrites[write.kind].run(tx, { tenantId, cartId, ...write });
}
