import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { recordAudit, type AuditOrigin } from '../security/index.ts';
import { findProviderAccount, deleteProviderAccount, listProviderAccounts, saveProviderAccount, type ProviderAccountRow } from './provider-account.repository.ts';
import { hintOf, keyProblems } from './provider-key-rules.ts';
import { storeOf, webhookUrlOf, type PaymentsDeps } from './payments.deps.ts';
import type { OnlineProviderName } from './payments.tables.ts';

/** A store's account with a provider as staff see it: which keys are set, never the secrets. */
export interface ProviderAccountView {
  provider: OnlineProviderName;
  mode: 'test' | 'live';
  publicKey: string | null;
  apiKeyHint: string;
  hasWebhookSecret: boolean;
  enabled: boolean;
  /** The address to give the provider for its notifications. */
  webhookUrl: string;
  createdAt: string;
  updatedAt: string;
}

/** What staff send; a key left out stays as it is, null removes an optional one. */
export interface ProviderAccountInput {
  mode: 'test' | 'live';
  apiKey?: string | undefined;
  publicKey?: string | null | undefined;
  webhookSecret?: string | null | undefined;
  enabled?: boolean | undefined;
}

const accountNotFound = (provider: string) =>
  new DomainError('PAYMENT_PROVIDER_NOT_FOUND', `This store has no ${provider} account set up.`, [{ path: 'params.provider', message: 'is not set up for this store' }]);

/** Staff set up, change and remove the store's accounts with online providers (docs/payments.md#provider-accounts). */
export function createProviderAccountService(deps: PaymentsDeps) {
  const { db, secrets } = deps;
  const view = (row: ProviderAccountRow): ProviderAccountView => ({
    provider: row.provider,
    mode: row.mode,
    publicKey: row.publicKey,
    apiKeyHint: row.apiKeyHint,
    hasWebhookSecret: row.sealedWebhookSecret !== null,
    enabled: row.enabled,
    webhookUrl: webhookUrlOf(deps.publicUrl, row.provider, row.tenantId),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  });

  return {
    async list(ctx: Ctx): Promise<{ data: ProviderAccountView[] }> {
      const tenantId = storeOf(ctx);
      return { data: (await inTransaction(db, { tenantId }, (tx) => listProviderAccounts(tx, tenantId))).map(view) };
    },

    /** Creates or changes the account; the keys as they will be saved must fit the provider and the mode. */
    async save(ctx: Ctx, provider: OnlineProviderName, input: ProviderAccountInput, origin: AuditOrigin = {}): Promise<ProviderAccountView> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        const before = await findProviderAccount(tx, tenantId, provider, true);
        const current = before ? secrets.open(before) : null;
        const keys = {
          mode: input.mode,
          apiKey: input.apiKey ?? current?.apiKey ?? null,
          publicKey: input.publicKey !== undefined ? input.publicKey : (before?.publicKey ?? null),
          webhookSecret: input.webhookSecret !== undefined ? input.webhookSecret : (current?.webhookSecret ?? null),
        };
        const problems = keyProblems(provider, keys);
        if (problems.length > 0 || keys.apiKey === null) {
          throw new DomainError('PAYMENT_PROVIDER_KEYS_INVALID', `The ${provider} keys do not fit: ${problems.map((p) => p.path).join(', ')}.`, problems);
        }
        const row = await saveProviderAccount(tx, {
          tenantId,
          provider,
          mode: keys.mode,
          publicKey: keys.publicKey,
          sealedApiKey: secrets.seal(tenantId, provider, 'apiKey', keys.apiKey),
          sealedWebhookSecret: keys.webhookSecret === null ? null : secrets.seal(tenantId, provider, 'webhookSecret', keys.webhookSecret),
          apiKeyHint: hintOf(keys.apiKey),
          enabled: input.enabled ?? before?.enabled ?? true,
        });
        await recordAudit(tx, {
          ...origin, tenantId, actor: ctx.actor, action: before ? 'payment_provider.updated' : 'payment_provider.created', targetType: 'payment_provider', targetId: provider,
          changes: { ...(before ? { before: view(before) } : {}), after: view(row) },
        });
        return view(row);
      });
    },

    async remove(ctx: Ctx, provider: OnlineProviderName, origin: AuditOrigin = {}): Promise<void> {
      const tenantId = storeOf(ctx);
      await inTransaction(db, { tenantId }, async (tx) => {
        const removed = await deleteProviderAccount(tx, tenantId, provider);
        if (!removed) throw accountNotFound(provider);
        await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'payment_provider.deleted', targetType: 'payment_provider', targetId: provider, changes: { before: view(removed) } });
      });
    },
  };
}

export type ProviderAccountService = ReturnType<typeof createProviderAccountService>;
