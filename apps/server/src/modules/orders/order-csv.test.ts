import { describe, expect, it } from 'vitest';
import { plainText } from './order-csv.ts';

describe('plainText', () => {
  it('puts an apostrophe before text a spreadsheet would run as a formula', () => {
    for (const cell of ['=1+1', '+31 6 1234', '-2', '@SUM(A1)', '\tx', '\rx']) expect(plainText(cell)).toBe(`'${cell}`);
  });

  it('leaves other text as it is, and writes nothing for null', () => {
    for (const cell of ['Kim Buyer', 'a=b', '12.10', " 'quoted", '']) expect(plainText(cell)).toBe(cell);
    expect(plainText(null)).toBe('');
  });
});
