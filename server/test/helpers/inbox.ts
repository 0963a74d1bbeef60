import fs from 'node:fs';
import path from 'node:path';
import { buildInboxPacketXml } from '@kith/sdk';
import { partyFaceCrop } from './face-fixtures.js';
import { multipart } from './photos.js';
import type { TestApp, TestUser } from './test-app.js';

/** Registers party guest `face` (party photo 1) as the user's reference face. */
export async function registerReferenceFace(t: TestApp, user: TestUser, face = 0): Promise<void> {
  const form = await multipart([{ filename: 'me.jpg', data: await partyFaceCrop(face), type: 'image/jpeg' }]);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/me/reference-faces',
    payload: form.payload,
    headers: { ...form.headers, cookie: user.cookie },
  });
  if (res.statusCode !== 201) throw new Error(`reference face: ${res.statusCode} ${res.body}`);
}

/** Every file under the data dir's `blobs/` and `tmp/` (what a stored picture or a left-over spool would add). */
export function storedFiles(t: TestApp): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(path.join(t.config.dataDir, 'blobs'));
  walk(path.join(t.config.dataDir, 'tmp'));
  return out.sort();
}

/** Asset rows, inbox items and stored files once background jobs are done: compare before/after a refused packet. */
export async function storedState(t: TestApp) {
  await t.container.jobs.drain(); // thumbnails and face crops of earlier pictures land first
  const db = t.container.db;
  const assets = await db.selectFrom('asset').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const items = await db.selectFrom('inbox_item').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { assets: Number(assets.n), items: Number(items.n), files: storedFiles(t) };
}

/** `POST /inbox/{account}` with an XML body. */
export function postXml(t: TestApp, account: string, xml: string, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: `/inbox/${encodeURIComponent(account)}`,
    payload: xml,
    headers: { 'content-type': 'application/xml', ...headers },
  });
}

/** The XML packet for `account` built with the SDK codec. */
export const packetFor = (
  account: string,
  pictures: { name: string; bytes: Uint8Array }[],
  sender: { name?: string; address?: string } = {},
) =>
  buildInboxPacketXml({ address: 'http://kith.test', username: account, senderName: sender.name, senderAddress: sender.address, pictures });

/** `POST /inbox/{account}` as multipart: `picture` file parts and fields. */
export async function postMultipart(
  t: TestApp,
  account: string,
  files: Array<{ name?: string; filename: string; data: Buffer; type?: string }>,
  fields: Record<string, string> = {},
  headers: Record<string, string> = {},
) {
  const form = await multipart(
    files.map((f) => ({ name: 'picture', type: 'image/jpeg', ...f })),
    fields,
  );
  return t.app.inject({
    method: 'POST',
    url: `/inbox/${encodeURIComponent(account)}`,
    payload: form.payload,
    headers: { ...form.headers, ...headers },
  });
}
