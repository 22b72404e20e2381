import type { Config } from '../../config.ts';
import type { Db } from '../../platform/db/database.ts';
import type { JobQueue } from '../../platform/jobs/job-queue.ts';
import { createStaffTokens, type StaffTokens } from './access-token.ts';
import { createPasswordHasher, type PasswordHasher } from './password-hasher.ts';
import { createSecretBox, type SecretBox } from './secret-box.ts';
import { deriveKey } from './secret-keys.ts';

/** Where a request came from, for sign-in counting, sessions and the audit log. */
export interface ClientInfo {
  ip: string;
  userAgent: string | null;
  /** The store's IP allow/deny rules for the admin API; throws ACCESS_IP_DENIED. Absent outside HTTP. */
  assertIpAllowed?: (tenantId: string) => Promise<void>;
}

/** What identity's services are built over: made once by the composition root. */
export interface IdentityDeps {
  db: Db;
  config: Config;
  /** Mail (reset links, invitations) is queued through it in the same transaction as the change. */
  jobQueue: JobQueue;
  passwords: PasswordHasher;
  tokens: StaffTokens;
  /** Encrypts TOTP secrets at rest. */
  totpBox: SecretBox;
  /** Keys the hashes of recovery codes. */
  recoveryCodeKey: Buffer;
}

export function createIdentityDeps(base: { db: Db; config: Config; jobQueue: JobQueue }): IdentityDeps {
  const { config } = base;
  return {
    ...base,
    passwords: createPasswordHasher({ memoryKib: config.auth.passwordHashMemoryKib, iterations: config.auth.passwordHashIterations }),
    tokens: createStaffTokens(config.appSecret, config.publicUrl),
    totpBox: createSecretBox(deriveKey(config.appSecret, 'totp-secret')),
    recoveryCodeKey: deriveKey(config.appSecret, 'recovery-code'),
  };
}
