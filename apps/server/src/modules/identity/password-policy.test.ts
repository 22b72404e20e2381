import { describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/errors.ts';
import { assertPasswordPolicy, passwordProblem } from './password-policy.ts';

describe('password policy', () => {
  it('wants at least 12 characters, counted as characters rather than bytes', () => {
    expect(passwordProblem('elevenchars')).toMatch(/at least 12/);
    expect(passwordProblem('twelve-chars')).toBeNull();
    expect(passwordProblem('ñandú-ñandú-')).toBeNull();
  });

  it('refuses common passwords whatever their case, repeats, and the email itself', () => {
    expect(passwordProblem('Password1234')).toMatch(/common/);
    expect(passwordProblem('!!sunshine2024!!')).toMatch(/common/);
    expect(passwordProblem('correct-horse-battery')).toBeNull();
    expect(passwordProblem('abababababab')).toMatch(/repeats/);
    expect(passwordProblem('me@example.com', 'ME@example.com')).toMatch(/email/);
  });

  it('throws AUTH_PASSWORD_WEAK naming the field', () => {
    try {
      assertPasswordPolicy('short', 'body.password');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect((err as DomainError).code).toBe('AUTH_PASSWORD_WEAK');
      expect((err as DomainError).fields).toEqual([{ path: 'body.password', message: expect.any(String) }]);
    }
  });
});
