import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { recordAudit } from '../security/index.ts';
import { afterFailedAttempt, ipBlockedError, lockedError, normaliseIp, openAttempt, startSession, type IssuedTokens } from '../identity/index.ts';
import { customerAudit, type CustomerOrigin } from './customer-context.ts';
import type { CustomerRow } from './customer.repository.ts';
import type { CustomerDeps } from './customers.deps.ts';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: DomainError };

/** Opens a customer session (refresh-token family, access token for audience winkel-store) and audits the sign-in. */
export async function signInCustomer(tx: Tx, deps: CustomerDeps, ctx: Ctx, customer: CustomerRow, origin: CustomerOrigin, method: string): Promise<IssuedTokens> {
  const { tenantId, id } = customer;
  const tokens = await startSession(tx, { tenantId, subjectType: 'customer', subjectId: id }, origin, (sid) => deps.tokens.signAccess({ sub: id, tid: tenantId, sid }));
  await recordAudit(tx, { ...customerAudit(ctx, origin, id), action: 'customer.login_succeeded', changes: { after: { method, sessionId: tokens.sessionId } } });
  return tokens;
}

/** The sign-in gate of the customer realm: refuses a blocked address or a locked account, else records the attempt (as staff sign-in does). */
export async function openCustomerAttempt(tx: Tx, tenantId: string, email: string, origin: CustomerOrigin): Promise<Outcome<string>> {
  const gate = await openAttempt(tx, tenantId, email, normaliseIp(origin.ip), 'customer');
  if (gate.kind === 'ip_blocked') return { ok: false, error: ipBlockedError(gate.until) };
  if (gate.kind === 'locked') return { ok: false, error: lockedError(gate.until) };
  return { ok: true, value: gate.attemptId };
}

/** Records a failed customer sign-in (audit, lockout, IP counting); the customer is the audit actor when the account exists. */
export function failCustomerAttempt(tx: Tx, deps: CustomerDeps, ctx: Ctx, attempt: { tenantId: string; email: string; customerId?: string | undefined; reason: string }, origin: CustomerOrigin): Promise<DomainError> {
  const actorCtx: Ctx = attempt.customerId ? { ...ctx, actor: { kind: 'customer', id: attempt.customerId } } : ctx;
  return afterFailedAttempt(tx, deps.identity, actorCtx, { tenantId: attempt.tenantId, email: attempt.email, ip: normaliseIp(origin.ip), subjectId: attempt.customerId, reason: attempt.reason, realm: 'customer' }, origin);
}
