import type { MailLocale } from './mail-locale.ts';

/**
 * What a template says, as plain strings. Templates never write HTML: the
 * layout below escapes every string it puts into the HTML part, so a
 * variable (a store name, a product name) can never inject markup.
 */
export interface MailContent {
  subject: string;
  heading: string;
  paragraphs: string[];
  /** The one thing to do, shown as a button in HTML and as a bare link in text. */
  action?: { label: string; url: string };
  /** A value to copy, such as a login code, shown large. */
  code?: string;
  /** Small print: expiry, why the message was sent. */
  notes?: string[];
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** A header must be one line. */
const oneLine = (value: string) => value.replace(/\s+/g, ' ').trim();

export function renderLayout(content: MailContent, locale: MailLocale): RenderedMail {
  const notes = content.notes ?? [];
  const text = [
    content.heading,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...(content.code ? [content.code, ''] : []),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ''] : []),
    ...(notes.length > 0 ? ['--', ...notes] : []),
  ].join('\n');

  const p = (s: string, style = 'margin:0 0 16px') => `<p style="${style}">${escapeHtml(s)}</p>`;
  const body = [
    `<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(content.heading)}</h1>`,
    ...content.paragraphs.map((s) => p(s)),
    ...(content.code ? [p(content.code, 'margin:0 0 16px;font-size:28px;font-weight:bold;letter-spacing:4px')] : []),
    ...(content.action
      ? [
          `<p style="margin:24px 0"><a href="${escapeHtml(content.action.url)}" style="background:#1f2937;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;display:inline-block">${escapeHtml(content.action.label)}</a></p>`,
          p(content.action.url, 'margin:0 0 16px;font-size:12px;color:#6b7280;word-break:break-all'),
        ]
      : []),
    ...notes.map((s) => p(s, 'margin:0 0 8px;font-size:12px;color:#6b7280')),
  ];
  const html = [
    '<!doctype html>',
    `<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(oneLine(content.subject))}</title></head>`,
    '<body style="margin:0;padding:24px;background:#f3f4f6;font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;color:#111827;line-height:1.5">',
    '<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:32px">',
    ...body,
    '</div></body></html>',
  ].join('\n');

  return { subject: oneLine(content.subject), text, html };
}
