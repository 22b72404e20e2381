import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { staffUsers } from '../identity/identity.tables.ts';
import { cashReconciliations, deliveries } from './deliveries.tables.ts';

export type ClosingRow = typeof cashReconciliations.$inferSelect;

/** What one agent's handed-over deliveries of a store day add up to, per currency. */
export interface DayFigures {
  agentId: string;
  currency: string;
  deliveryCount: number;
  expected: number;
  collected: number;
}

const deliveredOn = (tenantId: string, day: string) => and(eq(deliveries.tenantId, tenantId), eq(deliveries.status, 'delivered'), eq(deliveries.collectedOn, day));

/**
 * A page of the agents who have something on a store day: a delivery handed over that day, or a
 * closing of it. In agent id order, after `cursor`, one more than `limit` when there are more.
 */
export async function agentsOfDay(tx: Tx, tenantId: string, day: string, page: { limit: number; cursor?: string | undefined }, agentId?: string): Promise<string[]> {
  const result = await tx.execute<{ agent_id: string }>(sql`
    select agent_id from (
      select ${deliveries.agentId} as agent_id from ${deliveries} where ${deliveredOn(tenantId, day)} and ${deliveries.agentId} is not null
      union
      select ${cashReconciliations.agentId} from ${cashReconciliations}
      where ${cashReconciliations.tenantId} = ${tenantId} and ${cashReconciliations.businessDate} = ${day}
    ) agents
    where true ${page.cursor ? sql`and agent_id > ${page.cursor}` : sql``} ${agentId ? sql`and agent_id = ${agentId}` : sql``}
    order by agent_id
    limit ${page.limit + 1}`);
  return result.rows.map((r) => r.agent_id);
}

/** The day's handed-over deliveries of these agents, summed per agent and currency. */
export async function dayFigures(tx: Tx, tenantId: string, day: string, agentIds: string[]): Promise<DayFigures[]> {
  if (agentIds.length === 0) return [];
  const rows = await tx
    .select({
      agentId: deliveries.agentId,
      currency: deliveries.currency,
      deliveryCount: sql<number>`count(*)::int`,
      expected: sql<string>`sum(${deliveries.cashDueAmount})`,
      collected: sql<string>`coalesce(sum(${deliveries.cashCollectedAmount}), 0)`,
    })
    .from(deliveries)
    .where(and(deliveredOn(tenantId, day), inArray(deliveries.agentId, agentIds)))
    .groupBy(deliveries.agentId, deliveries.currency)
    .orderBy(asc(deliveries.agentId), asc(deliveries.currency));
  return rows.map((r) => ({ agentId: r.agentId!, currency: r.currency, deliveryCount: r.deliveryCount, expected: Number(r.expected), collected: Number(r.collected) }));
}

export function closingsOfDay(tx: Tx, tenantId: string, day: string, agentIds: string[]): Promise<ClosingRow[]> {
  if (agentIds.length === 0) return Promise.resolve([]);
  return tx
    .select()
    .from(cashReconciliations)
    .where(and(eq(cashReconciliations.tenantId, tenantId), eq(cashReconciliations.businessDate, day), inArray(cashReconciliations.agentId, agentIds)));
}

/** The closing, unless the agent's day was already closed (then undefined: the unique key decides between racing closes). */
export async function insertClosing(tx: Tx, row: Omit<typeof cashReconciliations.$inferInsert, 'closedAt'>): Promise<ClosingRow | undefined> {
  const [inserted] = await tx.insert(cashReconciliations).values(row).onConflictDoNothing().returning();
  return inserted;
}

export async function findClosing(tx: Tx, tenantId: string, agentId: string, day: string): Promise<ClosingRow | undefined> {
  const [row] = await tx
    .select()
    .from(cashReconciliations)
    .where(and(eq(cashReconciliations.tenantId, tenantId), eq(cashReconciliations.agentId, agentId), eq(cashReconciliations.businessDate, day)));
  return row;
}

/** Staff names by id, for the accountant's list (left out for ids no longer on the staff). */
export async function staffNames(tx: Tx, tenantId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.select({ id: staffUsers.id, name: staffUsers.name }).from(staffUsers).where(and(eq(staffUsers.tenantId, tenantId), inArray(staffUsers.id, ids)));
  return new Map(rows.map((r) => [r.id, r.name]));
}
