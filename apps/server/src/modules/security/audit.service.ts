import { uuidv7 } from 'uuidv7';
import type { Actor, Ctx } from '../../platform/context.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { auditDiff, type AuditChanges } from './audit-changes.ts';
import { insertAuditEntry, listAuditEntries, type AuditFilters, type AuditRow } from './audit.repository.ts';
import { parseIp } from './cidr.ts';
import { pageOf, type Page, type PageRequest } from './pagination.ts';
import { storeOf } from './store-scope.ts';

/** Where a change came from: filled from the HTTP request by the routes (see auditOrigin). */
export interface AuditOrigin {
  ip?: string | null | undefined;
  userAgent?: string | null | undefined;
  requestId?: string | null | undefined;
}

export interface AuditEntry extends AuditOrigin {
  /** The store; null only for platform-wide events, written from a platform-scope transaction. */
  tenantId: string | null;
  actor: Actor;
  /** What happened, `noun.verb_ed`: `api_key.created`, `staff.login_failed`, … */
  action: string;
  targetType?: string | undefined;
  targetId?: string | undefined;
  changes?: AuditChanges | undefined;
}

function actorColumns(actor: Actor): { actorType: string; actorId: string | null } {
  switch (actor.kind) {
    case 'system':
      return { actorType: 'system', actorId: actor.name };
    case 'guest':
      return { actorType: 'guest', actorId: null };
    default:
      return { actorType: actor.kind, actorId: actor.id };
  }
}

/**
 * Appends an entry to the audit log inside the caller's transaction, so the
 * entry exists exactly when the change it records does. Secret-looking fields
 * of the diff are masked; an address that is not an IP is dropped.
 */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<string> {
  const id = uuidv7();
  const ip = entry.ip && parseIp(entry.ip) ? entry.ip : null;
  await insertAuditEntry(tx, {
    id,
    tenantId: entry.tenantId,
    ...actorColumns(entry.actor),
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    changes: auditDiff(entry.changes),
    ip,
    userAgent: entry.userAgent ? entry.userAgent.slice(0, 512) : null,
    requestId: entry.requestId ? entry.requestId.slice(0, 128) : null,
  });
  return id;
}

export interface AuditView {
  id: string;
  actor: { type: string; id: string | null };
  action: string;
  targetType: string | null;
  targetId: string | null;
  changes: unknown;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  createdAt: string;
}

function view(row: AuditRow): AuditView {
  const { actorType, actorId, cursorAt: _cursor, createdAt, ...rest } = row;
  return { ...rest, actor: { type: actorType, id: actorId }, createdAt: createdAt.toISOString() };
}

export function createAuditService(db: Db) {
  return {
    /** The store's audit log, newest first, filtered. */
    list(ctx: Ctx, filters: AuditFilters, page: PageRequest): Promise<Page<AuditView>> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => pageOf(await listAuditEntries(tx, tenantId, filters, page), page.limit, view));
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;
