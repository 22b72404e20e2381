import { drizzle } from 'drizzle-orm/node-postgres';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productListQuery } from '../../src/modules/catalog/product.repository.ts';
import { searchProducts } from '../../src/modules/search/search.repository.ts';
import type { Tx } from '../../src/platform/db/database.ts';
import type { ReadStatement, TenantReader } from '../../src/platform/db/tenant-reader.ts';
import * as schema from '../../src/platform/db/schema.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { bulkLoad } from '../db.ts';
import { createStore, testRoleVerifier } from '../security/fixtures.ts';
import { addProduct, admin, eur } from './fixtures.ts';

let t: TestApp;
let store: string;

beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  store = await createStore(t.database, 'admin-search');
  await addProduct(t, store, 'Walnut Desk', { variants: [{ sku: 'WD-001', price: eur(100) }] });
  const chair = await addProduct(t, store, 'Oak Chair', { variants: [{ sku: 'OC-777', barcode: '123456789', price: eur(100) }] });
  await admin(t, store, 'PATCH', `/catalog/products/${chair}`, { slug: 'special-seat' });
  await addProduct(t, store, 'Desk Lamp', { status: 'draft', description: 'A base of oiled walnut.' });
  for (let i = 0; i < 7; i++) await addProduct(t, store, `Floor Lamp ${i}`);
});
afterAll(() => t.close());

const names = async (query: string) => {
  const res = await admin(t, store, 'GET', `/catalog/products?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().data as Array<{ name: string }>).map((p) => p.name);
};

describe('admin product search (q)', () => {
  it('matches part of the name, slug, a SKU or a barcode, any case, and typos of the name', async () => {
    expect(await names('q=ALNUT')).toEqual(['Walnut Desk']);
    expect(await names('q=d-00')).toEqual(['Walnut Desk']);
    expect(await names('q=special')).toEqual(['Oak Chair']);
    expect(await names('q=3456')).toEqual(['Oak Chair']);
    expect(await names('q=walnot')).toEqual(['Walnut Desk']);
    expect(await names('q=oiled')).toEqual([]);
    expect(await names('q=desk&status=draft')).toEqual(['Desk Lamp']);
  });

  it('keeps its newest-first cursor pages', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await admin(t, store, 'GET', `/catalog/products?q=lamp&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      const page = res.json() as { data: Array<{ name: string }>; nextCursor: string | null };
      expect(page.data.length).toBeLessThanOrEqual(3);
      seen.push(...page.data.map((p) => p.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['Floor Lamp 6', 'Floor Lamp 5', 'Floor Lamp 4', 'Floor Lamp 3', 'Floor Lamp 2', 'Floor Lamp 1', 'Floor Lamp 0', 'Desk Lamp']);
  });
});

describe('index use, on a few thousand products', () => {
  /**
   * Runs `work` as the application role in the store, with auto_explain sending
   * the plan of every statement (nested ones too: the search functions') back
   * as notices; returns those plans.
   */
  async function plansOf(work: (tx: Tx, reader: TenantReader) => Promise<unknown>): Promise<string> {
    const client: pg.PoolClient = await t.database.pool.connect();
    const plans: string[] = [];
    const collect = (notice: { message?: string }) => plans.push(notice.message ?? '');
    client.on('notice', collect);
    try {
      await client.query('begin');
      await client.query("load 'auto_explain'");
      await client.query("set local auto_explain.log_min_duration = 0; set local auto_explain.log_nested_statements = on; set local auto_explain.log_level = 'notice'");
      await client.query(`select set_config('role', 'winkel_app', true), set_config('app.tenant_id', $1, true)`, [store]);
      // The store is already set for this transaction; the reader only runs the statement on it.
      const reader: TenantReader = { query: async <R,>(_tenantId: string, statement: ReadStatement) => (await client.query(statement)).rows as R[] };
      await work(drizzle(client, { schema }) as unknown as Tx, reader);
      await client.query('rollback');
    } finally {
      client.off('notice', collect);
      client.release();
    }
    return plans.join('\n');
  }

  beforeAll(async () => {
    await bulkLoad(t.database.pool, [
      {
        text: `insert into products (id, tenant_id, name, slug, description, status, published_at)
               select gen_random_uuid(), $1, 'Filler product ' || i, 'filler-' || i, repeat('Plain words about nothing in particular, number ' || i || '. ', 12), 'active', now()
                 from generate_series(1, 3000) i`,
        values: [store],
      },
      {
        text: `insert into variants (id, tenant_id, product_id, sku, price_amount, currency)
               select gen_random_uuid(), p.tenant_id, p.id, 'FILL-' || p.slug, 100, 'EUR' from products p where p.tenant_id = $1 and p.slug like 'filler-%'`,
        values: [store],
      },
    ]);
    await addProduct(t, store, 'Zanzibar Spice Box', { variants: [{ sku: 'QZX-5521', price: eur(100) }] });
    await t.database.pool.query('analyze products');
  });

  it('the admin search reaches the trigram index on search_text, and for a typo the one on name', async () => {
    let rows: Array<{ name: string }> = [];
    const part = await plansOf(async (tx) => (rows = await productListQuery(tx, store, { q: 'qzx-55' }, { limit: 20 })));
    expect(rows.map((r) => r.name)).toEqual(['Zanzibar Spice Box']);
    expect(part).toMatch(/Bitmap Index Scan on products_search_text_trgm_idx/);
    const typo = await plansOf(async (tx) => (rows = await productListQuery(tx, store, { q: 'zanzibr' }, { limit: 20 })));
    expect(rows.map((r) => r.name)).toEqual(['Zanzibar Spice Box']);
    expect(typo).toMatch(/Bitmap Index Scan on products_name_trgm_idx/);
  });

  it('the storefront search reaches the full-text index, and for a typo the trigram index', async () => {
    let rows: Array<{ name: string }> = [];
    const words = await plansOf(async (_tx, reader) => (rows = await searchProducts(reader, store, 'zanzibar', { offset: 0, limit: 5 })));
    expect(rows.map((r) => r.name)).toEqual(['Zanzibar Spice Box']);
    expect(words).toMatch(/Bitmap Index Scan on products_search_vector_idx/);
    const typo = await plansOf(async (_tx, reader) => (rows = await searchProducts(reader, store, 'zanzibr spice', { offset: 0, limit: 5 })));
    expect(rows.map((r) => r.name)).toEqual(['Zanzibar Spice Box']);
    expect(typo).toMatch(/Bitmap Index Scan on products_search_text_trgm_idx/);
  });
});
