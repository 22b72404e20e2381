const MAX_NAME_LENGTH = 200;

/**
 * Why an uploaded file's name is refused, or null. A name is metadata, never
 * a path: one that carries a folder (`/`, `\`), a parent reference (`..`) or
 * control characters (NUL among them) is refused outright rather than quietly cut.
 */
export function fileNameProblem(name: string): string | null {
  if (/[/\\]/.test(name)) return 'must be a plain file name, without a folder';
  if (name.includes('..')) return 'must not contain ".."';
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return 'must not contain control characters';
  return null;
}

/** The name as kept beside the image: letters, digits, spaces and `._()-` only, no leading dots, at most 200 characters, the extension kept. */
export function safeOriginalName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N} ._()-]+/gu, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+/, '')
    .trim();
  const chars = [...cleaned];
  if (chars.length === 0) return 'image';
  if (chars.length <= MAX_NAME_LENGTH) return cleaned;
  const dot = cleaned.lastIndexOf('.');
  const extension = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : '';
  return chars.slice(0, MAX_NAME_LENGTH - extension.length).join('') + extension;
}
