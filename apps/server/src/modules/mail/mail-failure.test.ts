import { describe, expect, it } from 'vitest';
import { isPermanentSmtpFailure, MailDeliveryError, toDeliveryError } from './mail-failure.ts';

const smtpError = (fields: Record<string, unknown>) => Object.assign(new Error('Message failed'), fields);

describe('isPermanentSmtpFailure', () => {
  it('gives up on 5xx replies and on an envelope without usable recipients', () => {
    expect(isPermanentSmtpFailure(smtpError({ code: 'EMESSAGE', responseCode: 550 }))).toBe(true);
    expect(isPermanentSmtpFailure(smtpError({ code: 'EENVELOPE', responseCode: 553 }))).toBe(true);
    expect(isPermanentSmtpFailure(smtpError({ code: 'EENVELOPE' }))).toBe(true);
    expect(isPermanentSmtpFailure(smtpError({ responseCode: 554, permanent: true }))).toBe(true);
  });

  it('retries 4xx replies, 503, connection failures, timeouts and failed logins', () => {
    for (const fields of [
      { code: 'EMESSAGE', responseCode: 451 },
      { code: 'EENVELOPE', responseCode: 450 },
      { code: 'EPROTOCOL', responseCode: 503 },
      { code: 'ECONNECTION' },
      { code: 'ESOCKET', errno: -111 },
      { code: 'ETIMEDOUT' },
      { code: 'EAUTH', responseCode: 535, permanent: true },
      { code: 'EENVELOPE', responseCode: 530 },
    ]) {
      expect(isPermanentSmtpFailure(smtpError(fields)), JSON.stringify(fields)).toBe(false);
    }
    expect(isPermanentSmtpFailure('a string')).toBe(false);
  });
});

describe('toDeliveryError', () => {
  it('keeps the first line of the reason and says whether it is permanent', () => {
    const err = toDeliveryError(smtpError({ responseCode: 550, message: 'Message failed: 550 mailbox unavailable\nmore' }));
    expect(err).toBeInstanceOf(MailDeliveryError);
    expect(err).toMatchObject({ permanent: true, message: 'permanent delivery failure: Message failed: 550 mailbox unavailable' });
    expect(toDeliveryError(smtpError({ code: 'ECONNECTION' })).message).toMatch(/^temporary delivery failure/);
  });
});
