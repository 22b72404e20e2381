import { describe, expect, it } from 'vitest';
import { parseExpiry, parseIpRulesCommand } from './ip-rule.cli.ts';

describe('winkel ip-rules arguments', () => {
  it('add: normalises the CIDR and reads reason and expiry', () => {
    const parsed = parseIpRulesCommand(['add', '2001:DB8::1/32', 'deny', '--reason', 'abuse', '--expires', '12h']);
    expect(parsed).toMatchObject({ action: 'add', cidr: '2001:db8::/32', rule: 'deny', reason: 'abuse', store: null });
    const hours = ((parsed as { expiresAt: Date }).expiresAt.getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);
    expect(parseIpRulesCommand(['add', '203.0.113.9', 'allow', '--reason', 'office'])).toEqual({ action: 'add', cidr: '203.0.113.9/32', rule: 'allow', reason: 'office', expiresAt: undefined, store: null });
  });

  it.each([
    [['add', 'nonsense', 'deny', '--reason', 'x'], /CIDR/],
    [['add', '10.0.0.0/8', 'block', '--reason', 'x'], /allow or deny/],
    [['add', '10.0.0.0/8', 'deny'], /--reason/],
    [['add', '10.0.0.0/8', 'deny', '--reason', 'x', '--expires', 'yesterday'], /--expires/],
    [['add', '10.0.0.0/8', 'deny', '--reason', 'x', '--tenant', 'y'], /--reason TEXT and --expires/],
    [['remove', 'not-a-uuid'], /one rule id/],
    [['list', '--limit', '500'], /--limit/],
    [['list', '--cursor', 'forged'], /--cursor/],
    [['purge'], /list, add or remove/],
    [['list', '--store', 'my-shop'], /--store takes a store id/],
    [['list', '--store'], /--store takes a store id/],
    [[], /list, add or remove/],
  ])('refuses %j', (args, message) => {
    expect(parseIpRulesCommand(args)).toMatch(message);
  });

  it('list and remove, platform-wide or for one store', () => {
    const store = '0190a1b2-c3d4-7e5f-8a6b-0000000000ff';
    expect(parseIpRulesCommand(['list'])).toEqual({ action: 'list', limit: 50, cursor: undefined, store: null });
    expect(parseIpRulesCommand(['list', '--store', store, '--limit', '5'])).toEqual({ action: 'list', limit: 5, cursor: undefined, store });
    expect(parseIpRulesCommand(['remove', '0190A1B2-C3D4-7E5F-8A6B-000000000001'])).toEqual({ action: 'remove', id: '0190a1b2-c3d4-7e5f-8a6b-000000000001', store: null });
    expect(parseIpRulesCommand(['remove', '0190a1b2-c3d4-7e5f-8a6b-000000000001', '--store', store])).toMatchObject({ action: 'remove', store });
  });
});

describe('parseExpiry', () => {
  const now = Date.parse('2026-06-01T00:00:00Z');
  it.each([
    ['90m', '2026-06-01T01:30:00.000Z'],
    ['7d', '2026-06-08T00:00:00.000Z'],
    ['2026-07-01T00:00:00Z', '2026-07-01T00:00:00.000Z'],
  ])('%s → %s', (value, iso) => expect(parseExpiry(value, now)?.toISOString()).toBe(iso));

  it.each(['2026-05-01T00:00:00Z', '0m', 'tomorrow', '12', '12w'])('refuses %s', (value) => expect(parseExpiry(value, now)).toBeNull());
});
