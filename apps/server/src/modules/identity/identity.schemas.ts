import { z } from 'zod';
import { ROLES } from '../security/index.ts';

export const staffSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  status: z.string(),
  mfaEnabled: z.boolean(),
  hasPassword: z.boolean(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
});

export const sessionSchema = z.object({
  id: z.uuid(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});

export const invitationSchema = z.object({ id: z.uuid(), email: z.string(), role: z.string(), createdAt: z.string() });

export const roleSchema = z.enum(ROLES);

/** A profile change: the name only. Role, status and store have their own routes, so such fields are refused here (422). */
export const profilePatch = z.object({ name: z.string().trim().min(1).max(200) }).strict();

export const idParams = z.object({ id: z.uuid() }).strict();
export const noBody = z.object({}).strict();
