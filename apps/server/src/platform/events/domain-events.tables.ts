import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { stores } from '../../modules/tenancy/tenancy.tables.ts';

/**
 * The outbox: what happened in a store (order.created, stock.low, …), written
 * in the transaction of the change itself, so an event exists exactly when its
 * change committed. Automations and webhooks read it in id (time) order and
 * mark what they delivered; nothing here is ever updated otherwise.
 */
export const domainEvents = pgTable(
  'domain_events',
  {
    tenantId: uuid('tenant_id').notNull().references(() => stores.id, { onDelete: 'cascade' }),
    /** UUIDv7: ordered by time of writing. */
    id: uuid('id').notNull(),
    type: text('type').notNull(),
    /** What the event is about, e.g. order / its id. */
    subjectType: text('subject_type').notNull(),
    subjectId: uuid('subject_id').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** Who caused it (`staff:<id>`, `customer:<id>`, `system:<job>`, `guest`) and in which request, for the audit trail. */
    actor: text('actor').notNull(),
    requestId: text('request_id'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    /** Set by the consumer once every subscriber has it. */
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: 'domain_events_pkey', columns: [t.tenantId, t.id] }),
    index('domain_events_tenant_type_idx').on(t.tenantId, t.type, t.id),
    index('domain_events_tenant_subject_idx').on(t.tenantId, t.subjectType, t.subjectId),
  ],
);
