import { createRequire } from 'node:module';
import { DomainError } from '../../platform/errors.ts';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

const require = createRequire(import.meta.url);

let common: Set<string> | undefined;

/**
 * About 49,000 of the most used passwords, maintained by the zxcvbn-ts project.
 * Loaded on the first password check rather than at start-up: the dictionary
 * and the set cost several MB that most processes never need. The package's
 * CommonJS entry lets this stay synchronous.
 */
function commonPasswords(): Set<string> {
  if (!common) {
    const { dictionary } = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
    common = new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  }
  return common;
}

/** A common password with digits or symbols tacked on ("sunshine1234") is as weak as the word itself. */
function isCommon(lower: string): boolean {
  const passwords = commonPasswords();
  if (passwords.has(lower)) return true;
  const base = lower.replace(/[^\p{L}]+$/u, '').replace(/^[^\p{L}]+/u, '');
  return base.length >= 4 && base.length < lower.length && passwords.has(base);
}

/** Why a password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (isCommon(lower)) return 'is one of the most common passwords; choose another';
  if (new Set(lower).size <= 2) return 'repeats the same one or two characters; choose another';
  if (email && lower === email.toLowerCase()) return 'must not be your email address';
  return null;
}

/** Throws AUTH_PASSWORD_WEAK (422) naming the field when the password breaks the policy. */
export function assertPasswordPolicy(password: string, field: string, email?: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new DomainError('AUTH_PASSWORD_WEAK', `The password ${problem}.`, [{ path: field, message: problem }]);
}
