import { and, asc, count, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../platform/db/database.ts';
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

export async function findVariantForCart(tx: Tx, tenantId: string, variantId: string): Promise<VariantForCart | undefined> {
  const result = await tx.execute<{ id: string; product_id: string; currency: string; tax_class: string; on_sale: boolean }>(sql`
    select v.id, v.product_id, v.currency, v.tax_class,
           (p.status = 'active' and p.published_at is not null and p.published_at <= now()) as on_sale
    from variants v join products p on p.tenant_id = v.tenant_id and p.id = v.product_id
    where v.tenant_id = ${tenantId} and v.id = ${variantId}`);
  const row = result.rows[0];
  return row && { id: row.id, productId: row.product_id, currency: row.currency, taxClass: row.tax_class, onSale: row.on_sale };
}

/** The cart's lines, oldest first, each with its variant, product and categories as the catalog has them now. */
export async function linesWithDetails(tx: Tx, tenantId: string, cartId: string): Promise<CartLineDetail[]> {
  const result = await tx.execute<Record<string, unknown>>(sql`
    select l.id, l.variant_id, l.quantity, v.product_id, p.name as product_name, v.sku, v.option_values, v.price_amount::float8 as price_amount,
           v.currency, v.tax_class,
           (p.status = 'active' and p.published_at is not null and p.published_at <= now()) as on_sale,
           coalesce((select array_agg(pc.category_id order by pc.position) from product_categories pc
                     where pc.tenant_id = l.tenant_id and pc.product_id = v.product_id), '{}') as category_ids
    from cart_lines l
    join variants v on v.tenant_id = l.tenant_id and v.id = l.variant_id
    join products p on p.tenant_id = v.tenant_id and p.id = v.product_id
    where l.tenant_id = ${tenantId} and l.cart_id = ${cartId}
    order by l.id`);
  return result.rows.map((r) => ({
    id: r.id as string,
    variantId: r.variant_id as string,
    quantity: r.quantity as number,
    productId: r.product_id as string,
    productName: r.product_name as string,
    sku: r.sku as string,
    optionValues: r.option_values as Record<string, string>,
    priceAmount: r.price_amount as number,
    currency: r.currency as string,
    taxClass: r.tax_class as string,
    onSale: r.on_sale as boolean,
    categoryIds: r.category_ids as string[],
  }));
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
 * Adds `quantity` of a variant: a new line, or more of the line the cart already has, in one
 * statement that refuses (returns undefined) when the line would pass `max`.
 */
export async function addToLine(tx: Tx, tenantId: string, cartId: string, variantId: string, quantity: number, max: number): Promise<CartLineRow | undefined> {
  const [row] = await tx
    .insert(cartLines)
    .values({ id: uuidv7(), tenantId, cartId, variantId, quantity })
    .onConflictDoUpdate({
      target: [cartLines.tenantId, cartLines.cartId, cartLines.variantId],
      set: { quantity: sql`${cartLines.quantity} + excluded.quantity`, updatedAt: sql`now()` },
      setWhere: sql`${cartLines.quantity} + excluded.quantity <= ${max}`,
    })
    .returning();
  return row;
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

export async function setLineQuantity(tx: Tx, tenantId: string, cartId: string, lineId: string, quantity: number): Promise<CartLineRow | undefined> {
  const [row] = await tx
    .update(cartLines)
    .set({ quantity, updatedAt: sql`now()` })
    .where(and(eq(cartLines.tenantId, tenantId), eq(cartLines.cartId, cartId), eq(cartLines.id, lineId)))
    .returning();
  return row;
}

export async function deleteLine(tx: Tx, tenantId: string, cartId: string, lineId: string): Promise<CartLineRow | undefined> {
  const [row] = await tx.delete(cartLines).where(and(eq(cartLines.tenantId, tenantId), eq(cartLines.cartId, cartId), eq(cartLines.id, lineId))).returning();
  return row;
}
