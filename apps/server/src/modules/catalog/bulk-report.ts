import type { BulkRowError } from './catalog.tables.ts';

/** How many row errors a job keeps; error_count stays exact beyond it. */
export const MAX_STORED_ERRORS = 1000;

/** Where checks put the row errors they find. */
export interface RowErrorSink {
  push(...errors: BulkRowError[]): unknown;
}

/** Row errors of a job: every one counted, the first MAX_STORED_ERRORS (by line) kept. */
export class RowErrorReport {
  count = 0;
  readonly kept: BulkRowError[] = [];

  push(...errors: BulkRowError[]): number {
    for (const error of errors) {
      this.count++;
      if (this.kept.length < MAX_STORED_ERRORS) this.kept.push(error);
    }
    return this.count;
  }

  /** Kept errors in line order (products are checked a batch at a time, so they arrive slightly out of order). */
  sorted(): BulkRowError[] {
    return [...this.kept].sort((a, b) => a.line - b.line);
  }
}
