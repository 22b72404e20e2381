import type { LineTotals, Money, Totals } from '../pricing/index.ts';
import type { PricedCart } from './cart-pricing.ts';
import type { ShippingAddress } from './carts.tables.ts';

export interface CartLineView {
  id: string;
  variantId: string;
  productId: string;
  productName: string;
  sku: string;
  optionValues: Record<string, string>;
  unitPrice: Money;
  quantity: number;
  available: boolean;
  /** This line's figures from the totals; null for a line that is not available. */
  totals: Omit<LineTotals, 'lineId'> | null;
}

export interface CartView {
  id: string;
  status: string;
  currency: string;
  email: string | null;
  customerId: string | null;
  shippingAddress: ShippingAddress | null;
  shippingMethod: { id: string; name: string; kind: string } | null;
  discountCodes: string[];
  lines: CartLineView[];
  totals: Totals;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
}

export function cartView({ cart, lines, shippingMethod, totals }: PricedCart): CartView {
  const lineTotals = new Map(totals.lines.map(({ lineId, ...rest }) => [lineId, rest]));
  return {
    id: cart.id,
    status: cart.status,
    currency: cart.currency,
    email: cart.email,
    customerId: cart.customerId,
    shippingAddress: cart.shippingAddress ?? null,
    shippingMethod: shippingMethod && { id: shippingMethod.id, name: shippingMethod.name, kind: shippingMethod.kind },
    discountCodes: cart.discountCodes,
    lines: lines.map((l) => ({
      id: l.id,
      variantId: l.variantId,
      productId: l.productId,
      productName: l.productName,
      sku: l.sku,
      optionValues: l.optionValues,
      unitPrice: { amount: l.priceAmount, currency: l.currency },
      quantity: l.quantity,
      available: l.available,
      totals: lineTotals.get(l.id) ?? null,
    })),
    totals,
    createdAt: cart.createdAt.toISOString(),
    updatedAt: cart.updatedAt.toISOString(),
    expiresAt: cart.expiresAt.toISOString(),
  };
}
