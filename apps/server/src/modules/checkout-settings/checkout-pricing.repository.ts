import { sql, type SQL } from 'drizzle-orm';
import { executePrepared } from '../../platform/db/prepared-statement.ts';
import type { ValueOrSlot } from '../../platform/db/statement-template.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { DiscountRow } from './discount.repository.ts';
import type { ShippingMethodRow } from './shipping-method.repository.ts';

/** The store row's parts checkout prices with, and its tax rates by class. */
export interface StorePricingRow {
  /** Undefined when the store no longer exists. */
  defaultCurrency: string | undefined;
  settings: unknown;
  taxRates: Record<string, number>;
  /** For what is said to shoppers (the order confirmation). */
  name: string | undefined;
  locale: string | undefined;
}

export interface CheckoutInputRows {
  /** Only when asked for. */
  store: StorePricingRow | undefined;
  shippingMethod: ShippingMethodRow | undefined;
  /** The active automatic discounts (oldest first), then the active discounts with the codes asked for. */
  discounts: DiscountRow[];
}

type Json = Record<string, unknown>;
const dateOrNull = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));

function shippingMethodOf(r: Json): ShippingMethodRow {
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    name: r.name as string,
    kind: r.kind as ShippingMethodRow['kind'],
    priceAmount: r.price_amount as number,
    freeFromAmount: r.free_from_amount as number | null,
    codFeeAmount: r.cod_fee_amount as number | null,
    currency: r.currency as string,
    active: r.active as boolean,
    position: r.position as number,
    createdAt: new Date(r.created_at as string),
    updatedAt: new Date(r.updated_at as string),
  };
}

function discountOf(r: Json): DiscountRow {
  return {
    id: r.id as string,
    tenantId: r.tenant_id as string,
    name: r.name as string,
    code: r.code as string | null,
    kind: r.kind as DiscountRow['kind'],
    ratePpm: r.rate_ppm as number | null,
    amount: r.amount as number | null,
    currency: r.currency as string,
    scope: r.scope as DiscountRow['scope'],
    productIds: r.product_ids as string[],
    categoryIds: r.category_ids as string[],
    minimumSubtotalAmount: r.minimum_subtotal_amount as number | null,
    startsAt: dateOrNull(r.starts_at),
    endsAt: dateOrNull(r.ends_at),
    combinable: r.combinable as boolean,
    usageLimit: r.usage_limit as number | null,
    perCustomerLimit: r.per_customer_limit as number | null,
    timesUsed: r.times_used as number,
    active: r.active as boolean,
    createdAt: new Date(r.created_at as string),
    updatedAt: new Date(r.updated_at as string),
  };
}

/** The store's shipping method with this id, whatever its state, as one JSON value (null: none). */
function shippingMethodJson(tenantId: ValueOrSlot<string>, id: ValueOrSlot<string | null> | SQL): SQL {
  return sql`(select row_to_json(m) from shipping_methods m where m.tenant_id = ${tenantId} and m.id = ${id})`;
}

/** One JSON value with the store's currency and settings and its tax rates by class, for any select that needs them. */
export function storePricingJson(tenantId: ValueOrSlot<string>): SQL {
  return sql`json_build_object(
    'store', (select json_build_object('defaultCurrency', s.default_currency, 'settings', s.settings, 'name', s.name, 'locale', s.locale) from stores s where s.tenant_id = ${tenantId} and s.id = ${tenantId}),
    'taxRates', (select coalesce(json_object_agg(r.tax_class, r.rate_ppm), '{}'::json) from tax_rates r where r.tenant_id = ${tenantId}))`;
}

/** The value `storePricingJson` selected. */
export function storePricingRowOf(value: unknown): StorePricingRow {
  const { store, taxRates } = value as { store: { defaultCurrency: string; settings: unknown; name: string; locale: string } | null; taxRates: Record<string, number> };
  return { defaultCurrency: store?.defaultCurrency, settings: store?.settings, taxRates, name: store?.name, locale: store?.locale };
}

/** The store's currency and settings with its tax rates, in one statement. */
export async function storePricingRow(tx: Tx, tenantId: string): Promise<StorePricingRow> {
  const [row] = await executePrepared<Json>(tx, sql`select ${storePricingJson(tenantId)} as store_pricing`);
  return storePricingRowOf(row!.store_pricing);
}

export interface CheckoutInputQuery {
  withStore: boolean;
  /** The method's id: a value, a template's slot, or an expression of the statement (a cart's column). */
  shippingMethodId: ValueOrSlot<string | null> | SQL;
  /** The discount codes asked for, lower-cased, as a text array: a value, a slot or an expression. */
  loweredCodes: ValueOrSlot<readonly string[]> | SQL;
}

/**
 * The columns `store_pricing` (only `withStore`), `shipping_method` (the method with this
 * id, whatever its state) and `discounts` (active: the automatic ones, then those with the codes),
 * for a select of its own or one that also reads what it prices. Its text depends on `withStore`
 * alone, so statement templates can hold it.
 */
export function checkoutInputColumns(tenantId: ValueOrSlot<string>, query: CheckoutInputQuery): SQL {
  return sql`${query.withStore ? sql`${storePricingJson(tenantId)} as store_pricing,` : sql``}
      ${shippingMethodJson(tenantId, query.shippingMethodId)} as shipping_method,
      (select coalesce(json_agg(row_to_json(d) order by d.code is not null, d.id), '[]'::json)
         from discounts d where d.tenant_id = ${tenantId} and d.active and (d.code is null or lower(d.code) = any(${query.loweredCodes}))) as discounts`;
}

/** The rows of a select that had `checkoutInputColumns`. */
export function checkoutInputRowsOf(row: Json, withStore: boolean): CheckoutInputRows {
  return {
    store: withStore ? storePricingRowOf(row.store_pricing) : undefined,
    shippingMethod: row.shipping_method ? shippingMethodOf(row.shipping_method as Json) : undefined,
    discounts: (row.discounts as Json[]).map(discountOf),
  };
}
