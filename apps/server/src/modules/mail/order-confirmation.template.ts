import { z } from 'zod';
import { currencyExponent } from '../../platform/money.ts';
import { defineMailTemplate, label } from './mail-template.ts';

const amount = z.number().int().min(0);

/**
 * An amount in minor units written as the reader's locale writes its currency (1999 EUR → €19.99,
 * 1500 JPY → ¥1,500, 150050 HUF → HUF 1,500.50). The decimals are the ISO 4217 exponent, the one
 * payments charge by, not the runtime's ICU digits, which drop the forint's fillér.
 */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const digits = currencyExponent(currency);
  return moneyFormat(locale, currency, digits).format(minor / 10 ** digits);
}

/** Formatters by locale and currency: building one costs far more than using it, and a mail uses one for every amount. */
const formats = new Map<string, Intl.NumberFormat>();
const MAX_FORMATS = 500;

function moneyFormat(locale: string, currency: string, digits: number): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
    if (formats.size >= MAX_FORMATS) formats.clear();
    formats.set(key, format);
  }
  return format;
}

export const orderConfirmation = defineMailTemplate(
  z.object({
    storeName: label(),
    customerName: label(),
    orderNumber: z.number().int().min(1),
    currency: z.string().regex(/^[A-Z]{3}$/),
    paymentMethod: z.enum(['manual', 'cash_on_delivery', 'stripe', 'mollie']),
    lines: z.array(z.object({ name: label(), sku: label(100), quantity: z.number().int().min(1), total: amount })).min(1).max(500),
    subtotal: amount,
    discount: amount,
    shipping: amount,
    tax: amount,
    grandTotal: amount,
  }),
  {
    en: (v) => {
      const m = (n: number) => formatMoney(n, v.currency, 'en');
      return {
        subject: `Your order #${v.orderNumber} at ${v.storeName}`,
        heading: `Thank you for your order, ${v.customerName}`,
        paragraphs: [
          `We have received order #${v.orderNumber}:`,
          ...v.lines.map((l) => `${l.quantity} × ${l.name} (${l.sku}): ${m(l.total)}`),
          `Subtotal ${m(v.subtotal)}; discount ${m(v.discount)}; shipping ${m(v.shipping)}; of which tax ${m(v.tax)}.`,
          `Total: ${m(v.grandTotal)}`,
          v.paymentMethod === 'cash_on_delivery' ? 'You pay the courier on delivery.' : v.paymentMethod === 'manual' ? 'We will tell you how to pay.' : 'You pay online; we confirm once the payment arrives.',
        ],
        notes: [`You receive this because you placed an order at ${v.storeName}.`],
      };
    },
    de: (v) => {
      const m = (n: number) => formatMoney(n, v.currency, 'de');
      return {
        subject: `Ihre Bestellung Nr. ${v.orderNumber} bei ${v.storeName}`,
        heading: `Vielen Dank für Ihre Bestellung, ${v.customerName}`,
        paragraphs: [
          `Wir haben Ihre Bestellung Nr. ${v.orderNumber} erhalten:`,
          ...v.lines.map((l) => `${l.quantity} × ${l.name} (${l.sku}): ${m(l.total)}`),
          `Zwischensumme ${m(v.subtotal)}; Rabatt ${m(v.discount)}; Versand ${m(v.shipping)}; darin Steuer ${m(v.tax)}.`,
          `Gesamt: ${m(v.grandTotal)}`,
          v.paymentMethod === 'cash_on_delivery' ? 'Sie bezahlen bei Lieferung an den Boten.' : v.paymentMethod === 'manual' ? 'Wir teilen Ihnen mit, wie Sie bezahlen können.' : 'Sie bezahlen online; wir bestätigen, sobald die Zahlung eingegangen ist.',
        ],
        notes: [`Sie erhalten diese E-Mail, weil Sie bei ${v.storeName} bestellt haben.`],
      };
    },
    nl: (v) => {
      const m = (n: number) => formatMoney(n, v.currency, 'nl');
      return {
        subject: `Je bestelling #${v.orderNumber} bij ${v.storeName}`,
        heading: `Bedankt voor je bestelling, ${v.customerName}`,
        paragraphs: [
          `We hebben bestelling #${v.orderNumber} ontvangen:`,
          ...v.lines.map((l) => `${l.quantity} × ${l.name} (${l.sku}): ${m(l.total)}`),
          `Subtotaal ${m(v.subtotal)}; korting ${m(v.discount)}; verzending ${m(v.shipping)}; waarvan btw ${m(v.tax)}.`,
          `Totaal: ${m(v.grandTotal)}`,
          v.paymentMethod === 'cash_on_delivery' ? 'Je betaalt de bezorger bij aflevering.' : v.paymentMethod === 'manual' ? 'We laten je weten hoe je kunt betalen.' : 'Je betaalt online; we bevestigen zodra de betaling binnen is.',
        ],
        notes: [`Je ontvangt dit bericht omdat je bij ${v.storeName} hebt besteld.`],
      };
    },
  },
);
