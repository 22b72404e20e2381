import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { uuidv7 } from 'uuidv7';
import { afterEach, describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../src/platform/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';

let database: TestDatabase | undefined;
let folder: string | undefined;
afterEach(async () => {
  await database?.drop();
  if (folder) await rm(folder, { recursive: true, force: true });
  database = folder = undefined;
});

/** The shipped migrations up to and including `tag`, in a folder of their own. */
async function migrationsUpTo(tag: string): Promise<string> {
  folder = await mkdtemp(path.join(os.tmpdir(), 'winkel-migrations-'));
  await cp(migrationsFolder, folder, { recursive: true });
  const journalPath = path.join(folder, 'meta/_journal.json');
  const journal = JSON.parse(await readFile(journalPath, 'utf8')) as { entries: Array<{ tag: string }> };
  const last = journal.entries.findIndex((e) => e.tag === tag);
  expect(last).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, last + 1);
  await writeFile(journalPath, JSON.stringify(journal));
  return folder;
}

describe('migration 0028 (order_confirmations_due)', () => {
  it('puts the unconfirmed orders of the last three days on the due list, and only those', async () => {
    database = await createTestDatabase({ migrated: false });
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await migrate(drizzle(client), { migrationsFolder: await migrationsUpTo('0027_stock_notice_per_row') });
      await client.query(`set app.platform = 'on'`);
      const store = uuidv7();
      await client.query(`insert into stores (id, tenant_id, handle, name, default_currency, locale, timezone) values ($1, $1, 'due-shop', 'Due shop', 'EUR', 'en', 'UTC')`, [store]);
      const order = async (number: number, queuedAt: string | null, placedDaysAgo: number) => {
        const id = uuidv7();
        await client.query(
          `insert into orders (tenant_id, id, number, currency, email, customer_name, shipping_address, shipping_method, payment_method,
             subtotal_amount, discount_amount, shipping_amount, tax_amount, grand_total_amount, totals, confirmation_queued_at, placed_at)
           values ($1, $2, $3, 'EUR', 'kim@example.test', 'Kim', '{}', '{}', 'manual', 100, 0, 0, 0, 100, '{}', $4, now() - make_interval(days => $5))`,
          [store, id, number, queuedAt, placedDaysAgo],
        );
        return id;
      };
      const waiting = await order(1, null, 0);
      const yesterday = await order(2, null, 1);
      await order(3, new Date().toISOString(), 0);
      await order(4, null, 4);

      await migrate(drizzle(client), { migrationsFolder });
      const due = await client.query<{ order_id: string }>('select order_id from order_confirmations_due order by order_id');
      expect(due.rows.map((r) => r.order_id)).toEqual([waiting, yesterday]);
      const column = await client.query(`select 1 from information_schema.columns where table_name = 'orders' and column_name = 'confirmation_queued_at'`);
      expect(column.rowCount).toBe(0);
    } finally {
      await client.end();
    }
  });
});

describe('migration 0029 (placed_at on the due list)', () => {
  it("copies each due order's placed_at onto its row", async () => {
    database = await createTestDatabase({ migrated: false });
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await migrate(drizzle(client), { migrationsFolder: await migrationsUpTo('0028_order_confirmations_due') });
      await client.query(`set app.platform = 'on'`);
      const store = uuidv7();
      await client.query(`insert into stores (id, tenant_id, handle, name, default_currency, locale, timezone) values ($1, $1, 'due-shop', 'Due shop', 'EUR', 'en', 'UTC')`, [store]);
      const due = async (number: number, placedHoursAgo: number) => {
        const id = uuidv7();
        await client.query(
          `insert into orders (tenant_id, id, number, currency, email, customer_name, shipping_address, shipping_method, payment_method,
             subtotal_amount, discount_amount, shipping_amount, tax_amount, grand_total_amount, totals, placed_at)
           values ($1, $2, $3, 'EUR', 'kim@example.test', 'Kim', '{}', '{}', 'manual', 100, 0, 0, 0, 100, '{}', now() - make_interval(hours => $4))`,
          [store, id, number, placedHoursAgo],
        );
        await client.query('insert into order_confirmations_due (tenant_id, order_id) values ($1, $2)', [store, id]);
      };
      await due(1, 0);
      await due(2, 30);

      await migrate(drizzle(client), { migrationsFolder });
      const rows = await client.query<{ same: boolean }>(
        'select d.placed_at = o.placed_at as same from order_confirmations_due d join orders o on o.tenant_id = d.tenant_id and o.id = d.order_id order by o.number',
      );
      expect(rows.rows).toEqual([{ same: true }, { same: true }]);
      const column = await client.query(`select is_nullable from information_schema.columns where table_name = 'order_confirmations_due' and column_name = 'placed_at'`);
      expect(column.rows).toEqual([{ is_nullable: 'NO' }]);
    } finally {
      await client.end();
    }
  });
});
