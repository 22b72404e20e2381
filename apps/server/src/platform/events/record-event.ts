import { actorLabel, type Ctx } from '../context.ts';
import type { Tx } from '../db/database.ts';
import type { WriteStep } from '../db/write-step.ts';
import { domainEventInsert, insertDomainEvent } from './domain-event.repository.ts';

/** The events the platform writes; consumers may rely on these names and on their payloads staying compatible. */
export const DOMAIN_EVENT_TYPES = [
  'order.created',
  'order.status_changed',
  'order.edited',
  'payment.succeeded',
  'payment.failed',
  'payment.refunded',
  'delivery.attempted',
  'delivery.completed',
  'stock.low',
] as const;
export type DomainEventType = (typeof DOMAIN_EVENT_TYPES)[number];

/**
 * Writes an event to the store's outbox in the caller's transaction: it exists
 * exactly when the change that caused it commits. Returns the event's id.
 */
export function recordEvent(
  tx: Tx,
  ctx: Pick<Ctx, 'actor' | 'requestId'>,
  tenantId: string,
  event: { type: DomainEventType; subject: { type: string; id: string }; payload: Record<string, unknown> },
): Promise<string> {
  return insertDomainEvent(tx, tenantId, { ...event, actor: actorLabel(ctx.actor), requestId: ctx.requestId });
}

/** recordEvent as a step of the caller's own statement: the event is written exactly when that statement is. */
export function eventWriteStep(
  ctx: Pick<Ctx, 'actor' | 'requestId'>,
  tenantId: string,
  event: { type: DomainEventType; subject: { type: string; id: string }; payload: Record<string, unknown> },
): WriteStep {
  return domainEventInsert(tenantId, { ...event, actor: actorLabel(ctx.actor), requestId: ctx.requestId });
}
