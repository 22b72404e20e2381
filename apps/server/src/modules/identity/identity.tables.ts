
import { boolean, index, inet, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { stores } from '../tenancy/tenancy.tables.ts';

const tenantId = () => uuid('tenant_id').notNull().references(() => stores.id, { onDelete: 'cascade' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const at = (name: string) => timestamp(name, { withTimezone: true });

/** A member of a store's staff. Email is stored lower-cased and unique per store. */
export const staffUsers = pgTable(
  'staff_users',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    /** Null until the person sets a password through their one-time link. */
    passwordHash: text('password_hash'),
    status: text('status', { enum: ['active', 'disabled'] }).notNull().default('active'),
    /** AES-GCM encrypted TOTP secret (the key derives from APP_SECRET); null when 2FA is off. */
    totpSecret: text('totp_secret'),
    totpEnabledAt: at('totp_enabled_at'),
    /** The last accepted TOTP time step, so a code cannot be used twice. */
    totpLastStep: integer('totp_last_step'),
    lockedUntil: at('locked_until'),
    passwordChangedAt: at('password_changed_at'),
    lastLoginAt: at('last_login_at'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('staff_users_tenant_email_key').on(t.tenantId, t.email), index('staff_users_tenant_role_idx').on(t.tenantId, t.role)],
);

/** One-time 2FA recovery codes, stored hashed. */
export const staffRecoveryCodes = pgTable(
  'staff_recovery_codes',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    staffId: uuid('staff_id').notNull().references(() => staffUsers.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: at('used_at'),
    createdAt: createdAt(),
  },
  (t) => [index('staff_recovery_codes_staff_idx').on(t.tenantId, t.staffId)],
);

/** A login session: one family of refresh tokens. Reuse of a rotated token revokes the family. */
export const authSessions = pgTable(
  'auth_sessions',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    subjectType: text('subject_type', { enum: ['staff', 'customer'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    ip: inet('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    lastUsedAt: at('last_used_at'),
    expiresAt: at('expires_at').notNull(),
    revokedAt: at('revoked_at'),
    revokedReason: text('revoked_reason'),
  },
  (t) => [index('auth_sessions_subject_idx').on(t.tenantId, t.subjectType, t.subjectId)],
);

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    sessionId: uuid('session_id').notNull().references(() => authSessions.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    expiresAt: at('expires_at').notNull(),
    /** Set when the token was exchanged for the next one; presenting it again is reuse. */
    rotatedAt: at('rotated_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('refresh_tokens_hash_key').on(t.tokenHash), index('refresh_tokens_session_idx').on(t.tenantId, t.sessionId)],
);

/** Single-use links: password reset, first password set, staff invitation, email verification, login code. */
export const oneTimeTokens = pgTable(
  'one_time_tokens',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    purpose: text('purpose', { enum: ['password_reset', 'password_set', 'staff_invitation', 'email_verification', 'login_code'] }).notNull(),
    subjectType: text('subject_type', { enum: ['staff', 'customer', 'invitation'] }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('one_time_tokens_hash_key').on(t.tokenHash), index('one_time_tokens_subject_idx').on(t.tenantId, t.subjectType, t.subjectId, t.purpose)],
);

/** Pending staff invitations; accepting one creates the staff user. */
export const staffInvitations = pgTable(
  'staff_invitations',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    email: text('email').notNull(),
    role: text('role').notNull(),
    invitedBy: uuid('invited_by'),
    acceptedAt: at('accepted_at'),
    revokedAt: at('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [index('staff_invitations_tenant_email_idx').on(t.tenantId, t.email)],
);

/** Every login attempt, for per-account and per-IP failure counting. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    realm: text('realm', { enum: ['staff', 'customer'] }).notNull(),
    email: text('email').notNull(),
    ip: inet('ip').notNull(),
    succeeded: boolean('succeeded').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('login_attempts_email_idx').on(t.tenantId, t.realm, t.email, t.createdAt), index('login_attempts_ip_idx').on(t.tenantId, t.ip, t.createdAt)],
);

/** A storefront customer: a realm separate from staff. */
export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    email: text('email').notNull(),
    name: text('name').notNull().default(''),
    phone: text('phone'),
    passwordHash: text('password_hash'),
    emailVerifiedAt: at('email_verified_at'),
    status: text('status', { enum: ['active', 'disabled'] }).notNull().default('active'),
    lockedUntil: at('locked_until'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('customers_tenant_email_key').on(t.tenantId, t.email)],
);

export const customerAddresses = pgTable(
  'customer_addresses',
  {
    id: uuid('id').primaryKey(),
    tenantId: tenantId(),
    customerId: uuid('customer_id').notNull().references(() => customers.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    company: text('company'),
    line1: text('line1').notNull(),
    line2: text('line2'),
    postalCode: text('postal_code'),
    city: text('city').notNull(),
    region: text('region'),
    country: text('country').notNull(),
    phone: text('phone'),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('customer_addresses_customer_idx').on(t.tenantId, t.customerId)],
);

