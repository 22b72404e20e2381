import { DomainError } from '../../platform/errors.ts';
import { lazyModule } from '../../platform/lazy-module.ts';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

const zxcvbnCommon = lazyModule<typeof import('@zxcvbn-ts/language-common')>(import.meta.url, '@zxcvbn-ts/language-common');
let common: Set<string> | undefined;

/**
 * About 49,000 of the most used passwords, maintained by the zxcvbn-ts project, built on the
 * first password check rather than at start-up: most processes never need their several MB.
 */
function commonPasswords(): Set<string> {
  return (common ??= new Set((zxcvbnCommon().dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase())));
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
