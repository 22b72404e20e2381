import { z } from 'zod';
import type { UploadedFile } from './image-form.ts';

const alt = z.string().trim().max(500).describe('Text that describes the image for people who cannot see it');
const position = z.number().int().min(0).max(1_000_000);

export const renditionSchema = z.object({ name: z.string().describe('thumb (160 px), medium (640 px) or large (1280 px), the longest side'), width: z.number().int(), height: z.number().int(), mime: z.string(), byteSize: z.number().int(), url: z.string() });
export const imageSchema = z.object({
  id: z.uuid(),
  productId: z.uuid(),
  variantId: z.uuid().nullable(),
  url: z.string().describe('The original, as uploaded'),
  alt: z.string(),
  position: z.number().int().describe('0 is the first image'),
  width: z.number().int(),
  height: z.number().int(),
  mime: z.string(),
  byteSize: z.number().int(),
  originalName: z.string().describe('The uploaded file name, sanitised; the stored object has a random name'),
  renditions: z.array(renditionSchema),
  createdAt: z.string(),
});

/** The upload form once read (image-form.ts): the file's bytes and name, and the other fields as sent, as text. */
export const uploadBody = z
  .object({
    file: z
      .custom<UploadedFile>((v) => typeof v === 'object' && v !== null && Buffer.isBuffer((v as UploadedFile).bytes), { message: 'is required: send the image as the form field named file' })
      .meta({ type: 'string', format: 'binary', description: 'JPEG, PNG, WebP or GIF, recognised by its content' }),
    alt: alt.optional(),
    variantId: z
      .union([z.uuid(), z.literal('')])
      .optional()
      .transform((v) => (v ? v : undefined))
      .describe('A variant of the same product this image shows'),
    position: z
      .string()
      .regex(/^\d{1,7}$/, 'must be a whole number, 0 or more')
      .transform(Number)
      .optional()
      .describe('Where the image goes among the product’s images, 0 first; default: last'),
  })
  .strict();

export const imagePatch = z
  .object({ alt: alt.optional(), variantId: z.uuid().nullable().optional().describe('null: the image is of the product as a whole'), position: position.optional() })
  .strict();

export const imageOrderBody = z.object({ ids: z.array(z.uuid()).max(100).describe('Every image of the product, first to last') }).strict();
