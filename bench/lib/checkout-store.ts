import type { BenchContext } from '../scenarios/scenario.ts';
import { call } from './demo-store.ts';

/** The demo store made ready for checkouts, once per bench run. */
export interface CheckoutStore {
  publishableKey: string;
  /** An API key of the demo store for the admin routes the checkout scenarios use. */
  adminKey: string;
  currency: string;
  /** Active shipping methods: a flat rate (paid `manual`) and cash on delivery. */
  shipping: { flatRate: string; cashOnDelivery: string };
  /** Published variants the flows take in turn, each with plenty of stock received. */
  variants: string[];
  /** Other published variants, one for each hot-variant run, their stock set by that run. */
  spare: string[];
}

const ROUND_ROBIN = 300;
const SPARE = 40;
const RECEIVED = 1_000_000;
const PERMISSIONS = ['catalog:read', 'inventory:read', 'inventory:write', 'checkout:read', 'checkout:manage', 'orders:read'];

/** An admin API call that must answer 2xx; its JSON. */
export type Call = (method: string, url: string, body?: unknown) => Promise<unknown>;

/** Admin calls with an API key; any other answer than 2xx is thrown with its status and body. */
export function adminCaller(baseUrl: string, key: string): Call {
  return async (method, url, body) => {
    const res = await call(baseUrl, method, url, body, { authorization: `Bearer ${key}` });
    if (res.status < 200 || res.status > 299) throw new Error(`${method} ${url} answered ${res.status}: ${JSON.stringify(res.json).slice(0, 300)}`);
    return res.json;
  };
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]!);
  }));
}

/** Variant ids and their currency from the storefront listing, newest products first. */
async function listedVariants(baseUrl: string, publishableKey: string, wanted: number): Promise<{ ids: string[]; currency: string }> {
  const ids: string[] = [];
  let currency = '';
  let cursor: string | null = null;
  do {
    const url: string = `/api/v1/store/products?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await call(baseUrl, 'GET', url, undefined, { 'x-publishable-key': publishableKey });
    const page = res.json as { data?: Array<{ variants: Array<{ id: string; price: { currency: string } }> }>; nextCursor?: string | null } | null;
    if (res.status !== 200 || !page?.data) throw new Error(`the storefront listing answered ${res.status}`);
    for (const variant of page.data.flatMap((p) => p.variants)) {
      currency ||= variant.price.currency;
      if (variant.price.currency === currency) ids.push(variant.id);
    }
    cursor = page.nextCursor ?? null;
  } while (cursor && ids.length < wanted);
  if (ids.length < wanted) throw new Error(`the storefront lists ${ids.length} variants; the checkout scenarios need ${wanted} (seed more products)`);
  return { ids: ids.slice(0, wanted), currency };
}

/** Gives the `standard` tax class a rate unless it has one. */
async function ensureTaxRate(admin: Call): Promise<void> {
  const rates = (await admin('GET', '/api/v1/admin/tax-rates?limit=100')) as { data: Array<{ taxClass: string }> };
  if (!rates.data.some((r) => r.taxClass === 'standard')) await admin('POST', '/api/v1/admin/tax-rates', { taxClass: 'standard', ratePpm: 210_000 });
}

/** The id of an active shipping method of this name and kind, made if the store has none. */
async function ensureShippingMethod(admin: Call, name: string, kind: 'flat_rate' | 'cash_on_delivery', currency: string): Promise<string> {
  const methods = (await admin('GET', '/api/v1/admin/shipping-methods?limit=100')) as { data: Array<{ id: string; name: string; kind: string; active: boolean }> };
  const found = methods.data.find((m) => m.name === name && m.kind === kind && m.active);
  if (found) return found.id;
  const price = { amount: 495, currency };
  const made = (await admin('POST', '/api/v1/admin/shipping-methods', { name, kind, price, ...(kind === 'cash_on_delivery' ? { codFee: { amount: 200, currency } } : {}) })) as { id: string };
  return made.id;
}

async function prepareStore(ctx: BenchContext): Promise<CheckoutStore> {
  const demo = await ctx.demo();
  const adminKey = await demo.apiKey('bench checkout', PERMISSIONS);
  const admin = adminCaller(ctx.baseUrl, adminKey);
  const { ids, currency } = await listedVariants(ctx.baseUrl, demo.publishableKey, ROUND_ROBIN + SPARE);
  await ensureTaxRate(admin);
  const shipping = {
    flatRate: await ensureShippingMethod(admin, 'Bench flat rate', 'flat_rate', currency),
    cashOnDelivery: await ensureShippingMethod(admin, 'Bench cash on delivery', 'cash_on_delivery', currency),
  };
  const variants = ids.slice(0, ROUND_ROBIN);
  await eachLimited(variants, 8, async (variantId) => {
    await admin('POST', '/api/v1/admin/inventory/receipts', { variantId, quantity: RECEIVED, reason: 'bench checkout' });
  });
  return { publishableKey: demo.publishableKey, adminKey, currency, shipping, variants, spare: ids.slice(ROUND_ROBIN) };
}

let prepared: { baseUrl: string; store: Promise<CheckoutStore> } | undefined;

/** The demo store ready for checkouts: made on first use, then shared by every checkout scenario. */
export function checkoutStore(ctx: BenchContext): Promise<CheckoutStore> {
  if (prepared?.baseUrl !== ctx.baseUrl) prepared = { baseUrl: ctx.baseUrl, store: prepareStore(ctx) };
  return prepared.store;
}
