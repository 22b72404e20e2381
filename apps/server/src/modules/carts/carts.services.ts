import { createCartClaimService, type CartClaimService } from './cart-claim.service.ts';
import { createCartDetailsService, type CartDetailsService } from './cart-details.service.ts';
import { createCartDiscountService, type CartDiscountService } from './cart-discount.service.ts';
import { createCartService, type CartService } from './cart.service.ts';
import type { CartDeps } from './carts.deps.ts';

export interface CartServices {
  carts: CartService;
  details: CartDetailsService;
  discounts: CartDiscountService;
  claims: CartClaimService;
}

export function createCartServices(deps: CartDeps): CartServices {
  return { carts: createCartService(deps), details: createCartDetailsService(deps), discounts: createCartDiscountService(deps), claims: createCartClaimService(deps) };
}
