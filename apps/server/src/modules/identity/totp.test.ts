import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { acceptTotp, newTotpSecret } from './totp.ts';

const at = (secret: string, offsetSteps: number) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + offsetSteps * 30 });

describe('TOTP (RFC 6238, 30 s, ±1 step)', () => {
  it('accepts the current and neighbouring steps, not two steps away', async () => {
    const secret = newTotpSecret();
    expect(await acceptTotp(secret, await at(secret, 0), null)).toEqual(expect.any(Number));
    expect(await acceptTotp(secret, await at(secret, -1), null)).toEqual(expect.any(Number));
    expect(await acceptTotp(secret, await at(secret, 1), null)).toEqual(expect.any(Number));
    const far = await at(secret, 3);
    const near = await Promise.all([-1, 0, 1].map((o) => at(secret, o)));
    if (!near.includes(far)) expect(await acceptTotp(secret, far, null)).toBeNull();
  });

  it('refuses a step at or before the last accepted one (no replay)', async () => {
    const secret = newTotpSecret();
    const code = await at(secret, 0);
    const step = (await acceptTotp(secret, code, null))!;
    expect(await acceptTotp(secret, code, step)).toBeNull();
    expect(await acceptTotp(secret, await at(secret, -1), step)).toBeNull();
    expect(await acceptTotp(secret, await at(secret, 1), step)).toBe(step + 1);
  });

  it('refuses malformed codes', async () => {
    const secret = newTotpSecret();
    for (const code of ['', '12345', '1234567', 'abcdef']) expect(await acceptTotp(secret, code, null)).toBeNull();
  });
});
