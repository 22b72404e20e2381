import { describe, expect, it } from 'vitest';
import { fileNameProblem, safeOriginalName } from './image-name.ts';

describe('uploaded file names', () => {
  it('refuses names that carry a path, a parent reference or control characters', () => {
    for (const name of ['../../etc/passwd.png', 'a/b.png', 'C:\\photos\\mug.jpg', '..', 'mug..png', 'mug\u0000.png', 'mug\n.png', 'mug\u0085.png']) {
      expect(fileNameProblem(name), name).not.toBeNull();
    }
  });

  it('accepts ordinary names, in any script', () => {
    for (const name of ['mug.jpg', 'Big Mug (front).PNG', 'kaffeebecher-weiß.webp', 'マグカップ.gif', 'image']) expect(fileNameProblem(name), name).toBeNull();
  });

  it('keeps a safe form: odd characters replaced, leading dots dropped, long names cut with the extension kept', () => {
    expect(safeOriginalName('Big Mug (front).PNG')).toBe('Big Mug (front).PNG');
    expect(safeOriginalName('<script>alert(1)</script>.png')).toBe('_script_alert(1)_script_.png');
    expect(safeOriginalName('.hidden.jpg')).toBe('hidden.jpg');
    expect(safeOriginalName('   ')).toBe('image');
    const long = safeOriginalName(`${'x'.repeat(300)}.jpeg`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('.jpeg')).toBe(true);
  });
});
