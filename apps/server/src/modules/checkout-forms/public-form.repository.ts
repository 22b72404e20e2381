import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { stores } from '../tenancy/tenancy.tables.ts';
import type { CheckoutFormRow } from './checkout-form.repository.ts';
import { checkoutForms } from './checkout-forms.tables.ts';

export interface PublishedFormRow {
  form: CheckoutFormRow;
  /** The store's currency and settings (how it shows stock). */
  currency: string;
  settings: unknown;
  items: Array<{ variantId: string; maxQuantity: number }>;
}

/** The store's published form with this slug, while the store is active; its items in order. */
export async function findPublishedForm(tx: Tx, tenantId: string, slug: string): Promise<PublishedFormRow | undefined> {
  const [row] = await tx
    .select({
      form: checkoutForms,
      currency: stores.defaultCurrency,
      settings: stores.settings,
      items: sql<PublishedFormRow['items']>`coalesce((
        select json_agg(json_build_object('variantId', i.variant_id, 'maxQuantity', i.max_quantity) order by i.position)
        from checkout_form_items i where i.tenant_id = ${tenantId} and i.form_id = ${checkoutForms.id}), '[]'::json)`,
    })
    .from(checkoutForms)
    .innerJoin(stores, eq(stores.id, checkoutForms.tenantId))
    .where(and(eq(checkoutForms.tenantId, tenantId), eq(checkoutForms.slug, slug), eq(checkoutForms.status, 'published'), eq(stores.status, 'active')));
  return row;
}

/** An item of the form as a shopper sees it: what the catalog says of its variant now. */
export interface OfferedItemRow {
  variantId: string;
  maxQuantity: number;
  productName: string;
  optionValues: Record<string, string>;
  price: number;
  compareAt: number | null;
  currency: string;
  trackStock: boolean;
  /** Available stock summed over the store's locations. */
  available: number;
}

/** The form's items whose products are on sale, in the form's order. */
export async function offeredItems(tx: Tx, tenantId: string, formId: string): Promise<OfferedItemRow[]> {
  const result = await tx.execute<{
    variant_id: string; max_quantity: number; product_name: string; option_values: Record<string, string>; price_amount: string | number;
    compare_at_amount: string | number | null; currency: string; track_stock: boolean; available: string | number;
  }>(sql`
    select i.variant_id, i.max_quantity, p.name as product_name, v.option_values, v.price_amount, v.compare_at_amount, v.currency, v.track_stock,
           coalesce((select sum(s.available) from stock_levels s where s.tenant_id = ${tenantId} and s.variant_id = v.id), 0) as available
    from checkout_form_items i
    join variants v on v.tenant_id = i.tenant_id and v.id = i.variant_id
    join products p on p.tenant_id = v.tenant_id and p.id = v.product_id
    where i.tenant_id = ${tenantId} and i.form_id = ${formId} and p.status = 'active' and p.published_at is not null and p.published_at <= now()
    order by i.position`);
  return result.rows.map((r) => ({
    variantId: r.variant_id,
    maxQuantity: r.max_quantity,
    productName: r.product_name,
    optionValues: r.option_values,
    price: Number(r.price_amount),
    compareAt: r.compare_at_amount === null ? null : Number(r.compare_at_amount),
    currency: r.currency,
    trackStock: r.track_stock,
    available: Number(r.available),
  }));
}
