import { z } from 'zod';
import { MAX_PASSWORD_LENGTH } from '../identity/index.ts';

export const email = z.string().trim().min(3).max(254).regex(/^[^\s@]+@[^\s@]+$/, 'is not an email address');
export const password = z.string().min(1).max(MAX_PASSWORD_LENGTH);
export const linkToken = z.string().min(16).max(200);
export const idParams = z.object({ id: z.uuid() }).strict();
export const noBody = z.object({}).strict();

export const customerSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  emailVerified: z.boolean(),
  status: z.string(),
  createdAt: z.string(),
});

export const tokensSchema = z.object({ accessToken: z.string(), tokenType: z.literal('Bearer'), expiresIn: z.number().int(), refreshToken: z.string(), refreshExpiresIn: z.number().int() });

export const acceptedSchema = z.object({ status: z.literal('accepted'), detail: z.string() });

/** A profile change: name and phone. Email, status and store are refused (422): no mass assignment. */
export const profilePatch = z
  .object({ name: z.string().trim().min(1).max(200).optional(), phone: z.string().trim().min(3).max(40).nullable().optional() })
  .strict();

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => text(max).nullable().optional();

export const addressInput = z
  .object({
    name: text(200),
    company: optionalText(200),
    line1: text(200),
    line2: optionalText(200),
    postalCode: optionalText(20),
    city: text(100),
    region: optionalText(100),
    country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code'),
    phone: optionalText(40),
    isDefault: z.boolean().optional(),
  })
  .strict();

export const addressPatch = addressInput.partial().strict();

export const addressSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  company: z.string().nullable(),
  line1: z.string(),
  line2: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string(),
  region: z.string().nullable(),
  country: z.string(),
  phone: z.string().nullable(),
  isDefault: z.boolean(),
  createdAt: z.string(),
});
