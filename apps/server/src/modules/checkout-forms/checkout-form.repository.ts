import { and, asc, eq, gt, inArray, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { checkoutFormItems, checkoutForms } from './checkout-forms.tables.ts';

export type CheckoutFormRow = typeof checkoutForms.$inferSelect;
export type FormItemRow = typeof checkoutFormItems.$inferSelect;
export type FormColumns = Omit<typeof checkoutForms.$inferInsert, 'id' | 'tenantId' | 'createdAt' | 'updatedAt'>;

export async function findForm(tx: Tx, tenantId: string, id: string, lock = false): Promise<CheckoutFormRow | undefined> {
  const query = tx.select().from(checkoutForms).where(and(eq(checkoutForms.tenantId, tenantId), eq(checkoutForms.id, id)));
  const [row] = await (lock ? query.for('update') : query);
  return row;
}

export async function slugTaken(tx: Tx, tenantId: string, slug: string, exceptId?: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: checkoutForms.id })
    .from(checkoutForms)
    .where(and(eq(checkoutForms.tenantId, tenantId), eq(checkoutForms.slug, slug), exceptId ? ne(checkoutForms.id, exceptId) : undefined));
  return row !== undefined;
}

export async function insertForm(tx: Tx, tenantId: string, id: string, columns: FormColumns): Promise<CheckoutFormRow> {
  const [row] = await tx.insert(checkoutForms).values({ ...columns, tenantId, id }).returning();
  return row!;
}

export async function updateForm(tx: Tx, tenantId: string, id: string, columns: Partial<FormColumns>): Promise<CheckoutFormRow | undefined> {
  const [row] = await tx
    .update(checkoutForms)
    .set({ ...columns, updatedAt: sql`now()` })
    .where(and(eq(checkoutForms.tenantId, tenantId), eq(checkoutForms.id, id)))
    .returning();
  return row;
}

/** Oldest first; fetches limit + 1. */
export async function listForms(tx: Tx, tenantId: string, page: { limit: number; cursor?: string | undefined; status?: CheckoutFormRow['status'] | undefined }): Promise<CheckoutFormRow[]> {
  return tx
    .select()
    .from(checkoutForms)
    .where(and(eq(checkoutForms.tenantId, tenantId), page.status ? eq(checkoutForms.status, page.status) : undefined, page.cursor ? gt(checkoutForms.id, page.cursor) : undefined))
    .orderBy(asc(checkoutForms.id))
    .limit(page.limit + 1);
}

/** The items of these forms, each form's in its order. */
export async function itemsOfForms(tx: Tx, tenantId: string, formIds: readonly string[]): Promise<FormItemRow[]> {
  if (formIds.length === 0) return [];
  return tx
    .select()
    .from(checkoutFormItems)
    .where(and(eq(checkoutFormItems.tenantId, tenantId), inArray(checkoutFormItems.formId, [...formIds])))
    .orderBy(asc(checkoutFormItems.formId), asc(checkoutFormItems.position));
}

/** The form offers exactly these items, in this order. */
export async function replaceItems(tx: Tx, tenantId: string, formId: string, items: ReadonlyArray<{ variantId: string; maxQuantity: number }>): Promise<FormItemRow[]> {
  await tx.delete(checkoutFormItems).where(and(eq(checkoutFormItems.tenantId, tenantId), eq(checkoutFormItems.formId, formId)));
  if (items.length === 0) return [];
  return tx
    .insert(checkoutFormItems)
    .values(items.map((item, position) => ({ tenantId, formId, variantId: item.variantId, position, maxQuantity: item.maxQuantity })))
    .returning();
}

/** What a form needs to know of each of these variants of the store (absent: the store has no such variant). */
export interface VariantOnOffer {
  id: string;
  currency: string;
  /** The product is active and published. */
  onSale: boolean;
}

export async function variantsOnOffer(tx: Tx, tenantId: string, variantIds: readonly string[]): Promise<Map<string, VariantOnOffer>> {
  if (variantIds.length === 0) return new Map();
  const result = await tx.execute<{ id: string; currency: string; on_sale: boolean }>(sql`
    select v.id, v.currency, (p.status = 'active' and p.published_at is not null and p.published_at <= now()) as on_sale
    from variants v join products p on p.tenant_id = v.tenant_id and p.id = v.product_id
    where v.tenant_id = ${tenantId} and v.id in (${sql.join(variantIds.map((id) => sql`${id}::uuid`), sql`, `)})`);
  return new Map(result.rows.map((r) => [r.id, { id: r.id, currency: r.currency, onSale: r.on_sale }]));
}
