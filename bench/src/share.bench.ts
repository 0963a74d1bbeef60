/**
 * `npm run bench:share`: how long `POST /api/events/{marker}/share` takes for a party of
 * 2,000 photos from the host and 50 mutual contacts (event-photo-sharing claim 1), first
 * share and idempotent re-share, over real HTTP to an in-process Kith. For scale it prints a
 * bare `SELECT` of the same 2,000 asset rows. Runs on SQLite, and on PostgreSQL too when
 * KITH_TEST_PG_URL (default postgres://postgres@127.0.0.1:5432/test) answers.
 * Printed figures only; never part of the test pass/fail.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig, type Config } from '../../server/src/config/config.js';
import { createContainer } from '../../server/src/app/container.js';
import { buildApp } from '../../server/src/app/http-app.js';
import { seedShareScenario } from './share-seed.js';

const PLAN = { contacts: 50, eventAssets: 2000, otherDayAssetsPerContact: 40 };
const PG_URL = process.env.KITH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
type Engine = 'sqlite' | 'postgres';

const ms = (t0: number) => performance.now() - t0;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function pgAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** One full run on `engine`; returns the lines to print. */
async function run(engine: Engine): Promise<string[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-bench-share-'));
  const schema = `bench_${crypto.randomBytes(5).toString('hex')}`;
  const database: Config['database'] =
    engine === 'sqlite' ? { engine, file: path.join(dataDir, 'kith.db') } : { engine, url: PG_URL, schema };
  const config = loadConfig({}, { dataDir, database, logLevel: 'silent', publicUrl: 'http://kith.bench' });
  const container = await createContainer(config);
  const app = await buildApp(container, { logger: false, serveWeb: false });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    const url = `http://127.0.0.1:${port}`;

    let t0 = performance.now();
    const seed = await seedShareScenario(container, PLAN);
    const seedMs = ms(t0);

    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: seed.hostUsername, password: seed.hostPassword }),
    });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const call = async (method: string, p: string) => {
      const t = performance.now();
      const res = await fetch(`${url}${p}`, { method, headers: { cookie } });
      const body = (await res.json()) as any;
      if (!res.ok) throw new Error(`${method} ${p}: HTTP ${res.status} ${body.code} ${body.message}`);
      return { body, ms: ms(t) };
    };

    const events = await call('GET', '/api/events');
    const event = (events.body.events as { marker: string; assetCount: number; startAt: string }[]).find(
      (e) => Date.parse(e.startAt) === seed.windowStart,
    );
    if (!event) throw new Error('the host has no event starting at the first party photo');
    const m = encodeURIComponent(event.marker);
    const preview = await call('GET', `/api/events/${m}/share-preview`);
    const first = await call('POST', `/api/events/${m}/share`);
    const again = await call('POST', `/api/events/${m}/share`);
    const album = await call('GET', `/api/albums/${first.body.album.id}`);

    // The bare read of the same rows: the host's and contacts' photos in the event window.
    const owners = [seed.hostId, ...seed.contactIds];
    const margin = config.eventMarginMs;
    const select = () =>
      container.db
        .selectFrom('asset')
        .selectAll()
        .where('owner_id', 'in', owners)
        .where('captured_at', '>=', seed.windowStart - margin)
        .where('captured_at', '<=', seed.windowEnd + margin)
        .execute();
    t0 = performance.now();
    const rows = await select();
    const selectFirst = ms(t0);
    const warm: number[] = [];
    for (let i = 0; i < 5; i++) {
      t0 = performance.now();
      await select();
      warm.push(ms(t0));
    }

    const recipients = first.body.recipients.length;
    return [
      `${engine}: seeded ${seed.eventAssetIds.length} event photos + ${PLAN.contacts * PLAN.otherDayAssetsPerContact} other-day photos, ${PLAN.contacts} mutual contacts in ${(seedMs / 1000).toFixed(1)} s`,
      `  host's event ${event.marker}: ${event.assetCount} own photos (GET /api/events ${events.ms.toFixed(0)} ms)`,
      `  share preview                 ${preview.ms.toFixed(0).padStart(6)} ms  (${preview.body.recipients.length} recipients, ${preview.body.totalAssetCount} photos)`,
      `  POST share, first             ${first.ms.toFixed(0).padStart(6)} ms  (album ${first.body.album.id}: ${first.body.assetCount} photos, ${first.body.addedAssetCount} added, ${recipients} recipients)`,
      `  POST share, again (idempotent)${again.ms.toFixed(0).padStart(6)} ms  (${again.body.assetCount} photos, ${again.body.addedAssetCount} added)`,
      `  GET album                     ${album.ms.toFixed(0).padStart(6)} ms  (${album.body.album.assets.length} assets, ${album.body.album.members.length} members)`,
      `  baseline: bare SELECT of the same ${rows.length} asset rows: ${selectFirst.toFixed(1)} ms first, ${median(warm).toFixed(1)} ms warm (median of 5)`,
      `  share ÷ SELECT: first ${(first.ms / median(warm)).toFixed(0)}×, again ${(again.ms / median(warm)).toFixed(0)}×` +
        (first.body.assetCount === PLAN.eventAssets ? '' : `  NOTE: album holds ${first.body.assetCount}, expected ${PLAN.eventAssets}`),
    ];
  } finally {
    await app.close();
    await container.close();
    if (engine === 'postgres') {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(`Kith share benchmark: event of ${PLAN.eventAssets} photos from the host and ${PLAN.contacts} mutual contacts`);
  const engines: Engine[] = ['sqlite'];
  if (await pgAvailable()) engines.push('postgres');
  else console.log(`  (PostgreSQL at ${PG_URL} not reachable: SQLite only)`);
  for (const engine of engines) for (const line of await run(engine)) console.log(line);
}

main().catch((e: unknown) => {
  console.error('bench:share failed:', e);
  process.exit(1);
});
