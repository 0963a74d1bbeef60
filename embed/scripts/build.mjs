// Builds src/region-share.ts into one minified, framework-free file: dist/region-share.js,
// served by the server at /embed/region-share.js. Prints the gzipped size (target < 15 KB).
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const out = new URL('../dist/region-share.js', import.meta.url).pathname;
await build({
  entryPoints: [new URL('../src/region-share.ts', import.meta.url).pathname],
  outfile: out,
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2020',
  legalComments: 'none',
  logLevel: 'warning',
});
const bytes = readFileSync(out);
const gz = gzipSync(bytes, { level: 9 }).length;
console.log(`embed: dist/region-share.js ${(bytes.length / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(1)} KB gzipped (target < 15 KB)`);
if (gz > 15 * 1024) process.exitCode = 1;
