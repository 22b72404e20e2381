import { parseArgs } from 'node:util';
import { systemCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import { findStoreByHandle, findStoreById } from '../tenancy/index.ts';
import { createLedgerCheckService } from './ledger-check.service.ts';

export const INVENTORY_USAGE = `  inventory check --store ID|HANDLE
                             verify that every stock figure equals the sum of its ledger; exit 1 listing the differences`;

export type InventoryCommand = { action: 'check'; store: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Parses the words after `winkel inventory`; a string is what is wrong with them. */
export function parseInventoryCommand(args: readonly string[]): InventoryCommand | string {
  const [action, ...rest] = args;
  if (action !== 'check') return 'inventory takes check';
  try {
    const { values } = parseArgs({ args: [...rest], options: { store: { type: 'string' } }, strict: true, allowPositionals: false });
    return values.store ? { action: 'check', store: values.store } : 'inventory check needs --store ID|HANDLE';
  } catch (err) {
    return `inventory check: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** Runs the command: what to print, and whether the store's stock is consistent. */
export async function runInventoryCommand(db: Db, log: Logger, command: InventoryCommand): Promise<{ ok: boolean; output: string }> {
  const store = await inTransaction(db, { tenantId: null, platform: true }, async (tx) =>
    (UUID.test(command.store) ? await findStoreById(tx, command.store) : undefined) ?? findStoreByHandle(tx, command.store),
  );
  if (!store) return { ok: false, output: `inventory check: no store "${command.store}"\n` };
  const differences = await createLedgerCheckService({ db }).differences(systemCtx(log, 'cli', store.id));
  if (differences.length === 0) return { ok: true, output: `inventory check: ${store.handle}: every stock figure equals its ledger\n` };
  const lines = differences.map((d) => `  variant ${d.variantId} at location ${d.locationId}: on hand ${d.onHand}, ledger sum ${d.ledgerSum}`);
  return { ok: false, output: `inventory check: ${store.handle}: ${differences.length} stock figure(s) differ from the ledger\n${lines.join('\n')}\n` };
}
