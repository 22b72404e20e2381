import { describe, expect, it } from 'vitest';
import { safeHref, sanitiseDescription } from './description-sanitiser.ts';

describe('sanitiseDescription', () => {
  it('keeps the allowed formatting', () => {
    expect(sanitiseDescription('<p>Warm <strong>wool</strong> &amp; <em>cotton</em></p><ul><li>one</li></ul>')).toBe('<p>Warm <strong>wool</strong> &amp; <em>cotton</em></p><ul><li>one</li></ul>');
  });

  it('drops scripts and styles with their content, and every attribute but a safe href', () => {
    expect(sanitiseDescription('<p onclick="x()">Hi<script>alert(1)</script><style>p{}</style></p>')).toBe('<p>Hi</p>');
    expect(sanitiseDescription('<img src=x onerror=alert(1)><b onmouseover="steal()">x</b>')).toBe('<b>x</b>');
    expect(sanitiseDescription('<SCRIPT src="//evil"></SCRIPT >ok')).toBe('ok');
  });

  it('removes javascript: links however they are spelt', () => {
    for (const href of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'java&#x09;script:alert(1)', 'javascript&colon;alert(1)', '&#106;avascript:alert(1)', 'data:text/html,x', 'vbscript:x']) {
      expect(sanitiseDescription(`<a href="${href}">x</a>`)).toBe('<a>x</a>');
    }
    expect(sanitiseDescription('<a href="https://example.com/?a=1&b=2" target="_blank">x</a>')).toBe('<a href="https://example.com/?a=1&amp;b=2" rel="nofollow noopener">x</a>');
    expect(safeHref('/relative#x')).toBe('/relative#x');
  });

  it('escapes stray markup, drops comments and closes what was left open', () => {
    expect(sanitiseDescription('1 < 2 > 0 <!-- <script>x</script> --><p><em>open')).toBe('1 &lt; 2 &gt; 0 <p><em>open</em></p>');
    expect(sanitiseDescription('<p>a</b></p>')).toBe('<p>a</p>');
    expect(sanitiseDescription('<script>never closed <p>x</p>')).toBe('');
  });
});
