import type { Ctx } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';

export interface CatalogDeps {
  db: Db;
  /** Whether a variant has stock history (the inventory module's ledger), so deleting it would erase that history. None: never. */
  hasStockHistory?: (tx: Tx, tenantId: string, variantId: string) => Promise<boolean>;
}

export function storeOf(ctx: Ctx): string {
  if (!ctx.tenantId) throw new Error('catalog needs a store context');
  return ctx.tenantId;
}

/** A unique index said no (the driver's error, possibly wrapped by the ORM). */
export const isUniqueViolation = (err: unknown): boolean =>
  (err as { cause?: { code?: string } }).cause?.code === '23505' || (err as { code?: string }).code === '23505';

export const notFound = (what: string) => new DomainError(`CATALOG_${what.toUpperCase()}_NOT_FOUND`, `This store has no ${what} with this id.`);
