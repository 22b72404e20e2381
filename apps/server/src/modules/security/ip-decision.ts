import { parseCidr, parseIp, rangeContains, type IpRange } from './cidr.ts';

export type IpRuleAction = 'allow' | 'deny';

/** A rule as enforcement uses it: its network already parsed. */
export interface EnforcedIpRule {
  action: IpRuleAction;
  range: IpRange;
  expiresAt: Date | null;
}

/** Stored rules (CIDR text) as enforcement uses them; a CIDR that does not parse is left out. */
export function enforcedRules(rows: ReadonlyArray<{ cidr: string; action: IpRuleAction; expiresAt: Date | null }>): EnforcedIpRule[] {
  return rows.flatMap((r) => {
    const range = parseCidr(r.cidr);
    return range ? [{ action: r.action, range, expiresAt: r.expiresAt }] : [];
  });
}

export type IpDecision = { allowed: true } | { allowed: false; reason: 'denied' | 'not_allowlisted' };

/**
 * Whether a client address may use the admin API, given the layers of rules
 * that apply (the platform-wide rules, then the store's). A matching deny rule
 * in any layer refuses; a layer that has allow rules admits only addresses
 * inside one of them, so a store's allowlist narrows the platform's and never
 * widens it. Expired rules count for nothing.
 */
export function decideIpAccess(ip: string, layers: ReadonlyArray<readonly EnforcedIpRule[]>, now = Date.now()): IpDecision {
  const address = parseIp(ip);
  for (const layer of layers) {
    const live = layer.filter((r) => r.expiresAt === null || r.expiresAt.getTime() > now);
    if (live.some((r) => r.action === 'deny' && rangeContains(r.range, address))) return { allowed: false, reason: 'denied' };
  }
  for (const layer of layers) {
    const allows = layer.filter((r) => r.action === 'allow' && (r.expiresAt === null || r.expiresAt.getTime() > now));
    if (allows.length > 0 && !allows.some((r) => rangeContains(r.range, address))) return { allowed: false, reason: 'not_allowlisted' };
  }
  return { allowed: true };
}
