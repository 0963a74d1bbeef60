/**
 * A real CardDAV server for tests: Debian's `radicale` (3.x; `.ci/run` installs it) on a free
 * loopback port, with a temp storage folder and htpasswd auth (plain text, one user per book).
 * Cards are written over plain HTTP (PUT/DELETE), as another CardDAV client would.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** True when the `radicale` command is installed. */
export async function radicaleInstalled(): Promise<boolean> {
  try {
    await run('sh', ['-c', 'command -v radicale']);
    return true;
  } catch {
    return false;
  }
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });

export interface Radicale {
  origin: string;
  /** Creates `/<user>/<book>/` as an address book (extended MKCOL, RFC 5689) and returns its URL. */
  createBook(user: string, book?: string): Promise<string>;
  /** PUTs a card; returns its ETag. */
  put(bookUrl: string, name: string, vcard: string): Promise<string>;
  delete(bookUrl: string, name: string): Promise<void>;
  stop(): Promise<void>;
}

/** Starts `radicale` on a free port; users and their passwords are fixed at start (`users`). */
export async function startRadicale(users: Record<string, string>): Promise<Radicale> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-radicale-'));
  const port = await freePort();
  fs.writeFileSync(
    path.join(dir, 'users'),
    Object.entries(users)
      .map(([u, p]) => `${u}:${p}`)
      .join('\n') + '\n',
  );
  fs.writeFileSync(
    path.join(dir, 'config'),
    [
      '[server]',
      `hosts = 127.0.0.1:${port}`,
      '[auth]',
      'type = htpasswd',
      `htpasswd_filename = ${path.join(dir, 'users')}`,
      'htpasswd_encryption = plain',
      '[storage]',
      `filesystem_folder = ${path.join(dir, 'collections')}`,
      '[rights]',
      'type = owner_only',
      '[logging]',
      'level = warning',
    ].join('\n'),
  );
  let log = '';
  const child: ChildProcess = spawn('radicale', ['--config', path.join(dir, 'config')], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`radicale exited (${child.exitCode}):\n${log}`);
    const up = await fetch(`${origin}/.web/`).then(
      () => true,
      () => false,
    );
    if (up) break;
    if (i > 300) throw new Error(`radicale did not listen on ${port}:\n${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const auth = (url: string) => {
    const [, user = ''] = new URL(url).pathname.split('/');
    const password = users[user];
    if (password === undefined) throw new Error(`radicale: ${url} is not under a test user's collection`);
    return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  };
  const must = async (res: Response, what: string) => {
    if (!res.ok) throw new Error(`radicale ${what}: HTTP ${res.status} ${await res.text()}`);
    return res;
  };
  return {
    origin,
    async createBook(user, book = 'contacts') {
      const url = `${origin}/${user}/${book}/`;
      const body =
        '<?xml version="1.0"?><mkcol xmlns="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav"><set><prop>' +
        '<resourcetype><collection/><CR:addressbook/></resourcetype><displayname>Family</displayname></prop></set></mkcol>';
      await must(
        await fetch(url, { method: 'MKCOL', headers: { authorization: auth(url), 'content-type': 'application/xml' }, body }),
        'MKCOL',
      );
      return url;
    },
    async put(bookUrl, name, vcard) {
      const url = `${bookUrl}${name}`;
      const res = await must(
        await fetch(url, {
          method: 'PUT',
          headers: { authorization: auth(url), 'content-type': 'text/vcard; charset=utf-8' },
          body: vcard,
        }),
        'PUT',
      );
      return res.headers.get('etag') ?? '';
    },
    async delete(bookUrl, name) {
      const url = `${bookUrl}${name}`;
      await must(await fetch(url, { method: 'DELETE', headers: { authorization: auth(url) } }), 'DELETE');
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A vCard 3.0 card (CRLF lines) with the given name, UID and extra lines. */
export const card = (uid: string, name: string, ...lines: string[]) =>
  ['BEGIN:VCARD', 'VERSION:3.0', `UID:${uid}`, `FN:${name}`, ...lines, 'END:VCARD', ''].join('\r\n');
