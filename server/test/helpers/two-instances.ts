import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/config.js';
import { createContainer, type Container } from '../../src/app/container.js';
import { buildApp } from '../../src/app/http-app.js';
import { PG_URL } from './test-app.js';
import { urlOf } from './now-playing.js';

export interface Instance {
  app: FastifyInstance;
  container: Container;
  dataDir: string;
  /** `http://127.0.0.1:<port>`: the app listens, so sockets can connect. */
  url: string;
}

/**
 * Two Kith instances' worth of app in this process (own socket.io servers, own timers) on one fresh
 * PostgreSQL schema and the given Redis, sharing a secret: what two `kith serve` processes share.
 * Face analysis is off. `close()` stops both and drops the schema.
 */
export async function startTwoInstances(redisUrl: string): Promise<{ instances: Instance[]; close(): Promise<void> }> {
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const secret = crypto.randomBytes(32).toString('hex');
  const instances: Instance[] = [];
  // One after the other: the first runs the migrations.
  for (let i = 0; i < 2; i++) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `kith-two-${i}-`));
    const config = loadConfig(
      {},
      {
        dataDir,
        database: { engine: 'postgres', url: PG_URL, schema },
        logLevel: 'silent',
        publicUrl: 'http://kith.test',
        // Users sign up on either instance; invites (the default) are covered by signup-modes.test.ts.
        signup: 'open',
        secret,
        redisUrl,
        faceAnalysis: false,
      },
    );
    const container = await createContainer(config);
    const app = await buildApp(container, { logger: false, serveWeb: false });
    await app.ready();
    instances.push({ app, container, dataDir, url: await urlOf(app) });
  }
  return {
    instances,
    async close() {
      for (const i of instances) {
        await i.app.close();
        await i.container.close();
        fs.rmSync(i.dataDir, { recursive: true, force: true });
      }
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    },
  };
}
