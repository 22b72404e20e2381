import { describe, expect, it } from 'vitest';
import { formatMoney } from './order-confirmation.template.ts';
import { renderMail } from './mail-catalog.ts';

/** Intl puts a no-break space between the amount and a currency code or a spaced symbol. */
const NBSP = '\u00a0';
const context = { publicUrl: 'https://shop.example.com' };
const order = {
  storeName: 'Bolt', customerName: 'Ann', orderNumber: 3, paymentMethod: 'mollie' as const,
  lines: [{ name: 'Kosár', sku: 'K-1', quantity: 1, total: 150050 }], subtotal: 150050, discount: 0, shipping: 0, tax: 0, grandTotal: 150050,
};

describe('order confirmation amounts', () => {
  it('show the ISO 4217 decimals that are charged, in the reader’s locale', () => {
    // ICU gives the forint no decimals; ISO 4217, the catalog and Mollie give it two.
    expect(formatMoney(150050, 'HUF', 'en')).toBe(`HUF${NBSP}1,500.50`);
    expect(formatMoney(150000, 'HUF', 'de')).toBe(`1.500,00${NBSP}HUF`);
    expect(formatMoney(1500, 'JPY', 'en')).toBe('¥1,500');
    expect(formatMoney(1999, 'EUR', 'en')).toBe('€19.99');
    expect(formatMoney(5, 'EUR', 'de')).toBe(`0,05${NBSP}€`);
    expect(formatMoney(1200, 'EUR', 'en')).toBe('€12.00');
    expect(formatMoney(1255, 'BHD', 'en')).toBe(`BHD${NBSP}1.255`);
    expect(formatMoney(12345, 'CLF', 'en')).toBe(`CLF${NBSP}1.2345`);
  });

  it('write the mail’s total as the payment charges it', () => {
    expect(renderMail('order_confirmation', { ...order, currency: 'HUF' }, 'en', context).text).toContain(`Total: HUF${NBSP}1,500.50`);
    expect(renderMail('order_confirmation', { ...order, currency: 'COP' }, 'en', context).text).toContain(`Total: COP${NBSP}1,500.50`);
    expect(renderMail('order_confirmation', { ...order, currency: 'JPY', grandTotal: 1500 }, 'en', context).text).toContain('Total: ¥1,500');
    expect(renderMail('order_confirmation', { ...order, currency: 'EUR', grandTotal: 2915 }, 'nl', context).text).toContain(`Totaal: €${NBSP}29,15`);
  });
});
