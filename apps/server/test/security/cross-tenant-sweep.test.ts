import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../src/modules/security/permissions.ts';
import type { RouteSummary } from '../../src/platform/http/route-catalog.ts';
import { buildTestApp, type TestApp } from '../app.ts';
import { makeStore, signIn } from '../identity/staff-fixtures.ts';
import { makeResources, RESOURCE_OF_SEGMENT, snapshotStore } from './cross-tenant-fixtures.ts';

/**
 * Routes with an id param that the sweep cannot call meaningfully, each with
 * the reason. Everything else with an `:id`-style param and a permission is
 * called; a route whose param names a resource the sweep cannot make fails
 * the test until it is taught to make one (cross-tenant-fixtures.ts) or the
 * route is listed here.
 */
const NOT_SWEPT: Record<string, string> = {
  'PUT /api/v1/admin/payment-providers/:provider': ':provider names a provider (stripe, mollie), not a row; every store addresses only its own account (test/payments/payments-isolation.test.ts)',
  'DELETE /api/v1/admin/payment-providers/:provider': ':provider names a provider (stripe, mollie), not a row; every store addresses only its own account (test/payments/payments-isolation.test.ts)',
};

/** A body that passes validation, so the answer is about the id and not the body. Routes not listed send `{}`. */
const BODIES: Record<string, Record<string, unknown>> = {
  'PATCH /api/v1/admin/staff/:id': { name: 'Mallory' },
  'PUT /api/v1/admin/staff/:id/role': { role: 'owner' },
  'PATCH /api/v1/admin/customers/:id': { name: 'Mallory' },
  'POST /api/v1/admin/catalog/categories/:id/move': { parentId: null },
  'POST /api/v1/admin/catalog/products/:id/variants': { sku: 'STOLEN-1', optionValues: { size: 'XL' }, price: { amount: 1, currency: 'EUR' } },
  'PATCH /api/v1/admin/catalog/products/:id': { name: 'Mallory' },
  'PATCH /api/v1/admin/catalog/products/:id/variants/:variantId': { sku: 'STOLEN-2' },
  'PUT /api/v1/admin/catalog/products/:id/images/order': { ids: [] },
  'PATCH /api/v1/admin/catalog/images/:id': { alt: 'Mallory' },
  'POST /api/v1/admin/orders/:id/status': { status: 'cancelled' },
  'POST /api/v1/admin/orders/:id/notes': { note: 'Mallory was here' },
  'PUT /api/v1/admin/orders/:id/tags': { tags: ['mallory'] },
  'PATCH /api/v1/admin/orders/:id': { email: 'mallory@example.test' },
  'POST /api/v1/admin/orders/:id/delivery-assignments': { agentId: '0190a000-0000-7000-8000-000000000000' },
  'POST /api/v1/admin/my-deliveries/:id/attempts': { outcome: 'failed', reason: 'Mallory was here' },
  'POST /api/v1/admin/orders/:orderId/payments': { provider: 'manual', amount: { amount: 1, currency: 'EUR' }, reference: 'MALLORY-1' },
  'POST /api/v1/admin/orders/:orderId/refunds': { paymentId: '0190a000-0000-7000-8000-000000000001', amount: { amount: 1, currency: 'EUR' } },
};

interface Principal {
  name: string;
  headers: Record<string, string>;
}

let t: TestApp;
let storeB: string;
let idsA: Record<string, string>;
let idsB: Record<string, string>;
let ownerB: Record<string, string>;
const principalsA: Principal[] = [];

beforeAll(async () => {
  t = await buildTestApp();
  const [a, b] = [await makeStore(t, 'sweep-a'), await makeStore(t, 'sweep-b')];
  storeB = b.storeId;
  const ownerA = (await signIn(t, a.handle, a.ownerEmail)).auth;
  ownerB = (await signIn(t, b.handle, b.ownerEmail)).auth;
  idsA = await makeResources(t, a, ownerA);
  idsB = await makeResources(t, b, ownerB);
  const key = await t.app.inject({ method: 'POST', url: '/api/v1/admin/api-keys', headers: ownerA, payload: { name: 'everything', permissions: [...PERMISSIONS] } });
  principalsA.push({ name: "store A's owner", headers: ownerA }, { name: "store A's all-permission API key", headers: { authorization: `Bearer ${(key.json() as { key: string }).key}` } });
});
afterAll(() => t.close());

const nameOf = (r: RouteSummary) => `${r.method} ${r.url}`;
const paramsOf = (url: string) => [...url.matchAll(/\/([^/]+)\/:(\w+)/g)].map((m) => ({ param: m[2]!, resource: RESOURCE_OF_SEGMENT[m[1]!] }));

/** Every route that needs staff or API-key authentication and takes an id in its path. */
function idRoutes(): RouteSummary[] {
  return t.app.routeCatalog.filter((r) => r.permission && r.method !== 'HEAD' && r.method !== 'OPTIONS' && /\/:\w+/.test(r.url));
}

/** Paths for a route: every id from store B, and for several ids, each one from B with the others from A. */
function pathsFor(route: RouteSummary): string[] | string {
  const params = paramsOf(route.url);
  const missing = params.filter((p) => !p.resource || !idsB[p.resource]);
  if (missing.length > 0) return `no store-B resource for :${missing.map((p) => p.param).join(', :')}`;
  const build = (fromB: (i: number) => boolean) =>
    params.reduce((url, p, i) => url.replace(`:${p.param}`, (fromB(i) ? idsB : idsA)[p.resource!]!), route.url);
  const paths = [build(() => true)];
  if (params.length > 1) params.forEach((_, i) => paths.push(build((j) => j === i)));
  return paths;
}

function call(route: RouteSummary, url: string, headers: Record<string, string>) {
  const withBody = !['GET', 'DELETE'].includes(route.method);
  return t.app.inject({ method: route.method as 'GET', url, headers, ...(withBody ? { payload: BODIES[nameOf(route)] ?? {} } : {}) });
}

/** The path with store A's own ids in every param. */
const ownPath = (route: RouteSummary) => paramsOf(route.url).reduce((url, p) => url.replace(`:${p.param}`, idsA[p.resource!]!), route.url);

/**
 * A refusal that says nothing about the id: staff-only routes refuse every API
 * key with 403 AUTH_STAFF_ONLY_FORBIDDEN before looking anything up. Accepted
 * only when the same route refuses the same way with the caller's own ids.
 */
async function refusedWhateverTheId(route: RouteSummary, res: { statusCode: number; body: string }, principal: Principal): Promise<boolean> {
  const code = (r: { body: string }) => (JSON.parse(r.body || '{}') as { code?: string }).code;
  if (res.statusCode !== 403 || code(res) !== 'AUTH_STAFF_ONLY_FORBIDDEN') return false;
  const own = await call(route, ownPath(route), principal.headers);
  return own.statusCode === 403 && code(own) === 'AUTH_STAFF_ONLY_FORBIDDEN';
}

describe('cross-tenant sweep: every id route answers 404 to another store', () => {
  it('finds the id routes of every module built so far', () => {
    expect(idRoutes().map(nameOf)).toEqual(
      expect.arrayContaining([
        'GET /api/v1/admin/staff/:id',
        'PUT /api/v1/admin/staff/:id/role',
        'DELETE /api/v1/admin/staff/:id/sessions/:sessionId',
        'DELETE /api/v1/admin/staff-invitations/:id',
        'GET /api/v1/admin/api-keys/:id',
        'DELETE /api/v1/admin/ip-rules/:id',
        'GET /api/v1/admin/catalog/products/:id',
        'POST /api/v1/admin/catalog/categories/:id/move',
        'DELETE /api/v1/admin/catalog/products/:id/variants/:variantId',
        'PATCH /api/v1/admin/catalog/brands/:id',
        'GET /api/v1/admin/orders/:id',
        'POST /api/v1/admin/orders/:id/status',
      ]),
    );
  });

  it("answers 404 (never 200, 204 or 403) to store B's ids, as A's owner and A's API key, and leaves B's rows unchanged", async () => {
    const before = await snapshotStore(t, storeB);
    const wrong: string[] = [];
    for (const route of idRoutes()) {
      if (NOT_SWEPT[nameOf(route)]) continue;
      const paths = pathsFor(route);
      if (typeof paths === 'string') {
        wrong.push(`${nameOf(route)}: ${paths}; teach cross-tenant-fixtures.ts to make one, or list the route in NOT_SWEPT with a reason`);
        continue;
      }
      for (const principal of principalsA) {
        for (const url of paths) {
          const res = await call(route, url, principal.headers);
          if (res.statusCode === 404 || (await refusedWhateverTheId(route, res, principal))) continue;
          wrong.push(`${route.method} ${url} as ${principal.name}: ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(await snapshotStore(t, storeB)).toEqual(before);
  });

  it("uses ids that exist: store B's owner reads each of them through the same GET routes", async () => {
    const wrong: string[] = [];
    for (const route of idRoutes().filter((r) => r.method === 'GET' && !NOT_SWEPT[nameOf(r)])) {
      const paths = pathsFor(route);
      if (typeof paths === 'string') continue; // reported by the sweep itself
      const res = await call(route, paths[0]!, ownerB);
      if (res.statusCode !== 200) wrong.push(`${route.method} ${paths[0]} as B's owner: ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('lists in NOT_SWEPT only routes that exist', () => {
    const known = new Set(idRoutes().map(nameOf));
    expect(Object.keys(NOT_SWEPT).filter((name) => !known.has(name))).toEqual([]);
  });
});
