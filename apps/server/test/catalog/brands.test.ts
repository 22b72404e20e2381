import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { as, createStore, testRoleVerifier } from '../security/fixtures.ts';

let t: TestApp;
let store: string;
const send = (method: 'POST' | 'PATCH' | 'DELETE' | 'GET', path: string, payload?: Record<string, unknown>) =>
  t.app.inject({ method, url: `/api/v1/admin/catalog${path}`, headers: as('inventory_manager', store), ...(payload ? { payload } : {}) });

beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  store = await createStore(t.database, 'cat-brands');
});
afterAll(() => t.close());

describe('brands', () => {
  it('creates, renames, pages and deletes brands, each change audited; products keep no brand after', async () => {
    const acme = (await send('POST', '/brands', { name: 'Acme' })).json();
    expect(acme.slug).toBe('acme');
    expect((await send('POST', '/brands', { name: 'ACME' })).json().slug).toBe('acme-2');
    const taken = await send('PATCH', `/brands/${acme.id}`, { slug: 'acme-2' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({ code: 'CATALOG_BRAND_SLUG_TAKEN', errors: [{ path: 'body.slug' }] });
    expect((await send('PATCH', `/brands/${acme.id}`, { name: 'Acme Ltd' })).json()).toMatchObject({ name: 'Acme Ltd', slug: 'acme' });

    const first = (await send('GET', '/brands?limit=1')).json();
    expect(first.data.map((b: { id: string }) => b.id)).toEqual([acme.id]);
    const second = (await send('GET', `/brands?limit=1&cursor=${first.nextCursor}`)).json();
    expect(second.data).toHaveLength(1);
    expect(second.nextCursor).toBeNull();

    const product = (await send('POST', '/products', { name: 'Anvil', brandId: acme.id, variants: [{ sku: 'ANV-1', price: { amount: 9900, currency: 'EUR' } }] })).json();
    expect((await send('DELETE', `/brands/${acme.id}`)).statusCode).toBe(204);
    expect((await send('GET', `/brands/${acme.id}`)).statusCode).toBe(404);
    expect((await send('GET', `/products/${product.id}`)).json().brandId).toBeNull();

    const audit = await inTransaction(t.database.db, { tenantId: store }, (tx) =>
      tx.execute<{ action: string }>(sql`select action from audit_log where tenant_id = ${store} and target_id = ${acme.id} order by id`),
    );
    expect(audit.rows.map((r) => r.action)).toEqual(['brand.created', 'brand.updated', 'brand.deleted']);
  });
});
