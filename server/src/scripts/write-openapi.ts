/**
 * Writes the OpenAPI document of every route to `openapi.json` at the repo root.
 * With `--check`, fails (exit 1) when the committed file differs: CI runs this so the
 * document, and the SDK generated from it, never go stale.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config/config.js';
import { createContainer } from '../app/container.js';
import { buildApp } from '../app/http-app.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const target = path.join(root, 'openapi.json');

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-openapi-'));
const config = loadConfig({}, { dataDir, database: { engine: 'sqlite', file: path.join(dataDir, 'kith.db') }, logLevel: 'silent' });
const container = await createContainer(config);
const app = await buildApp(container, { logger: false, serveWeb: false });
await app.ready();
const doc = JSON.stringify(app.swagger(), null, 2) + '\n';
await app.close();
await container.close();
fs.rmSync(dataDir, { recursive: true, force: true });

if (process.argv.includes('--check')) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
  if (current !== doc) {
    console.error('openapi.json is stale: run `npm run openapi` and commit the result.');
    process.exit(1);
  }
  console.log('openapi.json is up to date.');
} else {
  fs.writeFileSync(target, doc);
  console.log(`wrote ${target}`);
}
