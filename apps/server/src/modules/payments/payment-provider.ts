import type { OnlineProviderName, PaymentRecordStatus } from './payments.tables.ts';

/** A store's credentials for one provider, opened from their sealed form for one call; never logged. */
export interface ProviderCredentials {
  apiKey: string;
  webhookSecret: string | null;
}

export interface StartPaymentRequest {
  /** Our payment id; sent to the provider as metadata and as its idempotency key. */
  paymentId: string;
  tenantId: string;
  amount: number;
  currency: string;
  description: string;
  /** Where the provider sends the shopper back (redirect-based providers). */
  returnUrl: string | null;
  /** Where the provider posts its notifications (providers that take it per payment). */
  webhookUrl: string | null;
}

export interface StartedPayment {
  providerReference: string;
  status: PaymentRecordStatus;
  /** For providers confirmed in the browser (Stripe's client secret). */
  clientSecret: string | null;
  /** For redirect providers (Mollie's checkout page). */
  redirectUrl: string | null;
}

/** What the provider says a payment is now. Amounts in minor units. */
export interface ProviderPaymentState {
  providerReference: string;
  status: PaymentRecordStatus;
  amount: number;
  currency: string;
  capturedAmount: number;
  /** Our payment id, as the provider echoes it from the metadata we sent. */
  paymentId: string | null;
  failureCode: string | null;
  failureMessage: string | null;
}

export interface RefundRequest {
  providerReference: string;
  /** Our refund id, used as the provider's idempotency key. */
  refundId: string;
  amount: number;
  currency: string;
}

export interface ProviderRefund {
  providerReference: string;
  status: 'pending' | 'succeeded' | 'failed';
}

/** An incoming notification whose signature checked out, reduced to what changed. */
export interface VerifiedNotification {
  /** Unique per change, so duplicates and retries are recognised. */
  eventId: string;
  eventType: string;
  payment: ProviderPaymentState | null;
  refund: (ProviderRefund & { paymentReference: string; amount: number }) | null;
}

export interface IncomingWebhook {
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

/** A notification refused before anything changed: `status` is what the caller gets (400 malformed, 401 unsigned or forged or stale). */
export class WebhookRejected extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** An online provider's API, as Winkel uses it. One instance serves every store; credentials come per call. */
export interface OnlinePaymentProvider {
  readonly name: OnlineProviderName;
  startPayment(credentials: ProviderCredentials, request: StartPaymentRequest): Promise<StartedPayment>;
  fetchPayment(credentials: ProviderCredentials, providerReference: string): Promise<ProviderPaymentState>;
  refund(credentials: ProviderCredentials, request: RefundRequest): Promise<ProviderRefund>;
  /** Checks the signature (and freshness, where the provider signs a timestamp) and reads the notification; throws WebhookRejected. */
  verifyNotification(credentials: ProviderCredentials, webhook: IncomingWebhook, now: Date): Promise<VerifiedNotification>;
  /** Stops a payment the shopper has not completed (a newer one replaced it), where the provider allows it. */
  cancelPayment?(credentials: ProviderCredentials, providerReference: string): Promise<void>;
}
