import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config/config.js';
import { createContainer } from '../../src/app/container.js';
import type { Principal } from '../../src/common/principal.js';
import { engines, PG_URL } from '../helpers/test-app.js';

// A pending request outlives a restart: the new process re-arms its expiry timer (exchange-expiry.ts `restore`),
// so it still expires on time without anyone reading it.
describe.each(engines)('exchange expiry across a restart on %s', (engine) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-restart-'));
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const database: Config['database'] =
    engine === 'sqlite' ? { engine: 'sqlite', file: path.join(dataDir, 'kith.db') } : { engine: 'postgres', url: PG_URL, schema };
  const config = loadConfig(
    {},
    { dataDir, database, logLevel: 'silent', publicUrl: 'http://kith.test', faceAnalysis: false, exchangeRequestMs: 1500, signup: 'open' },
  );

  afterAll(async () => {
    if (engine === 'postgres') {
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('re-arms the timer of a pending request at start-up', async () => {
    const first = await createContainer(config);
    const principal = async (username: string): Promise<Principal> => {
      const { account } = await first.accounts.signup({ username, password: 'password123' });
      return { accountId: account.id, username, via: 'session' };
    };
    const [alice, bob] = [await principal('alice'), await principal('bob')];
    await first.exchanges.service.setPolicy(bob, 'anyone');
    const { exchange } = await first.exchanges.service.create(alice, { mode: 'exchange', to: 'bob' });
    await first.close(); // its timer dies with it

    const second = await createContainer(config);
    try {
      // Read the row directly (no lazy expiry on this path): only the restored timer can expire it.
      let row = await second.repos.exchanges.findById(exchange.id);
      while (row?.status === 'pending') {
        await new Promise((r) => setTimeout(r, 100));
        row = await second.repos.exchanges.findById(exchange.id);
      }
      expect(row?.status).toBe('expired');
    } finally {
      await second.close();
    }
  });
});
