import type { ImageType } from './image-type.ts';

/** Resized copies made of every image: WebP, fitted inside a square of this size, never enlarged. */
export const RENDITION_SIZES = [
  { name: 'thumb', size: 160 },
  { name: 'medium', size: 640 },
  { name: 'large', size: 1280 },
] as const;

/** Larger images are refused before they are decoded: a small file can claim enormous dimensions (a decompression bomb). 50 MP covers today's phone cameras. */
export const MAX_INPUT_PIXELS = 50_000_000;

let loaded: Promise<typeof import('sharp')['default']> | undefined;

/**
 * sharp, loaded on first use (libvips costs about 30 MiB in every process that imports it) and
 * set up for a web server: no operation cache (it holds decoded images) and one libvips thread
 * per operation, since requests already run side by side; fewer threads also keep fewer malloc
 * arenas, so the memory of an upload burst is given back.
 */
export function loadSharp(): Promise<typeof import('sharp')['default']> {
  return (loaded ??= import('sharp').then(({ default: sharp }) => {
    sharp.cache(false);
    sharp.concurrency(1);
    return sharp;
  }));
}

export interface RenditionBytes {
  name: string;
  width: number;
  height: number;
  mime: 'image/webp';
  bytes: Buffer;
}

export type DecodedImage =
  /** `original`: the bytes to keep as the original (the upload itself, or a copy without its metadata). */
  | { ok: true; width: number; height: number; original: Buffer; renditions: RenditionBytes[] }
  | { ok: false; reason: 'unreadable' | 'too_many_pixels' | 'not_what_it_claims' };

/**
 * Reads the whole image (a valid header over a corrupt or truncated body
 * fails here) and makes its renditions in memory, before anything is stored.
 * Renditions are turned upright by their EXIF orientation and carry no
 * metadata (no EXIF, no location); animated images give their first frame.
 */
export async function decodeImage(bytes: Buffer, type: ImageType): Promise<DecodedImage> {
  const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning', autoOrient: true } as const;
  try {
    const sharp = await loadSharp();
    const meta = await sharp(bytes, options).metadata();
    if (meta.format !== type.format) return { ok: false, reason: 'not_what_it_claims' };
    const source = sharp(bytes, options);
    const renditions = await Promise.all(
      RENDITION_SIZES.map(async ({ name, size }) => {
        const { data, info } = await source.clone().resize(size, size, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 82 }).toBuffer({ resolveWithObject: true });
        return { name, width: info.width, height: info.height, mime: 'image/webp' as const, bytes: data };
      }),
    );
    // Camera metadata (EXIF, XMP, IPTC) can hold where a photo was taken, and originals are public:
    // such an original is re-encoded upright without it, at high quality; one without is kept as uploaded.
    const format = type.format;
    const carriesMetadata = !!(meta.exif || meta.xmp || meta.iptc);
    const original = carriesMetadata && format !== 'gif' ? await reencodeWithoutMetadata(sharp(bytes, options), format) : bytes;
    return { ok: true, width: meta.autoOrient.width, height: meta.autoOrient.height, original, renditions };
  } catch (err) {
    return { ok: false, reason: /pixel limit/i.test(String((err as Error).message)) ? 'too_many_pixels' : 'unreadable' };
  }
}

type SharpImage = ReturnType<typeof import('sharp')['default']>;

function reencodeWithoutMetadata(image: SharpImage, format: 'jpeg' | 'png' | 'webp'): Promise<Buffer> {
  const upright = image.rotate();
  if (format === 'jpeg') return upright.jpeg({ quality: 95 }).toBuffer();
  if (format === 'png') return upright.png().toBuffer();
  return upright.webp({ quality: 95 }).toBuffer();
}
