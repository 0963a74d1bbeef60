import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { FaceInputError, type AnalysedFace, type FaceAnalysis } from '@kith/faces';
import { parseInboxPacketXml } from '@kith/sdk';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crlf } from '../../server/test/helpers/vcards.js';
import { describeContacts, matchPhotos, type Analyser } from '../src/share/face-matcher.js';
import { retryAfterMs, withRetry, type RetryPolicy } from '../src/share/http-retry.js';
import { packets, DEFAULT_DISCOVERY } from '../src/share/inbox-client.js';
import { renderTable, resultLabel } from '../src/share/share-report.js';
import { runShare } from '../src/share/share-run.js';

/**
 * A stand-in engine (model faceres, cosine distance): a "photo" is the text `faces:bob,carol`, each
 * name a fixed unit vector, so matching is exact and the tests need no models. The real engine
 * runs in the federation e2e test and bench:routing.
 */
const IDS = ['bob', 'carol', 'dave', 'erin', 'stranger'];
const vec = (id: string) => Float32Array.from(IDS.map((x) => (x === id ? 1 : 0)));
const face = (id: string): AnalysedFace =>
  ({
    box: { x: 0, y: 0, width: 100, height: 100 },
    boxNorm: { x: 0, y: 0, width: 0.5, height: 0.5 },
    score: 0.9,
    landmarks: {} as AnalysedFace['landmarks'],
    quality: { eyeDistancePx: 120, sharpness: 100, yaw: 0, pitch: 0, roll: 0, score: 0.9 },
    descriptor: vec(id),
  }) as AnalysedFace;
let analysed = 0;
const fakeEngine: Analyser = {
  model: 'faceres',
  poolSize: 1,
  async analyse(bytes) {
    analysed++;
    const text = Buffer.from(bytes).toString();
    if (!text.startsWith('faces:')) throw new FaceInputError('invalid_image', 'not an image');
    const ids = text.slice(6).split(',').filter(Boolean);
    return {
      width: 200,
      height: 200,
      analysedWidth: 200,
      analysedHeight: 200,
      model: 'faceres',
      modelVersion: 'faceres@1',
      faces: ids.map(face),
    } as unknown as FaceAnalysis;
  },
};
const noWait: RetryPolicy = { retries: 3, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 5000, sleep: async () => {} };

/** A fake album server speaking the public inbox wire format: bob exists and sees bob's face; carol answers 503 twice first. */
let server: http.Server;
let origin: string;
const received: { account: string; names: string[]; contentType: string }[] = [];
let carolFailures = 2;
let formats = ['xml', 'multipart'];
let dir: string;

beforeAll(async () => {
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/.well-known/kith-inbox') return send(200, { ...DEFAULT_DISCOVERY, formats, maxPictures: 2 });
    const account = /^\/inbox\/([^/]+)$/.exec(req.url ?? '')?.[1];
    if (!account || req.method !== 'POST') return send(404, { code: 'not_found', message: 'no' });
    if (account === 'carol' && carolFailures-- > 0) return send(503, { code: 'unavailable', message: 'busy' }, { 'retry-after': '0' });
    if (!['bob', 'carol'].includes(account)) return send(404, { code: 'unknown_account', message: `No account "${account}" here.` });
    const body = Buffer.concat(chunks);
    const type = req.headers['content-type'] ?? '';
    // multipart/form-data read by the platform's own parser (undici's Request#formData).
    const packet = type.startsWith('multipart/')
      ? {
          pictures: await Promise.all(
            (await new Request('http://x/', { method: 'POST', headers: { 'content-type': type }, body }).formData())
              .getAll('picture')
              .map(async (f) => ({ name: (f as File).name, bytes: new Uint8Array(await (f as File).arrayBuffer()) })),
          ),
        }
      : parseInboxPacketXml(body.toString(), { maxBytes: 1e7, maxPictures: 20, maxPictureBytes: 1e7 });
    received.push({ account, names: packet.pictures.map((p) => p.name!), contentType: type.replace(/;.*$/s, '') });
    const pictures = packet.pictures.map((p) =>
      Buffer.from(p.bytes!).toString().includes(account)
        ? { name: p.name, status: 'accepted', assetId: `a-${p.name}`, duplicate: false }
        : { name: p.name, status: 'refused', code: 'face_not_found', message: 'No registered face of this account in the picture.' },
    );
    const accepted = pictures.filter((p) => p.status === 'accepted').length;
    send(accepted ? 200 : 422, { account, accepted, refused: pictures.length - accepted, pictures });
  };
  server = http.createServer((req, res) => void handle(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kith-share-run-'));
  const port = (server.address() as AddressInfo).port;
  const card = (name: string, user: string, faceOf: string, extra: string[] = []) =>
    crlf([
      'BEGIN:VCARD',
      'VERSION:4.0',
      `FN:${name}`,
      `X-KITH-ADDRESS:${user}@127.0.0.1:${port}`,
      ...extra,
      `PHOTO:${faceOf}.face`,
      'END:VCARD',
    ]);
  await fs.writeFile(
    path.join(dir, 'alice.vcf'),
    card('Bob', 'bob', 'bob', ['CATEGORIES:party']) +
      card('Carol', 'carol', 'carol', ['CATEGORIES:party']) +
      card('Dave', 'dave', 'dave') +
      crlf(['BEGIN:VCARD', 'VERSION:4.0', 'FN:Faceless', `X-KITH-ADDRESS:f@127.0.0.1:${port}`, 'END:VCARD']),
  );
  for (const id of ['bob', 'carol', 'dave']) await fs.writeFile(path.join(dir, `${id}.face`), `faces:${id}`);
  const photos: Record<string, string> = {
    'p1-bob.jpg': 'faces:bob',
    'p2-bob-carol.jpg': 'faces:bob,carol,stranger',
    'p3-nobody.jpg': 'faces:stranger',
    'p4-dave.jpg': 'faces:dave',
    'p5-empty.jpg': 'faces:',
    'p6-broken.jpg': 'JFIF garbage',
  };
  for (const [name, text] of Object.entries(photos)) await fs.writeFile(path.join(dir, name), text);
});
afterAll(async () => {
  server.close();
  await fs.rm(dir, { recursive: true, force: true });
});
const p = (name: string) => path.join(dir, name);

describe('kith share: matching (each photo and reference analysed once)', () => {
  it('recognises every chosen contact in a photo and nobody in the others', async () => {
    analysed = 0;
    const contacts = ['bob', 'carol', 'bob'].map((id) => ({
      name: id,
      album: { origin, username: id, address: id },
      face: Buffer.from(`faces:${id}`),
    }));
    const { references } = await describeContacts(fakeEngine, contacts);
    expect(analysed).toBe(2); // two distinct reference photos
    const m = await matchPhotos(fakeEngine, references.slice(0, 2), [p('p2-bob-carol.jpg'), p('p3-nobody.jpg'), p('p6-broken.jpg')]);
    expect(analysed).toBe(5);
    expect(m.map((x) => [path.basename(x.path), x.faces, x.recipients.map((r) => r.contact.name), x.error !== null])).toEqual([
      ['p2-bob-carol.jpg', 3, ['bob', 'carol'], false],
      ['p3-nobody.jpg', 1, [], false],
      ['p6-broken.jpg', 0, [], true],
    ]);
  });
});

describe('kith share: uploads', () => {
  it('splits pictures by the advertised count and bytes', () => {
    const pics = [5, 5, 5, 5, 5].map((n) => ({ size: n * 1000 }));
    expect(packets(pics, { ...DEFAULT_DISCOVERY, maxPictures: 2 }, 'xml').map((b) => b.length)).toEqual([2, 2, 1]);
    expect(packets(pics, { ...DEFAULT_DISCOVERY, maxPacketBytes: 16_000 }, 'multipart').map((b) => b.length)).toEqual([2, 2, 1]);
  });

  it('retries 5xx/429 and network errors with doubling waits, honours Retry-After, never retries a 4xx', async () => {
    const waits: number[] = [];
    const policy = { ...noWait, baseDelayMs: 100, maxDelayMs: 10_000, sleep: async (ms: number) => void waits.push(ms) };
    const answers = [
      { status: 503, retryAfter: null },
      { status: 429, retryAfter: '2' },
      { status: 500, retryAfter: null },
      { status: 200, retryAfter: null },
    ];
    const a = await withRetry(async () => ({ ...answers.shift()!, body: {} }), policy);
    expect([a.status, waits]).toEqual([200, [100, 2000, 400]]);
    let calls = 0;
    const refused = await withRetry(async () => (calls++, { status: 404, body: {}, retryAfter: null }), policy);
    expect([refused.status, calls]).toEqual([404, 1]);
    await expect(withRetry(async () => Promise.reject(new TypeError('fetch failed')), { ...policy, retries: 2 })).rejects.toThrow(
      'fetch failed',
    );
    expect(retryAfterMs('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(5000);
  });
});

describe('kith share: the whole run', () => {
  it('delivers, refuses, reports nobody recognised and unreadable photos, with one row per photo × recipient', async () => {
    received.length = 0;
    carolFailures = 2;
    const all = ['p1-bob.jpg', 'p2-bob-carol.jpg', 'p3-nobody.jpg', 'p4-dave.jpg', 'p5-empty.jpg', 'p6-broken.jpg'].map(p);
    const report = await runShare({
      photos: all,
      contactsFile: p('alice.vcf'),
      concurrency: 2,
      sender: { name: 'Alice', address: 'alice@a.example' },
      engine: fakeEngine,
      retry: noWait,
    });
    expect(report.rows.map((r) => [path.basename(r.photo), r.recipient, resultLabel(r)])).toEqual([
      ['p1-bob.jpg', 'Bob', 'delivered'],
      ['p2-bob-carol.jpg', 'Bob', 'delivered'],
      ['p2-bob-carol.jpg', 'Carol', 'delivered'],
      ['p3-nobody.jpg', null, 'not sent: nobody recognised (1 face, none of a chosen contact)'],
      ['p4-dave.jpg', 'Dave', 'refused unknown_account'],
      ['p5-empty.jpg', null, 'not sent: nobody recognised (no face found)'],
      ['p6-broken.jpg', null, 'not sent: p6-broken.jpg cannot be analysed (invalid_image: not an image)'],
    ]);
    expect(report.failed).toBe(true);
    expect(report.warnings).toEqual([expect.stringMatching(/^Faceless .* left out: it has no PHOTO/)]);
    // bob's two photos in one XML packet (maxPictures 2); carol's after two 503s.
    expect(received.filter((r) => r.account === 'bob')).toEqual([
      { account: 'bob', names: ['p1-bob.jpg', 'p2-bob-carol.jpg'], contentType: 'application/xml' },
    ]);
    expect(received.filter((r) => r.account === 'carol').map((r) => r.names)).toEqual([['p2-bob-carol.jpg']]);
    expect(renderTable(report)).toMatch(/3 delivered, 1 refused, 2 with nobody recognised, 1 unreadable/);
  });

  it('--to forces a photo at an inbox (the server refuses it without the face); --group and --dry-run', async () => {
    const forced = await runShare({
      photos: [p('p3-nobody.jpg')],
      contactsFile: p('alice.vcf'),
      forceTo: ['bob@127.0.0.1:' + new URL(origin).port],
      concurrency: 1,
      sender: { name: null, address: null },
      engine: fakeEngine,
      retry: noWait,
    });
    expect(forced.rows.map((r) => [r.recipient, resultLabel(r)])).toEqual([['Bob', 'refused face_not_found']]);
    const dry = await runShare({
      photos: [p('p2-bob-carol.jpg'), p('p4-dave.jpg')],
      contactsFile: p('alice.vcf'),
      group: 'party',
      dryRun: true,
      concurrency: 1,
      sender: { name: null, address: null },
      engine: fakeEngine,
      retry: noWait,
    });
    expect(dry.rows.map((r) => [path.basename(r.photo), r.recipient, r.result])).toEqual([
      ['p2-bob-carol.jpg', 'Bob', 'would_send'],
      ['p2-bob-carol.jpg', 'Carol', 'would_send'],
      ['p4-dave.jpg', null, 'not_sent'],
    ]);
    expect(dry.failed).toBe(false);
  });

  it('walks a folder: the photos in it and its subfolders, sorted, hidden files and non-photos left out', async () => {
    const album = p('party-folder');
    await fs.mkdir(path.join(album, 'b-later', '.thumbnails'), { recursive: true });
    await fs.writeFile(path.join(album, 'z-bob.JPG'), 'faces:bob');
    await fs.writeFile(path.join(album, 'b-later', 'a-dave.jpeg'), 'faces:dave');
    await fs.writeFile(path.join(album, 'b-later', '.thumbnails', 'x.jpg'), 'faces:bob');
    await fs.writeFile(path.join(album, 'a-carol.png'), 'faces:carol');
    await fs.writeFile(path.join(album, 'notes.txt'), 'not a photo');
    await fs.writeFile(path.join(album, '.DS_Store.jpg'), 'faces:bob');
    const dry = await runShare({
      photos: [album],
      contactsFile: p('alice.vcf'),
      dryRun: true,
      concurrency: 1,
      sender: { name: null, address: null },
      engine: fakeEngine,
      retry: noWait,
    });
    expect(dry.rows.map((r) => [path.relative(album, r.photo), r.recipient, r.result])).toEqual([
      ['a-carol.png', 'Carol', 'would_send'],
      [path.join('b-later', 'a-dave.jpeg'), 'Dave', 'would_send'],
      ['z-bob.JPG', 'Bob', 'would_send'],
    ]);
    await fs.mkdir(p('empty-folder'));
    await expect(
      runShare({
        photos: [p('empty-folder')],
        contactsFile: p('alice.vcf'),
        concurrency: 1,
        sender: { name: null, address: null },
        engine: fakeEngine,
      }),
    ).rejects.toThrow(/empty-folder is a folder with no photo in it/);
  });

  it('sends multipart when the server advertises only multipart', async () => {
    received.length = 0;
    formats = ['multipart'];
    try {
      const r = await runShare({
        photos: [p('p1-bob.jpg'), p('p2-bob-carol.jpg')],
        contactsFile: p('alice.vcf'),
        group: 'party',
        concurrency: 1,
        sender: { name: 'Alice', address: null },
        engine: fakeEngine,
        retry: noWait,
      });
      expect(r.rows.map((x) => [path.basename(x.photo), x.recipient, x.result])).toEqual([
        ['p1-bob.jpg', 'Bob', 'delivered'],
        ['p2-bob-carol.jpg', 'Bob', 'delivered'],
        ['p2-bob-carol.jpg', 'Carol', 'delivered'],
      ]);
      expect(received.map((x) => [x.account, x.names, x.contentType]).sort()).toEqual([
        ['bob', ['p1-bob.jpg', 'p2-bob-carol.jpg'], 'multipart/form-data'],
        ['carol', ['p2-bob-carol.jpg'], 'multipart/form-data'],
      ]);
    } finally {
      formats = ['xml', 'multipart'];
    }
  });

  it('reports an unreachable server after the retries', async () => {
    const file = p('gone.vcf');
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r)); // nothing listens there any more
    await fs.writeFile(
      file,
      crlf(['BEGIN:VCARD', 'VERSION:4.0', 'FN:Gone', `X-KITH-ADDRESS:bob@127.0.0.1:${port}`, 'PHOTO:bob.face', 'END:VCARD']),
    );
    const r = await runShare({
      photos: [p('p1-bob.jpg')],
      contactsFile: file,
      concurrency: 1,
      sender: { name: null, address: null },
      engine: fakeEngine,
      retry: noWait,
    });
    expect(r.rows.map((x) => [x.result, x.code, x.message])).toEqual([['unreachable', 'network_error', 'ECONNREFUSED']]);
  });

  it('the command prints JSON and exits non-zero when anything failed', async () => {
    let out = '';
    const io = { out: (s: string) => void (out += s), err: () => {} };
    const { registerShare } = await import('../src/commands/share.command.js');
    const program = new Command('kith').exitOverride();
    registerShare(program, io, { engine: fakeEngine, retry: noWait });
    await expect(
      program.parseAsync(['node', 'kith', 'share', p('p4-dave.jpg'), p('p1-bob.jpg'), '--contacts', p('alice.vcf'), '--json']),
    ).rejects.toThrow(/1 of 2 results failed/);
    const json = JSON.parse(out);
    expect(json.rows.map((r: { result: string; code: string | null }) => [r.result, r.code])).toEqual([
      ['refused', 'unknown_account'],
      ['delivered', null],
    ]);
  });
});
