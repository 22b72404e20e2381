import { describe, expect, it } from 'vitest';
import { checkHeader, exportColumns, joinList, joinPairs, parseBoolean, splitList, splitPairs } from './bulk-csv-format.ts';

describe('catalog CSV format', () => {
  it('splits |-separated lists, with \\| and \\\\ for a literal bar and backslash, and joins them back', () => {
    expect(splitList('a| b |c')).toEqual(['a', 'b', 'c']);
    expect(splitList('a\\|b|back\\\\slash||')).toEqual(['a|b', 'back\\slash']);
    expect(splitList('')).toEqual([]);
    const items = ['a|b', 'back\\slash', 'x=y', 'plain'];
    expect(splitList(joinList(items))).toEqual(items);
  });

  it('reads key=value pairs on the first = and reports items without one', () => {
    expect(splitPairs('material=clay=earth|fit\\|size=wide|oops')).toEqual([{ key: 'material', value: 'clay=earth' }, { key: 'fit|size', value: 'wide' }, { bad: 'oops' }]);
    expect(splitPairs(joinPairs({ 'a|b': 'c=d', e: 'f' }))).toEqual([{ key: 'a|b', value: 'c=d' }, { key: 'e', value: 'f' }]);
  });

  it('reads true/false, yes/no and 1/0 in any case', () => {
    expect(['TRUE', 'yes', '1'].map(parseBoolean)).toEqual([true, true, true]);
    expect(['false', 'No', '0'].map(parseBoolean)).toEqual([false, false, false]);
    expect(parseBoolean('maybe')).toBeUndefined();
  });

  it('accepts the export header and any subset with product_slug and sku', () => {
    expect(checkHeader(exportColumns(3))).toEqual([]);
    expect(checkHeader(['sku', 'product_slug', 'price'])).toEqual([]);
  });

  it('names unknown, repeated and missing columns and unpaired or out-of-range options', () => {
    expect(checkHeader(['product_slug', 'name', 'name', 'colour', 'option1_name', 'option11_name', 'option11_value', 'option01_name', 'option01_value'])).toEqual([
      { field: 'name', reason: 'appears more than once in the header' },
      { field: 'colour', reason: 'is not a column of the catalog CSV' },
      { field: 'option11_name', reason: 'option columns are numbered 1 to 10' },
      { field: 'option11_value', reason: 'option columns are numbered 1 to 10' },
      { field: 'option01_name', reason: 'option columns are numbered 1 to 10' },
      { field: 'option01_value', reason: 'option columns are numbered 1 to 10' },
      { field: 'sku', reason: 'is a required column and is missing' },
      { field: 'option1_value', reason: 'is missing: option1_name and option1_value come together' },
    ]);
  });
});
