import type { FieldError } from '../../platform/errors.ts';
import type { PaymentMethod } from './orders.tables.ts';

/** What checkout needs to know about a priced cart to decide whether it can become an order. */
export interface CheckoutCandidate {
  email: string | null;
  shippingAddress: Partial<Record<string, string | null>> | null;
  shippingMethod: { kind: string } | null;
  lines: ReadonlyArray<{ id: string; sku: string; available: boolean }>;
}

const REQUIRED_ADDRESS_FIELDS = ['name', 'line1', 'city', 'postalCode', 'country'] as const;

/**
 * Everything that stops this cart from being ordered with this payment method, one entry per field
 * (empty when it can be ordered). Stock and discount limits are decided later, under their locks.
 */
export function checkoutProblems(cart: CheckoutCandidate, paymentMethod: PaymentMethod): FieldError[] {
  const problems: FieldError[] = [];
  if (cart.lines.length === 0) problems.push({ path: 'cart.lines', message: 'the cart is empty' });
  for (const line of cart.lines) {
    if (!line.available) problems.push({ path: `cart.lines.${line.id}`, message: `${line.sku} is no longer sold at this price; remove it` });
  }
  if (!cart.email) problems.push({ path: 'cart.email', message: 'is missing; set the email first' });
  if (!cart.shippingAddress) problems.push({ path: 'cart.shippingAddress', message: 'is missing; set the shipping address first' });
  else {
    for (const field of REQUIRED_ADDRESS_FIELDS) {
      if (!cart.shippingAddress[field]?.trim()) problems.push({ path: `cart.shippingAddress.${field}`, message: 'is missing' });
    }
  }
  if (!cart.shippingMethod) problems.push({ path: 'cart.shippingMethodId', message: 'no available shipping method is chosen' });
  else if (paymentMethod === 'cash_on_delivery' && cart.shippingMethod.kind !== 'cash_on_delivery') {
    problems.push({ path: 'body.paymentMethod', message: 'cash on delivery needs a cash-on-delivery shipping method' });
  } else if (paymentMethod !== 'cash_on_delivery' && cart.shippingMethod.kind === 'cash_on_delivery') {
    // The cart's total carries the COD fee: a shopper who pays otherwise must choose another method.
    problems.push({ path: 'body.paymentMethod', message: 'the chosen shipping method is paid in cash on delivery; use cash_on_delivery or choose another shipping method' });
  }
  return problems;
}
