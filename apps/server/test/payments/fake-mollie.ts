import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Mollie's Payments API v2 (payments and their refunds), speaking its wire
 * format: JSON resources with `resource`, tr_/re_ ids and HAL `_links`, HAL error bodies
 * (`application/hal+json`, `{ status, title, detail, field? }`), Bearer API keys, Idempotency-Key
 * replay. Amounts are checked against the currency's decimals independently of the adapter.
 */

type PaymentStatus = 'open' | 'pending' | 'authorized' | 'paid' | 'canceled' | 'expired' | 'failed';
type RefundStatus = 'queued' | 'pending' | 'processing' | 'refunded' | 'failed' | 'canceled';

interface StoredRefund { id: string; paymentId: string; amount: number; status: RefundStatus; metadata: unknown; createdAt: string }
interface StoredPayment {
  id: string; owner: string; currency: string; amount: number; description: string; redirectUrl: string; webhookUrl: string | null;
  metadata: unknown; status: PaymentStatus; createdAt: string; changedAt: Record<string, string>;
  failure: { failureReason?: string; failureMessage?: string } | null; refunds: StoredRefund[];
}
export interface RecordedRequest { method: string; path: string; headers: http.IncomingHttpHeaders; body: unknown }
export interface SignedNotification { rawBody: Buffer; headers: Record<string, string> }

const DECIMALS: Record<string, number> = { JPY: 0, ISK: 0, KRW: 0, BHD: 3, KWD: 3, JOD: 3, OMR: 3, TND: 3 };
const TITLES: Record<number, string> = { 400: 'Bad Request', 401: 'Unauthorized Request', 404: 'Not Found', 422: 'Unprocessable Entity', 500: 'Internal Server Error', 503: 'Service Unavailable' };

class ApiError extends Error {
  constructor(readonly status: number, readonly detail: string, readonly field?: string) { super(detail); }
}

const token = (prefix: string) => `${prefix}${randomBytes(8).toString('hex').replace(/[^a-zA-Z0-9]/g, '')}`;
const now = () => new Date().toISOString().replace(/\.\d+Z$/, '+00:00');
const decimalsOf = (currency: string) => DECIMALS[currency] ?? 2;

function money(minor: number, currency: string) {
  const d = decimalsOf(currency);
  return { value: d === 0 ? String(minor) : (minor / 10 ** d).toFixed(d), currency };
}

function readAmount(input: unknown, field = 'amount'): { minor: number; currency: string } {
  const amount = input as { currency?: unknown; value?: unknown } | undefined;
  if (typeof amount?.currency !== 'string' || typeof amount.value !== 'string') throw new ApiError(422, 'The amount is missing or not an object with currency and value', field);
  const d = decimalsOf(amount.currency);
  const pattern = d === 0 ? /^\d+$/ : new RegExp(`^\\d+\\.\\d{${d}}$`);
  if (!pattern.test(amount.value)) throw new ApiError(422, `The amount value "${amount.value}" must have exactly ${d} decimals for ${amount.currency}`, `${field}.value`);
  const minor = Math.round(Number(amount.value) * 10 ** d);
  if (minor <= 0) throw new ApiError(422, 'The amount is lower than the minimum', field);
  return { minor, currency: amount.currency };
}

export function signMollie(rawBody: string | Buffer, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}

const newKey = () => `test_${randomBytes(15).toString('hex')}`;

/** One Mollie to many accounts: each API key sees only the payments made with it, as at Mollie. */
export async function startFakeMollie(options: { apiKey?: string } = {}) {
  const apiKey = options.apiKey ?? newKey();
  const accounts = new Set([apiKey]);
  const payments = new Map<string, StoredPayment>();
  const idempotent = new Map<string, { fingerprint: string; status: number; body: unknown }>();
  const requests: RecordedRequest[] = [];
  const scripted: Array<{ status: number; body: unknown }> = [];
  const delays: number[] = [];
  let origin = '';
  /** Where Mollie's v2 resources live; their `_links` point under it. */
  let base = '';

  const paymentJson = (p: StoredPayment) => ({
    resource: 'payment', id: p.id, mode: 'test', createdAt: p.createdAt, amount: money(p.amount, p.currency),
    description: p.description, method: null, metadata: p.metadata, status: p.status, isCancelable: p.status === 'open',
    profileId: 'pfl_fake0001', sequenceType: 'oneoff', redirectUrl: p.redirectUrl, webhookUrl: p.webhookUrl, ...p.changedAt,
    ...(p.status === 'paid' ? paidAmounts(p) : {}),
    ...(p.failure ? { details: p.failure } : {}),
    _links: {
      self: { href: `${base}/payments/${p.id}`, type: 'application/hal+json' },
      ...(p.status === 'open' ? { checkout: { href: `https://www.mollie.com/checkout/select-method/${p.id.slice(3)}`, type: 'text/html' } } : {}),
      ...(p.refunds.length > 0 ? { refunds: { href: `${base}/payments/${p.id}/refunds`, type: 'application/hal+json' } } : {}),
      documentation: { href: 'https://docs.mollie.com/reference/get-payment', type: 'text/html' },
    },
  });
  const paidAmounts = (p: StoredPayment) => {
    const refunded = p.refunds.filter((r) => r.status !== 'failed' && r.status !== 'canceled').reduce((sum, r) => sum + r.amount, 0);
    return { amountRefunded: money(refunded, p.currency), amountRemaining: money(p.amount - refunded, p.currency) };
  };
  const refundJson = (r: StoredRefund, p: StoredPayment) => ({
    resource: 'refund', id: r.id, mode: 'test', amount: money(r.amount, p.currency), status: r.status, metadata: r.metadata,
    paymentId: p.id, createdAt: r.createdAt, description: p.description,
    _links: { self: { href: `${base}/payments/${p.id}/refunds/${r.id}`, type: 'application/hal+json' }, payment: { href: `${base}/payments/${p.id}`, type: 'application/hal+json' } },
  });
  const findPayment = (id: string | undefined, owner?: string) => {
    const p = id ? payments.get(id) : undefined;
    if (!p || (owner !== undefined && p.owner !== owner)) throw new ApiError(404, `No payment exists with token ${id}.`);
    return p;
  };
  const findRefund = (p: StoredPayment, id: string | undefined) => {
    const r = p.refunds.find((x) => x.id === id);
    if (!r) throw new ApiError(404, `No refund exists with token ${id}.`);
    return r;
  };

  function route(owner: string, method: string, path: string, body: Record<string, unknown>): [number, unknown] {
    const [, version, collection, id, sub, subId] = path.split('?')[0]!.split('/');
    if (version !== 'v2' || collection !== 'payments') throw new ApiError(404, 'The resource does not exist');
    if (method === 'POST' && !id) {
      const { minor, currency } = readAmount(body.amount);
      if (typeof body.description !== 'string' || body.description === '') throw new ApiError(422, 'The description is missing', 'description');
      if (typeof body.redirectUrl !== 'string') throw new ApiError(422, 'The redirect URL is missing', 'redirectUrl');
      const p: StoredPayment = {
        id: token('tr_'), owner, currency, amount: minor, description: body.description, redirectUrl: body.redirectUrl,
        webhookUrl: typeof body.webhookUrl === 'string' ? body.webhookUrl : null, metadata: body.metadata ?? null,
        status: 'open', createdAt: now(), changedAt: {}, failure: null, refunds: [],
      };
      payments.set(p.id, p);
      return [201, paymentJson(p)];
    }
    const p = findPayment(id, owner);
    if (method === 'GET' && !sub) return [200, paymentJson(p)];
    if (method === 'DELETE' && !sub) {
      if (p.status !== 'open') throw new ApiError(422, `The payment ${p.id} cannot be canceled`);
      p.status = 'canceled';
      p.changedAt.canceledAt = now();
      return [200, paymentJson(p)];
    }
    if (sub !== 'refunds') throw new ApiError(404, 'The resource does not exist');
    if (method === 'GET' && subId) return [200, refundJson(findRefund(p, subId), p)];
    if (method === 'GET') {
      const list = [...p.refunds].reverse().map((r) => refundJson(r, p));
      return [200, { count: list.length, _embedded: { refunds: list }, _links: { self: { href: `${base}/payments/${p.id}/refunds`, type: 'application/hal+json' }, previous: null, next: null } }];
    }
    if (p.status !== 'paid') throw new ApiError(422, `The payment ${p.id} is not paid and cannot be refunded`);
    const { minor, currency } = readAmount(body.amount);
    if (currency !== p.currency) throw new ApiError(422, `The refund must be in ${p.currency}`, 'amount.currency');
    const remaining = p.amount - p.refunds.filter((r) => r.status !== 'failed' && r.status !== 'canceled').reduce((s, r) => s + r.amount, 0);
    if (minor > remaining) throw new ApiError(422, 'The amount is higher than the amount that can be refunded', 'amount');
    const r: StoredRefund = { id: token('re_'), paymentId: p.id, amount: minor, status: 'pending', metadata: body.metadata ?? null, createdAt: now() };
    p.refunds.push(r);
    return [201, refundJson(r, p)];
  }

  function answer(res: http.ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { 'content-type': 'application/hal+json' });
    res.end(JSON.stringify(body));
  }
  const errorBody = (status: number, detail: string, field?: string) => ({
    status, title: TITLES[status] ?? 'Error', detail, ...(field ? { field } : {}),
    _links: { documentation: { href: 'https://docs.mollie.com/overview/handling-errors', type: 'text/html' } },
  });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: Record<string, unknown> = {};
      try { body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {}; } catch { /* answered below */ }
      const method = req.method ?? 'GET';
      const path = req.url ?? '/';
      requests.push({ method, path, headers: req.headers, body: raw ? body : undefined });
      const reply = () => {
        const next = scripted.shift();
        if (next) return answer(res, next.status, next.body);
        const owner = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
        if (!accounts.has(owner)) return answer(res, 401, errorBody(401, 'Missing authentication, or failed to authenticate'));
        const header = req.headers['idempotency-key'];
        const key = typeof header === 'string' ? `${owner} ${header}` : undefined;
        const fingerprint = `${method} ${path} ${raw}`;
        const earlier = key && method === 'POST' ? idempotent.get(key) : undefined;
        if (earlier && earlier.fingerprint !== fingerprint) return answer(res, 422, errorBody(422, 'The idempotency key was already used for a different request'));
        if (earlier) return answer(res, earlier.status, earlier.body);
        let result: [number, unknown];
        try {
          result = route(owner, method, path, body);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          result = [error.status, errorBody(error.status, error.detail, error.field)];
        }
        if (key && method === 'POST') idempotent.set(key, { fingerprint, status: result[0], body: result[1] });
        answer(res, ...result);
      };
      const delay = delays.shift();
      if (delay) setTimeout(reply, delay);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  base = `${origin}/v2`;

  function notification(paymentId: string, opts: { secret?: string } = {}): SignedNotification {
    const rawBody = Buffer.from(new URLSearchParams({ id: paymentId }).toString());
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Mollie HTTP client/1.0' };
    if (opts.secret) headers['x-mollie-signature'] = signMollie(rawBody, opts.secret);
    return { rawBody, headers };
  }

  /** A webhook subscription's event (`payment.paid`, `refund.refunded`, …), signed with the subscription's secret. */
  function event(type: string, entityId: string, opts: { secret: string; fullPayload?: boolean }): SignedNotification {
    const p = entityId.startsWith('tr_') ? payments.get(entityId) : [...payments.values()].find((x) => x.refunds.some((r) => r.id === entityId));
    const entity = p && (entityId.startsWith('tr_') ? paymentJson(p) : refundJson(findRefund(p, entityId), p));
    const rawBody = Buffer.from(JSON.stringify({
      resource: 'event', id: token('event_'), type, entityId, createdAt: now(),
      ...(opts.fullPayload !== false && entity ? { _embedded: { entity } } : {}),
      _links: { documentation: { href: 'https://docs.mollie.com/reference/webhooks-new', type: 'text/html' } },
    }));
    return { rawBody, headers: { 'content-type': 'application/json', 'x-mollie-signature': signMollie(rawBody, opts.secret) } };
  }

  async function post(url: string, notice: SignedNotification): Promise<{ status: number; body: string }> {
    const res = await fetch(url, { method: 'POST', headers: notice.headers, body: notice.rawBody });
    return { status: res.status, body: await res.text() };
  }

  return {
    /** The API base to configure (MOLLIE_API_URL), without the version. */
    url: origin,
    apiKey,
    /** A further Mollie account (another store's), with its own API key. */
    newAccount(): string {
      const key = newKey();
      accounts.add(key);
      return key;
    },
    requests,
    /** The payment as Mollie would show it now, or undefined. */
    payment: (id: string) => (payments.has(id) ? paymentJson(payments.get(id)!) : undefined),
    paymentCount: () => payments.size,
    refunds: (paymentId: string) => findPayment(paymentId).refunds.map((r) => ({ ...r })),
    setPaymentStatus(id: string, status: Exclude<PaymentStatus, 'open'>, failure?: { failureReason?: string; failureMessage?: string }) {
      const p = findPayment(id);
      p.status = status;
      const stamp = { paid: 'paidAt', failed: 'failedAt', canceled: 'canceledAt', expired: 'expiredAt', authorized: 'authorizedAt', pending: null }[status];
      if (stamp) p.changedAt[stamp] = now();
      p.failure = status === 'failed' ? (failure ?? {}) : null;
    },
    /** The payment's metadata changed at Mollie (its dashboard, or an update through the API with the account's key). */
    setMetadata(id: string, metadata: unknown) {
      findPayment(id).metadata = metadata;
    },
    setRefundStatus(paymentId: string, refundId: string, status: RefundStatus) {
      findRefund(findPayment(paymentId), refundId).status = status;
    },
    /** Answers the next API request (whatever it is) with this status and body instead. */
    answerNext(status: number, detail = 'Something went wrong', field?: string) {
      scripted.push({ status, body: errorBody(status, detail, field) });
    },
    /** Holds the answer to the next API request for this long. */
    delayNext(ms: number) {
      delays.push(ms);
    },
    /** The form-encoded `id=tr_…` a payment's webhook receives; signed only when a secret is given. */
    notification,
    event,
    /** Posts a payment's `id=tr_…` notification to a URL, e.g. a test server's webhook route. */
    notify: (url: string, paymentId: string, opts: { secret?: string } = {}) => post(url, notification(paymentId, opts)),
    /** Posts a notification to a URL the way Mollie does. */
    post,
    close(): Promise<void> {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export type FakeMollie = Awaited<ReturnType<typeof startFakeMollie>>;
