import { describe, expect, it } from 'vitest';
import { currencyExponent, decimalToMinorUnits, minorUnitsToDecimal } from './money.ts';

describe('currencyExponent', () => {
  it('gives every currency its ISO 4217 exponent, not the runtime’s ICU digits', () => {
    const expected = { EUR: 2, USD: 2, JPY: 0, KRW: 0, ISK: 0, HUF: 2, IDR: 2, COP: 2, BHD: 3, KWD: 3, TND: 3, CLF: 4, UYW: 4 };
    for (const [currency, exponent] of Object.entries(expected)) expect(currencyExponent(currency), currency).toBe(exponent);
  });

  it('refuses what is not a currency code', () => {
    for (const bad of ['eur', 'EU', 'EURO', '', ' EUR', 'E1R']) expect(() => currencyExponent(bad), bad).toThrow(/is not an ISO 4217 currency code/);
  });
});

describe('minorUnitsToDecimal', () => {
  it('writes exactly the currency’s decimals with a dot', () => {
    expect(minorUnitsToDecimal(1999, 'EUR')).toBe('19.99');
    expect(minorUnitsToDecimal(5, 'EUR')).toBe('0.05');
    expect(minorUnitsToDecimal(0, 'EUR')).toBe('0.00');
    expect(minorUnitsToDecimal(1500, 'JPY')).toBe('1500');
    expect(minorUnitsToDecimal(150050, 'HUF')).toBe('1500.50');
    expect(minorUnitsToDecimal(150000, 'COP')).toBe('1500.00');
    expect(minorUnitsToDecimal(7, 'BHD')).toBe('0.007');
    expect(minorUnitsToDecimal(12345, 'CLF')).toBe('1.2345');
    expect(minorUnitsToDecimal(-1999, 'EUR')).toBe('-19.99');
    expect(minorUnitsToDecimal(Number.MAX_SAFE_INTEGER, 'EUR')).toBe('90071992547409.91');
  });

  it('refuses fractions of a minor unit, unsafe numbers and bad codes', () => {
    expect(() => minorUnitsToDecimal(19.99, 'EUR')).toThrow(RangeError);
    expect(() => minorUnitsToDecimal(Number.MAX_SAFE_INTEGER + 1, 'EUR')).toThrow(RangeError);
    expect(() => minorUnitsToDecimal(Number.NaN, 'EUR')).toThrow(RangeError);
    expect(() => minorUnitsToDecimal(100, 'huf')).toThrow(/ISO 4217/);
  });
});

describe('decimalToMinorUnits', () => {
  it('reads decimal strings as exact minor units of the currency', () => {
    expect(decimalToMinorUnits('12.99', 'EUR')).toEqual({ ok: true, amount: 1299 });
    expect(decimalToMinorUnits('0.1', 'EUR')).toEqual({ ok: true, amount: 10 });
    expect(decimalToMinorUnits('1.15', 'EUR')).toEqual({ ok: true, amount: 115 });
    expect(decimalToMinorUnits('1500', 'HUF')).toEqual({ ok: true, amount: 150000 });
    expect(decimalToMinorUnits('1500.50', 'HUF')).toEqual({ ok: true, amount: 150050 });
    expect(decimalToMinorUnits('2500', 'IDR')).toEqual({ ok: true, amount: 250000 });
    expect(decimalToMinorUnits('1500', 'JPY')).toEqual({ ok: true, amount: 1500 });
    expect(decimalToMinorUnits('1.255', 'BHD')).toEqual({ ok: true, amount: 1255 });
    expect(decimalToMinorUnits('1.2345', 'CLF')).toEqual({ ok: true, amount: 12345 });
    expect(decimalToMinorUnits('90071992547409.91', 'EUR')).toEqual({ ok: true, amount: Number.MAX_SAFE_INTEGER });
  });

  it('refuses signs, other notations, extra decimals and amounts beyond exact integers', () => {
    expect(decimalToMinorUnits('-1.00', 'EUR')).toEqual({ ok: false, reason: 'must not be negative' });
    expect(decimalToMinorUnits('12.999', 'EUR')).toEqual({ ok: false, reason: 'has more than the 2 decimals of EUR' });
    expect(decimalToMinorUnits('1500.505', 'HUF')).toEqual({ ok: false, reason: 'has more than the 2 decimals of HUF' });
    expect(decimalToMinorUnits('12.5', 'JPY')).toEqual({ ok: false, reason: 'must be a whole amount: JPY has no decimals' });
    expect(decimalToMinorUnits('12,5', 'ISK')).toEqual({ ok: false, reason: 'is not a decimal amount like 12 (digits, and a dot before the decimals)' });
    expect(decimalToMinorUnits('abc', 'BHD')).toEqual({ ok: false, reason: 'is not a decimal amount like 12.999 (digits, and a dot before the decimals)' });
    for (const bad of ['12,99', '1e3', '1,000.00', '1 000', '', '.5', '5.', '+1', ' 7', '7 ', '0x10', 'Infinity']) expect(decimalToMinorUnits(bad, 'EUR').ok, bad).toBe(false);
    expect(decimalToMinorUnits('90071992547409.92', 'EUR')).toEqual({ ok: false, reason: 'is too large' });
    expect(() => decimalToMinorUnits('1.00', 'Eur')).toThrow(/ISO 4217/);
  });

  it('reads back what minorUnitsToDecimal writes, in every exponent', () => {
    for (const currency of ['EUR', 'JPY', 'HUF', 'IDR', 'COP', 'BHD', 'CLF', 'ISK']) {
      for (const amount of [0, 1, 9, 10, 99, 100, 1001, 150050, 123456789, Number.MAX_SAFE_INTEGER]) {
        expect(decimalToMinorUnits(minorUnitsToDecimal(amount, currency), currency), `${amount} ${currency}`).toEqual({ ok: true, amount });
      }
    }
  });
});
