import { describe, expect, it } from 'vitest';
import { parseCidr } from './cidr.ts';
import { decideIpAccess, type EnforcedIpRule, type IpRuleAction } from './ip-decision.ts';

const rule = (action: IpRuleAction, cidr: string, expiresAt: Date | null = null): EnforcedIpRule => ({ action, range: parseCidr(cidr)!, expiresAt });
const now = Date.parse('2026-06-01T12:00:00Z');
const allowed = { allowed: true };

describe('decideIpAccess', () => {
  it('lets everyone in when there are no rules', () => {
    expect(decideIpAccess('198.51.100.1', [[], []], now)).toEqual(allowed);
  });

  it('refuses an address inside a deny rule of either layer, IPv4 and IPv6', () => {
    expect(decideIpAccess('198.51.100.1', [[rule('deny', '198.51.100.0/24')], []], now)).toEqual({ allowed: false, reason: 'denied' });
    expect(decideIpAccess('2001:db8::5', [[], [rule('deny', '2001:db8::/32')]], now)).toEqual({ allowed: false, reason: 'denied' });
    expect(decideIpAccess('2001:db9::5', [[], [rule('deny', '2001:db8::/32')]], now)).toEqual(allowed);
  });

  it('with allow rules, admits only addresses inside one of them', () => {
    const store = [rule('allow', '203.0.113.0/24'), rule('allow', '2001:db8::/48')];
    expect(decideIpAccess('203.0.113.9', [[], store], now)).toEqual(allowed);
    expect(decideIpAccess('2001:db8:0:1::1', [[], store], now)).toEqual(allowed);
    expect(decideIpAccess('203.0.114.9', [[], store], now)).toEqual({ allowed: false, reason: 'not_allowlisted' });
    expect(decideIpAccess('2001:db8:1::1', [[], store], now)).toEqual({ allowed: false, reason: 'not_allowlisted' });
  });

  it('deny wins over allow, whichever layer each is in', () => {
    expect(decideIpAccess('203.0.113.9', [[rule('deny', '203.0.113.9')], [rule('allow', '203.0.113.0/24')]], now)).toEqual({ allowed: false, reason: 'denied' });
    expect(decideIpAccess('203.0.113.9', [[rule('allow', '0.0.0.0/0')], [rule('deny', '203.0.113.0/24'), rule('allow', '203.0.113.9')]], now)).toEqual({ allowed: false, reason: 'denied' });
  });

  it('a store allowlist narrows the platform allowlist and cannot widen it', () => {
    const platform = [rule('allow', '10.0.0.0/8')];
    expect(decideIpAccess('10.1.2.3', [platform, [rule('allow', '10.1.0.0/16')]], now)).toEqual(allowed);
    expect(decideIpAccess('10.2.2.3', [platform, [rule('allow', '10.1.0.0/16')]], now)).toEqual({ allowed: false, reason: 'not_allowlisted' });
    expect(decideIpAccess('192.0.2.1', [platform, [rule('allow', '192.0.2.0/24')]], now)).toEqual({ allowed: false, reason: 'not_allowlisted' });
  });

  it('ignores expired rules, deny and allow alike', () => {
    const past = new Date(now - 1);
    const future = new Date(now + 60_000);
    expect(decideIpAccess('198.51.100.1', [[rule('deny', '198.51.100.1', past)], []], now)).toEqual(allowed);
    expect(decideIpAccess('198.51.100.1', [[rule('deny', '198.51.100.1', future)], []], now)).toEqual({ allowed: false, reason: 'denied' });
    expect(decideIpAccess('198.51.100.1', [[], [rule('allow', '10.0.0.0/8', past)]], now)).toEqual(allowed);
  });

  it('matches an IPv4-mapped client address against IPv4 rules', () => {
    expect(decideIpAccess('::ffff:198.51.100.1', [[rule('deny', '198.51.100.0/24')], []], now)).toEqual({ allowed: false, reason: 'denied' });
  });

  it('refuses an unparsable client address wherever an allowlist applies', () => {
    expect(decideIpAccess('garbage', [[], [rule('allow', '0.0.0.0/0')]], now)).toEqual({ allowed: false, reason: 'not_allowlisted' });
  });
});
