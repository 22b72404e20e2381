import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';
import { testRoleVerifier } from '../security/fixtures.ts';
import { addProduct, admin, createForm, formShop, getForm, paths, SHOP_ORIGIN, type FormView } from './fixtures.ts';

let t: TestApp;
let storeId: string;
let cod: string;
let post: string;
let mug: { productId: string; variantId: string };
let other: { storeId: string; cod: string; mug: { variantId: string } };
beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()] });
  ({ storeId, cod, post, mug } = await formShop(t, 'forms-admin'));
  other = await formShop(t, 'forms-admin-other');
});
afterAll(() => t.close());

const base = () => ({ slug: 'draft-one', title: 'Draft one', shippingMethodId: cod, defaultCountry: 'NL' });

describe('checkout forms: staff manage them', () => {
  it('creates a draft with the default fields, reads it back, lists it and changes it', async () => {
    const created = await admin(t, storeId, 'POST', '/checkout-forms', { ...base(), items: [{ variantId: mug.variantId }] });
    expect(created.statusCode, created.body).toBe(201);
    const form = created.json() as FormView;
    expect(form).toMatchObject({
      slug: 'draft-one',
      status: 'draft',
      items: [{ variantId: mug.variantId, maxQuantity: 10 }],
      fields: { email: 'optional', phone: 'required', company: 'hidden', line2: 'optional', postalCode: 'required', region: 'hidden', note: 'optional' },
      allowedOrigins: [],
      minFillSeconds: 3,
      shippingMethodId: cod,
      defaultCountry: 'NL',
      successMessage: null,
      publicPath: `/api/v1/public/stores/${storeId}/forms/draft-one`,
    });
    expect((await admin(t, storeId, 'GET', `/checkout-forms/${form.id}`)).json()).toEqual(form);

    const changed = await admin(t, storeId, 'PATCH', `/checkout-forms/${form.id}`, {
      title: 'Summer mugs',
      status: 'published',
      fields: { email: 'required', company: 'optional' },
      allowedOrigins: ['https://Shop.Example/', 'http://localhost:5173', SHOP_ORIGIN],
      items: [{ variantId: mug.variantId, maxQuantity: 3 }],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      title: 'Summer mugs',
      status: 'published',
      fields: { email: 'required', phone: 'required', company: 'optional' },
      allowedOrigins: [SHOP_ORIGIN, 'http://localhost:5173'],
      items: [{ variantId: mug.variantId, maxQuantity: 3 }],
    });
    const audit = await t.database.db.execute<{ action: string }>(sql`select action from audit_log where tenant_id = ${storeId} and target_id = ${form.id} order by id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['checkout_form.created', 'checkout_form.updated']);
  });

  it('lists forms oldest first, a page at a time, and by status', async () => {
    const a = await createForm(t, storeId, cod, mug.variantId, { slug: 'list-a' });
    const b = await createForm(t, storeId, cod, mug.variantId, { slug: 'list-b', status: 'draft' });
    const first = (await admin(t, storeId, 'GET', '/checkout-forms?limit=1')).json() as { data: FormView[]; nextCursor: string };
    expect(first.data).toHaveLength(1);
    const all: string[] = first.data.map((f) => f.slug);
    let cursor: string | null = first.nextCursor;
    while (cursor) {
      const page = (await admin(t, storeId, 'GET', `/checkout-forms?limit=1&cursor=${cursor}`)).json() as { data: FormView[]; nextCursor: string | null };
      all.push(...page.data.map((f) => f.slug));
      cursor = page.nextCursor;
    }
    expect(all).toEqual(expect.arrayContaining(['list-a', 'list-b']));
    const drafts = (await admin(t, storeId, 'GET', '/checkout-forms?status=draft')).json() as { data: FormView[] };
    expect(drafts.data.map((f) => f.id)).toContain(b.id);
    expect(drafts.data.map((f) => f.id)).not.toContain(a.id);
  });

  it('archives a form: its public path answers 404 until it is published again', async () => {
    const form = await createForm(t, storeId, cod, mug.variantId, { slug: 'to-archive' });
    expect((await getForm(t, storeId, 'to-archive')).statusCode).toBe(200);
    const archived = await admin(t, storeId, 'POST', `/checkout-forms/${form.id}/archive`);
    expect(archived.statusCode, archived.body).toBe(200);
    expect(archived.json()).toMatchObject({ status: 'archived' });
    expect((await getForm(t, storeId, 'to-archive')).statusCode).toBe(404);
    expect((await admin(t, storeId, 'PATCH', `/checkout-forms/${form.id}`, { status: 'published' })).statusCode).toBe(200);
    expect((await getForm(t, storeId, 'to-archive')).statusCode).toBe(200);
  });

  it('refuses a slug the store uses already with 409 naming slug, and a slug that is not URL-safe with 422', async () => {
    await createForm(t, storeId, cod, mug.variantId, { slug: 'taken' });
    const again = await admin(t, storeId, 'POST', '/checkout-forms', { ...base(), slug: 'taken' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'CHECKOUT_FORM_SLUG_TAKEN' });
    expect(paths(again)).toEqual(['body.slug']);
    const renamed = await createForm(t, storeId, cod, mug.variantId, { slug: 'free' });
    expect((await admin(t, storeId, 'PATCH', `/checkout-forms/${renamed.id}`, { slug: 'taken' })).statusCode).toBe(409);
    // Another store may use the same slug.
    expect((await admin(t, other.storeId, 'POST', '/checkout-forms', { ...base(), slug: 'taken', shippingMethodId: other.cod })).statusCode).toBe(201);
    for (const slug of ['Has Spaces', 'UPPER', 'ends-', '../x', 'a/b']) {
      const bad = await admin(t, storeId, 'POST', '/checkout-forms', { ...base(), slug });
      expect(bad.statusCode, slug).toBe(422);
      expect(paths(bad), slug).toEqual(['body.slug']);
    }
  });

  it('refuses items that are not variants on sale in this store, naming each', async () => {
    const draftProduct = await addProduct(t, storeId, 'Unfinished', 500, { status: 'draft' });
    const res = await admin(t, storeId, 'POST', '/checkout-forms', {
      ...base(),
      slug: 'bad-items',
      items: [{ variantId: mug.variantId }, { variantId: other.mug.variantId }, { variantId: '0190a1b2-0000-7000-8000-000000000009' }, { variantId: draftProduct.variantId }, { variantId: mug.variantId }],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'CHECKOUT_FORM_INVALID' });
    expect(paths(res).sort()).toEqual(['body.items.1.variantId', 'body.items.2.variantId', 'body.items.3.variantId', 'body.items.4.variantId']);
  });

  it('refuses a shipping method that is not an active cash-on-delivery method of this store', async () => {
    for (const shippingMethodId of [post, other.cod, '0190a1b2-0000-7000-8000-000000000009']) {
      const res = await admin(t, storeId, 'POST', '/checkout-forms', { ...base(), slug: 'bad-shipping', shippingMethodId });
      expect(res.statusCode).toBe(422);
      expect(paths(res)).toEqual(['body.shippingMethodId']);
    }
  });

  it('refuses origins that are not exact https origins, naming each, and wildcards', async () => {
    const res = await admin(t, storeId, 'POST', '/checkout-forms', {
      ...base(),
      slug: 'bad-origins',
      allowedOrigins: [SHOP_ORIGIN, '*', 'https://*.shop.example', 'http://shop.example', 'https://shop.example/order', 'shop.example', 'https://user@shop.example', 'https://shop.example?x=1'],
    });
    expect(res.statusCode).toBe(422);
    expect(paths(res)).toEqual([1, 2, 3, 4, 5, 6, 7].map((i) => `body.allowedOrigins.${i}`));
  });

  it('refuses fields that leave no way to reach the shopper, an unknown country, and publishing what cannot take an order', async () => {
    const noContact = await admin(t, storeId, 'POST', '/checkout-forms', { ...base(), slug: 'no-contact', fields: { phone: 'optional', email: 'hidden' } });
    expect(paths(noContact)).toEqual(['body.fields.phone']);
    const noPostalCode = await admin(t, storeId, 'POST', '/checkout-forms', { ...base(), slug: 'no-postcode', fields: { postalCode: 'hidden' } });
    expect(paths(noPostalCode)).toEqual(['body.fields.postalCode']);
    const country = await admin(t, storeId, 'POST', '/checkout-forms', { ...base(), slug: 'no-country', defaultCountry: 'XX' });
    expect(paths(country)).toEqual(['body.defaultCountry']);
    const empty = await admin(t, storeId, 'POST', '/checkout-forms', { ...base(), slug: 'empty', status: 'published' });
    expect(empty.statusCode).toBe(422);
    expect(paths(empty)).toEqual(['body.items', 'body.allowedOrigins']);
    const unknownField = await admin(t, storeId, 'POST', '/checkout-forms', { ...base(), slug: 'odd', fields: { fax: 'required' } });
    expect(unknownField.statusCode).toBe(422);
    expect(await t.database.db.execute(sql`select 1 from checkout_forms where tenant_id = ${storeId} and slug in ('no-contact', 'no-postcode', 'no-country', 'empty', 'odd')`).then((r) => r.rows)).toEqual([]);
  });

  it('lets roles with checkout:read see forms and only checkout:manage change them', async () => {
    const form = await createForm(t, storeId, cod, mug.variantId, { slug: 'roles' });
    expect((await admin(t, storeId, 'GET', `/checkout-forms/${form.id}`, undefined, 'viewer')).statusCode).toBe(200);
    const refused = await admin(t, storeId, 'PATCH', `/checkout-forms/${form.id}`, { title: 'Mine' }, 'manager');
    expect(refused.statusCode).toBe(403);
    expect((await admin(t, storeId, 'GET', '/checkout-forms', undefined, 'inventory_manager')).statusCode).toBe(403);
    expect((await admin(t, storeId, 'POST', '/checkout-forms', { ...base(), slug: 'by-admin' }, 'admin')).statusCode).toBe(201);
  });

  it("never shows or changes another store's form: 404 by id, absent from lists", async () => {
    const theirs = await createForm(t, other.storeId, other.cod, other.mug.variantId, { slug: 'theirs' });
    expect((await admin(t, storeId, 'GET', `/checkout-forms/${theirs.id}`)).statusCode).toBe(404);
    expect((await admin(t, storeId, 'PATCH', `/checkout-forms/${theirs.id}`, { title: 'Stolen' })).statusCode).toBe(404);
    expect((await admin(t, storeId, 'POST', `/checkout-forms/${theirs.id}/archive`)).statusCode).toBe(404);
    const mine = (await admin(t, storeId, 'GET', '/checkout-forms?limit=100')).json() as { data: FormView[] };
    expect(mine.data.map((f) => f.id)).not.toContain(theirs.id);
    expect((await admin(t, other.storeId, 'GET', `/checkout-forms/${theirs.id}`)).json()).toMatchObject({ title: 'Order now', status: 'published' });
  });
});
