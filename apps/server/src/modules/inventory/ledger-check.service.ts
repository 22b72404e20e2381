import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { storeOf, type InventoryDeps } from './inventory.deps.ts';
import { ledgerDifferences, type LedgerDifference } from './stock-movement.repository.ts';

/** Proves the stored on_hand figures of a store equal the sums of its stock ledger. */
export function createLedgerCheckService({ db }: Pick<InventoryDeps, 'db'>) {
  return {
    /** Every variant/location where they differ; empty when the store is consistent. */
    async differences(ctx: Ctx): Promise<LedgerDifference[]> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, (tx) => ledgerDifferences(tx, tenantId));
    },
  };
}
