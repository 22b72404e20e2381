import { randomInt } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { queueMail } from '../mail/index.ts';
import { countOneTimeTokenAttempt, hmacHex, insertOneTimeToken, lockLatestOneTimeToken, markAttemptSucceeded, markOneTimeTokenUsed, normaliseEmail, retireOneTimeTokens, sameText, type IssuedTokens } from '../identity/index.ts';
import { tenantOf, type CustomerOrigin } from './customer-context.ts';
import { failCustomerAttempt, openCustomerAttempt, signInCustomer, type Outcome } from './customer-session.ts';
import { findCustomerByEmail, updateCustomer } from './customer.repository.ts';
import type { CustomerDeps } from './customers.deps.ts';

export const LOGIN_CODE_MINUTES = 10;
export const LOGIN_CODE_MAX_TRIES = 5;

/** A code is stored as a keyed hash salted with its row id, so equal codes never collide and a stolen table reveals nothing. */
const codeHash = (deps: CustomerDeps, id: string, code: string) => hmacHex(deps.loginCodeKey, `${id}:${code}`);

export function createLoginCodeService(deps: CustomerDeps) {
  const { db, jobQueue } = deps.identity;
  return {
    /** Mails a 6-digit code (10 minutes, single use, 5 tries) to an active account; does nothing otherwise. The caller answers the same either way. */
    async requestCode(ctx: Ctx, input: { email: string }, origin: CustomerOrigin): Promise<void> {
      const tenantId = tenantOf(ctx);
      const email = normaliseEmail(input.email);
      await inTransaction(db, { tenantId }, async (tx) => {
        const customer = await findCustomerByEmail(tx, tenantId, email);
        if (!customer || customer.status !== 'active') return;
        await retireOneTimeTokens(tx, tenantId, customer.id, 'login_code');
        const id = uuidv7();
        const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
        const expiresAt = new Date(Date.now() + LOGIN_CODE_MINUTES * 60_000);
        await insertOneTimeToken(tx, { id, tenantId, purpose: 'login_code', subjectType: 'customer', subjectId: customer.id, tokenHash: codeHash(deps, id, code), expiresAt });
        await queueMail(tx, jobQueue, { type: 'login_code', to: customer.email, locale: origin.locale, tenantId, variables: { code, expiresInMinutes: LOGIN_CODE_MINUTES } });
      });
    },

    /**
     * Signs in with the newest code mailed to the email. Wrong codes count as
     * failed sign-ins (lockout rules of the realm) and against the code's 5
     * tries; a right code proves the mailbox, so it also verifies the email.
     */
    async loginWithCode(ctx: Ctx, input: { email: string; code: string }, origin: CustomerOrigin): Promise<IssuedTokens> {
      const tenantId = tenantOf(ctx);
      const email = normaliseEmail(input.email);
      const outcome = await inTransaction(db, { tenantId }, async (tx): Promise<Outcome<IssuedTokens>> => {
        const gate = await openCustomerAttempt(tx, tenantId, email, origin);
        if (!gate.ok) return gate;
        const customer = await findCustomerByEmail(tx, tenantId, email);
        const active = customer?.status === 'active' ? customer : undefined;
        const token = active ? await lockLatestOneTimeToken(tx, tenantId, 'customer', active.id, 'login_code') : undefined;
        const live = token && token.expiresAt.getTime() > Date.now() && token.attempts < LOGIN_CODE_MAX_TRIES ? token : undefined;
        if (!active || !live || !sameText(codeHash(deps, live.id, input.code), live.tokenHash)) {
          if (live) await countOneTimeTokenAttempt(tx, tenantId, live.id);
          const reason = !active ? 'unknown_account' : !live ? 'no_live_code' : 'wrong_code';
          return { ok: false, error: await failCustomerAttempt(tx, deps, ctx, { tenantId, email, customerId: customer?.id, reason }, origin) };
        }
        await markOneTimeTokenUsed(tx, tenantId, live.id);
        await markAttemptSucceeded(tx, tenantId, gate.value);
        const verified = active.emailVerifiedAt ? active : ((await updateCustomer(tx, tenantId, active.id, { emailVerifiedAt: new Date() })) ?? active);
        return { ok: true, value: await signInCustomer(tx, deps, ctx, verified, origin, 'email_code') };
      });
      // Failures are answered after commit, so they stay counted.
      if (!outcome.ok) throw outcome.error;
      return outcome.value;
    },
  };
}

export type LoginCodeService = ReturnType<typeof createLoginCodeService>;
