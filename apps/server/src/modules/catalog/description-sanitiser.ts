/**
 * Product descriptions are rich text written by staff and shown to shoppers,
 * so only a small allowlist of tags survives: no scripts, styles, frames,
 * event handlers or javascript: links. Everything else is dropped (tags) or
 * escaped (stray `<`), and open tags are closed at the end. No well-kept HTML
 * sanitiser is installed in this workspace; this one is deliberately small.
 */
const ALLOWED = new Set(['p', 'br', 'strong', 'b', 'em', 'i', 'u', 's', 'ul', 'ol', 'li', 'a', 'h2', 'h3', 'h4', 'blockquote', 'code', 'pre']);
const VOID = new Set(['br']);
/** Tags whose content is dropped with them, not kept as text. */
const DROP_CONTENT = new Set(['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript', 'textarea', 'title', 'svg', 'math', 'xmp', 'noembed', 'noframes']);
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

const TOKEN = /<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTRIBUTE = /([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

const escapeText = (text: string) => text.replace(/&(?!(?:[a-zA-Z][a-zA-Z0-9]{1,31}|#[0-9]{1,7}|#x[0-9a-fA-F]{1,6});)/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff)))
    .replace(/&#([0-9]+);?/g, (_, dec: string) => String.fromCodePoint(Math.min(parseInt(dec, 10), 0x10ffff)))
    .replace(/&colon;/gi, ':')
    .replace(/&tab;|&newline;/gi, '')
    .replace(/&amp;/gi, '&');
}

/** A link target that cannot run script: http(s), mailto, or a relative URL. */
export function safeHref(raw: string): string | undefined {
  const decoded = decodeEntities(raw).replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*:)/.exec(decoded)?.[1]?.toLowerCase();
  if (scheme && !SAFE_SCHEMES.has(scheme)) return undefined;
  return decoded;
}

function openTag(tag: string, attributes: string): string {
  if (tag !== 'a') return `<${tag}>`;
  let href: string | undefined;
  for (const m of attributes.matchAll(ATTRIBUTE)) {
    if (m[1]!.toLowerCase() === 'href') href = safeHref(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return href === undefined ? '<a>' : `<a href="${escapeAttribute(href)}" rel="nofollow noopener">`;
}

export function sanitiseDescription(html: string): string {
  const out: string[] = [];
  const open: string[] = [];
  let at = 0;
  let skipUntil: string | undefined;
  for (const m of html.matchAll(TOKEN)) {
    const [whole, slash, rawTag, attributes] = m;
    const tag = rawTag?.toLowerCase();
    if (skipUntil) {
      if (slash && tag === skipUntil) {
        skipUntil = undefined;
        at = m.index + whole.length;
      }
      continue;
    }
    out.push(escapeText(html.slice(at, m.index)));
    at = m.index + whole.length;
    if (!tag) continue; // a comment
    if (DROP_CONTENT.has(tag)) {
      if (!slash) skipUntil = tag;
      continue;
    }
    if (!ALLOWED.has(tag)) continue;
    if (slash) {
      const i = open.lastIndexOf(tag);
      if (i >= 0) out.push(...open.splice(i).reverse().map((t) => `</${t}>`));
    } else {
      out.push(openTag(tag, attributes ?? ''));
      if (!VOID.has(tag)) open.push(tag);
    }
  }
  if (!skipUntil) out.push(escapeText(html.slice(at)));
  out.push(...open.reverse().map((t) => `</${t}>`));
  return out.join('');
}
