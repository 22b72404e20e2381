import { describe, expect, it } from 'vitest';
import { detectImageType } from './image-type.ts';

const bytes = (...parts: Array<string | number[]>) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

describe('detectImageType', () => {
  it('knows JPEG, PNG, GIF (87a and 89a) and WebP by their first bytes', () => {
    expect(detectImageType(bytes([0xff, 0xd8, 0xff, 0xe0], 'rest'))?.mime).toBe('image/jpeg');
    expect(detectImageType(bytes([0x89], 'PNG\r\n\x1a\n', 'rest'))?.mime).toBe('image/png');
    expect(detectImageType(bytes('GIF87a', 'rest'))?.mime).toBe('image/gif');
    expect(detectImageType(bytes('GIF89a', 'rest'))?.mime).toBe('image/gif');
    expect(detectImageType(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))?.mime).toBe('image/webp');
  });

  it('refuses everything else, however it is named: text, SVG, PDF, a RIFF that is not WebP, truncated signatures', () => {
    for (const other of [
      bytes('hello, I am a JPEG'),
      bytes('<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
      bytes('<?xml version="1.0"?><svg/>'),
      bytes('%PDF-1.7\n'),
      bytes('RIFF', [1, 2, 3, 4], 'WAVEfmt '),
      bytes('GIF88a'),
      bytes([0xff, 0xd8]),
      bytes([0x89], 'PNG'),
      bytes('RIFF'),
      bytes(''),
    ]) {
      expect(detectImageType(other)).toBeNull();
    }
  });
});
