import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import { changeOrderHold, defaultLocationId, holdStockForOrder } from '../inventory/index.ts';
import type { LineChange, LinePlan } from './order-edit-plan.ts';
import type { AddedOrderLine } from './order-edit-pricing.ts';
import type { OrderLineRow } from './order.repository.ts';
import { stockReferenceOf } from './orders.deps.ts';

export type LineHold = { reservationId: string; locationId: string };

/** One line whose hold changes: to `quantity` from its reservation, or a new hold when it has none yet. */
interface StockStep {
  lineId: string;
  variantId: string;
  sku: string;
  quantity: number;
  /** The request field that asked for it. */
  path: string;
  reservationId: string | null;
}

function stockConflict(step: StockStep, available: number): DomainError {
  const free = Math.max(0, available);
  const what = step.reservationId ? `${free} more of ${step.sku} available` : `${free} of ${step.sku} available`;
  return new DomainError('ORDER_EDIT_STOCK_CONFLICT', `Only ${what} (variant ${step.variantId}); the edit asks for ${step.quantity} on this line. Nothing was changed.`, [
    { path: step.path, message: `variant ${step.variantId} (${step.sku}): only ${what}` },
  ]);
}

/**
 * Moves the order's held stock to the edited lines, variants in id order (as checkout does, so the
 * two queue instead of deadlocking): a line that grows reserves exactly the difference and is refused
 * (409 naming the line) when that much is not free; a line that shrinks or goes releases exactly
 * the difference; a new line holds its quantity at the store's order location. Returns the new
 * hold of every line whose hold changed and still holds stock.
 */
export async function moveEditedStock(
  tx: Tx,
  ctx: Ctx,
  jobQueue: JobQueue,
  tenantId: string,
  orderId: string,
  plan: LinePlan<OrderLineRow>,
  added: readonly AddedOrderLine[],
  changes: readonly LineChange[],
): Promise<Map<string, LineHold>> {
  const asked = new Map(changes.map((change, i) => [change.lineId, i]));
  const existing = (line: OrderLineRow, quantity: number): StockStep => ({
    lineId: line.id, variantId: line.variantId, sku: line.sku, quantity, path: `body.lines.${asked.get(line.id)}.quantity`, reservationId: line.reservationId,
  });
  const steps: StockStep[] = [
    ...plan.kept.filter((k) => k.quantity !== k.line.quantity).map((k) => existing(k.line, k.quantity)),
    ...plan.removed.map((line) => existing(line, 0)),
    ...added.map((a) => ({ lineId: a.id, variantId: a.variant.id, sku: a.variant.sku, quantity: a.quantity, path: `body.addLines.${a.index}.quantity`, reservationId: null })),
  ].sort((a, b) => a.variantId.localeCompare(b.variantId));
  const locationId = added.length > 0 ? await defaultLocationId(tx, tenantId) : null;
  const holds = new Map<string, LineHold>();
  for (const step of steps) {
    const outcome = step.reservationId
      ? await changeOrderHold(tx, ctx, jobQueue, tenantId, { reservationId: step.reservationId, quantity: step.quantity })
      : await holdStockForOrder(tx, ctx, jobQueue, tenantId, locationId!, { variantId: step.variantId, quantity: step.quantity, reference: stockReferenceOf(orderId) });
    if (!outcome.ok) throw stockConflict(step, outcome.available);
    if (outcome.reservationId) holds.set(step.lineId, { reservationId: outcome.reservationId, locationId: outcome.locationId });
  }
  return holds;
}
