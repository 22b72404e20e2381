#!/usr/bin/env node
// Bundles the server's TypeScript into dist/cli.js (ESM, Node 20, packages left in node_modules),
// so production starts run plain JavaScript instead of transpiling at run time.
// Usage: node scripts/build.js (from apps/server, or through `npm run build`).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.join(serverDir, 'src');
const outDir = path.join(serverDir, 'dist');

/**
 * Source files find their neighbours (migrations/, package.json) relative to
 * their own location. In one bundle every module would share dist/cli.js's
 * location, so each module's import.meta.url is rewritten to the URL its
 * source file has, computed from the bundle's own URL: the paths stay right
 * wherever the folder is copied, as long as apps/server keeps its layout.
 */
const sourceLocation = {
  name: 'source-location',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (!args.path.startsWith(srcDir + path.sep)) return undefined;
      const contents = await readFile(args.path, 'utf8');
      if (!contents.includes('import.meta.url')) return { contents, loader: 'ts' };
      const relative = path.relative(outDir, args.path).split(path.sep).join('/');
      return { contents: contents.replaceAll('import.meta.url', `new URL(${JSON.stringify(relative)}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

const started = performance.now();
await build({
  entryPoints: [path.join(srcDir, 'cli.ts')],
  outfile: path.join(outDir, 'cli.js'),
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  // Stack traces need only positions and file names; the sources themselves would double the map's size in memory.
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [sourceLocation],
});
process.stderr.write(`built dist/cli.js in ${Math.round(performance.now() - started)} ms\n`);
