import { z } from 'zod';
import { normaliseCidr } from './cidr.ts';

/** An IPv4 or IPv6 address or network, turned into its canonical CIDR. */
export const cidrInput = z
  .string()
  .max(64)
  .transform((value, ctx) => {
    const cidr = normaliseCidr(value);
    if (!cidr) {
      ctx.addIssue({ code: 'custom', message: 'must be an IPv4 or IPv6 address or network in CIDR notation, e.g. 203.0.113.0/24 or 2001:db8::/32' });
      return z.NEVER;
    }
    return cidr;
  });

/** A point in time with its offset (ISO 8601), as a Date. */
export const instantInput = z.iso.datetime({ offset: true }).transform((v) => new Date(v));

export const idParams = z.object({ id: z.uuid() });

export const instant = z.string().describe('ISO 8601, UTC');
