import type { ShippingMethod } from './pricing.types.ts';

/** What a shipping method charges, as priced, before any free-shipping discount. */
export interface ShippingCharge {
  method: ShippingMethod;
  price: bigint;
  codFee: bigint;
}

/**
 * The charge of the chosen method. `discountedSubtotal` is the sum of the lines after their
 * discounts, as priced; a free-above method is free once it reaches the threshold.
 */
export function shippingCharge(method: ShippingMethod, discountedSubtotal: bigint): ShippingCharge {
  switch (method.kind) {
    case 'flat_rate':
      return { method, price: BigInt(method.price.amount), codFee: 0n };
    case 'free_above': {
      const free = discountedSubtotal >= BigInt(method.freeFrom.amount);
      return { method, price: free ? 0n : BigInt(method.price.amount), codFee: 0n };
    }
    case 'local_pickup':
      return { method, price: 0n, codFee: 0n };
    case 'cash_on_delivery':
      return { method, price: BigInt(method.price.amount), codFee: BigInt(method.codFee.amount) };
  }
}
