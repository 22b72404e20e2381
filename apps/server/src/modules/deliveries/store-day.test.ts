import { describe, expect, it } from 'vitest';
import { storeDayOf } from './store-day.ts';

describe('storeDayOf', () => {
  it("follows the store's time zone around local midnight", () => {
    // 22:30 UTC on 31 May is 00:30 on 1 June in Amsterdam (summer time), and still 31 May in New York.
    const instant = new Date('2024-05-31T22:30:00Z');
    expect(storeDayOf(instant, 'Europe/Amsterdam')).toBe('2024-06-01');
    expect(storeDayOf(instant, 'UTC')).toBe('2024-05-31');
    expect(storeDayOf(instant, 'America/New_York')).toBe('2024-05-31');
  });

  it('puts the last minute before local midnight on the earlier day', () => {
    expect(storeDayOf(new Date('2024-05-31T21:59:59Z'), 'Europe/Amsterdam')).toBe('2024-05-31');
    expect(storeDayOf(new Date('2024-05-31T22:00:00Z'), 'Europe/Amsterdam')).toBe('2024-06-01');
  });

  it('crosses a year boundary in a zone far east of UTC', () => {
    expect(storeDayOf(new Date('2024-12-31T11:00:00Z'), 'Pacific/Kiritimati')).toBe('2025-01-01');
  });
});
