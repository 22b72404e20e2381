import { describe, expect, it } from 'vitest';
import { readCsv } from './bulk-csv-reader.ts';

async function lines(text: string) {
  const out: Array<[number, string[]]> = [];
  for await (const r of readCsv(text)) out.push([r.line, r.cells]);
  return out;
}

describe('readCsv', () => {
  it('numbers records by the line they start on, across quoted line breaks and blank lines', async () => {
    expect(await lines('a,b\n1,"x\ny\nz"\n\n2,3\n"q\nr",4\n5,6')).toEqual([
      [1, ['a', 'b']],
      [2, ['1', 'x\ny\nz']],
      [6, ['2', '3']],
      [7, ['q\nr', '4']],
      [9, ['5', '6']],
    ]);
  });

  it('counts CRLF files the same way, including CRLF inside quoted cells', async () => {
    expect(await lines('a,b\r\n1,"x\r\ny"\r\n\r\n2,3\r\n5,6\r\n')).toEqual([
      [1, ['a', 'b']],
      [2, ['1', 'x\r\ny']],
      [5, ['2', '3']],
      [6, ['5', '6']],
    ]);
  });

  it('skips a byte-order mark and keeps records with too few or too many cells for the caller to judge', async () => {
    expect(await lines('\uFEFFa,b\n1\n1,2,3\n')).toEqual([
      [1, ['a', 'b']],
      [2, ['1']],
      [3, ['1', '2', '3']],
    ]);
  });

  it('keeps line numbers right when records straddle the pieces the text is read in', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `${i},"multi\nline ${'x'.repeat(i % 50)}"`);
    const read = await lines(`n,text\n${rows.join('\n')}\n`);
    expect(read).toHaveLength(5001);
    expect(read[4321]).toEqual([2 + 2 * 4320, ['4320', `multi\nline ${'x'.repeat(4320 % 50)}`]]);
  });

  it('rejects an unclosed quote', async () => {
    await expect(lines('a,b\n1,"open\n')).rejects.toThrow(/quote/i);
  });
});
