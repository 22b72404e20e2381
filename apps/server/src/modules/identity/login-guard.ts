import { uuidv7 } from 'uuidv7';
import type { Ctx } from '../../platform/context.ts';
import type { Tx } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { blockIp, recordAudit } from '../security/index.ts';
import { auditBase } from './identity-context.ts';
import type { ClientInfo, IdentityDeps } from './identity.deps.ts';
import { activeIpDenyUntil, LOGIN_AUTO_BLOCK_REASON } from './ip-block.repository.ts';
import { insertAttempt, lockAccountAttempts, recentAccountFailures, recentIpFailures, type LoginRealm } from './login-attempt.repository.ts';

/** 5 failures on one account within 15 minutes lock it for 15 minutes. */
export const ACCOUNT_MAX_FAILURES = 5;
export const FAILURE_WINDOW_SECONDS = 15 * 60;
export const ACCOUNT_LOCK_SECONDS = 15 * 60;

export type Gate = { kind: 'ip_blocked'; until: Date | null } | { kind: 'locked'; until: Date } | { kind: 'open'; attemptId: string };

const secondsUntil = (until: Date) => Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));

export function lockedError(until: Date): DomainError {
  return new DomainError('AUTH_LOCKED', `Too many failed sign-ins for this account. Try again after ${until.toISOString()}.`, undefined, secondsUntil(until));
}

export function ipBlockedError(until: Date | null): DomainError {
  return until
    ? new DomainError('AUTH_IP_BLOCKED', `Too many failed sign-ins from this address. Try again after ${until.toISOString()}.`, undefined, secondsUntil(until))
    : new DomainError('AUTH_IP_BLOCKED', 'Sign-in from this address is blocked for this store.');
}

export function invalidCredentials(): DomainError {
  return new DomainError('AUTH_INVALID_CREDENTIALS', 'The store, email or password is not right.');
}

async function lockedUntil(tx: Tx, tenantId: string, email: string, realm: LoginRealm): Promise<{ failures: number; until: Date | null }> {
  const { failures, latest } = await recentAccountFailures(tx, tenantId, realm, email, FAILURE_WINDOW_SECONDS);
  if (failures < ACCOUNT_MAX_FAILURES || !latest) return { failures, until: null };
  return { failures, until: new Date(latest.getTime() + ACCOUNT_LOCK_SECONDS * 1000) };
}

/**
 * Before checking a secret: refuses a blocked address or a locked account, and
 * otherwise records the attempt as failed up front (under a per-account lock),
 * so parallel guesses count against each other. A success turns it into one.
 * The account is the email as typed, whether or not it exists, so a lock says
 * nothing about which emails are real. Staff and customers are separate
 * realms: the same email counts separately in each.
 */
export async function openAttempt(tx: Tx, tenantId: string, email: string, ip: string, realm: LoginRealm = 'staff'): Promise<Gate> {
  const blocked = await activeIpDenyUntil(tx, tenantId, ip);
  if (blocked !== undefined) return { kind: 'ip_blocked', until: blocked };
  await lockAccountAttempts(tx, tenantId, realm, email);
  const { until } = await lockedUntil(tx, tenantId, email, realm);
  if (until && until.getTime() > Date.now()) return { kind: 'locked', until };
  const attemptId = uuidv7();
  await insertAttempt(tx, { id: attemptId, tenantId, realm, email, ip });
  return { kind: 'open', attemptId };
}

/**
 * After a failed attempt (already recorded): audits it, locks the account at
 * the fifth failure, and blocks the address once it failed too often across
 * accounts (both realms count towards that). Audit actions are named after
 * the realm (`staff.login_failed`, `customer.locked_out`). Returns the error to answer with.
 */
export async function afterFailedAttempt(
  tx: Tx,
  deps: IdentityDeps,
  ctx: Ctx,
  attempt: { tenantId: string; email: string; ip: string; subjectId?: string | undefined; reason: string; realm?: LoginRealm },
  client: ClientInfo,
): Promise<DomainError> {
  const { tenantId, email, ip } = attempt;
  const realm = attempt.realm ?? 'staff';
  const base = auditBase(ctx, tenantId, client);
  const target = attempt.subjectId ? { targetType: realm, targetId: attempt.subjectId } : {};
  await recordAudit(tx, { ...base, ...target, action: `${realm}.login_failed`, changes: { after: { email, reason: attempt.reason } } });

  const ipFailures = await recentIpFailures(tx, tenantId, ip, FAILURE_WINDOW_SECONDS);
  if (ipFailures >= deps.config.auth.ipMaxFailures && (await activeIpDenyUntil(tx, tenantId, ip)) === undefined) {
    const until = new Date(Date.now() + deps.config.auth.ipBlockMinutes * 60_000);
    // Through the security module, so the admin API enforces the block at once and it is audited as ip_rule.blocked.
    await blockIp(tx, { tenantId, cidr: ip, reason: LOGIN_AUTO_BLOCK_REASON, expiresAt: until });
    await recordAudit(tx, { ...base, action: 'ip_rule.auto_blocked', targetType: 'ip', targetId: ip, changes: { after: { ip, failures: ipFailures, expiresAt: until.toISOString() } } });
  }

  const lock = await lockedUntil(tx, tenantId, email, realm);
  if (!lock.until) return invalidCredentials();
  if (lock.failures === ACCOUNT_MAX_FAILURES) {
    await recordAudit(tx, { ...base, ...target, action: `${realm}.locked_out`, changes: { after: { email, until: lock.until.toISOString() } } });
  }
  return lockedError(lock.until);
}
