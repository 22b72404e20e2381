import { describe, expect, it } from 'vitest';
import { MAIL_TYPES, mailTemplates, renderMail, type MailType, type ParsedMailVariables } from './mail-catalog.ts';
import { MAIL_LOCALES, resolveMailLocale } from './mail-locale.ts';

const context = { publicUrl: 'https://shop.example.com' };
const hostile = `<script>alert("x")</script> & 'Co'`;

const samples: ParsedMailVariables = {
  staff_invitation: { storeName: hostile, inviterName: 'Ann', token: 'tok/en+1=', expiresInHours: 72 },
  password_reset: { name: hostile, token: 'reset-token', expiresInMinutes: 30 },
  email_verification: { name: hostile, token: 'verify-token', expiresInHours: 1 },
  login_code: { code: '482913', expiresInMinutes: 10 },
  stock_low: { storeName: hostile, productId: 'p/1', productName: hostile, sku: 'SKU-1', quantity: 2, threshold: 5 },
  order_confirmation: {
    storeName: hostile, customerName: hostile, orderNumber: 7, currency: 'EUR', paymentMethod: 'manual',
    lines: [{ name: hostile, sku: 'SKU-1', quantity: 2, total: 2420 }], subtotal: 2420, discount: 0, shipping: 495, tax: 506, grandTotal: 2915,
  },
};

const render = <T extends MailType>(type: T, locale: (typeof MAIL_LOCALES)[number]) => renderMail(type, samples[type], locale, context);

describe('mail templates', () => {
  it('render every type in every shipped locale, each in its own words, with text and HTML parts', () => {
    for (const type of MAIL_TYPES) {
      const subjects = new Set<string>();
      for (const locale of MAIL_LOCALES) {
        const mail = render(type, locale);
        expect(mail.locale).toBe(locale);
        expect(mail.subject).not.toMatch(/[\r\n]/);
        expect(mail.text.length).toBeGreaterThan(20);
        expect(mail.html).toContain(`<html lang="${locale}">`);
        subjects.add(mail.subject);
      }
      expect(subjects.size, type).toBe(MAIL_LOCALES.length);
    }
  });

  it('escape every variable in the HTML part and leave the text part as written', () => {
    for (const type of ['staff_invitation', 'password_reset', 'email_verification', 'stock_low', 'order_confirmation'] as const) {
      const mail = render(type, 'en');
      expect(mail.html, type).not.toContain('<script>');
      expect(mail.html, type).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Co&#39;');
      expect(mail.text, type).toContain(hostile);
    }
  });

  it('build links from the public URL, with tokens encoded in the fragment', () => {
    const invitation = render('staff_invitation', 'de');
    const link = 'https://shop.example.com/admin/accept-invitation#token=tok%2Fen%2B1%3D';
    expect(invitation.text).toContain(`Einladung annehmen: ${link}`);
    expect(invitation.html).toContain(`href="${link}"`);
    expect(render('stock_low', 'nl').text).toContain('https://shop.example.com/admin/products/p%2F1');
  });

  it('write an order confirmation with its lines and totals in the currency of the order', () => {
    expect(render('order_confirmation', 'en').text).toContain('2 × ');
    expect(render('order_confirmation', 'en').text).toContain('Total: €29.15');
    expect(render('order_confirmation', 'de').text).toContain('29,15');
    expect(renderMail('order_confirmation', { ...samples.order_confirmation, currency: 'JPY', grandTotal: 1500 }, 'en', context).text).toContain('Total: ¥1,500');
  });

  it('keep a login code out of the subject', () => {
    const mail = render('login_code', 'en');
    expect(mail.subject).not.toContain('482913');
    expect(mail.text).toContain('482913');
  });

  it('fall back to English for a locale a template has no wording for', () => {
    const { de: _dropped, ...rest } = mailTemplates.login_code.locales;
    const original = mailTemplates.login_code.locales;
    mailTemplates.login_code.locales = rest;
    try {
      const mail = render('login_code', 'de');
      expect(mail.locale).toBe('en');
      expect(mail.subject).toBe('Your login code');
      expect(mail.html).toContain('<html lang="en">');
    } finally {
      mailTemplates.login_code.locales = original;
    }
  });
});

describe('resolveMailLocale', () => {
  it('maps a requested locale to a supported one, English otherwise', () => {
    expect(['de', 'de-AT', 'DE_ch', 'nl-BE', 'en-GB', 'fr', '', undefined, null].map(resolveMailLocale)).toEqual(['de', 'de', 'de', 'nl', 'en', 'en', 'en', 'en', 'en']);
  });
});

describe('password reset links', () => {
  it('send staff to the admin and shoppers to their account pages', () => {
    const staff = renderMail('password_reset', { token: 'tok-abcdefgh', expiresInMinutes: 30 }, 'en', context);
    const shopper = renderMail('password_reset', { token: 'tok-abcdefgh', expiresInMinutes: 30, realm: 'customer' }, 'en', context);
    expect(staff.text).toContain(`${context.publicUrl}/admin/reset-password#token=tok-abcdefgh`);
    expect(shopper.text).toContain(`${context.publicUrl}/account/reset-password#token=tok-abcdefgh`);
  });
});
