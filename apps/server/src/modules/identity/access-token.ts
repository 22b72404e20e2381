import { errors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { z } from 'zod';
import { deriveKey, keyIdOf } from './secret-keys.ts';

export const ACCESS_TOKEN_AUDIENCE = 'winkel-admin';
export const MFA_TOKEN_AUDIENCE = 'winkel-admin-mfa';
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

/** HS256 JWTs with keys derived from APP_SECRET; verification pins the algorithm, issuer, audience and key id. */
export function createStaffTokens(appSecret: string, issuer: string): StaffTokens {
  const purposes = {
    [ACCESS_TOKEN_AUDIENCE]: { key: deriveKey(appSecret, 'staff-access-token'), seconds: ACCESS_TOKEN_SECONDS },
    [MFA_TOKEN_AUDIENCE]: { key: deriveKey(appSecret, 'staff-mfa-token'), seconds: MFA_TOKEN_SECONDS },
  };
  type Audience = keyof typeof purposes;

  const sign = (audience: Audience, subject: string, extra: Record<string, string>) => {
    const { key, seconds } = purposes[audience];
    return new SignJWT(extra)
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT', kid: keyIdOf(key) })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject(subject)
      .setIssuedAt()
      .setExpirationTime(`${seconds}s`)
      .sign(key);
  };

  const check = async <T>(audience: Audience, token: string, schema: z.ZodType<T>): Promise<T> => {
    const { key } = purposes[audience];
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
  };

  const kids = new Map(Object.entries(purposes).map(([aud, p]) => [aud, keyIdOf(p.key)]));
  const checkKid = (audience: Audience, token: string) => {
    const header = token.split('.')[0] ?? '';
    let kid: unknown;
    try {
      kid = (JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { kid?: unknown }).kid;
    } catch {
      throw new InvalidToken('malformed header');
    }
    if (kid !== kids.get(audience)) throw new InvalidToken('unknown key id');
  };

  return {
    signAccess: (c) => sign(ACCESS_TOKEN_AUDIENCE, c.sub, { tid: c.tid, sid: c.sid }),
    verifyAccess: async (token) => {
      checkKid(ACCESS_TOKEN_AUDIENCE, token);
      return check(ACCESS_TOKEN_AUDIENCE, token, accessClaims);
    },
    signMfa: (c) => sign(MFA_TOKEN_AUDIENCE, c.sub, { tid: c.tid }),
    verifyMfa: async (token) => {
      checkKid(MFA_TOKEN_AUDIENCE, token);
      return check(MFA_TOKEN_AUDIENCE, token, mfaClaims);
    },
  };
}
