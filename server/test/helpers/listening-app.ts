import net from 'node:net';
import type { Config } from '../../src/config/config.js';
import { createTestApp, type Engine, type TestApp } from './test-app.js';

/** A free loopback port (a server listened on it and closed). */
export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/**
 * A real Kith server on a loopback port whose public URL is that port (`http://127.0.0.1:<port>`), so
 * its accounts' Kith addresses (`user@127.0.0.1:<port>`) lead other servers back to it: what
 * server-to-server tests (keys under /.well-known, signed deliveries) need. Loopback may be fetched.
 */
export async function listeningApp(engine: Engine, overrides: Partial<Config> = {}): Promise<TestApp & { url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t = await createTestApp(engine, { publicUrl: url, fetchAllow: ['127.0.0.0/8'], ...overrides });
  await t.app.listen({ port, host: '127.0.0.1' });
  return { ...t, url };
}
