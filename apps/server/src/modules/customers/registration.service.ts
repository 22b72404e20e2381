import { uuidv7 } from 'uuidv7';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { queueMail } from '../mail/index.ts';
import { recordAudit } from '../security/index.ts';
import { assertPasswordPolicy, insertOneTimeToken, lockOneTimeToken, markOneTimeTokenUsed, newOpaqueToken, normaliseEmail, retireOneTimeTokens, sha256Hex } from '../identity/index.ts';
import { customerAudit, tenantOf, tokenInvalid, type CustomerOrigin } from './customer-context.ts';
import { findCustomerByEmail, findCustomerById, insertCustomer, updateCustomer, type CustomerRow } from './customer.repository.ts';
import type { CustomerDeps } from './customers.deps.ts';
import { mailPasswordReset } from './password-reset.mail.ts';

export const EMAIL_VERIFICATION_HOURS = 24;

export interface RegisterInput {
  email: string;
  password: string;
  name: string;
}

async function mailVerification(tx: Tx, deps: CustomerDeps, customer: CustomerRow, locale: string): Promise<void> {
  await retireOneTimeTokens(tx, customer.tenantId, customer.id, 'email_verification');
  const token = newOpaqueToken();
  const expiresAt = new Date(Date.now() + EMAIL_VERIFICATION_HOURS * 3_600_000);
  await insertOneTimeToken(tx, { id: uuidv7(), tenantId: customer.tenantId, purpose: 'email_verification', subjectType: 'customer', subjectId: customer.id, tokenHash: sha256Hex(token), expiresAt });
  const variables = { token, expiresInHours: EMAIL_VERIFICATION_HOURS, ...(customer.name ? { name: customer.name } : {}) };
  await queueMail(tx, deps.identity.jobQueue, { type: 'email_verification', to: customer.email, locale, tenantId: customer.tenantId, variables });
}

export function createRegistrationService(deps: CustomerDeps) {
  const { db, passwords } = deps.identity;
  return {
    /**
     * Creates an account and mails a verification link (24 h). The caller
     * answers the same whether or not the email was taken: for an unverified
     * account the newest registration's name and password replace the old
     * ones and a fresh link goes out (whoever holds the mailbox decides); for
     * a verified one a password-reset link goes out instead; a disabled one
     * gets nothing.
     */
    async register(ctx: Ctx, input: RegisterInput, origin: CustomerOrigin): Promise<void> {
      const tenantId = tenantOf(ctx);
      const email = normaliseEmail(input.email);
      assertPasswordPolicy(input.password, 'body.password', email);
      // Hashed in every case, so a taken email answers as slowly as a new one.
      const passwordHash = await passwords.hash(input.password);
      await inTransaction(db, { tenantId }, async (tx) => {
        const existing = await findCustomerByEmail(tx, tenantId, email);
        if (!existing) {
          const id = uuidv7();
          if (!(await insertCustomer(tx, { id, tenantId, email, name: input.name, passwordHash }))) return;
          await mailVerification(tx, deps, (await findCustomerById(tx, tenantId, id))!, origin.locale);
          await recordAudit(tx, { ...customerAudit(ctx, origin, id), action: 'customer.registered' });
          return;
        }
        if (existing.status !== 'active') return;
        if (!existing.emailVerifiedAt) {
          const updated = await updateCustomer(tx, tenantId, existing.id, { name: input.name, passwordHash });
          await mailVerification(tx, deps, updated!, origin.locale);
        } else {
          await mailPasswordReset(tx, deps, existing, origin.locale);
        }
        await recordAudit(tx, { ...customerAudit(ctx, origin), targetType: 'customer', targetId: existing.id, action: 'customer.registration_repeated', changes: { after: { verified: existing.emailVerifiedAt !== null } } });
      });
    },

    /** Spends a verification link and marks the email verified. */
    async verifyEmail(ctx: Ctx, token: string, origin: CustomerOrigin): Promise<void> {
      const tenantId = tenantOf(ctx);
      await inTransaction(db, { tenantId }, async (tx) => {
        const row = await lockOneTimeToken(tx, tenantId, sha256Hex(token));
        if (!row || row.usedAt || row.expiresAt.getTime() <= Date.now() || row.purpose !== 'email_verification' || row.subjectType !== 'customer') throw tokenInvalid();
        const customer = await findCustomerById(tx, tenantId, row.subjectId);
        if (!customer || customer.status !== 'active') throw tokenInvalid();
        await markOneTimeTokenUsed(tx, tenantId, row.id);
        if (!customer.emailVerifiedAt) await updateCustomer(tx, tenantId, customer.id, { emailVerifiedAt: new Date() });
        await recordAudit(tx, { ...customerAudit(ctx, origin, customer.id), action: 'customer.email_verified' });
      });
    },
  };
}

export type RegistrationService = ReturnType<typeof createRegistrationService>;
