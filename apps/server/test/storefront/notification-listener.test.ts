import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotificationListener, type NotificationListener } from '../../src/platform/db/notification-listener.ts';
import { buildTestApp, captureLogger, type TestApp } from '../app.ts';
import { createTestDatabase, type TestDatabase } from '../db.ts';
import { createStore, testRoleVerifier } from '../security/fixtures.ts';
import { publishableKeyOf, seedCatalog, storefront } from './catalog-fixtures.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

async function sql(text: string, values?: unknown[]) {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

const terminate = (applicationName: string) => sql('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1 and datname = current_database()', [applicationName]);

describe('database notification listener', () => {
  let listener: NotificationListener;
  afterAll(() => listener.close());

  it('delivers committed notices only, reconnects after losing its connection, and says so', async () => {
    listener = createNotificationListener({ url: db.url, log: captureLogger().log, applicationName: 'listener-test', minDelayMs: 20, maxDelayMs: 100 });
    const received: string[] = [];
    const states: boolean[] = [];
    listener.onStateChange((listening) => states.push(listening));
    listener.listen('test_channel', (payload) => received.push(payload));
    await expect.poll(() => listener.isListening()).toBe(true);

    await sql("begin; select pg_notify('test_channel', 'rolled-back'); rollback;");
    await sql("begin; select pg_notify('test_channel', 'a'); select pg_notify('test_channel', 'a'); select pg_notify('test_channel', 'b'); commit;");
    await expect.poll(() => received).toEqual(['a', 'b']);

    await terminate('listener-test');
    await expect.poll(() => states, { timeout: 3_000 }).toEqual([true, false, true]);
    await sql("select pg_notify('test_channel', 'after')");
    await expect.poll(() => received).toEqual(['a', 'b', 'after']);
  });
});

describe('storefront cache and a lost notice connection', () => {
  let t: TestApp;
  afterAll(() => t.close());

  it('serves nothing it cached before the listener reconnected', async () => {
    t = await buildTestApp({ db, env: { STOREFRONT_CACHE_TTL_SECONDS: '300' }, bearerVerifiers: [testRoleVerifier()] });
    const store = await createStore(t.database, 'listener-loss');
    await seedCatalog(t.database, store, { categories: [], brands: [], products: [{ name: 'Lamp', variants: [{ sku: 'LAMP-1', price: 100 }] }] });
    const key = await publishableKeyOf(t, store);
    await storefront(t, key, '/products');
    expect((await storefront(t, key, '/products')).headers['x-cache']).toBe('HIT');
    await terminate('winkel-listener');
    await expect.poll(async () => (await storefront(t, key, '/products')).headers['x-cache']).toBe('MISS');
    // Once listening again, responses are kept again.
    await expect.poll(async () => (await storefront(t, key, '/products')).headers['x-cache'], { timeout: 10_000, interval: 100 }).toBe('HIT');
  });
});
