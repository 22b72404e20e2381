import { describe, expect, it } from 'vitest';
import { ipInAny, normaliseCidr, parseCidr, parseIp, rangeContains } from './cidr.ts';

describe('normaliseCidr', () => {
  it.each([
    ['10.1.2.3/8', '10.0.0.0/8'],
    ['203.0.113.7', '203.0.113.7/32'],
    [' 192.168.0.0/16 ', '192.168.0.0/16'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['2001:DB8:0:0:1::/32', '2001:db8::/32'],
    ['2001:db8::1', '2001:db8::1/128'],
    ['::ffff:198.51.100.9', '198.51.100.9/32'],
    ['::ffff:198.51.100.0/120', '198.51.100.0/24'],
    ['::/0', '::/0'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseCidr(input)).toBe(expected);
  });

  it.each(['', 'localhost', '10.0.0.0/33', '2001:db8::/129', '127.1', '0x7f.0.0.1/32', '10.0.0.0/', 'fe80::1%eth0', '1.2.3.4/8/9'])('refuses %j', (input) => {
    expect(normaliseCidr(input)).toBeNull();
  });
});

describe('matching', () => {
  it('matches IPv4 and IPv6 addresses inside their networks only', () => {
    const v4 = parseCidr('203.0.113.0/24')!;
    const v6 = parseCidr('2001:db8::/32')!;
    expect(rangeContains(v4, parseIp('203.0.113.200'))).toBe(true);
    expect(rangeContains(v4, parseIp('203.0.114.1'))).toBe(false);
    expect(rangeContains(v6, parseIp('2001:db8:ffff::1'))).toBe(true);
    expect(rangeContains(v6, parseIp('2001:db9::1'))).toBe(false);
  });

  it('treats an IPv4-mapped client address as IPv4 and never matches across families', () => {
    expect(ipInAny('::ffff:203.0.113.5', ['203.0.113.0/24'])).toBe(true);
    expect(ipInAny('203.0.113.5', ['::/0'])).toBe(false);
    expect(ipInAny('2001:db8::1', ['0.0.0.0/0'])).toBe(false);
  });

  it('matches nothing for an unparsable address or network', () => {
    expect(ipInAny('not-an-ip', ['0.0.0.0/0', '::/0'])).toBe(false);
    expect(ipInAny('10.0.0.1', ['nonsense'])).toBe(false);
  });
});
