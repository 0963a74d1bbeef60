import fs from 'node:fs/promises';
import path from 'node:path';
import crypto from 'node:crypto';
import { buildInboxPacketXml, type Schemas } from '@kith/sdk';
import { cropFace, PARTY_FACES, partyPhotoPath } from '@kith/bench/fixtures';
import { signedXmlHeaders, type CliSigningKey } from '@kith/cli/signing-key';
import { ok, type DemoSession } from './demo-users.js';

/** What one `POST /inbox/{account}` answered: HTTP status and the per-picture result. */
export interface InboxSend {
  file: string;
  status: number;
  result: Schemas['InboxPacketResult'];
}

/** `alice@localhost:2360`: the sender address a Kith on `baseUrl` gives `username`. */
export const kithAddress = (baseUrl: string, username: string) => `${username}@${new URL(baseUrl).host}`;

/**
 * Asks the sender's own Kith for a signing key (`POST /api/me/signing-keys`, RFC 9421 Ed25519; the
 * private half is in this answer only), as `kith share --signing-key` uses it: packets signed with it
 * prove their `sender_address`, so they pass inboxes open to contacts only and show as verified.
 */
export async function issueSigningKey(from: DemoSession): Promise<CliSigningKey> {
  const issued = ok('POST /api/me/signing-keys', await from.kith.POST('/api/me/signing-keys', { body: { name: 'kith demo' } }));
  return { keyid: issued.key.keyid, owner: issued.owner, privateKey: crypto.createPrivateKey(issued.privateKeyPem) };
}

/**
 * Sends one real party photo (the original file's bytes, so a re-run sends identical bytes and
 * gets `duplicate: true` back) to `recipient`'s album inbox as the document's XML packet, built by
 * `buildInboxPacketXml` from `@kith/sdk` (seed CN103369031A [0063]–[0067]). The request carries no
 * login: the inbox is public, and the recipient's server checks the picture shows them (claim 6).
 * With `key` the packet is signed (RFC 9421), so bob's inbox sees a verified sender.
 *
 * @param sample 0-based index into the party photos (sample{n+1}.jpg).
 * @returns 200 with `accepted` ≥ 1, or 422 with every picture refused (`face_not_found`, …).
 * @throws on any other answer (404 `unknown_account`, 409 `no_reference_face`, 429 `rate_limited`, …).
 */
export async function sendToInbox(
  baseUrl: string,
  from: DemoSession,
  recipient: string,
  sample: number,
  key?: CliSigningKey,
): Promise<InboxSend> {
  const file = path.basename(partyPhotoPath(sample));
  const xml = buildInboxPacketXml({
    address: baseUrl,
    username: recipient,
    senderName: from.person.displayName,
    senderAddress: kithAddress(baseUrl, from.person.username),
    pictures: [{ name: file, bytes: new Uint8Array(await fs.readFile(partyPhotoPath(sample))) }],
  });
  const url = `${baseUrl}/inbox/${encodeURIComponent(recipient)}`;
  const headers = key ? await signedXmlHeaders(key, url, xml) : { 'content-type': 'application/xml' };
  const res = await fetch(url, { method: 'POST', headers, body: xml });
  const body = (await res.json()) as Schemas['InboxPacketResult'] & { code?: string; message?: string };
  if (res.status !== 200 && res.status !== 422)
    throw new Error(`POST /inbox/${recipient}: HTTP ${res.status} ${body.code ?? ''} ${body.message ?? ''}`);
  return { file, status: res.status, result: body };
}

/** `sample6.jpg → accepted (asset 1a2b3c4d, already there)` / `sample2.jpg → refused face_not_found: …`. */
export function describeInboxSend(s: InboxSend): string {
  return s.result.pictures
    .map((p) =>
      p.status === 'accepted'
        ? `${p.name} → accepted (asset ${p.assetId?.slice(0, 8)}${p.duplicate ? ', already there: same bytes as an earlier run' : ''})`
        : `${p.name} → refused ${p.code}: ${p.message}`,
    )
    .join('; ');
}

/** `GET /api/inbox`: what the recipient's Inbox lists, newest first, with the sender's claims. */
export async function inboxListing(s: DemoSession) {
  const { items } = ok('GET /api/inbox', await s.kith.GET('/api/inbox', { params: { query: { limit: 10 } } }));
  return items.map((i) => ({
    picture: i.pictureName,
    from: `${i.sender.name ?? 'anonymous'} <${i.sender.address ?? 'no address'}> (${i.sender.verified ? 'verified' : 'unverified sender'})`,
    receivedAt: i.receivedAt,
    size: `${i.width}×${i.height}`,
  }));
}

/** `GET /api/inbox/dropped`: refused pictures by code, all time (no image is kept). */
export async function droppedCounts(s: DemoSession): Promise<Record<string, number>> {
  return ok('GET /api/inbox/dropped', await s.kith.GET('/api/inbox/dropped')).counts;
}

/**
 * Prepares what `kith share` needs to send the party photos to bob from a terminal: the document's
 * XML contact format with bob's album address and a head photo (his reference face, cut from the party
 * photo he is in), written under data/demo-kith-share/ (gitignored). The demo does not run it:
 * `kith share` starts its own face engine workers (~500 MB each), which the demo leaves to the user.
 *
 * @returns the command line to run from the repository root.
 */
export async function prepareKithShare(baseUrl: string, sender: DemoSession): Promise<string> {
  const dir = path.resolve('data/demo-kith-share');
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, 'bob.jpg'), await cropFace(PARTY_FACES.bob, 256));
  const u = new URL(baseUrl);
  const port = u.port || (u.protocol === 'https:' ? '443' : '80');
  await fs.writeFile(
    path.join(dir, 'friends.xml'),
    '<contacts><contact>\n' +
      '  <name>Bob</name>\n' +
      `  <photo album address>${u.protocol}//${u.hostname}</photo album address><port>${port}</port>\n` +
      '  <username>bob</username>\n' +
      '  <head>bob.jpg</head>\n' +
      '</contact></contacts>\n',
  );
  const photos = path.relative(process.cwd(), path.dirname(partyPhotoPath(0)));
  return (
    `npx kith share ${photos}/sample*.jpg --contacts ${path.relative(process.cwd(), dir)}/friends.xml ` +
    `--sender-name "${sender.person.displayName}" --sender-address ${kithAddress(baseUrl, sender.person.username)} --dry-run`
  );
}
