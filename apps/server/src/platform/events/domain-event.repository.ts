import { and, asc, eq, gt, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { executePreparedQuery } from '../db/prepared-statement.ts';
import type { Tx } from '../db/database.ts';
import { slotsFor } from '../db/statement-template.ts';
import type { WriteStep } from '../db/write-step.ts';
import { domainEvents } from './domain-events.tables.ts';

export interface NewDomainEvent {
  type: string;
  subject: { type: string; id: string };
  payload: Record<string, unknown>;
  actor: string;
  requestId?: string | null;
}

export type DomainEventRow = typeof domainEvents.$inferSelect;

function insertOf(tx: Tx, tenantId: string, id: string, event: NewDomainEvent) {
  return tx.insert(domainEvents).values({
    tenantId,
    id,
    type: event.type,
    subjectType: event.subject.type,
    subjectId: event.subject.id,
    payload: event.payload,
    actor: event.actor,
    requestId: event.requestId ?? null,
  });
}

export async function insertDomainEvent(tx: Tx, tenantId: string, event: NewDomainEvent): Promise<string> {
  const id = uuidv7();
  await executePreparedQuery(insertOf(tx, tenantId, id, event));
  return id;
}

/** The event's insert, to run as part of another module's statement (see WriteStep). */
export function domainEventInsert(tenantId: string, event: NewDomainEvent): WriteStep {
  const values = { tenantId, id: uuidv7(), type: event.type, subjectType: event.subject.type, subjectId: event.subject.id, payload: event.payload, actor: event.actor, requestId: event.requestId ?? null };
  return {
    key: 'domain-event',
    build: (tx, slot) => tx.insert(domainEvents).values(slotsFor(Object.keys(values), '', slot) as unknown as typeof values).getSQL(),
    values,
  };
}

/** The store's events after `afterId` (exclusive) in the order they were written, optionally of one type. */
export function listDomainEvents(tx: Tx, tenantId: string, filter: { type?: string; afterId?: string; limit: number }): Promise<DomainEventRow[]> {
  const conditions: SQL[] = [eq(domainEvents.tenantId, tenantId)];
  if (filter.type) conditions.push(eq(domainEvents.type, filter.type));
  if (filter.afterId) conditions.push(gt(domainEvents.id, filter.afterId));
  return tx.select().from(domainEvents).where(and(...conditions)).orderBy(asc(domainEvents.id)).limit(filter.limit);
}
