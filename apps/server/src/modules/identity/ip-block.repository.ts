import { sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/database.ts';
import { ipRules } from '../security/security.tables.ts';

/** Why sign-in blocked an address; the block itself is written by the security module's blockIp. */
export const LOGIN_AUTO_BLOCK_REASON = 'auto-block: repeated failed sign-ins';

/**
 * When the latest active deny rule covering this address ends for this store
 * (or platform-wide): undefined when none applies, null when one never expires.
 */
export async function activeIpDenyUntil(tx: Tx, tenantId: string, ip: string): Promise<Date | null | undefined> {
  const result = await tx.execute<{ n: number; forever: boolean; until: string | null }>(sql`
    select count(*)::int as n, bool_or(expires_at is null) as forever, max(expires_at) as until
    from ${ipRules}
    where (tenant_id = ${tenantId} or tenant_id is null) and action = 'deny' and cidr >>= ${ip}::inet
      and (expires_at is null or expires_at > now())`);
  const row = result.rows[0];
  if (!row || row.n === 0) return undefined;
  return row.forever ? null : new Date(row.until!);
}
