import { and, desc, eq, gt, isNotNull, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import type { IpRuleAction } from './ip-decision.ts';
import { cursorAt, olderThan, type PageRequest } from './pagination.ts';
import { ipRules } from './security.tables.ts';

export interface IpRuleRow {
  id: string;
  tenantId: string | null;
  cidr: string;
  action: IpRuleAction;
  reason: string;
  expiresAt: Date | null;
  createdBy: string | null;
  createdAt: Date;
  cursorAt: string;
}

const columns = {
  id: ipRules.id,
  tenantId: ipRules.tenantId,
  cidr: ipRules.cidr,
  action: ipRules.action,
  reason: ipRules.reason,
  expiresAt: ipRules.expiresAt,
  createdBy: ipRules.createdBy,
  createdAt: ipRules.createdAt,
  cursorAt: cursorAt(ipRules.createdAt),
};

/** A store's own rules, or (null) the platform-wide ones; never the one for the other. */
const ownedBy = (tenantId: string | null): SQL => (tenantId === null ? isNull(ipRules.tenantId) : eq(ipRules.tenantId, tenantId));
const live = or(isNull(ipRules.expiresAt), gt(ipRules.expiresAt, sql`now()`));

export async function insertIpRule(tx: Tx, rule: typeof ipRules.$inferInsert): Promise<IpRuleRow> {
  const [row] = await tx.insert(ipRules).values(rule).returning(columns);
  return row!;
}

/** Rules in force, newest first; one more row than the page holds when there is more. */
export async function listIpRules(tx: Tx, tenantId: string | null, page: PageRequest): Promise<IpRuleRow[]> {
  return tx
    .select(columns)
    .from(ipRules)
    .where(and(ownedBy(tenantId), live, olderThan(ipRules.createdAt, ipRules.id, page.cursor)))
    .orderBy(desc(ipRules.createdAt), desc(ipRules.id))
    .limit(page.limit + 1);
}

/** Every rule in force for one layer, for enforcement. */
export async function listEnforcedIpRules(tx: Tx, tenantId: string | null): Promise<Array<Pick<IpRuleRow, 'cidr' | 'action' | 'expiresAt'>>> {
  return tx.select({ cidr: ipRules.cidr, action: ipRules.action, expiresAt: ipRules.expiresAt }).from(ipRules).where(and(ownedBy(tenantId), live));
}

/**
 * Deletes one rule of this owner. The row-level policy lets a store see the
 * platform-wide rules, so the owner filter here is what keeps a store from
 * deleting them.
 */
export async function deleteIpRule(tx: Tx, tenantId: string | null, id: string): Promise<IpRuleRow | null> {
  const [row] = await tx.delete(ipRules).where(and(ownedBy(tenantId), eq(ipRules.id, id))).returning(columns);
  return row ?? null;
}

/** Lengthens a deny rule in force for exactly this network (never shortens it); null when there is none. */
export async function extendDenyRule(tx: Tx, tenantId: string | null, cidr: string, expiresAt: Date | null, reason: string): Promise<IpRuleRow | null> {
  const [row] = await tx
    .update(ipRules)
    .set({
      // greatest() skips nulls, and null here means "for ever": keep it.
      expiresAt: expiresAt === null ? null : sql`case when ${ipRules.expiresAt} is null then null else greatest(${ipRules.expiresAt}, ${expiresAt.toISOString()}::timestamptz) end`,
      reason,
    })
    .where(and(ownedBy(tenantId), eq(ipRules.action, 'deny'), eq(ipRules.cidr, cidr), live))
    .returning(columns);
  return row ?? null;
}

/** Forgets this owner's expired rules, so auto-blocks do not pile up. */
export async function deleteExpiredIpRules(tx: Tx, tenantId: string | null): Promise<void> {
  await tx.delete(ipRules).where(and(ownedBy(tenantId), isNotNull(ipRules.expiresAt), lte(ipRules.expiresAt, sql`now()`)));
}
