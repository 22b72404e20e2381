import { PERMISSIONS, ROLES, permissionsOf } from '../../src/modules/security/permissions.ts';

export const ROLE_TABLE_BEGIN = '<!-- role-table: generated from apps/server/src/modules/security/permissions.ts -->';
export const ROLE_TABLE_END = '<!-- /role-table -->';

/** The permission × role table of docs/security.md, rendered from the permission map itself. */
export function renderRoleTable(): string {
  const header = `| permission | ${ROLES.map((r) => `\`${r}\``).join(' | ')} |`;
  const rule = `| --- | ${ROLES.map(() => ':-:').join(' | ')} |`;
  const rows = PERMISSIONS.map((p) => `| \`${p}\` | ${ROLES.map((r) => (permissionsOf(r).has(p) ? '✓' : '')).join(' | ')} |`);
  return [ROLE_TABLE_BEGIN, '', header, rule, ...rows, '', ROLE_TABLE_END].join('\n');
}
