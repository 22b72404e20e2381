import { isSecretKey, REDACTED } from '../../platform/logging/redact.ts';

/** What a change did, as the audit log keeps it. */
export interface AuditChanges {
  before?: unknown;
  after?: unknown;
}

const MAX_DEPTH = 16;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Dates become ISO strings, undefined and functions vanish: exactly what jsonb will hold. */
function toJson(value: unknown): Json | undefined {
  if (value === undefined) return undefined;
  return JSON.parse(JSON.stringify(value)) as Json;
}

/** Masks every secret-looking field (same names as the log redaction), at any depth. */
export function maskSecrets(value: Json, depth = 0): Json {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[truncated]';
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, depth + 1));
  const out: { [key: string]: Json } = {};
  for (const [key, v] of Object.entries(value)) out[key] = isSecretKey(key) ? REDACTED : maskSecrets(v, depth + 1);
  return out;
}

function changedFields(before: { [key: string]: Json }, after: { [key: string]: Json }): [Json, Json] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changed = keys.filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
  const pick = (side: { [key: string]: Json }) => Object.fromEntries(changed.filter((k) => k in side).map((k) => [k, side[k]!]));
  return [pick(before), pick(after)];
}

/**
 * The before/after pair to store: when both sides are objects, only the
 * fields that differ are kept; secret-looking fields are masked either way,
 * so a changed password shows that it changed, never what it was or became.
 * Null when nothing is left to record.
 */
export function auditDiff(changes: AuditChanges | undefined): { before?: Json; after?: Json } | null {
  if (!changes) return null;
  let before = toJson(changes.before);
  let after = toJson(changes.after);
  if (isObject(before) && isObject(after)) [before, after] = changedFields(before, after);
  if (before === undefined && after === undefined) return null;
  return {
    ...(before !== undefined ? { before: maskSecrets(before) } : {}),
    ...(after !== undefined ? { after: maskSecrets(after) } : {}),
  };
}
