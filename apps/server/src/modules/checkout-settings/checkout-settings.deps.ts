import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';

export interface CheckoutSettingsDeps {
  db: Db;
}

export function storeOf(ctx: Ctx): string {
  if (!ctx.tenantId) throw new Error('checkout settings need a store context');
  return ctx.tenantId;
}

const driverCode = (err: unknown): string | undefined => (err as { cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code;

/** A unique index said no (the driver's error, possibly wrapped by the ORM). */
export const isUniqueViolation = (err: unknown): boolean => driverCode(err) === '23505';

/** A foreign key said no: the row is still referenced (23001 for ON DELETE RESTRICT, 23503 otherwise). */
export const isStillReferenced = (err: unknown): boolean => ['23001', '23503'].includes(driverCode(err) ?? '');
