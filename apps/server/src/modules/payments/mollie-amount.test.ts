import { describe, expect, it } from 'vitest';
import { currencyExponent } from '../../platform/money.ts';
import { fromMollieAmount, toMollieAmount } from './mollie-amount.ts';

describe('Mollie amounts', () => {
  it('writes minor units with exactly the currency’s ISO 4217 decimals', () => {
    expect(toMollieAmount(1999, 'EUR')).toEqual({ currency: 'EUR', value: '19.99' });
    expect(toMollieAmount(5, 'EUR')).toEqual({ currency: 'EUR', value: '0.05' });
    expect(toMollieAmount(1000, 'GBP')).toEqual({ currency: 'GBP', value: '10.00' });
    expect(toMollieAmount(1500, 'JPY')).toEqual({ currency: 'JPY', value: '1500' });
    expect(toMollieAmount(0, 'ISK')).toEqual({ currency: 'ISK', value: '0' });
    expect(toMollieAmount(1255, 'BHD')).toEqual({ currency: 'BHD', value: '1.255' });
    expect(toMollieAmount(7, 'KWD')).toEqual({ currency: 'KWD', value: '0.007' });
    expect(toMollieAmount(Number.MAX_SAFE_INTEGER, 'EUR').value).toBe('90071992547409.91');
  });

  it('gives HUF two decimals as ISO 4217 and Mollie do, not the zero the runtime’s ICU data claims', () => {
    expect(currencyExponent('HUF')).toBe(2);
    expect(toMollieAmount(150000, 'HUF').value).toBe('1500.00');
  });

  it('reads Mollie’s strings back to the same minor units', () => {
    for (const [amount, currency] of [[1999, 'EUR'], [1, 'USD'], [1500, 'JPY'], [1255, 'BHD'], [0, 'EUR'], [123456789, 'CHF']] as const) {
      expect(fromMollieAmount(toMollieAmount(amount, currency))).toBe(amount);
    }
    expect(fromMollieAmount({ currency: 'EUR', value: '10' })).toBe(1000);
    expect(fromMollieAmount({ currency: 'EUR', value: '10.5' })).toBe(1050);
  });

  it('refuses what is not an amount in the currency', () => {
    expect(() => fromMollieAmount({ currency: 'JPY', value: '15.00' })).toThrow(/JPY, which has 0 decimals/);
    expect(() => fromMollieAmount({ currency: 'EUR', value: '1.999' })).toThrow(/2 decimals/);
    expect(() => fromMollieAmount({ currency: 'EUR', value: '-1.00' })).toThrow(RangeError);
    expect(() => fromMollieAmount({ currency: 'EUR', value: '1e3' })).toThrow(RangeError);
    expect(() => fromMollieAmount({ currency: 'EUR', value: '' })).toThrow(RangeError);
    expect(() => fromMollieAmount({ currency: 'EUR', value: '99999999999999999.00' })).toThrow(/too large/);
    expect(() => toMollieAmount(19.99, 'EUR')).toThrow(RangeError);
    expect(() => toMollieAmount(-1, 'EUR')).toThrow(RangeError);
    expect(() => currencyExponent('eur')).toThrow(/ISO 4217/);
  });
});
