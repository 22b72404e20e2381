import { randomBytes } from 'node:crypto';
import { hash, parseOptions, verify } from '@node-rs/argon2';

export interface PasswordHashCost {
  memoryKib: number;
  iterations: number;
}

export interface PasswordCheck {
  ok: boolean;
  /** The stored hash was made with other parameters than today's: store a fresh one. */
  needsRehash: boolean;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /**
   * Checks a password against a stored hash. With no hash (unknown account, no
   * password yet) it checks against a dummy hash of the same cost, so every
   * answer takes the same time.
   */
  check(storedHash: string | null, password: string): Promise<PasswordCheck>;
}

/** argon2id, one lane, with the configured memory and passes. */
export function createPasswordHasher(cost: PasswordHashCost): PasswordHasher {
  const options = { memoryCost: cost.memoryKib, timeCost: cost.iterations, parallelism: 1 };
  let dummy: Promise<string> | undefined;
  const dummyHash = () => (dummy ??= hash(randomBytes(24).toString('base64url'), options));

  const isCurrent = (stored: string) => {
    if (!stored.startsWith('$argon2id$')) return false;
    try {
      const p = parseOptions(stored);
      return p.memoryCost === cost.memoryKib && p.timeCost === cost.iterations && p.parallelism === 1;
    } catch {
      return false;
    }
  };

  return {
    hash: (password) => hash(password, options),
    async check(storedHash, password) {
      if (storedHash === null) {
        await verify(await dummyHash(), password).catch(() => false);
        return { ok: false, needsRehash: false };
      }
      const ok = await verify(storedHash, password).catch(() => false);
      return { ok, needsRehash: ok && !isCurrent(storedHash) };
    },
  };
}
