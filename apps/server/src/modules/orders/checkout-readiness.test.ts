import { describe, expect, it } from 'vitest';
import { checkoutProblems, type CheckoutCandidate } from './checkout-readiness.ts';

const ready: CheckoutCandidate = {
  email: 'kim@example.test',
  shippingAddress: { name: 'Kim', line1: 'Main St 1', line2: null, city: 'Utrecht', postalCode: '3511 AA', region: null, country: 'NL', phone: null },
  shippingMethod: { kind: 'flat_rate' },
  lines: [{ id: 'l1', sku: 'MUG', available: true }],
};
const pathsOf = (cart: CheckoutCandidate, payment: 'manual' | 'cash_on_delivery' = 'manual') => checkoutProblems(cart, payment).map((p) => p.path);

describe('checkoutProblems', () => {
  it('finds nothing wrong with a complete cart', () => {
    expect(pathsOf(ready)).toEqual([]);
    expect(pathsOf({ ...ready, shippingMethod: { kind: 'cash_on_delivery' } }, 'cash_on_delivery')).toEqual([]);
  });

  it('names every missing piece at once', () => {
    expect(pathsOf({ email: null, shippingAddress: null, shippingMethod: null, lines: [] })).toEqual(['cart.lines', 'cart.email', 'cart.shippingAddress', 'cart.shippingMethodId']);
  });

  it('names the blank fields of an incomplete address', () => {
    expect(pathsOf({ ...ready, shippingAddress: { ...ready.shippingAddress, city: ' ', postalCode: null } })).toEqual(['cart.shippingAddress.city', 'cart.shippingAddress.postalCode']);
  });

  it('refuses a line that is no longer sold, and cash on delivery without a COD shipping method', () => {
    expect(pathsOf({ ...ready, lines: [{ id: 'l2', sku: 'VASE', available: false }] })).toEqual(['cart.lines.l2']);
    expect(pathsOf(ready, 'cash_on_delivery')).toEqual(['body.paymentMethod']);
  });

  it('refuses another payment method with a cash-on-delivery shipping method, whose total carries the COD fee', () => {
    expect(pathsOf({ ...ready, shippingMethod: { kind: 'cash_on_delivery' } }, 'manual')).toEqual(['body.paymentMethod']);
  });
});
