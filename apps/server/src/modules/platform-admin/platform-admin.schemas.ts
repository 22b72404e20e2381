import { z } from 'zod';
import { storeSchema } from '../tenancy/index.ts';

export { storeSchema };

export const storeStatus = z.enum(['active', 'suspended']);

export const createdStoreSchema = z.object({
  storeId: z.uuid(),
  handle: z.string(),
  publishableKey: z.string(),
  ownerId: z.uuid(),
  /** A secret for the owner: shown once, valid 7 days, never stored in clear. */
  setPasswordLink: z.string().nullable(),
});

export const storeListQuery = z
  .object({
    status: storeStatus.optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.uuid({ message: 'is not a cursor this list handed out' }).optional(),
  })
  .strict();

export const storeIdParams = z.object({ id: z.uuid() });

export const storeStatusPatch = z.object({ status: storeStatus }).strict();

export const storePage = z.object({ data: z.array(storeSchema), nextCursor: z.string().nullable() });
