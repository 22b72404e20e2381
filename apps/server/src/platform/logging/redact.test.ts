import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger } from './logger.ts';
import { REDACTED, redactSecrets } from './redact.ts';

describe('redactSecrets', () => {
  it('masks secret-looking keys at any depth and keeps the rest', () => {
    const out = redactSecrets({
      user: 'ann',
      password: 'hunter2hunter2',
      nested: { apiKey: 'k', api_key: 'k', refreshToken: 't', list: [{ cardNumber: '4242' }] },
      headers: { authorization: 'Bearer x', cookie: 'sid=1' },
    });
    expect(out).toEqual({
      user: 'ann',
      password: REDACTED,
      nested: { apiKey: REDACTED, api_key: REDACTED, refreshToken: REDACTED, list: [{ cardNumber: REDACTED }] },
      headers: { authorization: REDACTED, cookie: REDACTED },
    });
  });

  it('is applied by the logger to every line', () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
    createLogger('info', sink).info({ clientSecret: 's3cr3t', order: 7 }, 'hello');
    expect(lines.join('')).not.toContain('s3cr3t');
    expect(JSON.parse(lines[0]!)).toMatchObject({ order: 7, clientSecret: REDACTED, msg: 'hello' });
  });
});
