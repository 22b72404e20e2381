import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../platform/db/database.ts';
import { stockMovements } from './inventory.tables.ts';

export type StockMovementRow = typeof stockMovements.$inferSelect;
export type NewStockMovement = Omit<typeof stockMovements.$inferInsert, 'id' | 'createdAt'>;

/** Appends ledger rows; the table accepts nothing else from the application. */
export async function appendMovements(tx: Tx, rows: NewStockMovement[]): Promise<StockMovementRow[]> {
  return tx
    .insert(stockMovements)
    .values(rows.map((r) => ({ ...r, id: uuidv7() })))
    .returning();
}

/** A page of a variant's ledger (every location), newest first. */
export async function listMovements(tx: Tx, tenantId: string, variantId: string, page: { limit: number; cursor?: string | undefined }): Promise<StockMovementRow[]> {
  return tx
    .select()
    .from(stockMovements)
    .where(and(eq(stockMovements.tenantId, tenantId), eq(stockMovements.variantId, variantId), page.cursor ? lt(stockMovements.id, page.cursor) : undefined))
    .orderBy(desc(stockMovements.id))
    .limit(page.limit + 1);
}

export interface LedgerDifference {
  variantId: string;
  locationId: string;
  onHand: number;
  ledgerSum: number;
}

/** Every variant/location of the store whose stored on_hand differs from the sum of its ledger. */
export async function ledgerDifferences(tx: Tx, tenantId: string): Promise<LedgerDifference[]> {
  const result = await tx.execute<{ variant_id: string; location_id: string; on_hand: number; ledger_sum: number }>(sql`
    select variant_id, location_id, coalesce(s.on_hand, 0)::int as on_hand, coalesce(m.total, 0)::int as ledger_sum
    from (select variant_id, location_id, on_hand from stock_levels where tenant_id = ${tenantId}) s
    full join (select variant_id, location_id, sum(quantity) as total from stock_movements where tenant_id = ${tenantId} group by variant_id, location_id) m
      using (variant_id, location_id)
    where coalesce(s.on_hand, 0) <> coalesce(m.total, 0)
    order by variant_id, location_id`);
  return result.rows.map((r) => ({ variantId: r.variant_id, locationId: r.location_id, onHand: r.on_hand, ledgerSum: r.ledger_sum }));
}

/** Whether the variant has any row in the store's stock ledger. */
export async function hasStockHistory(tx: Tx, tenantId: string, variantId: string): Promise<boolean> {
  const rows = await tx
    .select({ id: stockMovements.id })
    .from(stockMovements)
    .where(and(eq(stockMovements.tenantId, tenantId), eq(stockMovements.variantId, variantId)))
    .limit(1);
  return rows.length > 0;
}
