/** The identity module: staff sign-in, sessions, 2FA, password reset, invitations and staff management. Other modules import from here only. */
export { identityRoutes } from './identity.routes.ts';
export { createIdentityDeps, type ClientInfo, type IdentityDeps } from './identity.deps.ts';
export { createIdentityServices, type IdentityServices } from './identity.services.ts';
export { createStaffTokenVerifier } from './staff-token.verifier.ts';
export { ownerAccounts, type CreateOwnerAccount, type OwnerAccount, type OwnerAccountInput } from './owner-account.ts';
export { REFRESH_COOKIE, REFRESH_COOKIE_PATH } from './http-context.ts';
// The storefront customer realm (modules/customers) builds on these primitives.
export { ACCESS_TOKEN_SECONDS, createCustomerTokens, InvalidToken, CUSTOMER_ACCESS_TOKEN_AUDIENCE, type CustomerTokens } from './access-token.ts';
export { assertPasswordPolicy, MAX_PASSWORD_LENGTH } from './password-policy.ts';
export { afterFailedAttempt, invalidCredentials, ipBlockedError, lockedError, openAttempt } from './login-guard.ts';
export { markAttemptSucceeded } from './login-attempt.repository.ts';
export { startSession, rotateRefreshToken, REFRESH_TOKEN_DAYS, type IssuedTokens } from './session.service.ts';
export { findRefreshTokenTenant, findSubjectSession, revokeAllSessions, revokeSession } from './session.repository.ts';
export { countOneTimeTokenAttempt, insertOneTimeToken, lockLatestOneTimeToken, lockOneTimeToken, markOneTimeTokenUsed, retireOneTimeTokens } from './one-time-token.repository.ts';
export { deriveKey, hmacHex, newOpaqueToken, sameText, sha256Hex } from './secret-keys.ts';
export { createSecretBox, type SecretBox } from './secret-box.ts';
export { auditBase, normaliseEmail, normaliseIp } from './identity-context.ts';
export { customers as customersTable, customerAddresses as customerAddressesTable } from './identity.tables.ts';
export { listActiveStaffEmails } from './staff.repository.ts';
export { findStaffById } from './staff.repository.ts';
