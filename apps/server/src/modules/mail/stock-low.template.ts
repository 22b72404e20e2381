import { z } from 'zod';
import { MAIL_PAGES, pageLink } from './mail-links.ts';
import { defineMailTemplate, label } from './mail-template.ts';

export const stockLow = defineMailTemplate(
  z.object({
    storeName: label(),
    productId: label(100),
    productName: label(),
    sku: label(100),
    quantity: z.number().int(),
    threshold: z.number().int().min(0),
  }),
  {
    en: (v, { publicUrl }) => ({
      subject: `Low stock: ${v.productName} (${v.sku})`,
      heading: 'Stock is running low',
      paragraphs: [`${v.productName} (SKU ${v.sku}) in ${v.storeName} is down to ${v.quantity} in stock, at or below your alert level of ${v.threshold}.`],
      action: { label: 'View product', url: pageLink(publicUrl, MAIL_PAGES.product(v.productId)) },
      notes: ['You receive this because low-stock alerts are on for this store.'],
    }),
    de: (v, { publicUrl }) => ({
      subject: `Niedriger Bestand: ${v.productName} (${v.sku})`,
      heading: 'Der Bestand wird knapp',
      paragraphs: [`Von ${v.productName} (SKU ${v.sku}) sind in ${v.storeName} nur noch ${v.quantity} Stück vorrätig; Ihre Warnschwelle liegt bei ${v.threshold}.`],
      action: { label: 'Produkt ansehen', url: pageLink(publicUrl, MAIL_PAGES.product(v.productId)) },
      notes: ['Sie erhalten diese E-Mail, weil Bestandswarnungen für diesen Shop eingeschaltet sind.'],
    }),
    nl: (v, { publicUrl }) => ({
      subject: `Lage voorraad: ${v.productName} (${v.sku})`,
      heading: 'De voorraad raakt op',
      paragraphs: [`Van ${v.productName} (SKU ${v.sku}) zijn in ${v.storeName} nog ${v.quantity} stuks op voorraad; je meldingsdrempel is ${v.threshold}.`],
      action: { label: 'Product bekijken', url: pageLink(publicUrl, MAIL_PAGES.product(v.productId)) },
      notes: ['Je ontvangt dit bericht omdat voorraadmeldingen voor deze winkel aanstaan.'],
    }),
  },
);
