import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../carts/fixtures.ts';
import { makeShop } from '../carts/fixtures.ts';
import { as } from '../security/fixtures.ts';
import { admin, paymentsTest, STRIPE_KEYS, type PaymentsTest } from './fixtures.ts';

let p: PaymentsTest;
let storeId: string;
/** Every response body this file received, to prove no secret was ever in one. */
const bodies: string[] = [];
const call = async (...args: Parameters<typeof admin>) => {
  const res = await admin(...args);
  bodies.push(res.body);
  return res;
};
const SECRETS = [STRIPE_KEYS.apiKey, STRIPE_KEYS.webhookSecret, 'sk_test_51SecondSecretKeyForWinkelTest009', 'whsec_SecondSigningSecretForWinkel00009'];
/** The part of a key after its prefix: what must never show up anywhere. */
const hidden = (secret: string) => secret.slice(8, -4);

beforeAll(async () => {
  p = await paymentsTest();
  storeId = (await makeShop(p.t, 'provider-accounts')).storeId;
});
afterAll(() => p.close());

describe('payment provider accounts', () => {
  it('sets up Stripe and shows it without its secrets: the key hint, whether a webhook secret is set, the webhook URL', async () => {
    const res = await call(p.t, storeId, 'PUT', '/payment-providers/stripe', STRIPE_KEYS);
    expect(res.statusCode, res.body).toBe(200);
    const expected = {
      provider: 'stripe', mode: 'test', publicKey: STRIPE_KEYS.publicKey, apiKeyHint: STRIPE_KEYS.apiKey.slice(-4), hasWebhookSecret: true, enabled: true,
      webhookUrl: `${p.t.config.publicUrl}/webhooks/stripe/${storeId}`,
    };
    expect(res.json()).toMatchObject(expected);
    expect(Object.keys(res.json()).sort()).toEqual(['apiKeyHint', 'createdAt', 'enabled', 'hasWebhookSecret', 'mode', 'provider', 'publicKey', 'updatedAt', 'webhookUrl']);
    const listed = await call(p.t, storeId, 'GET', '/payment-providers');
    expect(listed.json()).toMatchObject({ data: [expected] });
  });

  it('keeps the secrets sealed at rest, bound to the store', async () => {
    const { rows } = await p.t.database.pool.query('select sealed_api_key, sealed_webhook_secret from payment_provider_accounts where tenant_id = $1', [storeId]);
    expect(rows).toHaveLength(1);
    expect(rows[0].sealed_api_key).toMatch(/^v1\./);
    expect(JSON.stringify(rows)).not.toContain(hidden(STRIPE_KEYS.apiKey));
    expect(JSON.stringify(rows)).not.toContain(hidden(STRIPE_KEYS.webhookSecret));
  });

  it('changes the keys it is given and keeps the others; switching it off keeps the account', async () => {
    const res = await call(p.t, storeId, 'PUT', '/payment-providers/stripe', { mode: 'test', apiKey: SECRETS[2], enabled: false });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ apiKeyHint: SECRETS[2]!.slice(-4), hasWebhookSecret: true, publicKey: STRIPE_KEYS.publicKey, enabled: false });
    const again = await call(p.t, storeId, 'PUT', '/payment-providers/stripe', { mode: 'test', webhookSecret: SECRETS[3], enabled: true });
    expect(again.json()).toMatchObject({ apiKeyHint: SECRETS[2]!.slice(-4), hasWebhookSecret: true, enabled: true });
  });

  it('refuses keys of the wrong kind or mode, naming the field and never echoing the key; nothing changes', async () => {
    const before = (await call(p.t, storeId, 'GET', '/payment-providers')).body;
    const live = await call(p.t, storeId, 'PUT', '/payment-providers/stripe', { ...STRIPE_KEYS, apiKey: 'sk_live_51LiveKeyInTestModeForWinkel0001' });
    expect(live.statusCode).toBe(422);
    expect(live.headers['content-type']).toContain('application/problem+json');
    expect(live.json().code).toBe('PAYMENT_PROVIDER_KEYS_INVALID');
    expect(paths(live)).toEqual(['body.apiKey']);
    expect(live.body).not.toContain('LiveKeyInTestMode');
    // The saved test keys do not fit live mode either.
    const mode = await call(p.t, storeId, 'PUT', '/payment-providers/stripe', { mode: 'live' });
    expect(paths(mode)).toEqual(['body.apiKey', 'body.publicKey']);
    const webhook = await call(p.t, storeId, 'PUT', '/payment-providers/stripe', { mode: 'test', webhookSecret: 'not-a-signing-secret' });
    expect(paths(webhook)).toEqual(['body.webhookSecret']);
    const unknown = await call(p.t, storeId, 'PUT', '/payment-providers/paypal', STRIPE_KEYS);
    expect([unknown.statusCode, paths(unknown)]).toEqual([422, ['params.provider']]);
    const extra = await call(p.t, storeId, 'PUT', '/payment-providers/stripe', { ...STRIPE_KEYS, secret: 'x' });
    expect(extra.statusCode).toBe(422);
    expect((await call(p.t, storeId, 'GET', '/payment-providers')).body).toBe(before);
  });

  it('needs an API key the first time a provider is set up', async () => {
    const res = await call(p.t, storeId, 'PUT', '/payment-providers/mollie', { mode: 'test' });
    expect([res.statusCode, paths(res)]).toEqual([422, ['body.apiKey']]);
  });

  it('needs store:manage: a manager may not see or change the accounts', async () => {
    const read = await p.t.app.inject({ method: 'GET', url: '/api/v1/admin/payment-providers', headers: as('manager', storeId) });
    const write = await p.t.app.inject({ method: 'PUT', url: '/api/v1/admin/payment-providers/stripe', headers: as('manager', storeId), payload: STRIPE_KEYS });
    expect([read.statusCode, write.statusCode]).toEqual([403, 403]);
    bodies.push(read.body, write.body);
  });

  it('removes an account; removing it again is 404', async () => {
    const removed = await call(p.t, storeId, 'DELETE', '/payment-providers/stripe');
    expect(removed.statusCode).toBe(204);
    expect((await call(p.t, storeId, 'GET', '/payment-providers')).json()).toEqual({ data: [] });
    const again = await call(p.t, storeId, 'DELETE', '/payment-providers/stripe');
    expect([again.statusCode, again.json().code]).toEqual([404, 'PAYMENT_PROVIDER_NOT_FOUND']);
  });

  it('audits every change without the secrets', async () => {
    const { rows } = await p.t.database.pool.query("select action, changes::text as changes from audit_log where tenant_id = $1 and target_type = 'payment_provider' order by id", [storeId]);
    expect(rows.map((r) => r.action)).toEqual(['payment_provider.created', 'payment_provider.updated', 'payment_provider.updated', 'payment_provider.deleted']);
    for (const secret of SECRETS) expect(JSON.stringify(rows)).not.toContain(hidden(secret));
  });

  it('never returned a secret in any answer, and never wrote one to a log line', () => {
    expect(bodies.length).toBeGreaterThan(10);
    const logs = JSON.stringify(p.t.logs);
    for (const secret of SECRETS) {
      for (const body of bodies) expect(body).not.toContain(hidden(secret));
      expect(logs).not.toContain(hidden(secret));
    }
  });
});
