import { sql } from 'drizzle-orm';
import { check, customType, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { stores } from '../../modules/tenancy/tenancy.tables.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

export const IDEMPOTENCY_STATES = ['in_flight', 'completed'] as const;

/**
 * One Idempotency-Key of one client in one store: claimed while its request
 * runs (until locked_until, so a crashed process does not hold it forever),
 * then holding the answer to replay until expires_at.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    tenantId: uuid('tenant_id').notNull().references(() => stores.id, { onDelete: 'cascade' }),
    /** Who sent it: `staff:<id>`, `api_key:<id>`, `customer:<id>`, or what the route names (a cart token's digest). */
    client: text('client').notNull(),
    key: text('key').notNull(),
    method: text('method').notNull(),
    /** The route's pattern, e.g. /api/v1/admin/inventory/reservations/:id/commit. */
    route: text('route').notNull(),
    /** sha-256 (hex) of the canonical JSON of params, query and body. */
    requestHash: text('request_hash').notNull(),
    state: text('state', { enum: IDEMPOTENCY_STATES }).notNull(),
    /** Which claim holds the row: only that request may complete or release it. */
    claimId: uuid('claim_id').notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    responseStatus: integer('response_status'),
    responseHeaders: jsonb('response_headers').$type<Record<string, string>>(),
    /** The exact bytes sent, so a replay is byte-identical. */
    responseBody: bytea('response_body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ name: 'idempotency_keys_pkey', columns: [t.tenantId, t.client, t.key] }),
    // Serves the cleanup job, which works across stores.
    index('idempotency_keys_expires_at_idx').on(t.expiresAt),
    check('idempotency_keys_key_length', sql`char_length(${t.key}) between 1 and 255`),
    check(
      'idempotency_keys_state_shape',
      sql`(${t.state} = 'in_flight' and ${t.lockedUntil} is not null) or (${t.state} = 'completed' and ${t.responseStatus} is not null and ${t.responseBody} is not null)`,
    ),
  ],
);
