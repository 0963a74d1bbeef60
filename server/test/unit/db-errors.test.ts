import fsp from 'node:fs/promises';
import net from 'node:net';
import pg from 'pg';
import SQLite from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../src/db/db-errors.js';
import { isStorageFull } from '../../src/blobs/storage-errors.js';

const PG_URL = process.env.KITH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A loopback port nothing listens on (the OS picked it, then it was closed). */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as net.AddressInfo;
  await new Promise((r) => srv.close(r));
  return port;
}

/** The error a promise rejects with (fails the test if it resolves). */
async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

// Every error here is produced by the real driver, database or kernel: the classifier must recognise
// what pg, pg-pool, PostgreSQL and Node really throw, not what we think they throw.
describe('isDatabaseUnavailable (503 database_unavailable classifier)', () => {
  it('recognises a refused connection (nothing listens on the port)', async () => {
    const pool = new pg.Pool({
      connectionString: `postgres://postgres@127.0.0.1:${await closedPort()}/test`,
      connectionTimeoutMillis: 2000,
    });
    const err = await caught(pool.query('SELECT 1'));
    await pool.end();
    expect((err as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it("recognises pg-pool's connect timeout (every connection busy, or the server not answering)", async () => {
    const pool = new pg.Pool({ connectionString: PG_URL, max: 1, connectionTimeoutMillis: 100 });
    const held = await pool.connect();
    const err = await caught(pool.query('SELECT 1'));
    held.release();
    await pool.end();
    expect((err as Error).message).toMatch(/timeout exceeded when trying to connect/);
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it('recognises a connection killed by the server (57P01 admin shutdown), and the dead connection after it', async () => {
    const client = new pg.Client({ connectionString: PG_URL });
    client.on('error', () => {}); // the server closing the socket is also emitted here
    await client.connect();
    const killed = await caught(client.query('SELECT pg_terminate_backend(pg_backend_pid())'));
    expect((killed as { code?: string }).code).toBe('57P01');
    expect(isDatabaseUnavailable(killed)).toBe(true);
    const after = await caught(client.query('SELECT 1'));
    expect(isDatabaseUnavailable(after)).toBe(true);
    await client.end().catch(() => {});
  });

  it('leaves bugs and bad queries alone: a syntax error, a division by zero, a fetch to a closed port, a client hang-up', async () => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    const syntax = await caught(client.query('SELEC 1'));
    const divByZero = await caught(client.query('SELECT 1/0'));
    await client.end();
    expect((syntax as { code?: string }).code).toBe('42601');
    expect(isDatabaseUnavailable(syntax)).toBe(false);
    expect(isDatabaseUnavailable(divByZero)).toBe(false);
    // Outbound HTTP (connectors, federation) fails with the same socket code as its cause: not the database.
    const fetchErr = await caught(fetch(`http://127.0.0.1:${await closedPort()}/`));
    expect(isDatabaseUnavailable(fetchErr)).toBe(false);
    // What Node's HTTP server raises when an uploading client goes away: ECONNRESET without a syscall.
    const aborted = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    expect(isDatabaseUnavailable(aborted)).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });

  it("recognises SQLite's SQLITE_BUSY (another process holds the write lock past the busy timeout)", () => {
    const file = `/tmp/kith-busy-${process.pid}.db`;
    const a = new SQLite(file);
    const b = new SQLite(file, { timeout: 10 });
    a.exec('CREATE TABLE IF NOT EXISTS t (x)');
    a.exec('BEGIN IMMEDIATE');
    let err: unknown;
    try {
      b.exec('BEGIN IMMEDIATE');
    } catch (e) {
      err = e;
    }
    a.exec('ROLLBACK');
    a.close();
    b.close();
    void fsp.rm(file, { force: true });
    expect((err as { code?: string }).code).toBe('SQLITE_BUSY');
    expect(isDatabaseUnavailable(err)).toBe(true);
  });
});

describe('isStorageFull (507 insufficient_storage classifier)', () => {
  it('recognises ENOSPC from a real write to /dev/full, and nothing else', async () => {
    const err = await caught(fsp.writeFile('/dev/full', Buffer.alloc(4096)));
    expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
    expect(isStorageFull(err)).toBe(true);
    expect(isStorageFull(Object.assign(new Error('quota'), { code: 'EDQUOT' }))).toBe(true);
    expect(isStorageFull(await caught(fsp.readFile('/nonexistent/kith')))).toBe(false);
    expect(isStorageFull(new Error('wrapped', { cause: err }))).toBe(true);
  });
});
