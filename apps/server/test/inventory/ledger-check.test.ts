import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../src/platform/db/database.ts';
import { captureLogger } from '../app.ts';
import { runCli } from '../cli/run-cli.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';
import { createStore } from '../security/fixtures.ts';
import { createVariant, inventoryServices, staffCtx } from './fixtures.ts';

let db: TestDatabase;
let database: Database;
const { log } = captureLogger();

beforeAll(async () => {
  db = await createTestDatabase();
  database = createDatabase({ url: db.url, max: 3, statementTimeoutMs: 10_000, idleInTransactionTimeoutMs: 10_000, slowQueryMs: 1000 }, log);
});
afterAll(async () => {
  await database.close();
  await db.drop();
});

describe('winkel inventory check', () => {
  it('passes while on_hand equals the ledger, and exits 1 naming the difference once a figure is tampered with', async () => {
    const storeId = await createStore(database, 'check-store');
    const s = inventoryServices(database);
    const ctx = staffCtx(log, storeId);
    const { variantId } = await createVariant(database, storeId, 'CHK-1');
    const other = await createVariant(database, storeId, 'CHK-2');
    const { locationId } = await s.stock.receive(ctx, { variantId, quantity: 7 });
    await s.stock.adjust(ctx, { variantId, quantity: -2, reason: 'broken' });
    await s.stock.receive(ctx, { variantId: other.variantId, quantity: 3 });
    const reserved = await s.reservations.reserve(ctx, { variantId: other.variantId, quantity: 2, reference: 'o' });
    if (!reserved.ok) throw new Error('reservation should succeed');
    await s.reservations.commit(ctx, reserved.reservation.id);

    const ok = await runCli(['inventory', 'check', '--store', 'check-store'], { DATABASE_URL: db.url });
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/check-store: every stock figure equals its ledger/);

    // Tampering as the table owner, past the application role's rules.
    const client = await database.pool.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('app.platform', 'on', true)`);
      await client.query('update stock_levels set on_hand = on_hand + 4 where variant_id = $1', [variantId]);
      await client.query('commit');
    } finally {
      client.release();
    }
    const bad = await runCli(['inventory', 'check', '--store', storeId], { DATABASE_URL: db.url });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain(`variant ${variantId} at location ${locationId}: on hand 9, ledger sum 5`);
    expect(bad.stdout).not.toContain(other.variantId);

    const usage = await runCli(['inventory', 'check'], { DATABASE_URL: db.url });
    expect(usage.code).toBe(2);
    const missing = await runCli(['inventory', 'check', '--store', 'nope'], { DATABASE_URL: db.url });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/no store "nope"/);
  }, 120_000);
});
