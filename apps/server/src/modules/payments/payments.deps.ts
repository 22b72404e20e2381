import type { Ctx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import type { OrderMetrics } from '../orders/index.ts';
import type { OnlinePaymentProvider } from './payment-provider.ts';
import type { OnlineProviderName } from './payments.tables.ts';
import { createProviderSecrets, type ProviderSecrets } from './provider-secrets.ts';

export interface PaymentsDeps {
  db: Db;
  secrets: ProviderSecrets;
  /** The providers this server can talk to, chosen at the composition root; a store still needs an account with one. */
  providers: Partial<Record<OnlineProviderName, OnlinePaymentProvider>>;
  /** This server's public base URL: providers are told to post their notifications under it. */
  publicUrl: string;
  /** Counts orders that payments confirm (paid in full while pending); a no-op when not given. */
  orderMetrics?: Pick<OrderMetrics, 'enteredStatus'> | undefined;
}

export function createPaymentsDeps(input: { db: Db; appSecret: string; publicUrl: string; providers: PaymentsDeps['providers'] }): PaymentsDeps {
  return { db: input.db, secrets: createProviderSecrets(input.appSecret), providers: input.providers, publicUrl: input.publicUrl };
}

export function storeOf(ctx: Ctx): string {
  if (!ctx.tenantId) throw new Error('payments need a store context');
  return ctx.tenantId;
}

/** Where a store's provider posts its notifications (docs/payments.md#webhooks). */
export const webhookUrlOf = (publicUrl: string, provider: OnlineProviderName, tenantId: string) => `${publicUrl}/webhooks/${provider}/${tenantId}`;

export const orderNotFound = () => new DomainError('ORDER_NOT_FOUND', 'This store has no order with this id.');

export const paymentNotFound = (path = 'params.paymentId') =>
  new DomainError('PAYMENT_NOT_FOUND', 'This order has no payment with this id.', [{ path, message: 'is not a payment of this order' }]);

export const providerNotConfigured = (provider: string) =>
  new DomainError('PAYMENT_PROVIDER_NOT_CONFIGURED', `This store does not take payments through ${provider}.`, [
    { path: 'body.provider', message: `${provider} is not set up or is switched off for this store` },
  ]);
