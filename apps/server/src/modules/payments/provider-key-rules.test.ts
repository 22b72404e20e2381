import { describe, expect, it } from 'vitest';
import { hintOf, keyProblems } from './provider-key-rules.ts';

const stripe = { mode: 'test' as const, apiKey: 'sk_test_abcdefghij1234', publicKey: 'pk_test_abcdefghij1234', webhookSecret: 'whsec_abcdefghij1234' };

describe('provider key rules', () => {
  it('accepts Stripe keys of the account mode', () => {
    expect(keyProblems('stripe', stripe)).toEqual([]);
    expect(keyProblems('stripe', { ...stripe, apiKey: 'rk_test_abcdefghij1234' })).toEqual([]);
  });

  it('refuses a live key in test mode and a test key in live mode, naming the field but never the value', () => {
    const live = keyProblems('stripe', { ...stripe, apiKey: 'sk_live_abcdefghij1234' });
    expect(live.map((p) => p.path)).toEqual(['body.apiKey']);
    expect(JSON.stringify(live)).not.toContain('abcdefghij');
    expect(keyProblems('stripe', { ...stripe, mode: 'live' }).map((p) => p.path)).toEqual(['body.apiKey', 'body.publicKey']);
  });

  it('refuses a publishable key given as the secret key, and a webhook secret without whsec_', () => {
    expect(keyProblems('stripe', { ...stripe, apiKey: stripe.publicKey, webhookSecret: 'abcdefghij1234' }).map((p) => p.path)).toEqual(['body.apiKey', 'body.webhookSecret']);
  });

  it('requires what the provider cannot work without', () => {
    expect(keyProblems('stripe', { ...stripe, publicKey: null, webhookSecret: null }).map((p) => p.path)).toEqual(['body.publicKey', 'body.webhookSecret']);
    expect(keyProblems('mollie', { mode: 'test', apiKey: 'test_abcdefghijklmnopqrstuvwxyz12', publicKey: null, webhookSecret: null })).toEqual([]);
  });

  it('checks Mollie keys against the mode', () => {
    expect(keyProblems('mollie', { mode: 'live', apiKey: 'test_abcdefghijklmnopqrstuvwxyz12', publicKey: null, webhookSecret: null }).map((p) => p.path)).toEqual(['body.apiKey']);
  });

  it('hints with the last four characters only', () => {
    expect(hintOf('sk_test_abcdefghij1234')).toBe('1234');
  });
});
