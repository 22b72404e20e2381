import type { RateLimitTier } from '../../config.ts';

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The tier a request counts against, or null when the route opts out.
 * A route may name its tier; otherwise reads are general and writes are write.
 * Requests that match no route count as general, whatever their method.
 */
export function rateLimitTierFor(method: string, declared: RateLimitTier | 'none' | undefined, matchedRoute: boolean): RateLimitTier | null {
  if (!matchedRoute) return 'general';
  if (declared === 'none') return null;
  if (declared) return declared;
  return READ_METHODS.has(method.toUpperCase()) ? 'general' : 'write';
}
