import { describe, expect, it } from 'vitest';
import { isDatabaseBusy } from './database-busy.ts';

describe('database overload errors', () => {
  it('recognises pool wait timeouts and retryable SQLSTATEs, also when wrapped', () => {
    expect(isDatabaseBusy(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseBusy(Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }))).toBe(true);
    expect(isDatabaseBusy(new Error('Failed query: update …', { cause: Object.assign(new Error('deadlock detected'), { code: '40P01' }) }))).toBe(true);
  });

  it('leaves every other failure alone', () => {
    expect(isDatabaseBusy(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toBe(false);
    expect(isDatabaseBusy(new Error('boom'))).toBe(false);
    expect(isDatabaseBusy(undefined)).toBe(false);
  });
});
