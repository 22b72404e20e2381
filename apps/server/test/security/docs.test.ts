import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROLE_TABLE_BEGIN, ROLE_TABLE_END, renderRoleTable } from './role-table.ts';

describe('docs/security.md', () => {
  it('shows the role table exactly as permissions.ts grants it', () => {
    const doc = readFileSync(new URL('../../../../docs/security.md', import.meta.url), 'utf8');
    const start = doc.indexOf(ROLE_TABLE_BEGIN);
    const end = doc.indexOf(ROLE_TABLE_END);
    expect(start, 'role table markers').toBeGreaterThanOrEqual(0);
    // To refresh: cd apps/server && node --import tsx -e "import('./test/security/role-table.ts').then((m) => console.log(m.renderRoleTable()))"
    expect(doc.slice(start, end + ROLE_TABLE_END.length)).toBe(renderRoleTable());
  });
});
