import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../app.ts';
import { addStaff, auditActions, login, makeStore, PASSWORD, queuedMails, signIn, type StoreFixture } from './staff-fixtures.ts';

let t: TestApp;
let a: StoreFixture;
let b: StoreFixture;
let ownerA: Record<string, string>;
let adminA: Record<string, string>;
let adminId: string;
let viewerId: string;
let ownerB: Record<string, string>;

beforeAll(async () => {
  t = await buildTestApp();
  [a, b] = [await makeStore(t, 'staff-a'), await makeStore(t, 'staff-b')];
  adminId = await addStaff(t, a.storeId, 'admin@staff-a.test', 'admin');
  viewerId = await addStaff(t, a.storeId, 'viewer@staff-a.test', 'viewer');
  ownerA = (await signIn(t, a.handle, a.ownerEmail)).auth;
  adminA = (await signIn(t, a.handle, 'admin@staff-a.test')).auth;
  ownerB = (await signIn(t, b.handle, b.ownerEmail)).auth;
});
afterAll(() => t.close());

const req = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, headers: Record<string, string>, payload?: Record<string, unknown>) =>
  t.app.inject({ method, url: `/api/v1/admin${url}`, headers, ...(payload ? { payload } : {}) });

describe('staff management', () => {
  it('lists staff page by page', async () => {
    const first = await req('GET', '/staff?limit=2', ownerA);
    expect(first.statusCode).toBe(200);
    const body = first.json() as { data: Array<{ id: string }>; nextCursor: string };
    expect(body.data).toHaveLength(2);
    const rest = (await req('GET', `/staff?limit=2&cursor=${body.nextCursor}`, ownerA)).json() as { data: Array<{ id: string }>; nextCursor: null };
    expect(rest.data).toHaveLength(1);
    expect(rest.nextCursor).toBeNull();
    expect((await req('GET', '/staff?cursor=garbage', ownerA)).statusCode).toBe(422);
  });

  it('only an owner can make an owner; an admin can change other roles', async () => {
    const byAdmin = await req('PUT', `/staff/${viewerId}/role`, adminA, { role: 'owner' });
    expect(byAdmin.statusCode).toBe(403);
    expect(byAdmin.json().code).toBe('STAFF_OWNER_ONLY_FORBIDDEN');
    expect((await req('PUT', `/staff/${viewerId}/role`, adminA, { role: 'cashier' })).json().role).toBe('cashier');
    expect((await req('PUT', `/staff/${viewerId}/role`, ownerA, { role: 'owner' })).json().role).toBe('owner');
    const demoteByAdmin = await req('PUT', `/staff/${viewerId}/role`, adminA, { role: 'viewer' });
    expect(demoteByAdmin.statusCode).toBe(403);
    expect((await req('PUT', `/staff/${viewerId}/role`, ownerA, { role: 'viewer' })).json().role).toBe('viewer');
    expect(await auditActions(t, a.storeId)).toContain('staff.role_changed');
  });

  it('nobody changes their own role, and the last owner cannot be demoted or disabled', async () => {
    const self = await req('PUT', `/staff/${adminId}/role`, adminA, { role: 'manager' });
    expect(self.json().code).toBe('STAFF_SELF_FORBIDDEN');
    expect((await req('PUT', `/staff/${a.ownerId}/role`, ownerA, { role: 'admin' })).json().code).toBe('STAFF_SELF_FORBIDDEN');
    const second = await addStaff(t, a.storeId, 'owner2@staff-a.test', 'owner');
    const owner2 = (await signIn(t, a.handle, 'owner2@staff-a.test')).auth;
    expect((await req('PUT', `/staff/${a.ownerId}/role`, owner2, { role: 'admin' })).statusCode).toBe(200);
    const last = await req('PUT', `/staff/${second}/role`, ownerA, { role: 'admin' });
    expect(last.statusCode).toBe(403); // ownerA is an admin now
    expect((await req('PUT', `/staff/${a.ownerId}/role`, owner2, { role: 'owner' })).statusCode).toBe(200);
    await req('PUT', `/staff/${second}/role`, ownerA, { role: 'admin' });
    const lastOwner = await req('POST', `/staff/${a.ownerId}/disable`, owner2, {});
    expect(lastOwner.statusCode).toBe(403); // owner2 is no longer an owner
  });

  it('refuses power fields in bodies (mass assignment): role on a profile, tenantId anywhere', async () => {
    const profile = await req('PATCH', `/staff/${viewerId}`, ownerA, { name: 'Vera', role: 'owner' });
    expect(profile.statusCode).toBe(422);
    expect(profile.json().code).toBe('VALIDATION_FAILED');
    expect((await req('PATCH', '/auth/me', adminA, { name: 'Me', role: 'owner' })).statusCode).toBe(422);
    expect((await req('PUT', `/staff/${viewerId}/role`, ownerA, { role: 'admin', tenantId: b.storeId })).statusCode).toBe(422);
    expect((await req('POST', '/staff-invitations', ownerA, { email: 'x@y.test', role: 'viewer', tenantId: b.storeId })).statusCode).toBe(422);
    expect((await req('PATCH', '/store', ownerA, { name: 'A', tenantId: b.storeId })).statusCode).toBe(422);
    expect((await req('PATCH', '/store', ownerA, { settings: { requireMfaForAdmins: false, owner: true } })).statusCode).toBe(422);
    const viewer = (await signIn(t, a.handle, 'viewer@staff-a.test')).auth;
    expect((await req('PUT', `/staff/${viewerId}/role`, viewer, { role: 'owner' })).statusCode).toBe(403);
    const ok = await req('PATCH', `/staff/${viewerId}`, ownerA, { name: 'Vera' });
    expect(ok.json()).toMatchObject({ name: 'Vera', role: 'viewer' });
  });

  it('two owners demoting each other at once: one wins, the store keeps an owner', async () => {
    const shop = await makeStore(t, 'duel-shop');
    const otherId = await addStaff(t, shop.storeId, 'owner2@duel-shop.test', 'owner');
    const [o1, o2] = [(await signIn(t, shop.handle, shop.ownerEmail)).auth, (await signIn(t, shop.handle, 'owner2@duel-shop.test')).auth];
    const results = await Promise.all([
      req('PUT', `/staff/${otherId}/role`, o1, { role: 'admin' }),
      req('PUT', `/staff/${shop.ownerId}/role`, o2, { role: 'admin' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 403]);
    const { rows } = await t.database.pool.query(`select count(*)::int as n from staff_users where tenant_id = $1 and role = 'owner'`, [shop.storeId]);
    expect(rows[0].n).toBe(1);
  });

  it("disabling someone ends their sessions and their sign-in", async () => {
    const cashierId = await addStaff(t, a.storeId, 'cashier@staff-a.test', 'cashier');
    const cashier = (await signIn(t, a.handle, 'cashier@staff-a.test')).auth;
    expect((await req('POST', `/staff/${cashierId}/disable`, adminA, {})).json().status).toBe('disabled');
    expect((await req('GET', '/auth/me', cashier)).statusCode).toBe(401);
    expect((await login(t, { store: a.handle, email: 'cashier@staff-a.test', password: PASSWORD })).statusCode).toBe(401);
    expect((await req('POST', `/staff/${cashierId}/enable`, adminA, {})).json().status).toBe('active');
  });

  it("owners list and end anyone's sessions; admins may not", async () => {
    const viewer = await signIn(t, a.handle, 'viewer@staff-a.test');
    const list = await req('GET', `/staff/${viewerId}/sessions`, ownerA);
    expect(list.statusCode).toBe(200);
    const sid = (list.json() as { data: Array<{ id: string }> }).data[0]!.id;
    expect((await req('GET', `/staff/${viewerId}/sessions`, adminA)).json().code).toBe('STAFF_OWNER_ONLY_FORBIDDEN');
    expect((await req('DELETE', `/staff/${viewerId}/sessions/${sid}`, adminA)).statusCode).toBe(403);
    const sessions = (await req('GET', `/staff/${viewerId}/sessions?limit=100`, ownerA)).json() as { data: Array<{ id: string }> };
    for (const s of sessions.data) expect((await req('DELETE', `/staff/${viewerId}/sessions/${s.id}`, ownerA)).statusCode).toBe(204);
    expect((await req('GET', '/auth/me', viewer.auth)).statusCode).toBe(401);
    expect(await auditActions(t, a.storeId)).toContain('staff.session_revoked');
  });

  it("answers 404 for another store's staff, sessions and invitations", async () => {
    const bSession = await signIn(t, b.handle, b.ownerEmail);
    const bSid = JSON.parse(Buffer.from(bSession.accessToken.split('.')[1]!, 'base64url').toString()).sid as string;
    expect((await req('GET', `/staff/${b.ownerId}`, ownerA)).statusCode).toBe(404);
    expect((await req('PATCH', `/staff/${b.ownerId}`, ownerA, { name: 'x' })).statusCode).toBe(404);
    expect((await req('PUT', `/staff/${b.ownerId}/role`, ownerA, { role: 'viewer' })).statusCode).toBe(404);
    expect((await req('POST', `/staff/${b.ownerId}/disable`, ownerA, {})).statusCode).toBe(404);
    expect((await req('GET', `/staff/${b.ownerId}/sessions`, ownerA)).statusCode).toBe(404);
    expect((await req('DELETE', `/staff/${b.ownerId}/sessions/${bSid}`, ownerA)).statusCode).toBe(404);
    expect((await req('DELETE', `/auth/sessions/${bSid}`, ownerA)).statusCode).toBe(404);
    const invite = (await req('POST', '/staff-invitations', ownerB, { email: 'new@staff-b.test', role: 'viewer' })).json() as { id: string };
    expect((await req('DELETE', `/staff-invitations/${invite.id}`, ownerA)).statusCode).toBe(404);
    expect((await req('GET', '/auth/me', bSession.auth)).statusCode).toBe(200);
  });
});

describe('invitations', () => {
  it('mails a single-use link; accepting sets name and password and the role of the invitation', async () => {
    const sent = await req('POST', '/staff-invitations', adminA, { email: 'New.Hire@staff-a.test', role: 'sales_rep' });
    expect(sent.statusCode).toBe(201);
    expect((await req('POST', '/staff-invitations', adminA, { email: 'boss@staff-a.test', role: 'owner' })).statusCode).toBe(403);
    expect((await req('POST', '/staff-invitations', adminA, { email: 'admin@staff-a.test', role: 'viewer' })).json().code).toBe('STAFF_EMAIL_TAKEN');
    const mail = (await queuedMails(t)).filter((m) => m.type === 'staff_invitation').pop()!;
    expect(mail).toMatchObject({ to: ['new.hire@staff-a.test'], variables: { storeName: 'staff-a', expiresInHours: 168 } });
    const token = mail.variables.token as string;
    const accept = (payload: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/v1/admin/auth/invitations/accept', payload });
    expect((await accept({ token, name: 'New Hire', password: 'short' })).statusCode).toBe(422);
    expect((await accept({ token, name: 'New Hire', password: PASSWORD, role: 'owner' })).statusCode).toBe(422);
    const ok = await accept({ token, name: 'New Hire', password: PASSWORD });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ email: 'new.hire@staff-a.test', role: 'sales_rep', name: 'New Hire' });
    expect((await accept({ token, name: 'Again', password: PASSWORD })).json().code).toBe('AUTH_TOKEN_INVALID');
    expect((await login(t, { store: a.handle, email: 'new.hire@staff-a.test', password: PASSWORD })).statusCode).toBe(200);
    expect(await auditActions(t, a.storeId)).toEqual(expect.arrayContaining(['staff.invited', 'staff.invitation_accepted']));
  });
});
