import { drizzle } from 'drizzle-orm/node-postgres';
import { PgDialect } from 'drizzle-orm/pg-core';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cartExpiryStatements } from '../../src/modules/carts/cart.repository.ts';
import { reservationExpiryStatement } from '../../src/modules/inventory/reservation.repository.ts';
import { takeDueConfirmations } from '../../src/modules/orders/order.repository.ts';
import { expiredKeysDeletion } from '../../src/platform/http/idempotency.repository.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';

/** A node of EXPLAIN (FORMAT JSON)'s plan. */
interface PlanNode {
  'Node Type': string;
  'Parent Relationship'?: string;
  'Subplan Name'?: string;
  Plans?: PlanNode[];
}

/** Every LockRows node of the plan, with whether it runs once: it sits in an InitPlan (an uncorrelated `array(...)` or a materialized CTE). */
function lockingReads(node: PlanNode, underInitPlan = false): Array<{ once: boolean; path: string }> {
  const once = underInitPlan || node['Parent Relationship'] === 'InitPlan';
  const own = node['Node Type'] === 'LockRows' ? [{ once, path: node['Subplan Name'] ?? node['Parent Relationship'] ?? 'top' }] : [];
  return [...own, ...(node.Plans ?? []).flatMap((child) => lockingReads(child, once))];
}

let database: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 1 });
});

afterAll(async () => {
  await pool.end();
  await database.drop();
});

async function planOf(query: { sql: string; params: unknown[] }): Promise<PlanNode> {
  const { rows } = await pool.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(`explain (format json) ${query.sql}`, query.params);
  return rows[0]!['QUERY PLAN'][0]!.Plan;
}

const dialect = new PgDialect();
const queryOf = (statement: SQL) => dialect.sqlToQuery(statement);
const store = '01900000-0000-7000-8000-000000000001';

/**
 * A batch job that takes rows with `for update skip locked ... limit n` must run that read once. Put
 * where the planner may rescan it (the inner side of a join, a semi-join's subquery), it locks and
 * reads again for every row taken: quadratic in the batch (docs/architecture.md#locking-subqueries).
 */
describe('batch statements that take rows with a locking read', () => {
  const statements: Array<[string, () => { sql: string; params: unknown[] }]> = [
    ['the confirmation claim', () => takeDueConfirmations(drizzle(pool), store, 100, 3).toSQL()],
    ['cart expiry: abandon', () => queryOf(cartExpiryStatements(500, 30).abandon)],
    ['cart expiry: purge', () => queryOf(cartExpiryStatements(500, 30).purge)],
    ['reservation expiry', () => queryOf(reservationExpiryStatement(500))],
    ['idempotency key cleanup', () => queryOf(expiredKeysDeletion(1000))],
  ];

  it.each(statements)('%s runs its locking read once, whatever the planner estimates', async (_, query) => {
    const reads = lockingReads(await planOf(query()));
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.filter((read) => !read.once)).toEqual([]);
  });

  it('tells a locking read the planner may rescan from one that runs once', async () => {
    const rescannable = queryOf(sql`delete from carts where id in (select id from carts where status = 'active' order by expires_at limit 10 for update skip locked)`);
    const reads = lockingReads(await planOf(rescannable));
    expect(reads).toHaveLength(1);
    expect(reads[0]!.once).toBe(false);
  });
});
