import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { z } from 'zod';
import { deriveKey, keyIdOf } from './secret-keys.ts';

export const ACCESS_TOKEN_AUDIENCE = 'winkel-admin';
export const MFA_TOKEN_AUDIENCE = 'winkel-admin-mfa';
export const CUSTOMER_ACCESS_TOKEN_AUDIENCE = 'winkel-store';
export const ACCESS_TOKEN_SECONDS = 15 * 60;
export const MFA_TOKEN_SECONDS = 5 * 60;
const ALGORITHM = 'HS256';

const accessClaims = z.object({ sub: z.uuid(), tid: z.uuid(), sid: z.uuid() });
const mfaClaims = z.object({ sub: z.uuid(), tid: z.uuid() });

export type AccessClaims = z.infer<typeof accessClaims>;
export type MfaClaims = z.infer<typeof mfaClaims>;

/** Thrown for any token that does not verify: bad signature, algorithm, issuer, audience, kid, claims, or expired. */
export class InvalidToken extends Error {
  override name = 'InvalidToken';
}

export interface StaffTokens {
  signAccess(claims: AccessClaims): Promise<string>;
  verifyAccess(token: string): Promise<AccessClaims>;
  /** Proves the password step of a login with 2FA; it is worth nothing without the code. */
  signMfa(claims: MfaClaims): Promise<string>;
  verifyMfa(token: string): Promise<MfaClaims>;
}

/** One kind of JWT: its own key (and so `kid`), audience, lifetime and claims. */
function jwtCodec<C extends { sub: string }>(key: Buffer, issuer: string, audience: string, seconds: number, schema: z.ZodType<C>) {
  const kid = keyIdOf(key);
  const checkKid = (token: string) => {
    const header = token.split('.')[0] ?? '';
    let found: unknown;
    try {
      found = (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { kid?: unknown }).kid;
    } catch {
      throw new InvalidToken('malformed header');
    }
    if (found !== kid) throw new InvalidToken('unknown key id');
  };
  return {
    sign(claims: C): Promise<string> {
      const { sub, ...extra } = claims;
      return new SignJWT(extra)
        .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT', kid })
        .setIssuer(issuer)
        .setAudience(audience)
        .setSubject(sub)
        .setIssuedAt()
        .setExpirationTime(`${seconds}s`)
        .sign(key);
    },
    async verify(token: string): Promise<C> {
      checkKid(token);
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, key, { algorithms: [ALGORITHM], issuer, audience, requiredClaims: ['exp', 'iat', 'sub'] }));
      } catch (err) {
        if (err instanceof errors.JOSEError || err instanceof TypeError) throw new InvalidToken(err.message);
        throw err;
      }
      const parsed = schema.safeParse(payload);
      if (!parsed.success) throw new InvalidToken('claims missing or malformed');
      return parsed.data;
    },
  };
}

/** HS256 JWTs with keys derived from APP_SECRET; verification pins the algorithm, issuer, audience and key id. */
export function createStaffTokens(appSecret: string, issuer: string): StaffTokens {
  const access = jwtCodec(deriveKey(appSecret, 'staff-access-token'), issuer, ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_SECONDS, accessClaims);
  const mfa = jwtCodec(deriveKey(appSecret, 'staff-mfa-token'), issuer, MFA_TOKEN_AUDIENCE, MFA_TOKEN_SECONDS, mfaClaims);
  return { signAccess: access.sign, verifyAccess: access.verify, signMfa: mfa.sign, verifyMfa: mfa.verify };
}

export interface CustomerTokens {
  signAccess(claims: AccessClaims): Promise<string>;
  verifyAccess(token: string): Promise<AccessClaims>;
}

/**
 * Storefront customers' access tokens: the same rules as staff tokens, with
 * their own key and audience (`winkel-store`), so neither realm's token is
 * accepted by the other's routes.
 */
export function createCustomerTokens(appSecret: string, issuer: string): CustomerTokens {
  const access = jwtCodec(deriveKey(appSecret, 'customer-access-token'), issuer, CUSTOMER_ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_SECONDS, accessClaims);
  return { signAccess: access.sign, verifyAccess: access.verify };
}
