import { describe, expect, it } from 'vitest';
import { parseSeedCommand } from './seed.cli.ts';

describe('winkel seed arguments', () => {
  it('reads a generated catalog request with its defaults', () => {
    expect(parseSeedCommand(['--products', '12'])).toEqual({ kind: 'catalog', request: { store: 'demo', products: 12, variantsPerProduct: 3, seed: 1 } });
  });

  it('reads the demo pictures command for a store', () => {
    expect(parseSeedCommand(['--demo-pictures'])).toEqual({ kind: 'demo-pictures', store: 'demo' });
    expect(parseSeedCommand(['--demo-pictures', '--store', 'shop-2'])).toEqual({ kind: 'demo-pictures', store: 'shop-2' });
  });

  it('says what is wrong with the words', () => {
    expect(parseSeedCommand([])).toMatch(/needs --products N/);
    expect(parseSeedCommand(['--demo-pictures', '--products', '3'])).toMatch(/separate commands/);
    expect(parseSeedCommand(['--products', '0'])).toMatch(/--products must be a whole number/);
    expect(parseSeedCommand(['--demo-pictures', '--store', ' '])).toMatch(/--store must name a store/);
  });
});
