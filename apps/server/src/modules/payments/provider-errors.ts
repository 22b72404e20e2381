import type { Ctx } from '../../platform/context.ts';
import { DomainError } from '../../platform/errors.ts';

/** The provider answered and said no (a declined refund, a key it does not accept): trying again the same way will not help. */
export class ProviderRefused extends Error {
  override name = 'ProviderRefused';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A failed provider call as the caller's error: a refusal names the provider's reason (422); anything
 * else (no answer, the provider's own failure) is 503 and may be tried again. Logged without the
 * request, whose headers carry the store's key.
 */
export function providerFailure(ctx: Ctx, provider: string, err: unknown): DomainError {
  if (err instanceof ProviderRefused) {
    ctx.log.info({ provider, code: err.code }, 'payment provider refused a call');
    return new DomainError('PAYMENT_PROVIDER_REFUSED', `${provider} refused: ${err.message}`, [{ path: 'provider', message: err.code }]);
  }
  ctx.log.warn({ provider, error: err instanceof Error ? err.name : typeof err, reason: err instanceof Error ? err.message : undefined }, 'payment provider call failed');
  return new DomainError('PAYMENT_PROVIDER_UNAVAILABLE', `${provider} did not answer as expected; try again in a moment.`);
}
