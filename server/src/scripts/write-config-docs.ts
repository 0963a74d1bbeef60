/**
 * Writes the table of `KITH_*` variables in docs/configuration.md from the env schema
 * (`server/src/config/env.schema.ts`), between `<!-- config:start -->` and `<!-- config:end -->`;
 * the prose around the markers is kept. With `--check`, fails (exit 1) when the committed file
 * differs: CI runs this, like `openapi:check`, so the docs never drift from the code.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { describeEnv, renderEnvTable } from '../config/env-docs.js';
import { envSchema } from '../config/env.schema.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const target = path.join(root, 'docs/configuration.md');
const START = '<!-- config:start -->';
const END = '<!-- config:end -->';

const current = fs.readFileSync(target, 'utf8');
const a = current.indexOf(START);
const b = current.indexOf(END);
if (a < 0 || b < a) {
  console.error(`${target} lacks the markers ${START} … ${END} around the variables table.`);
  process.exit(1);
}
const table = renderEnvTable(describeEnv(envSchema.shape));
const raw = `${current.slice(0, a + START.length)}\n\n${table}\n${current.slice(b)}`;
// Formatted as `npm run format` would, so format:check and this check agree.
const options = (await prettier.resolveConfig(target)) ?? {};
const next = await prettier.format(raw, { ...options, filepath: target });

if (process.argv.includes('--check')) {
  if (current !== next) {
    console.error('docs/configuration.md is stale: run npm run config:docs');
    process.exit(1);
  }
  console.log('docs/configuration.md is up to date.');
} else {
  fs.writeFileSync(target, next);
  console.log(`wrote ${target}`);
}
