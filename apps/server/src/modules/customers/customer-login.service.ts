import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { ACCESS_TOKEN_SECONDS, findRefreshTokenTenant, markAttemptSucceeded, normaliseEmail, REFRESH_TOKEN_DAYS, revokeSession, rotateRefreshToken, sha256Hex, type IssuedTokens } from '../identity/index.ts';
import { customerOf, tenantOf, type CustomerOrigin } from './customer-context.ts';
import { failCustomerAttempt, openCustomerAttempt, signInCustomer, type Outcome } from './customer-session.ts';
import { findCustomerByEmail, findCustomerById, updateCustomer } from './customer.repository.ts';
import type { CustomerDeps } from './customers.deps.ts';

const unverified = () => new DomainError('CUSTOMER_EMAIL_UNVERIFIED_FORBIDDEN', 'Confirm your email address with the link we sent before signing in with a password, or sign in with an email code.');
const refreshInvalid = () => new DomainError('AUTH_REFRESH_INVALID', 'The refresh token is invalid, expired or revoked. Sign in again.');

export function createCustomerLoginService(deps: CustomerDeps) {
  const { db, passwords } = deps.identity;
  return {
    /** Email and password. Every wrong answer is the same 401 and takes as long; 5 failures in 15 minutes lock the account. */
    async login(ctx: Ctx, input: { email: string; password: string }, origin: CustomerOrigin): Promise<IssuedTokens> {
      const tenantId = tenantOf(ctx);
      const email = normaliseEmail(input.email);
      const opened = await inTransaction(db, { tenantId }, async (tx) => ({ gate: await openCustomerAttempt(tx, tenantId, email, origin), customer: await findCustomerByEmail(tx, tenantId, email) }));
      if (!opened.gate.ok) throw opened.gate.error;
      const attemptId = opened.gate.value;
      const customer = opened.customer;
      const check = await passwords.check(customer?.status === 'active' ? customer.passwordHash : null, input.password);
      if (!check.ok || !customer) {
        const reason = !customer ? 'unknown_account' : customer.status !== 'active' ? 'disabled' : customer.passwordHash ? 'wrong_password' : 'no_password';
        throw await inTransaction(db, { tenantId }, (tx) => failCustomerAttempt(tx, deps, ctx, { tenantId, email, customerId: customer?.id, reason }, origin));
      }
      const rehashed = check.needsRehash ? await passwords.hash(input.password) : null;
      const outcome = await inTransaction(db, { tenantId }, async (tx): Promise<Outcome<IssuedTokens>> => {
        // The password was right either way, so the attempt is no failure.
        await markAttemptSucceeded(tx, tenantId, attemptId);
        if (rehashed) await updateCustomer(tx, tenantId, customer.id, { passwordHash: rehashed });
        if (!customer.emailVerifiedAt) return { ok: false, error: unverified() };
        return { ok: true, value: await signInCustomer(tx, deps, ctx, customer, origin, 'password') };
      });
      if (!outcome.ok) throw outcome.error;
      return outcome.value;
    },

    /** Exchanges a customer refresh token of this store for a new pair; a spent one shown again ends the session. */
    async refresh(ctx: Ctx, refreshToken: string, origin: CustomerOrigin): Promise<IssuedTokens> {
      const tenantId = tenantOf(ctx);
      const tokenHash = sha256Hex(refreshToken);
      // The token must belong to the store the publishable key names.
      if ((await inTransaction(db, { tenantId: null, platform: true }, (tx) => findRefreshTokenTenant(tx, tokenHash))) !== tenantId) throw refreshInvalid();
      const outcome = await inTransaction(db, { tenantId }, async (tx) => {
        const rotation = await rotateRefreshToken(tx, ctx, { tenantId, tokenHash, subjectType: 'customer' }, origin, async (id) => (await findCustomerById(tx, tenantId, id))?.status === 'active');
        if (!rotation.ok) return null;
        const accessToken = await deps.tokens.signAccess({ sub: rotation.subjectId, tid: tenantId, sid: rotation.sessionId });
        return { accessToken, expiresIn: ACCESS_TOKEN_SECONDS, refreshToken: rotation.refreshToken, refreshExpiresIn: REFRESH_TOKEN_DAYS * 86_400, sessionId: rotation.sessionId };
      });
      // Thrown after commit, so a detected reuse stays revoked.
      if (!outcome) throw refreshInvalid();
      return outcome;
    },

    /** Ends the session the access token belongs to. */
    async logout(ctx: Ctx, sessionId: string): Promise<void> {
      const { tenantId, customerId } = customerOf(ctx);
      await inTransaction(db, { tenantId }, (tx) => revokeSession(tx, tenantId, customerId, sessionId, 'logout'));
    },
  };
}

export type CustomerLoginService = ReturnType<typeof createCustomerLoginService>;
