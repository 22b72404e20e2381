import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/**
 * A local stand-in for Stripe's API on 127.0.0.1 and a random port, speaking its wire format:
 * form-encoded requests with bracket notation, JSON objects carrying `object` and prefixed ids
 * (pi_, re_, evt_), errors as `{ error: { type, code, message } }`, and Idempotency-Key honoured
 * per API key (same parameters: the first answer again; other parameters: an idempotency_error).
 * Only what Winkel uses: payment intents (create, retrieve, cancel) and refunds.
 */

type Json = Record<string, unknown>;

export interface FakeIntent extends Json {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  status: string;
  client_secret: string;
  metadata: Record<string, string>;
  last_payment_error: Json | null;
}

export interface FakeRefund extends Json {
  id: string;
  object: 'refund';
  amount: number;
  currency: string;
  payment_intent: string;
  status: string;
  metadata: Record<string, string>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  apiKey: string | null;
  idempotencyKey: string | null;
  params: Json;
}

export interface FakeStripe {
  url: string;
  intents: Map<string, FakeIntent>;
  refunds: Map<string, FakeRefund>;
  requests: RecordedRequest[];
  /** How the next refunds come out: Stripe's answer status, or `error` (a 500 from Stripe). */
  refundOutcome: 'succeeded' | 'pending' | 'failed' | 'error';
  /** Time between doing the work and answering, to widen races. */
  delayMs: number;
  /** API keys Stripe no longer accepts (rolled or deleted in the dashboard): 401 authentication_error. */
  revokedKeys: Set<string>;
  /** The shopper completed the payment in the browser: the intent succeeds and its money is received. */
  succeed(intentId: string): FakeIntent;
  /** The shopper's card was declined: the intent asks for a payment method again, with the error. */
  fail(intentId: string, declineCode?: string): FakeIntent;
  /** A settled refund changes status (as Stripe does for pending ones later). */
  settleRefund(refundId: string, status: 'succeeded' | 'failed'): FakeRefund;
  /** A webhook event about the intent or refund as it is now, as Stripe would post it (JSON text). */
  event(type: string, object: Json, id?: string): string;
  close(): Promise<void>;
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

/** `a[b][c]=v`, `a[]=v` and `a[0]=v` into nested objects and arrays, as Stripe reads form bodies. */
export function parseForm(body: string): Json {
  const out: Json = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const m = /^([^[\]]+)((?:\[[^\]]*\])*)$/.exec(rawKey);
    if (!m) continue;
    const parts = [m[1]!, ...[...m[2]!.matchAll(/\[([^\]]*)\]/g)].map((x) => x[1]!)];
    let node: Record<string, unknown> = out;
    parts.forEach((part, i) => {
      const key = Array.isArray(node) && part === '' ? String(node.length) : part;
      if (i === parts.length - 1) {
        node[key] = value;
        return;
      }
      const next = parts[i + 1]!;
      node[key] ??= next === '' || /^\d+$/.test(next) ? [] : {};
      node = node[key] as Record<string, unknown>;
    });
  }
  return out;
}

const stripeError = (status: number, type: string, message: string, code?: string, param?: string) => ({ status, body: { error: { type, message, ...(code ? { code } : {}), ...(param ? { param } : {}) } } });

export async function startFakeStripe(): Promise<FakeStripe> {
  const intents = new Map<string, FakeIntent>();
  const refunds = new Map<string, FakeRefund>();
  const requests: RecordedRequest[] = [];
  const remembered = new Map<string, { fingerprint: string; status: number; body: Json }>();

  const refundedOf = (intentId: string) => [...refunds.values()].filter((r) => r.payment_intent === intentId && r.status !== 'failed').reduce((sum, r) => sum + r.amount, 0);

  function createIntent(params: Json): { status: number; body: Json } {
    const amount = Number(params.amount);
    if (!params.amount || !Number.isInteger(amount) || amount <= 0) return stripeError(400, 'invalid_request_error', 'Missing required param: amount.', 'parameter_missing', 'amount');
    if (typeof params.currency !== 'string') return stripeError(400, 'invalid_request_error', 'Missing required param: currency.', 'parameter_missing', 'currency');
    const intentId = id('pi');
    const intent: FakeIntent = {
      id: intentId, object: 'payment_intent', amount, amount_capturable: 0, amount_received: 0, currency: params.currency, status: 'requires_payment_method',
      client_secret: `${intentId}_secret_${randomBytes(8).toString('hex')}`, metadata: (params.metadata as Record<string, string>) ?? {}, description: params.description ?? null,
      last_payment_error: null, latest_charge: null, capture_method: 'automatic', livemode: false, created: Math.floor(Date.now() / 1000),
    };
    intents.set(intentId, intent);
    return { status: 200, body: intent };
  }

  function cancelIntent(intentId: string): { status: number; body: Json } {
    const intent = intents.get(intentId);
    if (!intent) return stripeError(404, 'invalid_request_error', `No such payment_intent: '${intentId}'`, 'resource_missing', 'intent');
    if (intent.status === 'succeeded' || intent.status === 'canceled') {
      return stripeError(400, 'invalid_request_error', `You cannot cancel this PaymentIntent because it has a status of ${intent.status}.`, 'payment_intent_unexpected_state');
    }
    Object.assign(intent, { status: 'canceled', cancellation_reason: 'requested_by_customer' });
    return { status: 200, body: intent };
  }

  function createRefund(params: Json): { status: number; body: Json } {
    const intent = typeof params.payment_intent === 'string' ? intents.get(params.payment_intent) : undefined;
    if (!intent) return stripeError(404, 'invalid_request_error', `No such payment_intent: '${String(params.payment_intent)}'`, 'resource_missing', 'payment_intent');
    if (intent.status !== 'succeeded') return stripeError(400, 'invalid_request_error', 'This PaymentIntent does not have a successful charge to refund.', 'charge_not_refundable');
    const left = intent.amount_received - refundedOf(intent.id);
    const amount = params.amount === undefined ? left : Number(params.amount);
    if (amount > left) return stripeError(400, 'invalid_request_error', `Refund amount (${amount}) is greater than unrefunded amount on charge (${left})`, 'amount_too_large', 'amount');
    if (fake.refundOutcome === 'error') return stripeError(500, 'api_error', 'An unknown error occurred');
    const refund: FakeRefund = {
      id: id('re'), object: 'refund', amount, currency: intent.currency, payment_intent: intent.id, charge: `ch_${intent.id.slice(3)}`, status: fake.refundOutcome,
      metadata: (params.metadata as Record<string, string>) ?? {}, reason: null, created: Math.floor(Date.now() / 1000),
    };
    refunds.set(refund.id, refund);
    return { status: 200, body: refund };
  }

  function route(method: string, path: string, params: Json): { status: number; body: Json } {
    let m: RegExpExecArray | null;
    if (method === 'POST' && path === '/v1/payment_intents') return createIntent(params);
    if (method === 'GET' && (m = /^\/v1\/payment_intents\/([^/]+)$/.exec(path))) {
      const intent = intents.get(m[1]!);
      return intent ? { status: 200, body: intent } : stripeError(404, 'invalid_request_error', `No such payment_intent: '${m[1]}'`, 'resource_missing', 'intent');
    }
    if (method === 'POST' && (m = /^\/v1\/payment_intents\/([^/]+)\/cancel$/.exec(path))) return cancelIntent(m[1]!);
    if (method === 'POST' && path === '/v1/refunds') return createRefund(params);
    return stripeError(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}).`);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://fake');
    const params = parseForm(req.method === 'GET' ? url.search.slice(1) : Buffer.concat(chunks).toString('utf8'));
    const apiKey = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? null;
    const idempotencyKey = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null;
    requests.push({ method: req.method ?? 'GET', path: url.pathname, apiKey, idempotencyKey, params });
    const send = (status: number, body: Json, replayed = false) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req'), ...(replayed ? { 'idempotent-replayed': 'true' } : {}) });
      res.end(JSON.stringify(body));
    };
    if (!apiKey || !/^(sk|rk)_(test|live)_\w+$/.test(apiKey) || fake.revokedKeys.has(apiKey)) {
      const shown = apiKey ? `${apiKey.slice(0, 8)}${'*'.repeat(Math.max(0, apiKey.length - 12))}${apiKey.slice(-4)}` : '';
      return send(401, stripeError(401, 'invalid_request_error', `Invalid API Key provided: ${shown}`).body);
    }
    const fingerprint = JSON.stringify([req.method, url.pathname, params]);
    const slot = idempotencyKey && req.method === 'POST' ? `${apiKey}:${idempotencyKey}` : null;
    const before = slot ? remembered.get(slot) : undefined;
    if (before) {
      if (before.fingerprint !== fingerprint) {
        return send(400, stripeError(400, 'idempotency_error', `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`).body);
      }
      return send(before.status, before.body, true);
    }
    const answer = route(req.method ?? 'GET', url.pathname, params);
    // After the work, before the answer: the object exists at Stripe while the caller still waits.
    if (fake.delayMs > 0) await new Promise((r) => setTimeout(r, fake.delayMs));
    // Stripe keeps answers to keys except those of its own failures, which may be retried.
    if (slot && answer.status < 500) remembered.set(slot, { fingerprint, status: answer.status, body: JSON.parse(JSON.stringify(answer.body)) as Json });
    send(answer.status, answer.body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { type: 'api_error', message: String(err) } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const intentOf = (intentId: string) => {
    const intent = intents.get(intentId);
    if (!intent) throw new Error(`fake Stripe has no intent ${intentId}`);
    return intent;
  };

  const fake: FakeStripe = {
    url: `http://127.0.0.1:${port}`,
    intents,
    refunds,
    requests,
    refundOutcome: 'succeeded',
    delayMs: 0,
    revokedKeys: new Set(),
    succeed(intentId) {
      const intent = intentOf(intentId);
      return Object.assign(intent, { status: 'succeeded', amount_received: intent.amount, last_payment_error: null, latest_charge: `ch_${intent.id.slice(3)}` });
    },
    fail(intentId, declineCode = 'insufficient_funds') {
      return Object.assign(intentOf(intentId), {
        status: 'requires_payment_method',
        last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: declineCode, message: 'Your card was declined.' },
      });
    },
    settleRefund(refundId, status) {
      const refund = refunds.get(refundId);
      if (!refund) throw new Error(`fake Stripe has no refund ${refundId}`);
      return Object.assign(refund, { status });
    },
    event(type, object, eventId = id('evt')) {
      return JSON.stringify({
        id: eventId, object: 'event', api_version: Stripe.API_VERSION, created: Math.floor(Date.now() / 1000), livemode: false, pending_webhooks: 1,
        request: { id: null, idempotency_key: null }, type, data: { object: JSON.parse(JSON.stringify(object)) as Json },
      });
    },
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
  return fake;
}

/** The Stripe-Signature header Stripe sends with `payload`: `t=<timestamp>,v1=<HMAC-SHA256 of "t.payload" with the secret>`. */
export function stripeSignature(payload: string, secret: string, timestamp = Math.floor(Date.now() / 1000)): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}
