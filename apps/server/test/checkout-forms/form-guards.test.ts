import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';
import { testRoleVerifier } from '../security/fixtures.ts';
import { answers, createForm, footprint, formShop, formToken, getForm, postOrder, preflight, SHOP_ORIGIN } from './fixtures.ts';

let t: TestApp;
let a: Awaited<ReturnType<typeof formShop>>;
let b: Awaited<ReturnType<typeof formShop>>;
beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()], env: { RATE_LIMIT_FORM: '4/60' } });
  a = await formShop(t, 'forms-guard-a', 20);
  b = await formShop(t, 'forms-guard-b', 20);
  await createForm(t, a.storeId, a.cod, a.mug.variantId);
  await createForm(t, a.storeId, a.cod, a.mug.variantId, { slug: 'slow', minFillSeconds: 30 });
  await createForm(t, a.storeId, a.cod, a.mug.variantId, { slug: 'one-second', minFillSeconds: 1 });
  await createForm(t, a.storeId, a.cod, a.mug.variantId, { slug: 'a-only' });
  await createForm(t, b.storeId, b.cod, b.mug.variantId);
});
afterAll(() => t.close());

/** Each test posts from its own address, so that none spends another's rate-limit budget. */
let nextHost = 10;
const newIp = () => `203.0.113.${nextHost++}`;

async function refusedAsBot(res: { statusCode: number; json(): Record<string, unknown> }) {
  expect(res.statusCode).toBe(422);
  const body = res.json();
  expect(body).toMatchObject({ code: 'CHECKOUT_FORM_REFUSED', detail: 'The form could not be accepted. Reload the page and send it again.', errors: [{ path: 'body' }] });
  expect(JSON.stringify([body.detail, body.errors])).not.toMatch(/website|honeypot|token|fast|second|forged/i);
}

const reasonsLogged = () => t.logs.filter((l) => l.msg === 'checkout form post refused as automated').map((l) => l.reason);

describe('checkout forms: bot checks, before anything is written', () => {
  it('refuses a post whose honeypot is filled in, without saying which check failed', async () => {
    const ip = newIp();
    const token = await formToken(t, a.storeId, 'order-now');
    const before = await footprint(t, a.storeId, a.mug.variantId);
    await refusedAsBot(await postOrder(t, a.storeId, 'order-now', answers(token, a.mug.variantId, { website: 'https://spam.example' }), { ip }));
    expect(await footprint(t, a.storeId, a.mug.variantId)).toEqual(before);
    expect(reasonsLogged()).toContain('honeypot');
  });

  it('refuses a post sooner than the form’s minimum fill time, and takes one after it', async () => {
    const ip = newIp();
    const before = await footprint(t, a.storeId, a.mug.variantId);
    await refusedAsBot(await postOrder(t, a.storeId, 'slow', answers(await formToken(t, a.storeId, 'slow'), a.mug.variantId), { ip }));
    expect(await footprint(t, a.storeId, a.mug.variantId)).toEqual(before);
    expect(reasonsLogged()).toContain('too_fast');
    const token = await formToken(t, a.storeId, 'one-second');
    await refusedAsBot(await postOrder(t, a.storeId, 'one-second', answers(token, a.mug.variantId), { ip }));
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect((await postOrder(t, a.storeId, 'one-second', answers(token, a.mug.variantId), { ip })).statusCode).toBe(201);
  });

  it('refuses a forged token: an earlier time, another form’s, another store’s, or made up', async () => {
    const token = await formToken(t, a.storeId, 'slow');
    const [servedAt, signature] = token.split('.') as [string, string];
    const before = await footprint(t, a.storeId, a.mug.variantId);
    const forgeries = [
      `${Number(servedAt) - 60_000}.${signature}`,
      await formToken(t, a.storeId, 'order-now'),
      `${Date.now() - 60_000}.${'A'.repeat(43)}`,
      'not-a-token',
    ];
    for (const forged of forgeries) await refusedAsBot(await postOrder(t, a.storeId, 'slow', answers(forged, a.mug.variantId), { ip: newIp() }));
    // Store B's form has the same slug: its token does not open store A's.
    await refusedAsBot(await postOrder(t, a.storeId, 'order-now', answers(await formToken(t, b.storeId, 'order-now'), a.mug.variantId), { ip: newIp() }));
    expect(await footprint(t, a.storeId, a.mug.variantId)).toEqual(before);
    expect(reasonsLogged()).toContain('forged');
  });

  it('answers 429 with Retry-After once an address has posted RATE_LIMIT_FORM times, and writes nothing for it', async () => {
    const ip = newIp();
    const token = await formToken(t, a.storeId, 'order-now');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await postOrder(t, a.storeId, 'order-now', answers(token, a.mug.variantId), { ip })).statusCode);
    expect(statuses).toEqual([201, 201, 201, 201]);
    const before = await footprint(t, a.storeId, a.mug.variantId);
    const limited = await postOrder(t, a.storeId, 'order-now', answers(token, a.mug.variantId), { ip });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await footprint(t, a.storeId, a.mug.variantId)).toEqual(before);
    // Loading the form is not a post; another address still has its budget.
    expect((await getForm(t, a.storeId, 'order-now', { ip })).statusCode).toBe(200);
    expect((await postOrder(t, a.storeId, 'order-now', answers(token, a.mug.variantId), { ip: newIp() })).statusCode).toBe(201);
  });
});

describe('checkout forms: one store’s form is never reached through another store', () => {
  it("answers 404 to store A's form asked for, preflighted or posted through store B's path", async () => {
    const token = await formToken(t, a.storeId, 'a-only');
    expect((await getForm(t, b.storeId, 'a-only')).statusCode).toBe(404);
    expect((await preflight(t, b.storeId, 'a-only/orders', SHOP_ORIGIN)).statusCode).toBe(404);
    const beforeB = await footprint(t, b.storeId, a.mug.variantId);
    const res = await postOrder(t, b.storeId, 'a-only', answers(token, a.mug.variantId), { ip: newIp() });
    expect(res.statusCode).toBe(404);
    expect(await footprint(t, b.storeId, a.mug.variantId)).toEqual(beforeB);
  });

  it("refuses store A's variant posted to store B's form, and places nothing in either store", async () => {
    const beforeA = await footprint(t, a.storeId, a.mug.variantId);
    const beforeB = await footprint(t, b.storeId, b.mug.variantId);
    const res = await postOrder(t, b.storeId, 'order-now', answers(await formToken(t, b.storeId, 'order-now'), a.mug.variantId), { ip: newIp() });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual([{ path: 'body.items.0.variantId', message: 'is not offered by this form' }]);
    expect(await footprint(t, a.storeId, a.mug.variantId)).toEqual(beforeA);
    expect(await footprint(t, b.storeId, b.mug.variantId)).toEqual(beforeB);
  });
});
