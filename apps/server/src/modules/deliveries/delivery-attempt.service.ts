import { uuidv7 } from 'uuidv7';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { recordEvent } from '../../platform/events/index.ts';
import { moveOrderStatus, type OrderStatus } from '../orders/index.ts';
import { recordCashCollected } from '../payments/index.ts';
import type { Money } from '../pricing/index.ts';
import type { DeliveryStatus } from './deliveries.tables.ts';
import { agentOf, type DeliveriesDeps } from './deliveries.deps.ts';
import { assertNotPast, storeCalendar } from './desk-rules.ts';
import * as repo from './delivery.repository.ts';
import { lockOwnDelivery, orderStatusConflict, roundDetail } from './delivery-round.service.ts';
import { assertDeliveryMove, type AttemptOutcome } from './delivery-status.ts';
import type { RoundDeliveryDetailView } from './delivery-view.ts';
import { storeDayOf } from './store-day.ts';

export type AttemptInput =
  | { outcome: 'failed'; reason: string; note?: string | undefined }
  | { outcome: 'rescheduled'; scheduledFor: string; reason?: string | undefined; note?: string | undefined }
  | { outcome: 'delivered'; cashCollected: Money; note?: string | undefined };

const DELIVERY_STATUS_AFTER: Record<AttemptOutcome, DeliveryStatus> = { failed: 'attempt_failed', rescheduled: 'rescheduled', delivered: 'delivered' };
/** The order goes back to `shipped` after a visit without a handover: its stock stays sold, the next round takes it out again. */
const ORDER_STATUS_AFTER: Record<AttemptOutcome, OrderStatus> = { failed: 'shipped', rescheduled: 'shipped', delivered: 'delivered' };

type Locked = Awaited<ReturnType<typeof lockOwnDelivery>>;

/** Cash at the door: a cash-on-delivery payment (when any cash changed hands) and the delivery's collected figures. */
async function handOver(tx: Tx, ctx: Ctx, tenantId: string, { delivery }: Locked, cash: Money, now: Date) {
  if (cash.currency !== delivery.currency) {
    throw new DomainError('DELIVERY_CURRENCY_MISMATCH', `The delivery is due in ${delivery.currency}, not ${cash.currency}.`, [{ path: 'body.cashCollected.currency', message: `must be ${delivery.currency}` }]);
  }
  const { timezone } = await storeCalendar(tx, tenantId, now);
  if (cash.amount > 0) await recordCashCollected(tx, ctx, tenantId, { orderId: delivery.orderId, amount: cash.amount, currency: cash.currency, reference: `delivery:${delivery.id}` });
  return { cashCollectedAmount: cash.amount, deliveredAt: now, collectedOn: storeDayOf(now, timezone) };
}

/** What happened at the door, recorded by the agent carrying the delivery. */
export function createDeliveryAttemptService({ db, metrics, orderMetrics, now }: DeliveriesDeps) {
  return {
    /**
     * One attempt: the delivery leaves `out_for_delivery`, the order moves with it, and the outbox gets
     * `delivery.attempted` (and `delivery.completed` on a handover) in the same transaction.
     */
    async record(ctx: Ctx, id: string, input: AttemptInput): Promise<RoundDeliveryDetailView> {
      const { tenantId, agentId } = agentOf(ctx);
      const orderTo = ORDER_STATUS_AFTER[input.outcome];
      const view = await inTransaction(db, { tenantId }, async (tx) => {
        const locked = await lockOwnDelivery(tx, tenantId, id, agentId);
        const { order, delivery } = locked;
        assertDeliveryMove(delivery.status, DELIVERY_STATUS_AFTER[input.outcome], `recorded as ${input.outcome}`);
        if (order.status !== 'out_for_delivery') throw orderStatusConflict(order.status, `recorded as ${input.outcome}`);
        const at = now();
        if (input.outcome === 'rescheduled') assertNotPast(input.scheduledFor, (await storeCalendar(tx, tenantId, at)).today, 'body.scheduledFor');
        const handed = input.outcome === 'delivered' ? await handOver(tx, ctx, tenantId, locked, input.cashCollected, at) : null;

        const attempt = await repo.insertAttempt(tx, {
          tenantId,
          id: uuidv7(),
          deliveryId: id,
          agentId,
          outcome: input.outcome,
          reason: input.outcome === 'delivered' ? null : (input.reason ?? null),
          rescheduledFor: input.outcome === 'rescheduled' ? input.scheduledFor : null,
          cashCollectedAmount: handed?.cashCollectedAmount ?? null,
          note: input.note ?? null,
        });
        await moveOrderStatus(tx, ctx, tenantId, order.id, orderTo, input.outcome === 'delivered' ? 'delivered by the agent' : `delivery ${input.outcome}${attempt.reason ? `: ${attempt.reason}` : ''}`);
        const updated = await repo.updateDelivery(
          tx,
          tenantId,
          id,
          { status: DELIVERY_STATUS_AFTER[input.outcome], ...(input.outcome === 'rescheduled' ? { scheduledFor: input.scheduledFor } : {}), ...handed },
          true,
        );

        const base = { deliveryId: id, orderId: order.id, orderNumber: order.number, agentId };
        await recordEvent(tx, ctx, tenantId, {
          type: 'delivery.attempted',
          subject: { type: 'delivery', id },
          payload: {
            ...base,
            attempt: updated.attemptCount,
            outcome: input.outcome,
            reason: attempt.reason,
            rescheduledFor: attempt.rescheduledFor,
            cashCollected: handed ? { amount: handed.cashCollectedAmount, currency: delivery.currency } : null,
          },
        });
        if (handed) {
          await recordEvent(tx, ctx, tenantId, {
            type: 'delivery.completed',
            subject: { type: 'delivery', id },
            payload: {
              ...base,
              attempts: updated.attemptCount,
              cashDue: { amount: updated.cashDueAmount, currency: delivery.currency },
              cashCollected: { amount: handed.cashCollectedAmount, currency: delivery.currency },
              collectedOn: handed.collectedOn,
            },
          });
        }
        return roundDetail(tx, tenantId, id);
      });
      metrics.attempted(input.outcome);
      orderMetrics.enteredStatus(orderTo);
      return view;
    },
  };
}

export type DeliveryAttemptService = ReturnType<typeof createDeliveryAttemptService>;
