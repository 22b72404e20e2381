import { uuidv7 } from 'uuidv7';
import type { Tx } from '../../platform/db/database.ts';
import { queueMail } from '../mail/index.ts';
import { insertOneTimeToken, newOpaqueToken, retireOneTimeTokens, sha256Hex } from '../identity/index.ts';
import type { CustomerRow } from './customer.repository.ts';
import type { CustomerDeps } from './customers.deps.ts';

export const CUSTOMER_RESET_MINUTES = 30;

/** Replaces any earlier reset link of the customer with a new single-use one (30 minutes) and queues its mail. */
export async function mailPasswordReset(tx: Tx, deps: CustomerDeps, customer: CustomerRow, locale: string): Promise<void> {
  await retireOneTimeTokens(tx, customer.tenantId, customer.id, 'password_reset');
  const token = newOpaqueToken();
  const expiresAt = new Date(Date.now() + CUSTOMER_RESET_MINUTES * 60_000);
  await insertOneTimeToken(tx, { id: uuidv7(), tenantId: customer.tenantId, purpose: 'password_reset', subjectType: 'customer', subjectId: customer.id, tokenHash: sha256Hex(token), expiresAt });
  const variables = { token, expiresInMinutes: CUSTOMER_RESET_MINUTES, realm: 'customer' as const, ...(customer.name ? { name: customer.name } : {}) };
  await queueMail(tx, deps.identity.jobQueue, { type: 'password_reset', to: customer.email, locale, tenantId: customer.tenantId, variables });
}
