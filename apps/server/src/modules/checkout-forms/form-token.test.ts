import { describe, expect, it } from 'vitest';
import { checkFormToken, formTokenKey, FORM_TOKEN_MAX_AGE_MS, signFormToken } from './form-token.ts';

const key = formTokenKey('a-secret-of-at-least-thirty-two-characters');
const form = { tenantId: '0190a1b2-0000-7000-8000-000000000001', formId: '0190a1b2-0000-7000-8000-000000000002' };
const served = 1_700_000_000_000;

describe('form tokens', () => {
  it('accepts its own token once the minimum fill time has passed, and says how old it is', () => {
    const token = signFormToken(key, form, served);
    expect(checkFormToken(key, form, token, served + 5_000, 3_000)).toEqual({ ok: true, ageMs: 5_000 });
  });

  it('refuses a token younger than the minimum fill time, and one older than a day', () => {
    const token = signFormToken(key, form, served);
    expect(checkFormToken(key, form, token, served + 2_999, 3_000)).toEqual({ ok: false, reason: 'too_fast' });
    expect(checkFormToken(key, form, token, served + FORM_TOKEN_MAX_AGE_MS + 1, 0)).toEqual({ ok: false, reason: 'expired' });
    expect(checkFormToken(key, form, token, served - 5 * 60_000, 0)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token with a changed time, for another form or store, or signed with another secret', () => {
    const token = signFormToken(key, form, served);
    const [, signature] = token.split('.');
    expect(checkFormToken(key, form, `${served - 60_000}.${signature}`, served + 5_000, 3_000)).toEqual({ ok: false, reason: 'forged' });
    expect(checkFormToken(key, { ...form, formId: '0190a1b2-0000-7000-8000-000000000003' }, token, served + 5_000, 0)).toEqual({ ok: false, reason: 'forged' });
    expect(checkFormToken(key, { ...form, tenantId: '0190a1b2-0000-7000-8000-000000000004' }, token, served + 5_000, 0)).toEqual({ ok: false, reason: 'forged' });
    const other = signFormToken(formTokenKey('another-secret-of-at-least-thirty-two-chars'), form, served);
    expect(checkFormToken(key, form, other, served + 5_000, 0)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses what is not a token at all', () => {
    for (const junk of ['', 'abc', `${served}.`, `${served}.short`, `x${served}.${'A'.repeat(43)}`]) {
      expect(checkFormToken(key, form, junk, served, 0)).toEqual({ ok: false, reason: 'malformed' });
    }
  });
});
