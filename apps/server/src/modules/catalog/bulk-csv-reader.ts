import { Readable } from 'node:stream';
import { parse } from 'csv-parse';

export interface CsvRecord {
  /** Line of the file where the record starts; the header is line 1. */
  line: number;
  cells: string[];
}

/** The file is fed to the parser in pieces of this size, so only a few records are held at once. */
const CHUNK_CHARS = 64 * 1024;
const LINE_BREAK = /\r\n|\r|\n/g;
const LEADING_BREAKS = /^(?:\r\n|\r|\n)+/;

function* chunks(text: string): Generator<string> {
  for (let at = 0; at < text.length; at += CHUNK_CHARS) yield text.slice(at, at + CHUNK_CHARS);
}

const breaksIn = (text: string) => text.match(LINE_BREAK)?.length ?? 0;

/**
 * The records of a CSV text, header first, each with the line it starts on.
 * csv-parse's own line count runs ahead on CRLF breaks inside quoted cells,
 * so lines are counted here from each record's raw text (which includes any
 * blank lines skipped before it). Throws csv-parse's error on malformed
 * quoting.
 */
export async function* readCsv(text: string): AsyncGenerator<CsvRecord> {
  const parser = Readable.from(chunks(text)).pipe(parse({ bom: true, raw: true, relax_column_count: true, skip_empty_lines: true }));
  let linesBefore = 0;
  for await (const { record, raw } of parser as AsyncIterable<{ record: string[]; raw: string }>) {
    const leading = breaksIn(LEADING_BREAKS.exec(raw)?.[0] ?? '');
    yield { line: linesBefore + leading + 1, cells: record };
    linesBefore += breaksIn(raw);
  }
}
