import { createCustomerTokens, deriveKey, type CustomerTokens, type IdentityDeps } from '../identity/index.ts';
import type { StoreResolver } from '../tenancy/index.ts';

/** What the customer realm is built over: identity's deps (hasher, mail queue, config) plus its own token keys and the storefront resolver. */
export interface CustomerDeps {
  identity: IdentityDeps;
  tokens: CustomerTokens;
  /** Keys the hashes of emailed login codes (6 digits are brute-forceable offline without a key). */
  loginCodeKey: Buffer;
  stores: StoreResolver;
}

export function createCustomerDeps(identity: IdentityDeps, stores: StoreResolver): CustomerDeps {
  const { appSecret, publicUrl } = identity.config;
  return { identity, stores, tokens: createCustomerTokens(appSecret, publicUrl), loginCodeKey: deriveKey(appSecret, 'customer-login-code') };
}
