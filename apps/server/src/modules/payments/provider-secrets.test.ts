import { describe, expect, it } from 'vitest';
import type { ProviderAccountRow } from './provider-account.repository.ts';
import { createProviderSecrets } from './provider-secrets.ts';

const APP_SECRET = 'an-app-secret-long-enough-for-the-tests-000';
const account = (over: Partial<ProviderAccountRow>): ProviderAccountRow => ({
  tenantId: 'store-a', provider: 'stripe', mode: 'test', publicKey: null, sealedApiKey: '', sealedWebhookSecret: null, apiKeyHint: '0001', enabled: true, createdAt: new Date(), updatedAt: new Date(), ...over,
});

describe('provider secrets', () => {
  const secrets = createProviderSecrets(APP_SECRET);
  const sealedKey = secrets.seal('store-a', 'stripe', 'apiKey', 'sk_test_secret0001');
  const sealedHook = secrets.seal('store-a', 'stripe', 'webhookSecret', 'whsec_secret0001');

  it('opens what it sealed for the same store, provider and field', () => {
    expect(secrets.open(account({ sealedApiKey: sealedKey, sealedWebhookSecret: sealedHook }))).toEqual({ apiKey: 'sk_test_secret0001', webhookSecret: 'whsec_secret0001' });
    expect(sealedKey).not.toContain('secret0001');
  });

  it('does not open a value moved to another store, another provider or another field', () => {
    expect(() => secrets.open(account({ tenantId: 'store-b', sealedApiKey: sealedKey }))).toThrow();
    expect(() => secrets.open(account({ provider: 'mollie', sealedApiKey: sealedKey }))).toThrow();
    expect(() => secrets.open(account({ sealedApiKey: sealedHook }))).toThrow();
  });

  it('does not open with another APP_SECRET', () => {
    expect(() => createProviderSecrets('another-app-secret-long-enough-000000000').open(account({ sealedApiKey: sealedKey }))).toThrow();
  });
});
