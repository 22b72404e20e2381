import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../platform/logging/redact.ts';
import { auditDiff } from './audit-changes.ts';

describe('auditDiff', () => {
  it('keeps only the fields that changed when both sides are objects', () => {
    expect(auditDiff({ before: { name: 'a', role: 'viewer', email: 'x@y' }, after: { name: 'a', role: 'admin', email: 'x@y' } })).toEqual({
      before: { role: 'viewer' },
      after: { role: 'admin' },
    });
  });

  it('records added and removed fields on the side that has them', () => {
    expect(auditDiff({ before: { a: 1 }, after: { b: 2 } })).toEqual({ before: { a: 1 }, after: { b: 2 } });
  });

  it('masks secret-looking fields at any depth, on both sides, and shows that they changed', () => {
    const out = auditDiff({
      before: { passwordHash: 'old-hash', nested: { deep: { apiKey: 'k1' } } },
      after: { passwordHash: 'new-hash', nested: { deep: { apiKey: 'k2' } }, totpSecret: 'JBSWY3DP' },
    });
    expect(out).toEqual({
      before: { passwordHash: REDACTED, nested: { deep: { apiKey: REDACTED } } },
      after: { passwordHash: REDACTED, nested: { deep: { apiKey: REDACTED } }, totpSecret: REDACTED },
    });
    expect(JSON.stringify(out)).not.toMatch(/old-hash|new-hash|k1|k2|JBSWY3DP/);
  });

  it('keeps a one-sided change (creation, deletion) whole, masked', () => {
    expect(auditDiff({ after: { name: 'ci', secretHash: 'abc', at: new Date('2026-01-02T03:04:05.000Z') } })).toEqual({
      after: { name: 'ci', secretHash: REDACTED, at: '2026-01-02T03:04:05.000Z' },
    });
    expect(auditDiff({ before: { cidr: '10.0.0.0/8' } })).toEqual({ before: { cidr: '10.0.0.0/8' } });
  });

  it('returns null when there is nothing to record', () => {
    expect(auditDiff(undefined)).toBeNull();
    expect(auditDiff({})).toBeNull();
  });

  it('does not recurse without end into deep values', () => {
    let deep: Record<string, unknown> = { password: 'p' };
    for (let i = 0; i < 40; i++) deep = { next: deep };
    expect(JSON.stringify(auditDiff({ after: deep }))).not.toContain('"p"');
  });
});
