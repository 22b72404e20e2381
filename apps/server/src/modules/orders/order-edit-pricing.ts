import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../platform/db/database.ts';
import { DomainError, type FieldError } from '../../platform/errors.ts';
import { discountsByIds, engineDiscount, engineShippingMethod, findShippingMethod, loadCheckoutStore, type CheckoutStore, type ShippingMethodRow } from '../checkout-settings/index.ts';
import type { LinePlan } from './order-edit-plan.ts';
import { categoriesOfProducts, variantsToSell, type VariantToSell } from './order-edit.repository.ts';
import { repriceOrder, type Repriced } from './order-repricing.ts';
import type { OrderLineRow, OrderRow } from './order.repository.ts';

/** A line the edit adds, with the variant it sells and the id its order line will have. */
export interface AddedOrderLine {
  id: string;
  index: number;
  quantity: number;
  variant: VariantToSell;
}

export interface EditPricing extends Repriced {
  added: AddedOrderLine[];
  shippingMethod: ShippingMethodRow;
}

const variantRefused = (problems: FieldError[]) =>
  new DomainError('ORDER_EDIT_VARIANT_INVALID', `A new line cannot be sold: ${problems.map((p) => p.path).join(', ')}.`, problems);
const methodRefused = (code: string, detail: string, message: string) => new DomainError(code, detail, [{ path: 'body.shippingMethodId', message }]);

/** The variants the edit adds, each an active variant of this store priced in the order's currency with a taxed class; 422 naming each one that is not. */
async function addedLines(tx: Tx, tenantId: string, order: OrderRow, store: CheckoutStore, plan: LinePlan<OrderLineRow>): Promise<AddedOrderLine[]> {
  const variants = new Map((await variantsToSell(tx, tenantId, plan.added.map((a) => a.variantId))).map((v) => [v.id, v]));
  const problems: FieldError[] = [];
  const added = plan.added.flatMap((addition): AddedOrderLine[] => {
    const path = `body.addLines.${addition.index}.variantId`;
    const variant = variants.get(addition.variantId);
    if (!variant) problems.push({ path, message: 'is not a variant of this store' });
    else if (!variant.active) problems.push({ path, message: `${variant.sku} is not sold: its product is not active` });
    else if (variant.currency !== order.currency) problems.push({ path, message: `${variant.sku} is priced in ${variant.currency}; the order is in ${order.currency}` });
    else if (!Object.hasOwn(store.taxRates, variant.taxClass)) problems.push({ path, message: `${variant.sku} is taxed as "${variant.taxClass}", which has no tax rate in this store` });
    else return [{ id: uuidv7(), index: addition.index, quantity: addition.quantity, variant }];
    return [];
  });
  if (problems.length > 0) throw variantRefused(problems);
  if (added.length > 0 && store.pricesIncludeTax !== order.totals.pricesIncludeTax) {
    const how = (included: boolean) => (included ? 'including tax' : 'excluding tax');
    throw new DomainError('ORDER_EDIT_PRICES_CONFLICT', `The store now lists prices ${how(store.pricesIncludeTax)}; this order was priced ${how(order.totals.pricesIncludeTax)}, so today's prices cannot be added to it.`, [
      { path: 'body.addLines', message: 'cannot be priced alongside the order’s lines' },
    ]);
  }
  return added;
}

/** The method the edited order ships with (the one asked for, else the order's own), active and fit for its payment method. */
async function shippingMethodFor(tx: Tx, tenantId: string, order: OrderRow, store: CheckoutStore, askedFor: string | undefined): Promise<ShippingMethodRow> {
  const method = await findShippingMethod(tx, tenantId, askedFor ?? order.shippingMethod.id);
  if (!method || !method.active || method.currency !== order.currency) {
    throw askedFor
      ? methodRefused('ORDER_EDIT_SHIPPING_METHOD_INVALID', 'This store offers no such shipping method for this order.', 'is not an active shipping method of this store in the order’s currency')
      : methodRefused('ORDER_EDIT_SHIPPING_METHOD_INVALID', `The order's shipping method "${order.shippingMethod.name}" is no longer offered, so the order cannot be re-priced with it.`, 'choose one of the store’s active shipping methods');
  }
  if (order.paymentMethod === 'cash_on_delivery' && method.kind !== 'cash_on_delivery') {
    throw methodRefused('ORDER_EDIT_SHIPPING_METHOD_INVALID', 'The order is paid in cash on delivery; it needs a cash-on-delivery shipping method.', 'must be a cash-on-delivery method');
  }
  if (order.paymentMethod !== 'cash_on_delivery' && method.kind === 'cash_on_delivery') {
    throw methodRefused('ORDER_EDIT_SHIPPING_METHOD_INVALID', `The order is paid by ${order.paymentMethod}; a cash-on-delivery method would charge a fee nobody collects.`, 'must not be a cash-on-delivery method');
  }
  if (!Object.hasOwn(store.taxRates, store.shippingTaxClass)) {
    throw methodRefused('ORDER_EDIT_TAX_RATE_MISSING', `Shipping is taxed as "${store.shippingTaxClass}", which has no tax rate in this store.`, `cannot be priced: the shipping tax class "${store.shippingTaxClass}" has no rate`);
  }
  return method;
}

/**
 * The edited order priced by the re-pricing rules (docs/orders.md#re-pricing-rules): reads the
 * store's tax settings, the added variants, the shipping method and the order's discounts, and
 * hands them to the totals engine. Writes nothing.
 */
export async function priceEdit(tx: Tx, tenantId: string, order: OrderRow, plan: LinePlan<OrderLineRow>, shippingMethodId: string | undefined): Promise<EditPricing> {
  const store = await loadCheckoutStore(tx, tenantId);
  const added = await addedLines(tx, tenantId, order, store, plan);
  const shippingMethod = await shippingMethodFor(tx, tenantId, order, store, shippingMethodId);
  const discounts = await discountsByIds(tx, tenantId, order.totals.appliedDiscounts.map((d) => d.discountId));
  const categories = await categoriesOfProducts(tx, tenantId, plan.kept.map((k) => k.line.productId));
  const repriced = repriceOrder({
    currency: order.currency,
    pricesIncludeTax: order.totals.pricesIncludeTax,
    taxRates: store.taxRates,
    shippingTaxClass: store.shippingTaxClass,
    sold: plan.kept.map(({ line, quantity }) => ({
      id: line.id, productId: line.productId, categoryIds: categories.get(line.productId) ?? [], taxClass: line.taxClass, taxRatePpm: line.taxRatePpm, unitPriceAmount: line.unitPriceAmount, quantity,
    })),
    added: added.map(({ id, quantity, variant }) => ({ id, productId: variant.productId, categoryIds: variant.categoryIds, taxClass: variant.taxClass, unitPriceAmount: variant.priceAmount, quantity })),
    shippingMethod: engineShippingMethod(shippingMethod),
    discounts: discounts.map(engineDiscount),
    placedAt: order.placedAt,
  });
  return { ...repriced, added, shippingMethod };
}
