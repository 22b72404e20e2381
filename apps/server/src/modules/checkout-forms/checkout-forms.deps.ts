import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import type { CartSettings } from '../carts/index.ts';
import type { CheckoutService } from '../orders/index.ts';
import type { FormTokenKey } from './form-token.ts';

export interface CheckoutFormsDeps {
  db: Db;
  /** The orders module's checkout, which places what a form posts. */
  checkout: CheckoutService;
  /** A form's items and quantities must fit in a cart. */
  cartSettings: CartSettings;
  tokenKey: FormTokenKey;
  /** Milliseconds since the epoch; tests may hold time still. */
  now?: () => number;
}

export function storeOf(ctx: Ctx): string {
  if (!ctx.tenantId) throw new Error('checkout forms need a store context');
  return ctx.tenantId;
}

/** The same answer for an unknown form and another store's. */
export const formNotFound = () => new DomainError('CHECKOUT_FORM_NOT_FOUND', 'This store has no checkout form with this id.');

export { isUniqueViolation } from '../../platform/db/database-error.ts';
