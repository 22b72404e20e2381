import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secret-box.ts';
import { deriveKey } from './secret-keys.ts';

describe('secret box (AES-256-GCM)', () => {
  const box = createSecretBox(deriveKey('a-secret-of-some-length-for-tests', 'totp-secret'));

  it('round-trips, with a fresh IV each time', () => {
    const a = box.seal('JBSWY3DPEHPK3PXPJBSWY3DP', 'staff-1');
    expect(a).not.toContain('JBSWY3DP');
    expect(box.seal('JBSWY3DPEHPK3PXPJBSWY3DP', 'staff-1')).not.toBe(a);
    expect(box.open(a, 'staff-1')).toBe('JBSWY3DPEHPK3PXPJBSWY3DP');
  });

  it('refuses another context, a tampered value and another key', () => {
    const sealed = box.seal('secret', 'staff-1');
    expect(() => box.open(sealed, 'staff-2')).toThrow();
    const parts = sealed.split('.');
    parts[2] = Buffer.from('xxxxxx').toString('base64url');
    expect(() => box.open(parts.join('.'), 'staff-1')).toThrow();
    expect(() => createSecretBox(deriveKey('another-secret-of-some-length!!', 'totp-secret')).open(sealed, 'staff-1')).toThrow();
  });
});
