import { describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_RULES, fieldRuleProblems, fieldRulesOf, itemProblems, originsOf, parseOrigin, publicationProblems } from './form-rules.ts';

describe('allowed origins', () => {
  it('takes exact https origins and writes them as browsers send Origin', () => {
    expect(parseOrigin('https://shop.example')).toEqual({ origin: 'https://shop.example' });
    expect(parseOrigin(' https://Shop.Example:443/ ')).toEqual({ origin: 'https://shop.example' });
    expect(parseOrigin('https://shop.example:8443')).toEqual({ origin: 'https://shop.example:8443' });
    expect(parseOrigin('https://bücher.example')).toEqual({ origin: 'https://xn--bcher-kva.example' });
    expect(parseOrigin('http://localhost:5173')).toEqual({ origin: 'http://localhost:5173' });
  });

  it('refuses wildcards, plain http off localhost, paths, queries, credentials and bare hosts', () => {
    for (const text of ['*', 'https://*.shop.example', 'http://shop.example', 'https://shop.example/order', 'https://shop.example?x', 'https://shop.example#top', 'https://me@shop.example', 'shop.example', 'ftp://shop.example', '']) {
      expect(parseOrigin(text), text).toHaveProperty('error');
    }
  });

  it('drops repeats and names each bad entry by its index', () => {
    expect(originsOf(['https://a.example', 'https://A.example/', 'nope', 'https://b.example'])).toEqual({
      origins: ['https://a.example', 'https://b.example'],
      errors: [{ path: 'body.allowedOrigins.2', message: expect.any(String) }],
    });
  });
});

describe('field rules', () => {
  it('fills in the defaults: phone required for cash on delivery', () => {
    expect(fieldRulesOf({})).toEqual(DEFAULT_FIELD_RULES);
    expect(fieldRulesOf({ email: 'required' })).toMatchObject({ email: 'required', phone: 'required' });
  });

  it('needs a way to reach the shopper and a postal code', () => {
    expect(fieldRuleProblems(DEFAULT_FIELD_RULES)).toEqual([]);
    expect(fieldRuleProblems({ ...DEFAULT_FIELD_RULES, phone: 'optional', email: 'required' })).toEqual([]);
    expect(fieldRuleProblems({ ...DEFAULT_FIELD_RULES, phone: 'optional', email: 'optional' }).map((p) => p.path)).toEqual(['body.fields.phone']);
    expect(fieldRuleProblems({ ...DEFAULT_FIELD_RULES, postalCode: 'optional' }).map((p) => p.path)).toEqual(['body.fields.postalCode']);
  });
});

describe('items and publication', () => {
  const cart = { maxLineQuantity: 99, maxLines: 2 };
  it('refuses repeats, quantities a cart line cannot hold and more items than a cart takes', () => {
    const items = [
      { variantId: 'a', maxQuantity: 5 },
      { variantId: 'a', maxQuantity: 100 },
      { variantId: 'b', maxQuantity: 1 },
    ];
    expect(itemProblems(items, cart).map((p) => p.path)).toEqual(['body.items', 'body.items.1.variantId', 'body.items.1.maxQuantity']);
  });

  it('publishes only a form with items and an origin', () => {
    expect(publicationProblems({ status: 'draft', items: [], allowedOrigins: [] })).toEqual([]);
    expect(publicationProblems({ status: 'published', items: [], allowedOrigins: [] }).map((p) => p.path)).toEqual(['body.items', 'body.allowedOrigins']);
    expect(publicationProblems({ status: 'published', items: [1], allowedOrigins: ['https://a.example'] })).toEqual([]);
  });
});
