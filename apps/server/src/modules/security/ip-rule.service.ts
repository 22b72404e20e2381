import { uuidv7 } from 'uuidv7';
import type { Actor, Ctx } from '../../platform/context.ts';
import { databaseErrorOf } from '../../platform/db/database-error.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import { inTransaction, type TenantScope } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { recordAudit, type AuditOrigin } from './audit.service.ts';
import { normaliseCidr } from './cidr.ts';
import { ipRulesChanged } from './ip-access.ts';
import { decideIpAccess, enforcedRules, type IpRuleAction } from './ip-decision.ts';
import { deleteExpiredIpRules, deleteIpRule, extendDenyRule, insertIpRule, listEnforcedIpRules, listIpRules, type IpRuleRow } from './ip-rule.repository.ts';
import { pageOf, type Page, type PageRequest } from './pagination.ts';

export interface NewIpRuleInput {
  /** Canonical CIDR (see normaliseCidr). */
  cidr: string;
  action: IpRuleAction;
  reason: string;
  expiresAt?: Date | undefined;
}

export interface IpRuleView {
  id: string;
  scope: 'store' | 'platform';
  cidr: string;
  action: IpRuleAction;
  reason: string;
  expiresAt: string | null;
  createdBy: string | null;
  createdAt: string;
}

function view(row: IpRuleRow): IpRuleView {
  const { tenantId, cursorAt: _cursor, expiresAt, createdAt, ...rest } = row;
  return { ...rest, scope: tenantId === null ? 'platform' : 'store', expiresAt: expiresAt?.toISOString() ?? null, createdAt: createdAt.toISOString() };
}

/** A store id that names no store (only the CLI can send one): say so instead of failing on the foreign key. */
function unknownStore(err: unknown): never {
  if (databaseErrorOf(err)?.code === '23503') throw new DomainError('STORE_NOT_FOUND', 'There is no store with this id.');
  throw err;
}

const audited = (row: IpRuleRow) => ({ cidr: row.cidr, action: row.action, reason: row.reason, expiresAt: row.expiresAt?.toISOString() ?? null });

/** Whose rules a ctx manages: its store's, or, for system work with no store (the CLI), the platform-wide ones. */
function ownerOf(ctx: Ctx): { owner: string | null; scope: TenantScope } {
  if (ctx.tenantId) return { owner: ctx.tenantId, scope: { tenantId: ctx.tenantId } };
  if (ctx.actor.kind !== 'system') throw new Error('platform-wide IP rules are managed by platform work only');
  return { owner: null, scope: { tenantId: null, platform: true } };
}

function actorId(actor: Actor): string | null {
  return actor.kind === 'staff' || actor.kind === 'api_key' ? actor.id : null;
}

/** Refuses a change to a store's rules that would shut out the very address making it. */
async function refuseSelfLockout(tx: Tx, owner: string | null, ip: string | null | undefined): Promise<void> {
  if (owner === null || !ip) return;
  const decision = decideIpAccess(ip, [enforcedRules(await listEnforcedIpRules(tx, null)), enforcedRules(await listEnforcedIpRules(tx, owner))]);
  if (!decision.allowed) {
    throw new DomainError('IP_RULE_LOCKOUT', `After this change your own address (${ip}) could no longer reach the admin API; add a rule that admits it first.`);
  }
}

export function createIpRuleService(db: Db) {
  return {
    /** Rules in force for the ctx's store (or platform-wide for platform work), newest first. */
    list(ctx: Ctx, page: PageRequest): Promise<Page<IpRuleView>> {
      const { owner, scope } = ownerOf(ctx);
      return inTransaction(db, scope, async (tx) => pageOf(await listIpRules(tx, owner, page), page.limit, view));
    },

    async add(ctx: Ctx, input: NewIpRuleInput, origin: AuditOrigin = {}): Promise<IpRuleView> {
      const { owner, scope } = ownerOf(ctx);
      if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
        throw new DomainError('IP_RULE_EXPIRY_INVALID', 'The expiry must lie in the future.', [{ path: 'body.expiresAt', message: 'must lie in the future' }]);
      }
      const row = await inTransaction(db, scope, async (tx) => {
        const created = await insertIpRule(tx, { id: uuidv7(), tenantId: owner, cidr: input.cidr, action: input.action, reason: input.reason, expiresAt: input.expiresAt ?? null, createdBy: actorId(ctx.actor) }).catch(unknownStore);
        await refuseSelfLockout(tx, owner, origin.ip);
        await recordAudit(tx, { ...origin, tenantId: owner, actor: ctx.actor, requestId: ctx.requestId, action: 'ip_rule.created', targetType: 'ip_rule', targetId: created.id, changes: { after: audited(created) } });
        return created;
      });
      ipRulesChanged(owner);
      return view(row);
    },

    async remove(ctx: Ctx, id: string, origin: AuditOrigin = {}): Promise<void> {
      const { owner, scope } = ownerOf(ctx);
      await inTransaction(db, scope, async (tx) => {
        const removed = await deleteIpRule(tx, owner, id);
        if (!removed) throw new DomainError('IP_RULE_NOT_FOUND', 'There is no IP rule with this id here.');
        await refuseSelfLockout(tx, owner, origin.ip);
        await recordAudit(tx, { ...origin, tenantId: owner, actor: ctx.actor, requestId: ctx.requestId, action: 'ip_rule.deleted', targetType: 'ip_rule', targetId: id, changes: { before: audited(removed) } });
      });
      ipRulesChanged(owner);
    },
  };
}

export type IpRuleService = ReturnType<typeof createIpRuleService>;

export interface BlockIpInput {
  /** The store whose admin API to close to the address; null: every store (needs a platform-scope transaction). */
  tenantId: string | null;
  /** An address or network, IPv4 or IPv6. */
  cidr: string;
  reason: string;
  /** When the block lifts; null: never. */
  expiresAt: Date | null;
  /** Who blocks; by default the system's automatic blocking. */
  actor?: Actor | undefined;
  origin?: AuditOrigin | undefined;
}

/**
 * Blocks an address inside the caller's transaction (automatic blocking after
 * failed logins): a deny rule, or a longer life for the same deny rule when
 * one is in force, audited as `ip_rule.blocked`. Expired rules of the same
 * owner are cleared on the way. This instance stops trusting its cached rules
 * at once; other instances follow within the cache's lifetime.
 */
export async function blockIp(tx: Tx, input: BlockIpInput): Promise<IpRuleView> {
  const cidr = normaliseCidr(input.cidr);
  if (!cidr) throw new Error(`blockIp: "${input.cidr}" is not an IP address or network`);
  await deleteExpiredIpRules(tx, input.tenantId);
  const row =
    (await extendDenyRule(tx, input.tenantId, cidr, input.expiresAt, input.reason)) ??
    (await insertIpRule(tx, { id: uuidv7(), tenantId: input.tenantId, cidr, action: 'deny', reason: input.reason, expiresAt: input.expiresAt, createdBy: null }));
  const actor = input.actor ?? { kind: 'system', name: 'ip-auto-block' };
  await recordAudit(tx, { ...input.origin, tenantId: input.tenantId, actor, action: 'ip_rule.blocked', targetType: 'ip_rule', targetId: row.id, changes: { after: audited(row) } });
  ipRulesChanged(input.tenantId);
  return view(row);
}
