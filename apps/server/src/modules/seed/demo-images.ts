import { loadSharp } from '../catalog/index.ts';

/** Small on purpose: pictures are only placeholders, and smaller images keep the worker's memory down. */
const SIZE = 480;

/** Black or white, whichever reads better on the background. */
function inkOn(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.55 ? '#1f1f1f' : '#fafafa';
}

/** The first letters of the first two words: "Cast Iron Skillet" → "CI". */
export function initialsOf(name: string): string {
  return name
    .split(/[\s-]+/)
    .filter((w) => /^[A-Za-z]/.test(w))
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

/**
 * A plain product picture for the demo catalog: the product's colour, a soft
 * circle and its initials, as a PNG. Made here so the demo needs no image files.
 */
export async function demoProductImage(name: string, colour: string): Promise<Buffer> {
  const ink = inkOn(colour);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
  <rect width="100%" height="100%" fill="${colour}"/>
  <circle cx="${SIZE / 2}" cy="${SIZE / 2}" r="${SIZE * 0.3}" fill="${ink}" fill-opacity="0.12"/>
  <text x="50%" y="50%" dy="0.35em" text-anchor="middle" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="${SIZE * 0.22}" font-weight="bold" fill="${ink}">${initialsOf(name)}</text>
</svg>`;
  const sharp = await loadSharp();
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer();
}
