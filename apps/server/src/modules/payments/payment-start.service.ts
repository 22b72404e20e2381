import { uuidv7 } from 'uuidv7';
import { actorLabel, type Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { openPricedCart } from '../carts/index.ts';
import { checkoutProblems } from '../orders/index.ts';
import { findStoreById } from '../tenancy/index.ts';
import type { Money } from '../pricing/index.ts';
import { announcePayment } from './payment-recording.ts';
import type { OnlinePaymentProvider, ProviderCredentials, StartedPayment } from './payment-provider.ts';
import * as repo from './payment.repository.ts';
import { providerFailure } from './provider-errors.ts';
import { findProviderAccess, providerAccessFor } from './provider-credentials.ts';
import { storeOf, webhookUrlOf, type PaymentsDeps } from './payments.deps.ts';
import { ONLINE_PROVIDERS, type OnlineProviderName, type PaymentRecordStatus } from './payments.tables.ts';

/** What the storefront needs to let the shopper pay: Stripe's client secret and publishable key, or Mollie's page. */
export interface PaymentSession {
  paymentId: string;
  provider: OnlineProviderName;
  status: PaymentRecordStatus;
  amount: Money;
  clientSecret: string | null;
  redirectUrl: string | null;
  publicKey: string | null;
}

interface Replaced {
  provider: OnlinePaymentProvider;
  credentials: ProviderCredentials;
  reference: string;
}

const isOnlineProvider = (name: string): name is OnlineProviderName => (ONLINE_PROVIDERS as readonly string[]).includes(name);

/**
 * A shopper starts paying for their cart (docs/payments.md#paying-online): the cart is priced on the
 * server, a pending payment of its grand total is written, the provider is asked for a payment
 * outside any transaction, and its reference is stored. A newer payment replaces the cart's older
 * ones that took no money yet.
 */
export function createPaymentStartService(deps: PaymentsDeps) {
  const { db } = deps;

  /** Written before the provider is called, so that the provider's payment always has our row (and id) to come back to. */
  async function writePendingPayment(ctx: Ctx, tenantId: string, cartId: string, token: string | undefined, name: OnlineProviderName) {
    return inTransaction(db, { tenantId }, async (tx) => {
      const priced = await openPricedCart(tx, tenantId, cartId, token, true);
      const { cart } = priced;
      const problems = checkoutProblems({ email: cart.email, shippingAddress: cart.shippingAddress ?? null, shippingMethod: priced.shippingMethod, lines: priced.lines }, name);
      if (problems.length > 0) throw new DomainError('CHECKOUT_INCOMPLETE', `The cart cannot be paid for yet: ${problems.map((p) => p.path).join(', ')}.`, problems);
      const total = priced.totals.grandTotal;
      if (total.amount <= 0) throw new DomainError('PAYMENT_NOTHING_TO_PAY', 'The cart costs nothing; check out without paying online.', [{ path: 'cart.totals.grandTotal', message: 'is zero' }]);
      const access = await providerAccessFor(tx, deps, tenantId, name);
      const replaced = await repo.cancelReplaceablePayments(tx, tenantId, cart.id);
      for (const old of replaced) await announcePayment(tx, ctx, tenantId, old);
      const store = await findStoreById(tx, tenantId);
      const payment = await repo.insertPayment(tx, {
        tenantId, id: uuidv7(), orderId: null, cartId: cart.id, provider: name, status: 'pending', amount: total.amount, currency: total.currency,
        capturedAmount: 0, refundedAmount: 0, providerReference: null, failureCode: null, failureMessage: null, createdBy: actorLabel(ctx.actor),
      });
      await announcePayment(tx, ctx, tenantId, payment);
      const stops: Replaced[] = [];
      for (const old of replaced) {
        if (!old.providerReference || !isOnlineProvider(old.provider)) continue;
        // Stopped at the provider with the credentials of the account they were made with.
        const made = old.provider === name ? access : await findProviderAccess(tx, deps, tenantId, old.provider, false);
        if (made) stops.push({ provider: made.provider, credentials: made.credentials, reference: old.providerReference });
      }
      return { payment, access, replaced: stops, description: `${store?.name ?? 'Order'} – cart ${cart.id.slice(-8)}` };
    });
  }

  async function stopReplaced(ctx: Ctx, replaced: Replaced[]): Promise<void> {
    for (const { provider, credentials, reference } of replaced) {
      if (!provider.cancelPayment) continue;
      // Best effort: a replaced payment that still completes is recorded by its notification and can be refunded.
      await provider.cancelPayment(credentials, reference).catch((err: unknown) => ctx.log.info({ provider: provider.name, reason: err instanceof Error ? err.message : String(err) }, 'could not cancel a replaced payment'));
    }
  }

  return {
    async start(ctx: Ctx, cartId: string, token: string | undefined, input: { provider: OnlineProviderName; returnUrl?: string | undefined }): Promise<PaymentSession> {
      const tenantId = storeOf(ctx);
      const { payment, access, replaced, description } = await writePendingPayment(ctx, tenantId, cartId, token, input.provider);
      let started: StartedPayment;
      try {
        started = await access.provider.startPayment(access.credentials, {
          paymentId: payment.id, tenantId, amount: payment.amount, currency: payment.currency, description,
          returnUrl: input.returnUrl ?? null, webhookUrl: webhookUrlOf(deps.publicUrl, input.provider, tenantId),
        });
      } catch (err) {
        const failure = providerFailure(ctx, input.provider, err);
        await inTransaction(db, { tenantId }, async (tx) => {
          const failed = await repo.movePayment(tx, tenantId, payment.id, 'pending', { status: 'failed', failureCode: 'provider_error', failureMessage: failure.detail });
          if (failed) await announcePayment(tx, ctx, tenantId, failed);
        });
        throw failure;
      }
      // The reference is kept whatever happened meanwhile: a newer payment may have replaced this one, which is then stopped too.
      const stored = await inTransaction(db, { tenantId }, async (tx) => {
        const row = await repo.storeProviderReference(tx, tenantId, payment.id, started.providerReference);
        if (row?.status !== 'pending' || started.status === 'pending') return row;
        const moved = await repo.movePayment(tx, tenantId, payment.id, 'pending', { status: started.status });
        if (moved) await announcePayment(tx, ctx, tenantId, moved);
        return moved ?? row;
      });
      if (stored?.status === 'cancelled') replaced.push({ provider: access.provider, credentials: access.credentials, reference: started.providerReference });
      await stopReplaced(ctx, replaced);
      return {
        paymentId: payment.id,
        provider: input.provider,
        status: stored?.status ?? started.status,
        amount: { amount: payment.amount, currency: payment.currency },
        clientSecret: started.clientSecret,
        redirectUrl: started.redirectUrl,
        publicKey: access.account.publicKey,
      };
    },
  };
}

export type PaymentStartService = ReturnType<typeof createPaymentStartService>;
