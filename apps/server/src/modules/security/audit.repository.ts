import { and, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { cursorAt, olderThan, type PageRequest } from './pagination.ts';
import { auditLog } from './security.tables.ts';

export type AuditInsert = typeof auditLog.$inferInsert;

export interface AuditRow {
  id: string;
  actorType: string;
  actorId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  changes: unknown;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  createdAt: Date;
  cursorAt: string;
}

export interface AuditFilters {
  actorType?: string | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  /** Inclusive. */
  from?: Date | undefined;
  /** Exclusive. */
  to?: Date | undefined;
}

/** Appends one entry; the table takes no updates or deletes from the application role. */
export async function insertAuditEntry(tx: Tx, entry: AuditInsert): Promise<void> {
  await tx.insert(auditLog).values(entry);
}

/** One store's entries, newest first, one more than the page holds when there is more. */
export async function listAuditEntries(tx: Tx, tenantId: string, filters: AuditFilters, page: PageRequest): Promise<AuditRow[]> {
  const where: Array<SQL | undefined> = [
    eq(auditLog.tenantId, tenantId),
    filters.actorType ? eq(auditLog.actorType, filters.actorType) : undefined,
    filters.actorId ? eq(auditLog.actorId, filters.actorId) : undefined,
    filters.action ? eq(auditLog.action, filters.action) : undefined,
    filters.targetType ? eq(auditLog.targetType, filters.targetType) : undefined,
    filters.targetId ? eq(auditLog.targetId, filters.targetId) : undefined,
    filters.from ? gte(auditLog.createdAt, filters.from) : undefined,
    filters.to ? lt(auditLog.createdAt, filters.to) : undefined,
    olderThan(auditLog.createdAt, auditLog.id, page.cursor),
  ];
  return tx
    .select({
      id: auditLog.id,
      actorType: auditLog.actorType,
      actorId: auditLog.actorId,
      action: auditLog.action,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      changes: auditLog.changes,
      ip: sql<string | null>`host(${auditLog.ip})`,
      userAgent: auditLog.userAgent,
      requestId: auditLog.requestId,
      createdAt: auditLog.createdAt,
      cursorAt: cursorAt(auditLog.createdAt),
    })
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(page.limit + 1);
}
