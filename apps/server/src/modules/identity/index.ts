/** The identity module: staff sign-in, sessions, 2FA, password reset, invitations and staff management. Other modules import from here only. */
export { identityRoutes } from './identity.routes.ts';
export { createIdentityDeps, type ClientInfo, type IdentityDeps } from './identity.deps.ts';
export { createIdentityServices, type IdentityServices } from './identity.services.ts';
export { createStaffTokenVerifier } from './staff-token.verifier.ts';
export { ownerAccounts, type CreateOwnerAccount, type OwnerAccount, type OwnerAccountInput } from './owner-account.ts';
export { REFRESH_COOKIE, REFRESH_COOKIE_PATH } from './http-context.ts';
