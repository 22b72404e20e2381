import { systemCtx } from '../../platform/context.ts';
import type { Db } from '../../platform/db/database.ts';
import type { Logger } from '../../platform/logging/logger.ts';
import { normaliseCidr } from './cidr.ts';
import type { IpRuleAction } from './ip-decision.ts';
import { createIpRuleService, type IpRuleView } from './ip-rule.service.ts';
import { decodeCursor, type Cursor } from './pagination.ts';

export const IP_RULES_USAGE = `  ip-rules list [--limit N] [--cursor C] [--store ID]
                             IP rules of the admin API: platform-wide (every store), or one store's
  ip-rules add CIDR allow|deny --reason TEXT [--expires 12h|7d|ISO-TIME] [--store ID]
                             add a rule (an address alone means /32 or /128)
  ip-rules remove ID [--store ID]
                             remove a rule (with --store: one of that store's)`;

/** `store`: a store's id, to manage that store's rules (an operator's way back in); null: the platform-wide rules. */
export type IpRulesCommand = { store: string | null } & (
  | { action: 'list'; limit: number; cursor: Cursor | undefined }
  | { action: 'add'; cidr: string; rule: IpRuleAction; reason: string; expiresAt: Date | undefined }
  | { action: 'remove'; id: string }
);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** "90m", "12h", "7d" from now, or an ISO time; null when it is neither or not in the future. */
export function parseExpiry(value: string, now = Date.now()): Date | null {
  const relative = /^(\d{1,6})([mhd])$/.exec(value);
  if (!relative && !/^\d{4}-\d{2}-\d{2}T/.test(value)) return null;
  const at = relative ? new Date(now + Number(relative[1]) * UNIT_MS[relative[2] as keyof typeof UNIT_MS]) : new Date(value);
  return Number.isNaN(at.getTime()) || at.getTime() <= now ? null : at;
}

function flags(words: readonly string[]): Map<string, string> | string {
  const out = new Map<string, string>();
  for (let i = 0; i < words.length; i += 2) {
    const [flag, value] = [words[i]!, words[i + 1]];
    if (!flag.startsWith('--') || value === undefined) return `unexpected "${flag}"`;
    out.set(flag, value);
  }
  return out;
}

/** Takes `--store ID` out of the words; a string is what is wrong with it. */
function storeFlag(words: readonly string[]): { store: string | null; rest: string[] } | string {
  const at = words.indexOf('--store');
  if (at < 0) return { store: null, rest: [...words] };
  const id = words[at + 1];
  if (!id || !UUID.test(id)) return '--store takes a store id';
  return { store: id.toLowerCase(), rest: [...words.slice(0, at), ...words.slice(at + 2)] };
}

/** Parses the words after `winkel ip-rules`; a string is what is wrong with them. */
export function parseIpRulesCommand(args: readonly string[]): IpRulesCommand | string {
  const scoped = storeFlag(args);
  if (typeof scoped === 'string') return scoped;
  const parsed = parseAction(scoped.rest);
  return typeof parsed === 'string' ? parsed : ({ ...parsed, store: scoped.store } as IpRulesCommand);
}

type Unscoped<T> = T extends unknown ? Omit<T, 'store'> : never;

function parseAction(args: readonly string[]): Unscoped<IpRulesCommand> | string {
  const [action, ...rest] = args;
  if (action === 'remove') {
    return rest.length === 1 && UUID.test(rest[0]!) ? { action, id: rest[0]!.toLowerCase() } : 'ip-rules remove takes one rule id';
  }
  if (action === 'list') {
    const f = flags(rest);
    if (typeof f === 'string' || [...f.keys()].some((k) => k !== '--limit' && k !== '--cursor')) return 'ip-rules list takes --limit N (1–100) and --cursor C';
    const limit = Number(f.get('--limit') ?? 50);
    const cursor = f.has('--cursor') ? decodeCursor(f.get('--cursor')!) : undefined;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100 || cursor === null) return 'ip-rules list takes --limit N (1–100) and --cursor C';
    return { action, limit, cursor };
  }
  if (action !== 'add') return 'ip-rules takes list, add or remove';
  const [cidrText, rule, ...more] = rest;
  const cidr = cidrText ? normaliseCidr(cidrText) : null;
  if (!cidr) return 'ip-rules add takes an IPv4 or IPv6 address or CIDR first';
  if (rule !== 'allow' && rule !== 'deny') return 'ip-rules add takes allow or deny after the CIDR';
  const f = flags(more);
  if (typeof f === 'string' || [...f.keys()].some((k) => k !== '--reason' && k !== '--expires')) return 'ip-rules add takes --reason TEXT and --expires 12h|7d|ISO-TIME';
  const reason = f.get('--reason')?.trim();
  if (!reason) return 'ip-rules add needs --reason TEXT';
  const expiresAt = f.has('--expires') ? parseExpiry(f.get('--expires')!) : undefined;
  if (expiresAt === null) return '--expires takes a duration (90m, 12h, 7d) or a future ISO time';
  return { action, cidr, rule, reason, expiresAt };
}

function line(rule: IpRuleView): string {
  return `${rule.id}  ${rule.action.padEnd(5)}  ${rule.cidr.padEnd(20)}  ${rule.expiresAt ? `until ${rule.expiresAt}` : 'no expiry'}  ${rule.reason}`;
}

/** Runs the command on the platform-wide rules, or one store's, and returns what to print. */
export async function runIpRulesCommand(db: Db, log: Logger, command: IpRulesCommand): Promise<string> {
  const ctx = systemCtx(log, 'cli', command.store);
  const whose = command.store ? `store ${command.store}` : 'platform-wide';
  const rules = createIpRuleService(db);
  if (command.action === 'add') {
    const rule = await rules.add(ctx, { cidr: command.cidr, action: command.rule, reason: command.reason, expiresAt: command.expiresAt });
    return `added ${line(rule)}\n`;
  }
  if (command.action === 'remove') {
    await rules.remove(ctx, command.id);
    return `removed ip rule ${command.id}\n`;
  }
  const page = await rules.list(ctx, { limit: command.limit, cursor: command.cursor });
  if (page.data.length === 0) return `no ${whose} ip rules\n`;
  const store = command.store ? ` --store ${command.store}` : '';
  const more = page.nextCursor ? [`more: winkel ip-rules list --limit ${command.limit} --cursor ${page.nextCursor}${store}`] : [];
  return `${[...page.data.map(line), ...more].join('\n')}\n`;
}
