import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_RULES } from './form-rules.ts';
import { orderEmailOf, phoneInE164, readFormPost, type FormPost } from './shopper-input.ts';

const form = { fields: DEFAULT_FIELD_RULES, defaultCountry: 'NL', maxQuantities: new Map([['v1', 3], ['v2', 1]]) };
const post: FormPost = { items: [{ variantId: 'v1', quantity: 2 }], name: 'Sam', line1: 'Dorpsstraat 5', city: 'Zwolle', country: 'NL', postalCode: '8011 AB', phone: '06-12 34 56 78' };

describe('reading a form post', () => {
  it('writes the phone number in E.164, reading local numbers as the form’s country', () => {
    expect(phoneInE164('06 12345678', 'NL')).toBe('+31612345678');
    expect(phoneInE164('+49 1512 3456789', 'NL')).toBe('+4915123456789');
    expect(phoneInE164('0612345678', 'BE')).toBeUndefined();
    expect(phoneInE164('12', 'NL')).toBeUndefined();
  });

  it('gives the order its lines, contact and address, hidden fields left empty', () => {
    const read = readFormPost(form, { ...post, note: 'Back door', line2: '' });
    expect(read).toEqual({
      ok: true,
      details: {
        lines: [{ variantId: 'v1', quantity: 2 }],
        email: null,
        phone: '+31612345678',
        address: { name: 'Sam', line1: 'Dorpsstraat 5', line2: null, city: 'Zwolle', postalCode: '8011 AB', region: null, country: 'NL', phone: '+31612345678', company: null, note: 'Back door' },
      },
    });
  });

  it('names every problem at once', () => {
    const read = readFormPost(form, { ...post, phone: 'x', region: 'Overijssel', postalCode: '', items: [{ variantId: 'v1', quantity: 4 }, { variantId: 'v9', quantity: 1 }, { variantId: 'v1', quantity: 1 }] });
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.map((p) => p.path)).toEqual(['body.items.0.quantity', 'body.items.1.variantId', 'body.items.2.variantId', 'body.phone', 'body.postalCode', 'body.region']);
  });
});

describe('the email of an order without one', () => {
  it('is the shopper’s when given, else an undeliverable address named after the phone number', () => {
    expect(orderEmailOf({ email: 'sam@example.test', phone: '+31612345678' })).toBe('sam@example.test');
    expect(orderEmailOf({ email: null, phone: '+31612345678' })).toBe('phone-31612345678@no-email.invalid');
  });
});
