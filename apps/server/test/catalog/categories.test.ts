import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { as, createStore, testRoleVerifier } from '../security/fixtures.ts';

let t: TestApp;
let store: string;
const url = (path: string) => `/api/v1/admin/catalog${path}`;
const send = (method: 'POST' | 'PATCH' | 'DELETE' | 'GET', path: string, payload?: Record<string, unknown>) =>
  t.app.inject({ method, url: url(path), headers: as('manager', store), ...(payload ? { payload } : {}) });
const category = async (name: string, parentId: string | null = null): Promise<string> => {
  const res = await send('POST', '/categories', { name, parentId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};
const move = (id: string, parentId: string | null) => send('POST', `/categories/${id}/move`, { parentId });

/** Every category reaches the top by following parents, without meeting itself. */
async function treeIsValid(): Promise<boolean> {
  const rows = await inTransaction(t.database.db, { tenantId: store }, (tx) =>
    tx.execute<{ id: string; parent_id: string | null }>(sql`select id, parent_id from categories where tenant_id = ${store}`),
  );
  const parent = new Map(rows.rows.map((r) => [r.id, r.parent_id]));
  return [...parent.keys()].every((id) => {
    const seen = new Set<string>();
    for (let at: string | null | undefined = id; at; at = parent.get(at)) {
      if (seen.has(at)) return false;
      seen.add(at);
    }
    return true;
  });
}

beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  store = await createStore(t.database, 'cat-tree');
});
afterAll(() => t.close());

describe('category tree', () => {
  it('moves a subtree under another parent and lists it as a tree', async () => {
    const home = await category('Home');
    const kitchen = await category('Kitchen', home);
    const mugs = await category('Mugs', kitchen);
    const garden = await category('Garden');
    const moved = await move(kitchen, garden);
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ id: kitchen, parentId: garden });

    const tree = await send('GET', '/category-tree?limit=100');
    const gardenNode = tree.json().data.find((n: { id: string }) => n.id === garden);
    expect(gardenNode.children.map((c: { id: string }) => c.id)).toEqual([kitchen]);
    expect(gardenNode.children[0].children.map((c: { id: string }) => c.id)).toEqual([mugs]);
    expect(tree.json().data.find((n: { id: string }) => n.id === home).children).toEqual([]);
    expect(await treeIsValid()).toBe(true);
  });

  it('refuses to move a category under itself or a descendant (422 CATALOG_CATEGORY_CYCLE)', async () => {
    const a = await category('A');
    const b = await category('B', a);
    const c = await category('C', b);
    for (const target of [a, b, c]) {
      const res = await move(a, target);
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'CATALOG_CATEGORY_CYCLE', errors: [{ path: 'body.parentId' }] });
    }
    expect((await move(c, null)).json()).toMatchObject({ parentId: null });
    expect(await treeIsValid()).toBe(true);
  });

  it('lets exactly one of two concurrent moves through when together they would form a cycle', async () => {
    for (let round = 0; round < 10; round++) {
      const x = await category(`X${round}`);
      const y = await category(`Y${round}`);
      const results = await Promise.all([move(x, y), move(y, x)]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 422]);
      expect(results.find((r) => r.statusCode === 422)!.json().code).toBe('CATALOG_CATEGORY_CYCLE');
    }
    expect(await treeIsValid()).toBe(true);
  });

  it('refuses to delete a category with subcategories or products, and deletes an empty one', async () => {
    const parent = await category('Parent');
    const child = await category('Child', parent);
    expect((await send('DELETE', `/categories/${parent}`)).json()).toMatchObject({ code: 'CATALOG_CATEGORY_HAS_CHILDREN' });
    const product = await send('POST', '/products', { name: 'Bowl', categoryIds: [child], variants: [{ sku: 'BOWL-1', price: { amount: 900, currency: 'EUR' } }] });
    expect(product.statusCode, product.body).toBe(201);
    const inUse = await send('DELETE', `/categories/${child}`);
    expect(inUse.statusCode).toBe(422);
    expect(inUse.json().code).toBe('CATALOG_CATEGORY_IN_USE');
    const empty = await category('Empty');
    expect((await send('DELETE', `/categories/${empty}`)).statusCode).toBe(204);
    expect((await send('GET', `/categories/${empty}`)).statusCode).toBe(404);
  });

  it('makes unique slugs, renames, and pages the flat list', async () => {
    const first = await send('POST', '/categories', { name: 'Tea & Coffee' });
    const second = await send('POST', '/categories', { name: 'Tea & Coffee' });
    expect([first.json().slug, second.json().slug]).toEqual(['tea-coffee', 'tea-coffee-2']);
    const clash = await send('PATCH', `/categories/${second.json().id}`, { slug: 'tea-coffee' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({ code: 'CATALOG_CATEGORY_SLUG_TAKEN', errors: [{ path: 'body.slug' }] });
    expect((await send('PATCH', `/categories/${second.json().id}`, { name: 'Tea', position: 3 })).json()).toMatchObject({ name: 'Tea', position: 3 });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { data: Array<{ id: string }>; nextCursor: string | null } = (await send('GET', `/categories?limit=4${cursor ? `&cursor=${cursor}` : ''}`)).json();
      expect(page.data.length).toBeLessThanOrEqual(4);
      seen.push(...page.data.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    const total = await inTransaction(t.database.db, { tenantId: store }, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from categories where tenant_id = ${store}`));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(total.rows[0]!.n);
  });

  it('refuses an unknown parent, and a body with an id or tenantId in it', async () => {
    const res = await send('POST', '/categories', { name: 'Orphan', parentId: '0190f0f0-0000-7000-8000-000000000000' });
    expect(res.json()).toMatchObject({ code: 'CATALOG_CATEGORY_PARENT_UNKNOWN' });
    expect((await send('POST', '/categories', { name: 'Sneaky', tenantId: store })).statusCode).toBe(422);
    expect((await send('PATCH', `/categories/${await category('Z')}`, { id: store })).statusCode).toBe(422);
  });
});
