import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';

export interface CartSettings {
  /** A cart expires this many days after its last change. */
  ttlDays: number;
  maxLineQuantity: number;
  maxLines: number;
}

export interface CartDeps {
  db: Db;
  settings: CartSettings;
}

export function storeOf(ctx: Ctx): string {
  if (!ctx.tenantId) throw new Error('carts need a store context');
  return ctx.tenantId;
}

/** The same answer for an unknown cart, another store's, an expired one and a wrong token: nothing is given away. */
export const cartNotFound = () => new DomainError('CART_NOT_FOUND', 'There is no cart with this id and token in this store.');

export { isUniqueViolation } from '../../platform/db/database-error.ts';
