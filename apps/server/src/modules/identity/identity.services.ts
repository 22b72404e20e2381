import type { IdentityDeps } from './identity.deps.ts';
import { createInvitationService } from './invitation.service.ts';
import { createLoginService } from './login.service.ts';
import { createMfaService } from './mfa.service.ts';
import { createPasswordResetService } from './password-reset.service.ts';
import { createSessionService } from './session.service.ts';
import { createStaffSessionService } from './staff-session.service.ts';
import { createStaffService } from './staff.service.ts';

/** Every identity use case, built once over the same deps. */
export function createIdentityServices(deps: IdentityDeps) {
  return {
    login: createLoginService(deps),
    sessions: createSessionService(deps),
    staffSessions: createStaffSessionService(deps),
    passwordReset: createPasswordResetService(deps),
    mfa: createMfaService(deps),
    staff: createStaffService(deps),
    invitations: createInvitationService(deps),
  };
}

export type IdentityServices = ReturnType<typeof createIdentityServices>;
