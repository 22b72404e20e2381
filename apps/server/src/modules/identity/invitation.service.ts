import { uuidv7 } from 'uuidv7';
import type { Ctx } from '../../platform/context.ts';
import { inTransaction } from '../../platform/db/transaction.ts';
import { DomainError } from '../../platform/errors.ts';
import { queueMail } from '../mail/index.ts';
import { recordAudit, type AuditOrigin, type Role } from '../security/index.ts';
import { findStoreById } from '../tenancy/index.ts';
import { normaliseEmail } from './identity-context.ts';
import type { IdentityDeps } from './identity.deps.ts';
import { closeInvitation, findOpenInvitation, insertInvitation, listOpenInvitations, revokeOpenInvitationsFor, type InvitationRow } from './invitation.repository.ts';
import { findOneTimeTokenTenant, insertOneTimeToken, lockOneTimeToken, markOneTimeTokenUsed } from './one-time-token.repository.ts';
import { pageOf, type Page, type PageQuery } from '../../platform/http/pagination.ts';
import { tokenInvalid } from './password-reset.service.ts';
import { assertPasswordPolicy } from './password-policy.ts';
import { newOpaqueToken, sha256Hex } from './secret-keys.ts';
import { findStaffByEmail, findStaffById, insertStaff } from './staff.repository.ts';
import { staffView, type StaffView } from './staff.service.ts';

export const INVITATION_HOURS = 7 * 24;

export interface InvitationView {
  id: string;
  email: string;
  role: string;
  createdAt: string;
}

const view = (row: InvitationRow): InvitationView => ({ id: row.id, email: row.email, role: row.role, createdAt: row.createdAt.toISOString() });
const emailTaken = () => new DomainError('STAFF_EMAIL_TAKEN', 'Someone on the staff already uses this email.', [{ path: 'body.email', message: 'is taken' }]);

export function createInvitationService(deps: IdentityDeps) {
  const { db } = deps;
  const storeOf = (ctx: Ctx) => ctx.tenantId!;

  return {
    /** Mails a single-use link (7 days) to join with the given role; only owners invite owners. */
    invite(ctx: Ctx, input: { email: string; role: Role }, origin: AuditOrigin): Promise<InvitationView> {
      const tenantId = storeOf(ctx);
      const email = normaliseEmail(input.email);
      return inTransaction(db, { tenantId }, async (tx) => {
        const inviter = ctx.actor.kind === 'staff' ? await findStaffById(tx, tenantId, ctx.actor.id) : undefined;
        if (input.role === 'owner' && inviter?.role !== 'owner') throw new DomainError('STAFF_OWNER_ONLY_FORBIDDEN', 'Only an owner can invite an owner.');
        if (await findStaffByEmail(tx, tenantId, email)) throw emailTaken();
        await revokeOpenInvitationsFor(tx, tenantId, email);
        const invitation = await insertInvitation(tx, { id: uuidv7(), tenantId, email, role: input.role, invitedBy: inviter?.id ?? null });
        const token = newOpaqueToken();
        await insertOneTimeToken(tx, {
          id: uuidv7(),
          tenantId,
          purpose: 'staff_invitation',
          subjectType: 'invitation',
          subjectId: invitation.id,
          tokenHash: sha256Hex(token),
          expiresAt: new Date(Date.now() + INVITATION_HOURS * 3_600_000),
        });
        const store = await findStoreById(tx, tenantId);
        await queueMail(tx, deps.jobQueue, {
          type: 'staff_invitation',
          to: email,
          locale: store?.locale ?? 'en',
          tenantId,
          variables: { storeName: store?.name ?? 'Winkel', inviterName: inviter?.name ?? `The ${store?.name ?? 'store'} team`, token, expiresInHours: INVITATION_HOURS },
        });
        await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'staff.invited', targetType: 'invitation', targetId: invitation.id, changes: { after: { email, role: input.role } } });
        return view(invitation);
      });
    },

    list(ctx: Ctx, page: PageQuery): Promise<Page<InvitationView>> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => pageOf(await listOpenInvitations(tx, tenantId, { limit: page.limit + 1, after: page.cursor }), page.limit, view));
    },

    revoke(ctx: Ctx, id: string, origin: AuditOrigin): Promise<void> {
      const tenantId = storeOf(ctx);
      return inTransaction(db, { tenantId }, async (tx) => {
        const invitation = await findOpenInvitation(tx, tenantId, id);
        if (!invitation) throw new DomainError('STAFF_INVITATION_NOT_FOUND', 'There is no open invitation with this id.');
        await closeInvitation(tx, tenantId, id, 'revoked');
        await recordAudit(tx, { ...origin, tenantId, actor: ctx.actor, action: 'staff.invitation_revoked', targetType: 'invitation', targetId: id, changes: { before: { email: invitation.email, role: invitation.role } } });
      });
    },

    /** The invited person names themselves and chooses a password; the link is spent. */
    async accept(ctx: Ctx, input: { token: string; name: string; password: string }, origin: AuditOrigin): Promise<StaffView> {
      assertPasswordPolicy(input.password, 'body.password');
      const tokenHash = sha256Hex(input.token);
      const tenantId = await inTransaction(db, { tenantId: null, platform: true }, (tx) => findOneTimeTokenTenant(tx, tokenHash));
      if (!tenantId) throw tokenInvalid();
      const passwordHash = await deps.passwords.hash(input.password);
      return inTransaction(db, { tenantId }, async (tx) => {
        const token = await lockOneTimeToken(tx, tenantId, tokenHash);
        if (!token || token.usedAt || token.expiresAt.getTime() <= Date.now() || token.purpose !== 'staff_invitation') throw tokenInvalid();
        const invitation = await findOpenInvitation(tx, tenantId, token.subjectId);
        if (!invitation) throw tokenInvalid();
        assertPasswordPolicy(input.password, 'body.password', invitation.email);
        if (await findStaffByEmail(tx, tenantId, invitation.email)) throw emailTaken();
        const staff = await insertStaff(tx, { id: uuidv7(), tenantId, email: invitation.email, name: input.name, role: invitation.role, passwordHash, passwordChangedAt: new Date() });
        await markOneTimeTokenUsed(tx, tenantId, token.id);
        await closeInvitation(tx, tenantId, invitation.id, 'accepted');
        await recordAudit(tx, { ...origin, tenantId, actor: { kind: 'staff', id: staff.id }, action: 'staff.invitation_accepted', targetType: 'staff', targetId: staff.id, changes: { after: { email: staff.email, role: staff.role, invitationId: invitation.id } } });
        return staffView(staff);
      });
    },
  };
}

export type InvitationService = ReturnType<typeof createInvitationService>;
