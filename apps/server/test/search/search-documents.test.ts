import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { testRoleVerifier } from '../security/fixtures.ts';
import { addProduct, admin, eur, makeShop, searchNames, type Shop } from './fixtures.ts';

let t: TestApp;
let shop: Shop;

beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  shop = await makeShop(t, 'search-documents');
});
afterAll(() => t.close());

const searchText = async (productId: string) =>
  (await inTransaction(t.database.db, { tenantId: shop.storeId }, (tx) => tx.execute<{ s: string }>(sql`select search_text as s from products where id = ${productId}`))).rows[0]!.s;

describe('search documents follow every change', () => {
  it('a renamed brand, and a deleted one', async () => {
    const brand = (await admin(t, shop.storeId, 'POST', '/catalog/brands', { name: 'Acme' })).json().id as string;
    await addProduct(t, shop.storeId, 'Anvil', { brandId: brand });
    expect(await searchNames(t, shop, 'acme')).toEqual(['Anvil']);
    await admin(t, shop.storeId, 'PATCH', `/catalog/brands/${brand}`, { name: 'Zenith' });
    expect(await searchNames(t, shop, 'zenith')).toEqual(['Anvil']);
    expect(await searchNames(t, shop, 'acme')).toEqual([]);
    expect((await admin(t, shop.storeId, 'DELETE', `/catalog/brands/${brand}`)).statusCode).toBe(204);
    expect(await searchNames(t, shop, 'zenith')).toEqual([]);
  });

  it("a variant's new SKU, an added variant's options, a deleted variant", async () => {
    const id = await addProduct(t, shop.storeId, 'Kettle', { variants: [{ sku: 'KT-OLD', optionValues: { colour: 'Black' }, price: eur(100) }] });
    const variantId = (await admin(t, shop.storeId, 'GET', `/catalog/products/${id}`)).json().variants[0].id as string;
    await admin(t, shop.storeId, 'PATCH', `/catalog/products/${id}/variants/${variantId}`, { sku: 'KT-NEW' });
    expect(await searchNames(t, shop, 'KT-NEW')).toEqual(['Kettle']);
    expect(await searchText(id)).not.toContain('KT-OLD');
    const added = (await admin(t, shop.storeId, 'POST', `/catalog/products/${id}/variants`, { sku: 'KT-MAG', optionValues: { colour: 'Magenta' }, price: eur(100) })).json().id as string;
    expect(await searchNames(t, shop, 'magenta')).toEqual(['Kettle']);
    expect((await admin(t, shop.storeId, 'DELETE', `/catalog/products/${id}/variants/${added}`)).statusCode).toBe(204);
    expect(await searchNames(t, shop, 'magenta')).toEqual([]);
    expect(await searchText(id)).not.toContain('KT-MAG');
  });

  it('name, tags, attributes and description changes; HTML is stripped from the text', async () => {
    const id = await addProduct(t, shop.storeId, 'Teapot', { description: '<p>Fine <em>porcelain</em> &amp; gold rim</p>' });
    expect(await searchText(id)).toContain('Fine porcelain & gold rim');
    await admin(t, shop.storeId, 'PATCH', `/catalog/products/${id}`, { name: 'Tea Kettle', tags: ['gift'], attributes: { material: 'stoneware' }, description: 'Matte glaze' });
    for (const q of ['gift', 'stoneware', 'matte']) expect(await searchNames(t, shop, q), q).toEqual(['Tea Kettle']);
    expect(await searchNames(t, shop, 'porcelain')).toEqual([]);
  });

  it('a bulk insert builds each document at most twice per statement pair, and price changes rebuild none', async () => {
    const client = await t.database.pool.connect();
    try {
      await client.query('begin');
      // Function call counts of this transaction (needs track_functions, a superuser setting, before dropping to the app role).
      await client.query(`set local track_functions = 'pl'`);
      // 4,000 rows through every catalog trigger: more than the app's 10 s statement limit on a slow, busy machine.
      await client.query(`set local statement_timeout = '120s'`);
      await client.query(`select set_config('role', 'winkel_app', true), set_config('app.tenant_id', $1, true)`, [shop.storeId]);
      const calls = async () => Number((await client.query(`select coalesce(pg_stat_get_xact_function_calls('product_search_compose'::regproc), 0) as n`)).rows[0].n);
      await client.query(
        `insert into products (id, tenant_id, name, slug, status, published_at)
         select gen_random_uuid(), $1, 'Bulk item ' || i, 'bulk-item-' || i, 'active', now() from generate_series(1, 1000) i`,
        [shop.storeId],
      );
      await client.query(
        `insert into variants (id, tenant_id, product_id, sku, option_values, price_amount, currency, position)
         select gen_random_uuid(), p.tenant_id, p.id, 'BULK-' || p.slug || '-' || s, jsonb_build_object('size', 'S' || s), 100 * s, 'EUR', s
           from products p cross join generate_series(1, 3) s where p.tenant_id = $1 and p.slug like 'bulk-item-%'`,
        [shop.storeId],
      );
      expect(await calls()).toBe(2000);
      await client.query(`update variants set price_amount = price_amount + 1 where tenant_id = $1`, [shop.storeId]);
      expect(await calls()).toBe(2000);
      const incomplete = await client.query(
        `select count(*)::int as n from products p where p.tenant_id = $1 and p.slug like 'bulk-item-%'
            and not (p.search_text like '%BULK-' || p.slug || '-1%' and p.search_text like '%BULK-' || p.slug || '-3%' and p.search_vector @@ 's3'::tsquery)`,
        [shop.storeId],
      );
      expect(incomplete.rows[0].n).toBe(0);
      await client.query('commit');
    } finally {
      client.release();
    }
    expect((await searchNames(t, shop, 'BULK-bulk-item-42-2'))[0]).toBe('Bulk item 42');
  });
});
