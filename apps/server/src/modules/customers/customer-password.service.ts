import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { recordAudit } from '../security/index.ts';
import { assertPasswordPolicy, lockOneTimeToken, markOneTimeTokenUsed, normaliseEmail, revokeAllSessions, sha256Hex } from '../identity/index.ts';
import { customerAudit, customerOf, tenantOf, tokenInvalid, type CustomerOrigin } from './customer-context.ts';
import { findCustomerByEmail, findCustomerById, updateCustomer } from './customer.repository.ts';
import type { CustomerDeps } from './customers.deps.ts';
import { mailPasswordReset } from './password-reset.mail.ts';

const wrongCurrent = () => new DomainError('CUSTOMER_PASSWORD_INCORRECT', 'The current password is not right.', [{ path: 'body.currentPassword', message: 'is not right' }]);

export function createCustomerPasswordService(deps: CustomerDeps) {
  const { db, passwords } = deps.identity;
  return {
    /** Changes the signed-in customer's password and ends their other sessions. */
    async changePassword(ctx: Ctx, input: { currentPassword: string; newPassword: string }, sessionId: string, origin: CustomerOrigin): Promise<void> {
      const { tenantId, customerId } = customerOf(ctx);
      const customer = await inTransaction(db, { tenantId }, (tx) => findCustomerById(tx, tenantId, customerId));
      if (!customer) throw new DomainError('CUSTOMER_NOT_FOUND', 'There is no such customer.');
      const check = await passwords.check(customer.passwordHash, input.currentPassword);
      if (!check.ok) throw wrongCurrent();
      assertPasswordPolicy(input.newPassword, 'body.newPassword', customer.email);
      const passwordHash = await passwords.hash(input.newPassword);
      await inTransaction(db, { tenantId }, async (tx) => {
        await updateCustomer(tx, tenantId, customerId, { passwordHash });
        const ended = await revokeAllSessions(tx, tenantId, customerId, 'password_changed', 'customer', sessionId);
        await recordAudit(tx, { ...customerAudit(ctx, origin, customerId), action: 'customer.password_changed', changes: { after: { password: 'changed', sessionsEnded: ended } } });
      });
    },

    /** Mails a single-use reset link (30 minutes) to an active account; does nothing otherwise. The caller answers the same either way. */
    async requestReset(ctx: Ctx, input: { email: string }, origin: CustomerOrigin): Promise<void> {
      const tenantId = tenantOf(ctx);
      await inTransaction(db, { tenantId }, async (tx) => {
        const customer = await findCustomerByEmail(tx, tenantId, normaliseEmail(input.email));
        if (!customer || customer.status !== 'active') return;
        await mailPasswordReset(tx, deps, customer, origin.locale);
        await recordAudit(tx, { ...customerAudit(ctx, origin), targetType: 'customer', targetId: customer.id, action: 'customer.password_reset_requested' });
      });
    },

    /** Sets a new password with a reset link, spends it, verifies the email (the link proved the mailbox) and ends every session. */
    async confirmReset(ctx: Ctx, input: { token: string; newPassword: string }, origin: CustomerOrigin): Promise<void> {
      const tenantId = tenantOf(ctx);
      assertPasswordPolicy(input.newPassword, 'body.newPassword');
      const passwordHash = await passwords.hash(input.newPassword);
      await inTransaction(db, { tenantId }, async (tx) => {
        const token = await lockOneTimeToken(tx, tenantId, sha256Hex(input.token));
        if (!token || token.usedAt || token.expiresAt.getTime() <= Date.now() || token.purpose !== 'password_reset' || token.subjectType !== 'customer') throw tokenInvalid();
        const customer = await findCustomerById(tx, tenantId, token.subjectId);
        if (!customer || customer.status !== 'active') throw tokenInvalid();
        assertPasswordPolicy(input.newPassword, 'body.newPassword', customer.email);
        await updateCustomer(tx, tenantId, customer.id, { passwordHash, ...(customer.emailVerifiedAt ? {} : { emailVerifiedAt: new Date() }) });
        await markOneTimeTokenUsed(tx, tenantId, token.id);
        const ended = await revokeAllSessions(tx, tenantId, customer.id, 'password_reset', 'customer');
        await recordAudit(tx, { ...customerAudit(ctx, origin, customer.id), action: 'customer.password_reset', changes: { after: { password: 'changed', sessionsEnded: ended } } });
      });
    },
  };
}

export type CustomerPasswordService = ReturnType<typeof createCustomerPasswordService>;
