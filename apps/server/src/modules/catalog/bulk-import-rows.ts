import type { z } from 'zod';
import type { BulkRowError } from './catalog.tables.ts';
import { optionColumns, optionPairsIn, parseBoolean, PRODUCT_COLUMNS, type ProductColumn } from './bulk-csv-format.ts';
import { parseMinorUnits } from './bulk-money.ts';
import type { RowErrorSink } from './bulk-report.ts';
import { variantPatch } from './product.schemas.ts';

/**
 * One CSV row read into a variant: each value parsed and checked with the
 * admin API's own variant schema. A key is absent when its column is, and
 * when an empty cell keeps the current value (price, tax class, stock
 * tracking: fields that cannot be empty); an empty optional field is null.
 */
export interface VariantCells {
  line: number;
  /** Columns whose cell was unreadable (already reported): later checks leave them alone. */
  invalid: Set<string>;
  sku: string;
  barcode?: string | null;
  optionValues?: Record<string, string>;
  price?: number;
  compareAtPrice?: number | null;
  costPrice?: number | null;
  weightGrams?: number | null;
  taxClass?: string;
  trackStock?: boolean;
}

/** A product's rows: the product cells merged over its rows, each with the line it came from. */
export interface ProductRows {
  slug: string;
  line: number;
  cells: Partial<Record<ProductColumn, { value: string; line: number }>>;
  variants: VariantCells[];
}

export interface ParsedRow {
  line: number;
  slug: string;
  productCells: Partial<Record<ProductColumn, string>>;
  variant: VariantCells;
  errors: BulkRowError[];
}

const VARIANT_FIELD_COLUMN: Record<string, string> = {
  sku: 'sku',
  barcode: 'barcode',
  price: 'price',
  compareAtPrice: 'compare_at_price',
  costPrice: 'cost_price',
  weightGrams: 'weight_grams',
  taxClass: 'tax_class',
  trackStock: 'track_stock',
};

/** A Zod issue as a row error on the CSV column it concerns. */
export function issueErrors(issues: z.core.$ZodIssue[], line: number, columnOf: (path: PropertyKey[]) => string): BulkRowError[] {
  return issues.map((issue) => ({ line, field: columnOf(issue.path), reason: issue.message }));
}

/** Reads one record against the header; the currency says how many decimals prices have. */
export function parseRow(header: string[], cells: string[], line: number, currency: string): ParsedRow {
  const errors: BulkRowError[] = [];
  const invalid = new Set<string>();
  const fail = (field: string | null, reason: string) => {
    errors.push({ line, field, reason });
    if (field) invalid.add(field);
  };
  if (cells.length !== header.length) fail(null, `has ${cells.length} cells where the header has ${header.length} columns`);
  const cell = (column: string): string | undefined => {
    const i = header.indexOf(column);
    return i < 0 ? undefined : (cells[i] ?? '');
  };

  const productCells: Partial<Record<ProductColumn, string>> = {};
  for (const column of PRODUCT_COLUMNS) {
    const value = cell(column);
    if (value !== undefined) productCells[column] = value;
  }
  const slug = (productCells.product_slug ?? '').trim();
  if (!slug) fail('product_slug', 'must not be empty');

  const variant: VariantCells = { line, invalid, sku: (cell('sku') ?? '').trim() };
  const money = (column: string, key: 'price' | 'compareAtPrice' | 'costPrice') => {
    const value = cell(column);
    if (value === undefined) return;
    if (value.trim() === '') {
      if (key !== 'price') variant[key] = null;
      return;
    }
    const parsed = parseMinorUnits(value, currency);
    if (parsed.ok) variant[key] = parsed.amount;
    else fail(column, parsed.reason);
  };
  money('price', 'price');
  money('compare_at_price', 'compareAtPrice');
  money('cost_price', 'costPrice');

  const barcode = cell('barcode');
  if (barcode !== undefined) variant.barcode = barcode.trim() || null;
  const weight = cell('weight_grams')?.trim();
  if (weight !== undefined) {
    if (weight === '') variant.weightGrams = null;
    else if (/^\d+$/.test(weight)) variant.weightGrams = Number(weight);
    else fail('weight_grams', weight.startsWith('-') ? 'must not be negative' : 'must be a whole number of grams');
  }
  const taxClass = cell('tax_class');
  if (taxClass?.trim()) variant.taxClass = taxClass.trim();
  const trackStock = cell('track_stock');
  if (trackStock?.trim()) {
    const flag = parseBoolean(trackStock);
    if (flag === undefined) fail('track_stock', 'must be true or false');
    else variant.trackStock = flag;
  }

  const pairs = optionPairsIn(header);
  const optionColumnOf = new Map<string, string>();
  if (pairs.length > 0) {
    variant.optionValues = {};
    for (const n of pairs) {
      const [nameColumn, valueColumn] = optionColumns(n);
      const [name, value] = [(cell(nameColumn) ?? '').trim(), (cell(valueColumn) ?? '').trim()];
      if (!name && !value) continue;
      if (!name) fail(nameColumn, `is required when ${valueColumn} is given`);
      else if (!value) fail(valueColumn, `is required when ${nameColumn} is given`);
      else if (name in variant.optionValues) fail(nameColumn, `names the option "${name}" a second time`);
      else {
        variant.optionValues[name] = value;
        optionColumnOf.set(name, valueColumn);
      }
    }
  }

  if (!variant.sku) fail('sku', 'must not be empty');
  // The admin API's variant rules (lengths, ranges), run on what was read; prices are checked above.
  const { line: _line, invalid: _invalid, price: _p, compareAtPrice: _c, costPrice: _cp, sku, ...rest } = variant;
  const checked = sku ? { sku, ...rest } : rest;
  const result = variantPatch.safeParse(checked);
  if (!result.success) {
    const columnOf = ([key, sub]: PropertyKey[]) => (key === 'optionValues' ? (optionColumnOf.get(String(sub)) ?? 'option1_name') : (VARIANT_FIELD_COLUMN[String(key)] ?? String(key)));
    for (const e of issueErrors(result.error.issues, line, columnOf)) fail(e.field, e.reason);
  } else {
    Object.assign(variant, result.data);
  }
  return { line, slug, productCells, variant, errors };
}

/** The most rows one product may have in a file (the admin API's limit for a new product). */
export const MAX_ROWS_PER_PRODUCT = 100;

/**
 * Groups consecutive rows of one product_slug into products, checking what
 * spans rows: a SKU used twice, a product whose rows are not together, product
 * cells that disagree between rows of one product.
 */
export class ProductGrouper {
  private readonly skuLines = new Map<string, number>();
  private readonly slugLines = new Map<string, number>();
  private current: ProductRows | undefined;

  /** Adds a row; returns the product it completed, if the row starts another. */
  add(row: ParsedRow, errors: RowErrorSink): ProductRows | undefined {
    const { line, slug, variant } = row;
    if (variant.sku) {
      const first = this.skuLines.get(variant.sku);
      if (first !== undefined) errors.push({ line, field: 'sku', reason: `"${variant.sku}" is already used on line ${first}` });
      else this.skuLines.set(variant.sku, line);
    }
    if (!slug) return undefined;
    let done: ProductRows | undefined;
    if (this.current?.slug !== slug) {
      done = this.current;
      const seen = this.slugLines.get(slug);
      if (seen !== undefined) errors.push({ line, field: 'product_slug', reason: `rows of "${slug}" must be consecutive; the product started on line ${seen}` });
      else this.slugLines.set(slug, line);
      this.current = { slug, line, cells: {}, variants: [] };
    }
    const product = this.current!;
    if (product.variants.length >= MAX_ROWS_PER_PRODUCT) {
      errors.push({ line, field: 'sku', reason: `a product takes at most ${MAX_ROWS_PER_PRODUCT} variants in one file` });
      return done;
    }
    product.variants.push(variant);
    for (const column of PRODUCT_COLUMNS) {
      const value = row.productCells[column];
      if (value === undefined || column === 'product_slug' || value.trim() === '') continue;
      const before = product.cells[column];
      if (!before) product.cells[column] = { value, line };
      else if (before.value !== value) errors.push({ line, field: column, reason: `differs from line ${before.line}; rows of one product must agree (or leave it empty)` });
    }
    return done;
  }

  /** The last product, once the file has no more rows. */
  finish(): ProductRows | undefined {
    const last = this.current;
    this.current = undefined;
    return last;
  }
}
