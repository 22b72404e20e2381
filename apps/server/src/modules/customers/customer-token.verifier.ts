import { inTransaction } from '../../platform/db/transaction.ts';
import { findSubjectSession, InvalidToken } from '../identity/index.ts';
import { findCustomerById } from './customer.repository.ts';
import type { CustomerDeps } from './customers.deps.ts';

export type CustomerPrincipal = { customerId: string; sessionId: string };
export type CustomerCheck = { ok: true; principal: CustomerPrincipal } | { ok: false; reason: string };

/**
 * Checks a customer access token for the store the request addresses: the
 * signature, algorithm, issuer, audience `winkel-store`, key id and expiry
 * (so a staff token never passes), that it was issued for this very store,
 * that its session is live and the account active.
 */
export async function verifyCustomerToken(deps: CustomerDeps, token: string, tenantId: string): Promise<CustomerCheck> {
  let claims;
  try {
    claims = await deps.tokens.verifyAccess(token);
  } catch (err) {
    if (err instanceof InvalidToken) return { ok: false, reason: `customer token: ${err.message}` };
    throw err;
  }
  if (claims.tid !== tenantId) return { ok: false, reason: 'customer token: issued for another store' };
  const found = await inTransaction(deps.identity.db, { tenantId }, async (tx) => ({
    session: await findSubjectSession(tx, tenantId, 'customer', claims.sub, claims.sid),
    customer: await findCustomerById(tx, tenantId, claims.sub),
  }));
  if (!found.session || found.session.revokedAt || found.session.expiresAt.getTime() <= Date.now()) return { ok: false, reason: 'customer token: session ended' };
  if (found.customer?.status !== 'active') return { ok: false, reason: 'customer token: account disabled' };
  return { ok: true, principal: { customerId: claims.sub, sessionId: claims.sid } };
}
