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

describe('error serialization', () => {
  it('logs a failed query with its SQL and cause but without its parameter values', () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
    const failed = Object.assign(new Error('Failed query: select 1 where token = $1\nparams: tok_secret_value'), {
      query: 'select 1 where token = $1',
      params: ['tok_secret_value'],
      cause: new Error('relation "x" does not exist'),
    });
    createLogger('info', sink).error({ err: failed }, 'request failed');
    const out = lines.join('');
    expect(out).not.toContain('tok_secret_value');
    expect(out).toContain('select 1 where token = $1');
    expect(out).toContain('relation \\"x\\" does not exist');
  });
});
