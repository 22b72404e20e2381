import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';

export interface CheckoutSettingsDeps {
  db: Db;
}

export function storeOf(ctx: Ctx): string {
  if (!ctx.tenantId) throw new Error('checkout settings need a store context');
  return ctx.tenantId;
}

export { isStillReferenced, isUniqueViolation } from '../../platform/db/database-error.ts';
