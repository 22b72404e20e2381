import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../platform/db/database.ts';
import type { OrderEditRow } from './order-edit-view.ts';
import type { OrderLineRow, OrderRow } from './order.repository.ts';
import { orderEdits, orderLines, orders } from './orders.tables.ts';

/** A variant of the store as an edit sells it: today's catalog price, tax class and categories. */
export interface VariantToSell {
  id: string;
  productId: string;
  productName: string;
  sku: string;
  optionValues: Record<string, string>;
  priceAmount: number;
  currency: string;
  taxClass: string;
  /** The product is active (drafts and archived products are not sold). */
  active: boolean;
  categoryIds: string[];
}

/** The store's variants with these ids, as the catalog has them now; ids of no variant of this store are simply missing. */
export async function variantsToSell(tx: Tx, tenantId: string, variantIds: readonly string[]): Promise<VariantToSell[]> {
  if (variantIds.length === 0) return [];
  const result = await tx.execute<Record<string, unknown>>(sql`
    select v.id, v.product_id, p.name as product_name, v.sku, v.option_values, v.price_amount::float8 as price_amount, v.currency, v.tax_class,
           p.status = 'active' as active,
           coalesce((select array_agg(pc.category_id order by pc.position) from product_categories pc
                     where pc.tenant_id = v.tenant_id and pc.product_id = v.product_id), '{}') as category_ids
    from variants v join products p on p.tenant_id = v.tenant_id and p.id = v.product_id
    where v.tenant_id = ${tenantId} and v.id in ${[...variantIds]}`);
  return result.rows.map((r) => ({
    id: r.id as string,
    productId: r.product_id as string,
    productName: r.product_name as string,
    sku: r.sku as string,
    optionValues: r.option_values as Record<string, string>,
    priceAmount: r.price_amount as number,
    currency: r.currency as string,
    taxClass: r.tax_class as string,
    active: r.active as boolean,
    categoryIds: r.category_ids as string[],
  }));
}

/** The categories of the store's products, for discounts scoped to categories; products without any are left out. */
export async function categoriesOfProducts(tx: Tx, tenantId: string, productIds: readonly string[]): Promise<Map<string, string[]>> {
  if (productIds.length === 0) return new Map();
  const result = await tx.execute<{ product_id: string; category_ids: string[] }>(sql`
    select product_id, array_agg(category_id order by position) as category_ids from product_categories
    where tenant_id = ${tenantId} and product_id in ${[...new Set(productIds)]}
    group by product_id`);
  return new Map(result.rows.map((r) => [r.product_id, r.category_ids]));
}

/** A line's new quantity, figures and hold. */
export async function updateOrderLine(
  tx: Tx,
  tenantId: string,
  lineId: string,
  fields: Pick<OrderLineRow, 'quantity' | 'discountAmount' | 'taxAmount' | 'totalAmount' | 'reservationId'>,
): Promise<void> {
  await tx.update(orderLines).set(fields).where(and(eq(orderLines.tenantId, tenantId), eq(orderLines.id, lineId)));
}

export async function deleteOrderLines(tx: Tx, tenantId: string, orderId: string, lineIds: readonly string[]): Promise<void> {
  if (lineIds.length === 0) return;
  await tx.delete(orderLines).where(and(eq(orderLines.tenantId, tenantId), eq(orderLines.orderId, orderId), inArray(orderLines.id, [...lineIds])));
}

export type EditedOrderFields = Pick<
  OrderRow,
  'email' | 'phone' | 'customerName' | 'shippingAddress' | 'shippingMethod' | 'subtotalAmount' | 'discountAmount' | 'shippingAmount' | 'taxAmount' | 'grandTotalAmount' | 'totals'
>;

export async function updateEditedOrder(tx: Tx, tenantId: string, orderId: string, fields: EditedOrderFields): Promise<OrderRow> {
  const [row] = await tx
    .update(orders)
    .set({ ...fields, updatedAt: sql`now()` })
    .where(and(eq(orders.tenantId, tenantId), eq(orders.id, orderId)))
    .returning();
  return row!;
}

export async function insertOrderEdit(tx: Tx, row: Omit<typeof orderEdits.$inferInsert, 'id' | 'at'>): Promise<OrderEditRow> {
  const [inserted] = await tx.insert(orderEdits).values({ ...row, id: uuidv7() }).returning();
  return inserted!;
}

/** The order's edits, oldest first; fetches limit + 1. */
export async function listOrderEdits(tx: Tx, tenantId: string, orderId: string, page: { limit: number; cursor?: string | undefined }): Promise<OrderEditRow[]> {
  return tx
    .select()
    .from(orderEdits)
    .where(and(eq(orderEdits.tenantId, tenantId), eq(orderEdits.orderId, orderId), page.cursor ? gt(orderEdits.id, page.cursor) : undefined))
    .orderBy(asc(orderEdits.id))
    .limit(page.limit + 1);
}
