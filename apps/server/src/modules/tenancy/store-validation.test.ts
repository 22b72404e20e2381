import { describe, expect, it } from 'vitest';
import { canonicalCurrency, canonicalLocale, canonicalTimezone, checkStoreFields, handleProblem } from './store-validation.ts';

describe('store field validation', () => {
  it('accepts slug handles and refuses others', () => {
    expect(handleProblem('my-shop-2')).toBeNull();
    for (const bad of ['ab', 'My-Shop', '-shop', 'shop-', 'sh op', 'shop--x', 'admin', 'x'.repeat(41)]) expect(handleProblem(bad)).not.toBeNull();
  });

  it('knows ISO 4217 currencies, IANA time zones and BCP 47 tags, in canonical form', () => {
    expect(canonicalCurrency('eur')).toBe('EUR');
    expect(canonicalCurrency('XYZ')).toBeNull();
    expect(canonicalCurrency('EURO')).toBeNull();
    expect(canonicalTimezone('Europe/Amsterdam')).toBe('Europe/Amsterdam');
    expect(canonicalTimezone('UTC')).toBe('UTC');
    expect(canonicalTimezone('Mars/Olympus')).toBeNull();
    expect(canonicalLocale('en-us')).toBe('en-US');
    expect(canonicalLocale('nl')).toBe('nl');
    expect(canonicalLocale('not a locale')).toBeNull();
  });

  it('names every bad field', () => {
    const { errors, values } = checkStoreFields({ defaultCurrency: 'ABC', locale: '??', timezone: 'Nowhere/Town' });
    expect(errors.map((e) => e.path)).toEqual(['body.defaultCurrency', 'body.locale', 'body.timezone']);
    expect(values).toEqual({});
  });
});
