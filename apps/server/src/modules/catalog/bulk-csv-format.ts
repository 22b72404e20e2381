/**
 * The catalog CSV: one row per variant, rows of one product (same
 * product_slug) kept together. Product columns may be left empty on a
 * product's further rows; variant columns belong to their row.
 */
export const PRODUCT_COLUMNS = ['product_slug', 'name', 'description', 'status', 'featured', 'brand', 'categories', 'tags', 'attributes', 'seo_title', 'seo_description'] as const;
export const VARIANT_COLUMNS = ['sku', 'barcode', 'price', 'compare_at_price', 'cost_price', 'weight_grams', 'tax_class', 'track_stock'] as const;
export const REQUIRED_COLUMNS = ['product_slug', 'sku'] as const;
/** Option columns come in pairs, option1_name/option1_value up to this many. */
export const MAX_OPTIONS = 10;
/** Pairs an export always writes, so files of different stores line up. */
export const EXPORTED_OPTIONS = 3;

export type ProductColumn = (typeof PRODUCT_COLUMNS)[number];
export type VariantColumn = (typeof VARIANT_COLUMNS)[number];

export const optionColumns = (n: number) => [`option${n}_name`, `option${n}_value`] as const;
const OPTION_COLUMN = /^option(\d+)_(name|value)$/;

export interface HeaderProblem {
  field: string;
  reason: string;
}

/** The columns an export writes, in this order; an import accepts any subset that has the required ones. */
export function exportColumns(optionPairs: number): string[] {
  const options = Array.from({ length: optionPairs }, (_, i) => optionColumns(i + 1)).flat();
  return [...PRODUCT_COLUMNS, 'sku', 'barcode', ...options, ...VARIANT_COLUMNS.filter((c) => c !== 'sku' && c !== 'barcode')];
}

/** Every problem with a header row: unknown, repeated or missing columns, option names without values and the like. */
export function checkHeader(columns: string[]): HeaderProblem[] {
  const problems: HeaderProblem[] = [];
  const known = new Set<string>([...PRODUCT_COLUMNS, ...VARIANT_COLUMNS]);
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column)) problems.push({ field: column, reason: 'appears more than once in the header' });
    seen.add(column);
    const option = OPTION_COLUMN.exec(column);
    if (option) {
      const n = Number(option[1]);
      if (n < 1 || n > MAX_OPTIONS || String(n) !== option[1]) problems.push({ field: column, reason: `option columns are numbered 1 to ${MAX_OPTIONS}` });
    } else if (!known.has(column)) {
      problems.push({ field: column, reason: 'is not a column of the catalog CSV' });
    }
  }
  for (const column of REQUIRED_COLUMNS) if (!seen.has(column)) problems.push({ field: column, reason: 'is a required column and is missing' });
  for (let n = 1; n <= MAX_OPTIONS; n++) {
    const [name, value] = optionColumns(n);
    if (seen.has(name) !== seen.has(value)) problems.push({ field: seen.has(name) ? value : name, reason: `is missing: ${name} and ${value} come together` });
  }
  return problems;
}

/** The option pairs a header has, by number. */
export function optionPairsIn(columns: string[]): number[] {
  const pairs = new Set<number>();
  for (const column of columns) {
    const option = OPTION_COLUMN.exec(column);
    if (option) pairs.add(Number(option[1]));
  }
  return [...pairs].sort((a, b) => a - b);
}

/** `a|b|c` → [a, b, c]; `\|` is a literal bar and `\\` a backslash. Empty items are dropped. */
export function splitList(cell: string): string[] {
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < cell.length; i++) {
    const ch = cell[i]!;
    if (ch === '\\' && i + 1 < cell.length) current += cell[++i];
    else if (ch === '|') {
      items.push(current);
      current = '';
    } else current += ch;
  }
  items.push(current);
  return items.map((item) => item.trim()).filter((item) => item.length > 0);
}

export const escapeListItem = (item: string) => item.replace(/[\\|]/g, '\\$&');
export const joinList = (items: readonly string[]) => items.map(escapeListItem).join('|');

/** `key=value|key=value` → pairs; the first `=` separates, so values may contain more. */
export function splitPairs(cell: string): Array<{ key: string; value: string } | { bad: string }> {
  return splitList(cell).map((item) => {
    const at = item.indexOf('=');
    return at < 0 ? { bad: item } : { key: item.slice(0, at).trim(), value: item.slice(at + 1).trim() };
  });
}

export const joinPairs = (record: Record<string, string>) => joinList(Object.entries(record).map(([key, value]) => `${key}=${value}`));

const TRUE = new Set(['true', 'yes', '1']);
const FALSE = new Set(['false', 'no', '0']);

/** `true`/`yes`/`1` and `false`/`no`/`0`, any case; undefined for anything else. */
export function parseBoolean(cell: string): boolean | undefined {
  const value = cell.trim().toLowerCase();
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  return undefined;
}
