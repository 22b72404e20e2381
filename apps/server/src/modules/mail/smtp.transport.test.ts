import { describe, expect, it } from 'vitest';
import { senderDomain, smtpOptions } from './smtp.transport.ts';

describe('smtpOptions', () => {
  it('reads host, port, TLS mode and URL-encoded credentials from SMTP_URL', () => {
    expect(smtpOptions('smtps://mailer%40shop.example:p%40ss%3Aw%2Ford@smtp.example.com')).toMatchObject({
      host: 'smtp.example.com',
      secure: true,
      auth: { user: 'mailer@shop.example', pass: 'p@ss:w/ord' },
    });
    const plain = smtpOptions('smtp://[::1]:2525');
    expect(plain).toMatchObject({ host: '::1', port: 2525, secure: false });
    expect(plain.auth).toBeUndefined();
  });
});

describe('senderDomain', () => {
  it('takes the domain of the sender address, with or without a name', () => {
    expect(senderDomain('Shop <orders@shop.example>')).toBe('shop.example');
    expect(senderDomain('orders@shop.example')).toBe('shop.example');
  });
});
