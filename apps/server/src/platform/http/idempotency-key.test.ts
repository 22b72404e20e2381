import { describe, expect, it } from 'vitest';
import { canonicalJson, payloadBytes, readIdempotencyKey, replayableHeaders, requestFingerprint } from './idempotency-key.ts';

describe('readIdempotencyKey', () => {
  it.each([
    ['absent', undefined, { kind: 'absent' }],
    ['a UUID', '0192c0de-7a1b-7c3d-8e4f-001122334455', { kind: 'key', key: '0192c0de-7a1b-7c3d-8e4f-001122334455' }],
    ['255 characters', 'k'.repeat(255), { kind: 'key', key: 'k'.repeat(255) }],
    ['inner spaces', 'order 42 retry', { kind: 'key', key: 'order 42 retry' }],
    ['empty', '', { kind: 'invalid' }],
    ['256 characters', 'k'.repeat(256), { kind: 'invalid' }],
    ['non-ASCII', 'clé', { kind: 'invalid' }],
    ['a control character', 'a\tb', { kind: 'invalid' }],
  ])('%s', (_name, value, expected) => {
    expect(readIdempotencyKey(value === undefined ? {} : { 'idempotency-key': value })).toEqual(expected);
  });

  it('refuses the header sent twice as an array', () => {
    expect(readIdempotencyKey({ 'idempotency-key': ['a', 'b'] as unknown as string })).toEqual({ kind: 'invalid' });
  });
});

describe('requestFingerprint', () => {
  const base = { params: { id: '1' }, query: {}, body: { quantity: 2, variantId: 'v', nested: { b: 1, a: [1, { y: 2, x: 1 }] } } };

  it('ignores the order of object keys, at every depth', () => {
    const reordered = { query: {}, body: { nested: { a: [1, { x: 1, y: 2 }], b: 1 }, variantId: 'v', quantity: 2 }, params: { id: '1' } };
    expect(requestFingerprint(reordered)).toBe(requestFingerprint(base));
  });

  it.each([
    ['a value', { ...base, body: { ...base.body, quantity: 3 } }],
    ['the order of an array', { ...base, body: { ...base.body, nested: { b: 1, a: [{ y: 2, x: 1 }, 1] } } }],
    ['a path parameter', { ...base, params: { id: '2' } }],
    ['the query', { ...base, query: { dryRun: 'true' } }],
    ['a number sent as a string', { ...base, body: { ...base.body, quantity: '2' } }],
  ])('changes with %s', (_name, other) => {
    expect(requestFingerprint(other)).not.toBe(requestFingerprint(base));
  });

  it('is a sha-256 in hex', () => {
    expect(requestFingerprint(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('writes canonical JSON', () => {
    expect(canonicalJson({ b: [2, undefined], a: 'x', c: undefined })).toBe('{"a":"x","b":[2,null]}');
  });
});

describe('replayableHeaders and payloadBytes', () => {
  it('keeps only the headers that describe the stored body', () => {
    const kept = replayableHeaders({ 'content-type': 'application/json; charset=utf-8', location: '/x', 'x-request-id': 'r1', 'ratelimit-remaining': 5, 'content-length': 10 });
    expect(kept).toEqual({ 'content-type': 'application/json; charset=utf-8', location: '/x' });
  });

  it('takes strings as UTF-8 bytes, buffers as they are, nothing as empty, and refuses streams', async () => {
    expect(payloadBytes('{"name":"Müller"}')).toEqual(Buffer.from('{"name":"Müller"}', 'utf8'));
    expect(payloadBytes(Buffer.from([1, 2]))).toEqual(Buffer.from([1, 2]));
    expect(payloadBytes(undefined)).toEqual(Buffer.alloc(0));
    const { Readable } = await import('node:stream');
    expect(payloadBytes(Readable.from(['x']))).toBeNull();
  });
});
