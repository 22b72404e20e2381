import { createSecretBox, deriveKey } from '../identity/index.ts';
import type { ProviderCredentials } from './payment-provider.ts';
import type { ProviderAccountRow } from './provider-account.repository.ts';
import type { OnlineProviderName } from './payments.tables.ts';

type SecretField = 'apiKey' | 'webhookSecret';

/**
 * Seals stores' provider secrets with a key of their own (derived from APP_SECRET), each bound to
 * its store, provider and field: a sealed value copied to another row or column does not open.
 */
export function createProviderSecrets(appSecret: string) {
  const box = createSecretBox(deriveKey(appSecret, 'payment-provider-secret'));
  const context = (tenantId: string, provider: OnlineProviderName, field: SecretField) => `${tenantId}:${provider}:${field}`;
  return {
    seal: (tenantId: string, provider: OnlineProviderName, field: SecretField, value: string) => box.seal(value, context(tenantId, provider, field)),
    /** The account's credentials in clear, for one provider call; never logged, never returned. */
    open(account: ProviderAccountRow): ProviderCredentials {
      return {
        apiKey: box.open(account.sealedApiKey, context(account.tenantId, account.provider, 'apiKey')),
        webhookSecret: account.sealedWebhookSecret ? box.open(account.sealedWebhookSecret, context(account.tenantId, account.provider, 'webhookSecret')) : null,
      };
    },
  };
}

export type ProviderSecrets = ReturnType<typeof createProviderSecrets>;
