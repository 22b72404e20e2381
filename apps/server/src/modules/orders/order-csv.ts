import { formatMinorUnits } from '../catalog/index.ts';
import type { OrderLineRow, OrderRow } from './order.repository.ts';

/**
 * The orders CSV: one row per order line, the order's own columns repeated on
 * each of its rows. Money is a decimal string in the order's currency
 * (`12.10` for 1210 EUR cents), as in the catalog CSV.
 */
export const ORDER_CSV_COLUMNS = [
  'order_number',
  'placed_at',
  'status',
  'payment_method',
  'payment_status',
  'email',
  'customer_name',
  'phone',
  'ship_line1',
  'ship_line2',
  'ship_city',
  'ship_postal_code',
  'ship_region',
  'ship_country',
  'ship_phone',
  'shipping_method',
  'currency',
  'line_sku',
  'line_name',
  'quantity',
  'unit_price',
  'line_discount',
  'line_tax',
  'line_total',
  'order_subtotal',
  'order_discount',
  'order_shipping',
  'order_tax',
  'order_grand_total',
] as const;

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Text typed by people (names, addresses, SKUs) cannot start a spreadsheet
 * formula: a cell beginning with = + - @, a tab or a carriage return gets a
 * leading apostrophe, which spreadsheets show as plain text.
 */
export const plainText = (cell: string | null | undefined): string => {
  const text = cell ?? '';
  return FORMULA_START.test(text) ? `'${text}` : text;
};

/** The CSV rows of one order: one per line, or a single row with empty line columns for an order without lines. */
export function orderCsvRows(order: OrderRow, lines: OrderLineRow[]): string[][] {
  const money = (amount: number) => formatMinorUnits(amount, order.currency);
  const address = order.shippingAddress;
  const orderCells = [
    String(order.number ?? ''),
    order.placedAt.toISOString(),
    order.status,
    order.paymentMethod,
    order.paymentStatus,
    plainText(order.email),
    plainText(order.customerName),
    plainText(order.phone),
    plainText(address.line1),
    plainText(address.line2),
    plainText(address.city),
    plainText(address.postalCode),
    plainText(address.region),
    plainText(address.country),
    plainText(address.phone),
    plainText(order.shippingMethod.name),
    order.currency,
  ];
  const totals = [order.subtotalAmount, order.discountAmount, order.shippingAmount, order.taxAmount, order.grandTotalAmount].map(money);
  if (lines.length === 0) return [[...orderCells, '', '', '', '', '', '', '', ...totals]];
  return lines.map((line) => [
    ...orderCells,
    plainText(line.sku),
    plainText(line.name),
    String(line.quantity),
    money(line.unitPriceAmount),
    money(line.discountAmount),
    money(line.taxAmount),
    money(line.totalAmount),
    ...totals,
  ]);
}
