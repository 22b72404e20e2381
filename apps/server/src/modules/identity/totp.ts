import { lazyModule } from '../../platform/lazy-module.ts';

/** Only staff with 2FA need otplib. */
const otplib = lazyModule<typeof import('otplib')>(import.meta.url, 'otplib');

/** RFC 6238 with the authenticator-app defaults: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD_SECONDS = 30;

export function newTotpSecret(): string {
  return otplib().generateSecret({ length: 20 });
}

export function totpUri(secret: string, issuer: string, account: string): string {
  return otplib().generateURI({ issuer, label: account, secret, period: TOTP_PERIOD_SECONDS, digits: 6, algorithm: 'sha1' });
}

export function looksLikeTotpCode(code: string): boolean {
  return /^\d{6}$/.test(code);
}

/**
 * The time step a code belongs to when it is valid now (±1 step of clock
 * drift) and later than `lastStep`, the step last accepted; null otherwise. A
 * code is therefore accepted at most once.
 */
export async function acceptTotp(secret: string, code: string, lastStep: number | null): Promise<number | null> {
  if (!looksLikeTotpCode(code)) return null;
  try {
    const result = await otplib().verify({
      secret,
      token: code,
      period: TOTP_PERIOD_SECONDS,
      epochTolerance: TOTP_PERIOD_SECONDS,
      ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  } catch {
    return null;
  }
}
