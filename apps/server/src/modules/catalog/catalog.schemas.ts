import { z } from 'zod';

export const idParams = z.object({ id: z.uuid() }).strict();
export const name = z.string().trim().min(1).max(200);
export const slug = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'is not a slug: lower-case letters, digits and single hyphens');
const position = z.number().int().min(0).max(1_000_000);

const categoryFields = {
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  name: z.string(),
  slug: z.string(),
  description: z.string().nullable(),
  position: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
};
export const categorySchema = z.object(categoryFields);
type CategoryNode = z.infer<typeof categorySchema> & { children: CategoryNode[] };
export const categoryTreeSchema: z.ZodType<CategoryNode> = z.object({
  ...categoryFields,
  get children() {
    return z.array(categoryTreeSchema);
  },
});

export const categoryBody = z
  .object({ name, slug: slug.optional(), description: z.string().max(5000).nullable().optional(), parentId: z.uuid().nullable().optional(), position: position.optional() })
  .strict();
export const categoryPatch = z.object({ name: name.optional(), slug: slug.optional(), description: z.string().max(5000).nullable().optional(), position: position.optional() }).strict();
export const moveBody = z.object({ parentId: z.uuid().nullable().describe('null: the top level'), position: position.optional() }).strict();

export const brandSchema = z.object({ id: z.uuid(), name: z.string(), slug: z.string(), createdAt: z.string(), updatedAt: z.string() });
export const brandBody = z.object({ name, slug: slug.optional() }).strict();
export const brandPatch = z.object({ name: name.optional(), slug: slug.optional() }).strict();
