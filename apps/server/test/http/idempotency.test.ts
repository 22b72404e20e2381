import { sql } from 'drizzle-orm';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { systemCtx } from '../../src/platform/context.ts';
import { inTransaction } from '../../src/platform/db/transaction.ts';
import { DELETE_EXPIRED_KEYS_TASK, idempotencyTasks } from '../../src/platform/http/idempotency.tasks.ts';
import type { App } from '../../src/app.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { createVariant } from '../inventory/fixtures.ts';
import { as, bearer, createStore, roleToken, testRoleVerifier } from '../security/fixtures.ts';

let t: TestApp;
let storeA: string;
let storeB: string;
const url = (path: string) => `/api/v1/admin/inventory${path}`;
const key = () => `key-${uuidv7()}`;

/** What the test route does on its next calls: answer, fail with an unknown error, or wait for a gate. */
const plan: Array<'fail' | Promise<void>> = [];
let testRouteCalls = 0;

function testRoutes(app: App): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const body = z.object({ n: z.number().int() }).strict();
  const response = { 200: z.object({ n: z.number(), call: z.number() }) };
  r.post('/test/idempotency/staff', { config: { permission: 'inventory:write', idempotent: true }, schema: { body, response } }, async (request) => {
    const call = ++testRouteCalls;
    const next = plan.shift();
    if (next === 'fail') throw new Error('the disk is on fire');
    if (next) await next;
    return { n: request.body.n, call };
  });
  // A route without staff authentication that names the client itself, as storefront routes do (a cart token).
  r.post(
    '/test/idempotency/cart',
    {
      config: { idempotent: { scope: (request) => (typeof request.headers['x-cart'] === 'string' ? { tenantId: storeA, client: `cart:${request.headers['x-cart']}` } : null) } },
      schema: { body, response },
    },
    async (request) => ({ n: request.body.n, call: ++testRouteCalls }),
  );
}

beforeAll(async () => {
  t = await buildTestApp({ bearerVerifiers: [testRoleVerifier()], routes: testRoutes });
  storeA = await createStore(t.database, 'idem-a');
  storeB = await createStore(t.database, 'idem-b');
});
afterAll(() => t.close());

type Headers = Record<string, string>;
const withKey = (headers: Headers, k: string): Headers => ({ ...headers, 'idempotency-key': k });
const post = (path: string, payload: Record<string, unknown>, headers: Headers) => t.app.inject({ method: 'POST', url: url(path), headers, payload });
const manager = (store: string) => as('inventory_manager', store);

/** on_hand, reserved, and the stock ledger (its sum and its number of rows) of a variant, read as the table owner. */
async function stockOf(variantId: string) {
  const { rows } = await t.database.pool.query<{ on_hand: number; reserved: number; ledger_sum: number; movements: number }>(
    `select l.on_hand, l.reserved,
            (select coalesce(sum(quantity), 0)::int from stock_movements m where m.variant_id = l.variant_id) as ledger_sum,
            (select count(*)::int from stock_movements m where m.variant_id = l.variant_id) as movements
     from stock_levels l where l.variant_id = $1`,
    [variantId],
  );
  const row = rows[0];
  return row ? { onHand: row.on_hand, reserved: row.reserved, ledgerSum: row.ledger_sum, movements: row.movements } : { onHand: 0, reserved: 0, ledgerSum: 0, movements: 0 };
}

async function keyRows(k: string) {
  const { rows } = await t.database.pool.query<{ tenant_id: string; client: string; state: string; response_status: number | null }>(
    'select tenant_id, client, state, response_status from idempotency_keys where key = $1 order by tenant_id, client',
    [k],
  );
  return rows;
}

describe('Idempotency-Key on stock changes', () => {
  it('replays the first answer to a retry with the same key and body: same status, bytes and headers, and stock changes once', async () => {
    const { variantId } = await createVariant(t.database, storeA, 'IDEM-1');
    const k = key();
    const first = await post('/receipts', { variantId, quantity: 5, reason: 'delivery' }, withKey(manager(storeA), k));
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();

    const again = await post('/receipts', { reason: 'delivery', quantity: 5, variantId }, withKey(manager(storeA), k));
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.rawPayload.equals(first.rawPayload)).toBe(true);
    expect(again.headers['content-type']).toBe(first.headers['content-type']);
    expect(again.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
    expect(await stockOf(variantId)).toEqual({ onHand: 5, reserved: 0, ledgerSum: 5, movements: 1 });
    expect(await keyRows(k)).toEqual([expect.objectContaining({ tenant_id: storeA, state: 'completed', response_status: 200 })]);
  });

  it('answers 422 naming the header when the key comes back with another body, path or method, and changes nothing', async () => {
    const { variantId } = await createVariant(t.database, storeA, 'IDEM-2');
    const k = key();
    expect((await post('/receipts', { variantId, quantity: 2 }, withKey(manager(storeA), k))).statusCode).toBe(200);

    const otherBody = await post('/receipts', { variantId, quantity: 3 }, withKey(manager(storeA), k));
    expect(otherBody.statusCode).toBe(422);
    expect(otherBody.headers['content-type']).toContain('application/problem+json');
    expect(otherBody.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', errors: [{ path: 'headers.idempotency-key' }] });
    expect(otherBody.json().detail).toContain('Idempotency-Key');

    const otherRoute = await post('/adjustments', { variantId, quantity: 2, reason: 'found' }, withKey(manager(storeA), k));
    expect(otherRoute.statusCode).toBe(422);
    expect(otherRoute.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await stockOf(variantId)).toEqual({ onHand: 2, reserved: 0, ledgerSum: 2, movements: 1 });
  });

  it('runs exactly one of ten concurrent requests with the same key; the others get 409 or the replay', async () => {
    const { variantId } = await createVariant(t.database, storeA, 'IDEM-3');
    const k = key();
    const answers = await Promise.all(Array.from({ length: 10 }, () => post('/receipts', { variantId, quantity: 3 }, withKey(manager(storeA), k))));
    const ran = answers.filter((a) => a.statusCode === 200 && a.headers['idempotent-replayed'] === undefined);
    const replayed = answers.filter((a) => a.statusCode === 200 && a.headers['idempotent-replayed'] === 'true');
    const busy = answers.filter((a) => a.statusCode === 409);
    expect(ran).toHaveLength(1);
    expect(replayed.length + busy.length).toBe(9);
    for (const a of busy) {
      expect(a.json()).toMatchObject({ code: 'IDEMPOTENCY_IN_PROGRESS', errors: [{ path: 'headers.idempotency-key' }] });
      expect(a.headers['retry-after']).toBe('1');
    }
    for (const a of replayed) expect(a.body).toBe(ran[0]!.body);
    expect(await stockOf(variantId)).toEqual({ onHand: 3, reserved: 0, ledgerSum: 3, movements: 1 });
    // Once the first has finished, every retry is a replay.
    const late = await post('/receipts', { variantId, quantity: 3 }, withKey(manager(storeA), k));
    expect(late.headers['idempotent-replayed']).toBe('true');
  });

  it('keeps keys per store and per client: the same key elsewhere is a new request, never a replay', async () => {
    const a = await createVariant(t.database, storeA, 'IDEM-4');
    const b = await createVariant(t.database, storeB, 'IDEM-4');
    const k = key();
    const colleague = bearer(roleToken('inventory_manager', storeA, uuidv7()));
    const mine = await post('/receipts', { variantId: a.variantId, quantity: 1 }, withKey(manager(storeA), k));
    const theirs = await post('/receipts', { variantId: b.variantId, quantity: 1 }, withKey(manager(storeB), k));
    const colleagues = await post('/receipts', { variantId: a.variantId, quantity: 1 }, withKey(colleague, k));
    for (const res of [mine, theirs, colleagues]) {
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['idempotent-replayed']).toBeUndefined();
    }
    expect(await stockOf(a.variantId)).toMatchObject({ onHand: 2, movements: 2 });
    expect(await stockOf(b.variantId)).toMatchObject({ onHand: 1, movements: 1 });
    const rows = await keyRows(k);
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => `${r.tenant_id}/${r.client}`)).size).toBe(3);

    // Row-level security: store B sees none of store A's keys, even when asking for them by store.
    const seen = await inTransaction(t.database.db, { tenantId: storeB }, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from idempotency_keys where tenant_id = ${storeA}`));
    expect(seen.rows[0]!.n).toBe(0);
  });

  it('still asks a retry for the token: without one 401, with one lacking the permission 403, and nothing is replayed', async () => {
    const { variantId } = await createVariant(t.database, storeA, 'IDEM-5');
    const k = key();
    expect((await post('/receipts', { variantId, quantity: 1 }, withKey(manager(storeA), k))).statusCode).toBe(200);
    const anonymous = await post('/receipts', { variantId, quantity: 1 }, { 'idempotency-key': k });
    expect(anonymous.statusCode).toBe(401);
    const viewer = await post('/receipts', { variantId, quantity: 1 }, withKey(as('viewer', storeA), k));
    expect(viewer.statusCode).toBe(403);
    expect(viewer.headers['idempotent-replayed']).toBeUndefined();
  });

  it('stores a 4xx answer and replays it, even once the request would now succeed', async () => {
    const { variantId } = await createVariant(t.database, storeA, 'IDEM-6');
    await post('/receipts', { variantId, quantity: 1 }, manager(storeA));
    const k = key();
    const reserve = { variantId, quantity: 2, reference: 'cart-6' };
    const first = await post('/reservations', reserve, withKey(manager(storeA), k));
    expect(first.statusCode).toBe(409);
    expect(first.json().code).toBe('INVENTORY_INSUFFICIENT_STOCK_CONFLICT');

    await post('/receipts', { variantId, quantity: 5 }, manager(storeA));
    const again = await post('/reservations', reserve, withKey(manager(storeA), k));
    expect(again.statusCode).toBe(409);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['content-type']).toContain('application/problem+json');
    expect(again.body).toBe(first.body);
    expect(await stockOf(variantId)).toMatchObject({ onHand: 6, reserved: 0 });

    // A new key is a new request.
    const fresh = await post('/reservations', reserve, withKey(manager(storeA), key()));
    expect(fresh.statusCode).toBe(201);
  });

  it('replays reservation commits: the sale is written to the ledger once', async () => {
    const { variantId } = await createVariant(t.database, storeA, 'IDEM-7');
    await post('/receipts', { variantId, quantity: 4 }, manager(storeA));
    const reservation = (await post('/reservations', { variantId, quantity: 3, reference: 'cart-7' }, manager(storeA))).json() as { id: string };
    const k = key();
    const first = await post(`/reservations/${reservation.id}/commit`, {}, withKey(manager(storeA), k));
    const again = await post(`/reservations/${reservation.id}/commit`, {}, withKey(manager(storeA), k));
    expect([first.statusCode, again.statusCode]).toEqual([200, 200]);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await stockOf(variantId)).toEqual({ onHand: 1, reserved: 0, ledgerSum: 1, movements: 2 });
  });

  it('behaves as before without the header: each request runs', async () => {
    const { variantId } = await createVariant(t.database, storeA, 'IDEM-8');
    for (let i = 0; i < 2; i++) expect((await post('/receipts', { variantId, quantity: 1 }, manager(storeA))).statusCode).toBe(200);
    expect(await stockOf(variantId)).toMatchObject({ onHand: 2, movements: 2 });
  });

  it.each([
    ['empty', ''],
    ['longer than 255 characters', 'k'.repeat(256)],
    ['not ASCII', 'schlüssel-1'],
  ])('refuses a key that is %s with 422 naming the header, before anything runs', async (_name, k) => {
    const { variantId } = await createVariant(t.database, storeA, `IDEM-9-${k.length}`);
    const res = await post('/receipts', { variantId, quantity: 1 }, withKey(manager(storeA), k));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_INVALID', errors: [{ path: 'headers.idempotency-key' }] });
    expect(await stockOf(variantId)).toMatchObject({ onHand: 0, movements: 0 });
  });
});

describe('Idempotency-Key lifecycle', () => {
  const callTestRoute = (k: string, n = 1, headers: Headers = manager(storeA)) =>
    t.app.inject({ method: 'POST', url: '/test/idempotency/staff', headers: withKey(headers, k), payload: { n } });

  it('gives the key up after a 5xx, so that a retry runs again', async () => {
    const k = key();
    plan.push('fail');
    const failed = await callTestRoute(k);
    expect(failed.statusCode).toBe(500);
    expect(await keyRows(k)).toEqual([]);
    const retried = await callTestRoute(k);
    expect(retried.statusCode).toBe(200);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    const replayed = await callTestRoute(k);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.json()).toEqual(retried.json());
  });

  it("lets a retry of the same request take over a claim whose lease ran out (a crashed server), and keeps the crashed one's late answer out", async () => {
    const k = key();
    let open!: () => void;
    plan.push(new Promise<void>((resolve) => (open = resolve)));
    const stuck = callTestRoute(k);
    await expect.poll(async () => (await keyRows(k))[0]?.state, { timeout: 5_000 }).toBe('in_flight');

    expect((await callTestRoute(k)).statusCode).toBe(409);
    await t.database.pool.query(`update idempotency_keys set locked_until = now() - interval '1 second' where key = $1`, [k]);
    const otherBody = await callTestRoute(k, 2);
    expect(otherBody.statusCode).toBe(422);
    const takeover = await callTestRoute(k);
    expect(takeover.statusCode).toBe(200);
    expect(takeover.headers['idempotent-replayed']).toBeUndefined();

    open();
    expect((await stuck).statusCode).toBe(200);
    const replayed = await callTestRoute(k);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body).toBe(takeover.body);
  });

  it('takes a route-provided client (a cart), and refuses a key when the request has none', async () => {
    const cart = (k: string, cartId?: string) =>
      t.app.inject({ method: 'POST', url: '/test/idempotency/cart', headers: { 'idempotency-key': k, ...(cartId ? { 'x-cart': cartId } : {}) }, payload: { n: 1 } });
    const k = key();
    const first = await cart(k, 'cart-1');
    expect(first.statusCode).toBe(200);
    expect((await cart(k, 'cart-1')).headers['idempotent-replayed']).toBe('true');
    const otherCart = await cart(k, 'cart-2');
    expect(otherCart.headers['idempotent-replayed']).toBeUndefined();
    expect(otherCart.json().call).not.toBe(first.json().call);
    const nobody = await cart(k);
    expect(nobody.statusCode).toBe(422);
    expect(nobody.json()).toMatchObject({ code: 'IDEMPOTENCY_CLIENT_REQUIRED', errors: [{ path: 'headers.idempotency-key' }] });
    expect((await keyRows(k)).map((r) => r.client)).toEqual(['cart:cart-1', 'cart:cart-2']);
  });

  it('treats an expired key as new, and the cleanup job deletes expired keys of every store and only those', async () => {
    const [expired, live, theirs] = [key(), key(), key()];
    const first = await callTestRoute(expired);
    await callTestRoute(live);
    await callTestRoute(theirs, 1, manager(storeB));
    await t.database.pool.query(`update idempotency_keys set expires_at = now() - interval '1 second' where key = any($1)`, [[expired, theirs]]);

    const anew = await callTestRoute(expired);
    expect(anew.headers['idempotent-replayed']).toBeUndefined();
    expect(anew.json().call).toBeGreaterThan(first.json().call);
    await t.database.pool.query(`update idempotency_keys set expires_at = now() - interval '1 second' where key = $1`, [expired]);

    const task = idempotencyTasks({ db: t.database.db }).find((d) => d.name === DELETE_EXPIRED_KEYS_TASK)!;
    expect(task.schedule).toBe('17 * * * *');
    await task.run(systemCtx(t.log, 'test'), {}, { id: 'test', attempt: 1, maxAttempts: 1, signal: new AbortController().signal });
    expect(await keyRows(expired)).toEqual([]);
    expect(await keyRows(theirs)).toEqual([]);
    expect(await keyRows(live)).toHaveLength(1);
  });

  it('keeps keys at least a day', async () => {
    const k = key();
    await callTestRoute(k);
    const { rows } = await t.database.pool.query<{ hours: number }>(`select extract(epoch from expires_at - now()) / 3600 as hours from idempotency_keys where key = $1`, [k]);
    expect(Number(rows[0]!.hours)).toBeGreaterThan(23.9);
  });
});

describe('Idempotency-Key in the API document', () => {
  it('lists the optional header on the stock-changing routes only', async () => {
    type Operation = { parameters?: Array<{ in: string; name: string; required?: boolean }> };
    const doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json() as { paths: Record<string, Record<string, Operation>> };
    const header = (path: string, method: string) => doc.paths[path]?.[method]?.parameters?.find((p) => p.in === 'header' && p.name === 'idempotency-key');
    for (const path of ['/inventory/receipts', '/inventory/adjustments', '/inventory/counts', '/inventory/transfers', '/inventory/reservations', '/inventory/reservations/{id}/commit', '/inventory/reservations/{id}/release']) {
      expect(header(`/api/v1/admin${path}`, 'post'), path).toMatchObject({ name: 'idempotency-key' });
      expect(header(`/api/v1/admin${path}`, 'post')?.required).not.toBe(true);
    }
    expect(header('/api/v1/admin/inventory/stock-levels', 'get')).toBeUndefined();
    expect(header('/api/v1/admin/inventory/locations', 'post')).toBeUndefined();
  });
});
