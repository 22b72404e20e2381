import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import type { OrderMetrics } from '../orders/index.ts';
import type { DeliveryMetrics } from './delivery-metrics.ts';

export interface DeliveriesDeps {
  db: Db;
  metrics: DeliveryMetrics;
  /** The desk moves orders too; those moves count in orders_total like any other. */
  orderMetrics: OrderMetrics;
  /** The current instant: when cash was collected, and which store day "today" is. */
  now: () => Date;
}

export function storeOf(ctx: Ctx): string {
  if (!ctx.tenantId) throw new Error('deliveries need a store context');
  return ctx.tenantId;
}

/** The signed-in staff member working the round; API keys carry no person to deliver anything. */
export function agentOf(ctx: Ctx): { tenantId: string; agentId: string } {
  if (ctx.actor.kind !== 'staff' || !ctx.tenantId) throw new DomainError('AUTH_STAFF_ONLY_FORBIDDEN', 'Only a signed-in delivery agent can do this, not an API key.');
  return { tenantId: ctx.tenantId, agentId: ctx.actor.id };
}

/** The same answer for an unknown delivery, another store's, and (for agents) another agent's. */
export const deliveryNotFound = () => new DomainError('DELIVERY_NOT_FOUND', 'This store has no delivery with this id on your list.');
