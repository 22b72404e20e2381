import { describe, expect, it } from 'vitest';
import { formatMinorUnits, parseMinorUnits } from './bulk-money.ts';

describe('CSV prices', () => {
  it('reads decimal strings as exact minor units in the currency', () => {
    expect(parseMinorUnits('12.99', 'EUR')).toEqual({ ok: true, amount: 1299 });
    expect(parseMinorUnits('0.1', 'EUR')).toEqual({ ok: true, amount: 10 });
    expect(parseMinorUnits('1.15', 'EUR')).toEqual({ ok: true, amount: 115 });
    expect(parseMinorUnits(' 7 ', 'EUR')).toEqual({ ok: true, amount: 700 });
    expect(parseMinorUnits('1500', 'JPY')).toEqual({ ok: true, amount: 1500 });
    expect(parseMinorUnits('1.234', 'BHD')).toEqual({ ok: true, amount: 1234 });
    // ISO 4217 exponents, not ICU's: the forint, rupiah and Colombian peso have two decimals.
    expect(parseMinorUnits('1500.50', 'HUF')).toEqual({ ok: true, amount: 150050 });
    expect(parseMinorUnits('1500', 'IDR')).toEqual({ ok: true, amount: 150000 });
    expect(parseMinorUnits('1500.5', 'COP')).toEqual({ ok: true, amount: 150050 });
    expect(parseMinorUnits('90071992547409.91', 'EUR')).toEqual({ ok: true, amount: 9007199254740991 });
  });

  it('refuses negatives, extra decimals, other notations and amounts beyond exact integers', () => {
    expect(parseMinorUnits('-1.00', 'EUR')).toEqual({ ok: false, reason: 'must not be negative' });
    expect(parseMinorUnits('12.999', 'EUR')).toEqual({ ok: false, reason: 'has more than the 2 decimals of EUR' });
    expect(parseMinorUnits('12.5', 'JPY')).toEqual({ ok: false, reason: 'must be a whole amount: JPY has no decimals' });
    for (const bad of ['12,99', '1e3', '1,000.00', '', '.5', '5.', 'abc', '+1']) expect(parseMinorUnits(bad, 'EUR').ok, bad).toBe(false);
    expect(parseMinorUnits('90071992547409.92', 'EUR')).toEqual({ ok: false, reason: 'is too large' });
  });

  it('writes minor units back as the same decimal strings', () => {
    expect(formatMinorUnits(1299, 'EUR')).toBe('12.99');
    expect(formatMinorUnits(5, 'EUR')).toBe('0.05');
    expect(formatMinorUnits(0, 'EUR')).toBe('0.00');
    expect(formatMinorUnits(1500, 'JPY')).toBe('1500');
    expect(formatMinorUnits(1234, 'BHD')).toBe('1.234');
    expect(formatMinorUnits(150050, 'HUF')).toBe('1500.50');
    for (const amount of [0, 1, 99, 100, 123456789]) expect(parseMinorUnits(formatMinorUnits(amount, 'EUR'), 'EUR')).toEqual({ ok: true, amount });
  });
});
