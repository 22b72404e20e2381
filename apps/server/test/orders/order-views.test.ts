import { beforeAll, describe, expect, it } from 'vitest';
import { verifiedCustomer } from '../customers/customer-fixtures.ts';
import { checkout, readyCart, staff, store, useOrderShop } from './fixtures.ts';

const o = useOrderShop('orders-views', 50);
const placed: Array<{ id: string; number: number }> = [];
let kim: string;
let lou: string;
beforeAll(async () => {
  kim = (await verifiedCustomer(o.t, o.shop, 'kim@example.test')).accessToken;
  lou = (await verifiedCustomer(o.t, o.shop, 'lou@example.test', 'Lou')).accessToken;
  const place = async (method: string, payment: string, token?: string) => {
    const res = await checkout(o.t, o.shop, await readyCart(o.t, o.shop, o.mug.variantId, 1, method, token), payment);
    if (res.statusCode !== 201) throw new Error(res.body);
    placed.push(res.json());
  };
  await place(o.post, 'manual', kim);
  await place(o.cod, 'cash_on_delivery', kim);
  await place(o.post, 'manual');
});

const list = (query: string) => staff(o.t, o.shop.storeId, 'GET', `/orders${query}`);
const numbersOf = (res: { json(): { data: Array<{ number: number }> } }) => res.json().data.map((order) => order.number);

describe("staff's orders", () => {
  it('lists newest first in cursor pages', async () => {
    const first = await list('?limit=2');
    expect(numbersOf(first)).toEqual([3, 2]);
    const next = await list(`?limit=2&cursor=${first.json().nextCursor}`);
    expect(numbersOf(next)).toEqual([1]);
    expect(next.json().nextCursor).toBeNull();
  });

  it('filters by status, payment method, placed time, tag and search', async () => {
    await staff(o.t, o.shop.storeId, 'POST', `/orders/${placed[0]!.id}/status`, { status: 'confirmed' });
    expect(numbersOf(await list('?status=confirmed'))).toEqual([1]);
    expect(numbersOf(await list('?paymentMethod=cash_on_delivery'))).toEqual([2]);
    expect(numbersOf(await list(`?placedTo=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}`))).toEqual([]);
    expect(numbersOf(await list(`?placedFrom=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}`))).toEqual([3, 2, 1]);
    const tagged = await staff(o.t, o.shop.storeId, 'PUT', `/orders/${placed[2]!.id}/tags`, { tags: ['vip', ' gift ', 'vip'] });
    expect(tagged.json().tags).toEqual(['vip', 'gift']);
    expect(numbersOf(await list('?tag=gift'))).toEqual([3]);
    expect(numbersOf(await list('?q=%232'))).toEqual([2]);
    expect(numbersOf(await list('?q=KIM@EXAMPLE'))).toEqual([3, 2, 1]);
    expect(numbersOf(await list('?q=kim%20buyer'))).toEqual([3, 2, 1]);
    expect(numbersOf(await list('?q=1234'))).toEqual([3, 2, 1]);
    expect(numbersOf(await list('?q=nobody'))).toEqual([]);
    expect((await list('?status=lost')).statusCode).toBe(422);
  });

  it('shows one order in full and keeps notes in its history', async () => {
    const noted = await staff(o.t, o.shop.storeId, 'POST', `/orders/${placed[1]!.id}/notes`, { note: 'leave at the door' });
    expect(noted.statusCode).toBe(200);
    const res = await staff(o.t, o.shop.storeId, 'GET', `/orders/${placed[1]!.id}`);
    expect(res.json()).toMatchObject({ number: 2, status: 'pending', lines: [{ quantity: 1 }], totals: { grandTotal: { amount: expect.any(Number) } } });
    expect(res.json().history.map((h: { to: string | null; note: string | null }) => [h.to, h.note])).toEqual([['pending', null], [null, 'leave at the door']]);
  });
});

describe("a customer's own orders", () => {
  const mine = (token: string, path = '') => store(o.t, o.shop, 'GET', `/customers/me/orders${path}`, { headers: { authorization: `Bearer ${token}` } });

  it("lists only the signed-in customer's orders and opens them by number", async () => {
    expect(numbersOf(await mine(kim))).toEqual([2, 1]);
    expect(numbersOf(await mine(lou))).toEqual([]);
    const one = await mine(kim, '/1');
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ number: 1, status: 'confirmed', history: [{ to: 'pending' }, { to: 'confirmed', actor: 'store' }] });
  });

  it("answers 404 for someone else's order and 401 without signing in", async () => {
    expect((await mine(lou, '/1')).statusCode).toBe(404);
    expect((await mine(kim, '/3')).statusCode).toBe(404);
    expect((await store(o.t, o.shop, 'GET', '/customers/me/orders')).statusCode).toBe(401);
  });
});
