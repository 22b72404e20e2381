import { cidr, index, inet, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { stores } from '../tenancy/tenancy.tables.ts';

const at = (name: string) => timestamp(name, { withTimezone: true });

/** Store-scoped secret keys for server-to-server use. Only the hash of the secret is kept. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull().references(() => stores.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** The visible start of the key (e.g. wk_sk_3f9a1c2b), for recognising it in lists and logs. */
    prefix: text('prefix').notNull(),
    secretHash: text('secret_hash').notNull(),
    permissions: text('permissions').array().notNull(),
    ipAllowlist: cidr('ip_allowlist').array(),
    expiresAt: at('expires_at'),
    createdBy: uuid('created_by'),
    createdAt: at('created_at').notNull().defaultNow(),
    lastUsedAt: at('last_used_at'),
    lastUsedIp: inet('last_used_ip'),
    revokedAt: at('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_prefix_key').on(t.prefix), index('api_keys_tenant_idx').on(t.tenantId, t.createdAt)],
);

/** Allow/deny rules for the admin API; tenant_id null means every store (platform-wide). */
export const ipRules = pgTable(
  'ip_rules',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').references(() => stores.id, { onDelete: 'cascade' }),
    cidr: cidr('cidr').notNull(),
    action: text('action', { enum: ['allow', 'deny'] }).notNull(),
    reason: text('reason').notNull(),
    expiresAt: at('expires_at'),
    createdBy: uuid('created_by'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('ip_rules_tenant_idx').on(t.tenantId, t.action)],
);

/** Append-only: the application role may insert and read, never update or delete. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').references(() => stores.id, { onDelete: 'restrict' }),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    changes: jsonb('changes'),
    ip: inet('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('audit_log_tenant_time_idx').on(t.tenantId, t.createdAt, t.id), index('audit_log_tenant_action_idx').on(t.tenantId, t.action, t.createdAt)],
);
