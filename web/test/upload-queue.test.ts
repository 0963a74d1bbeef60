/**
 * The page's persistent upload queue (web/src/state/upload-queue.ts) in real Chromium: real IndexedDB,
 * real XMLHttpRequest and FormData, against a real HTTP server on loopback (upload-api.global-setup.ts)
 * that follows a script of answers. Checks what the queue promises: two files at a time, a 5xx retried with
 * backoff until it succeeds, a 4xx final with the server's words, a dropped connection (a 502 from the proxy) kept queued, files
 * shared to Kith while no page ran claimed by the signed-in account, and another account's files left alone.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addUploads, listUploads, removeFinished, patchUpload } from '../src/lib/upload-store';
import { backoffMs, uploadQueue, type UploadItem } from '../src/state/upload-queue';

type Step = number | 'drop';

async function script(steps: Step[]): Promise<void> {
  const res = await fetch('/api/__script', { method: 'POST', body: JSON.stringify(steps) });
  expect(res.ok).toBe(true);
}
async function serverLog(): Promise<{ seen: string[]; maxInFlight: number }> {
  return (await (await fetch('/api/__log')).json()) as { seen: string[]; maxInFlight: number };
}
const photo = (name: string) => new File([new Uint8Array(2048).fill(7)], name, { type: 'image/jpeg' });

/** Resolves with the queue's rows once `done` holds for them (the queue publishes after every step). */
function until(done: (items: UploadItem[]) => boolean, timeoutMs = 20_000): Promise<UploadItem[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const items = uploadQueue.items();
      if (!done(items)) return false;
      clearTimeout(timer);
      unsubscribe();
      resolve(items);
      return true;
    };
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`the queue never got there; it shows ${JSON.stringify(uploadQueue.items())}`));
    }, timeoutMs);
    const unsubscribe = uploadQueue.subscribe(() => void check());
    check();
  });
}

describe('upload queue', () => {
  beforeEach(async () => {
    // Each test starts with an empty store and a queue run by "alice".
    for (const r of await listUploads()) await patchUpload(r.id, { state: 'failed' });
    await removeFinished();
    await uploadQueue.start('alice');
  });
  afterEach(() => uploadQueue.pause());

  it('backs off 2 s, 4 s, 8 s … and never waits more than a minute', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 10].map(backoffMs)).toEqual([2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  });

  it('sends two files at a time and reports each one added, with its asset', async () => {
    await script([201, 201, 201, 201]);
    const results: string[] = [];
    await new Promise<void>((resolve) => {
      void uploadQueue.add([photo('a.jpg'), photo('b.jpg'), photo('c.jpg'), photo('d.jpg')], {
        onComplete: (rs) => {
          results.push(...rs.map((r) => `${r.filename}:${r.status}`));
          resolve();
        },
      });
    });
    expect(results.sort()).toEqual(['a.jpg:created', 'b.jpg:created', 'c.jpg:created', 'd.jpg:created']);
    const log = await serverLog();
    expect(log.seen.sort()).toEqual(['a.jpg', 'b.jpg', 'c.jpg', 'd.jpg']);
    expect(log.maxInFlight).toBe(2);
    const items = uploadQueue.items();
    expect(items.every((i) => i.state === 'created' && i.assetId?.startsWith('asset-') && i.progress === 1)).toBe(true);
    // Finished records keep only the result: the bytes are gone from IndexedDB.
    expect((await listUploads()).every((r) => r.blob === null)).toBe(true);
  });

  it('retries a server failure after the backoff and then succeeds', async () => {
    await script([503, 201]);
    await uploadQueue.add([photo('retry.jpg')]);
    const waiting = await until((items) => items[0]?.waiting === true);
    expect(waiting[0]).toMatchObject({ state: 'queued', message: 'The server failed. Trying again soon.' });
    const before = Date.now();
    const done = await until((items) => items[0]?.state === 'created');
    expect(done[0]?.assetId).toBe('asset-2');
    expect((await serverLog()).seen).toEqual(['retry.jpg', 'retry.jpg']);
    // The second try waited for the first backoff step (2 s), less what the first answer took.
    expect(Date.now() - before).toBeGreaterThan(1000);
  });

  it('keeps a refusal (4xx) final, with the server’s reason, and does not send it again', async () => {
    await script([415]);
    await uploadQueue.add([photo('notes.txt')]);
    const items = await until((is) => is[0]?.state === 'failed');
    expect(items[0]?.message).toBe('This file is not a photo or video Kith can read.');
    await new Promise((r) => setTimeout(r, 2500));
    expect((await serverLog()).seen).toEqual(['notes.txt']);
  });

  it('keeps a file queued when the server drops the connection, and sends it again', async () => {
    // Behind a reverse proxy (here Vite's), a dropped connection reaches the page as a 502.
    await script(['drop', 201]);
    await uploadQueue.add([photo('flaky.jpg')]);
    const waiting = await until((items) => items[0]?.waiting === true);
    expect(waiting[0]).toMatchObject({ state: 'queued', message: 'Upload failed (HTTP 502). Trying again soon.' });
    await until((items) => items[0]?.state === 'created');
  });

  it('claims what "Share → Kith" queued with no page open, and leaves another account’s files alone', async () => {
    uploadQueue.pause();
    await script([201, 201]);
    await addUploads([photo('shared.jpg')], 'share');
    await addUploads([photo('bobs.jpg')], 'app', { owner: 'bob' });
    await uploadQueue.start('alice');
    const items = await until((is) => is.length === 1 && is[0]?.state === 'created');
    expect(items.map((i) => [i.name, i.source])).toEqual([['shared.jpg', 'share']]);
    await new Promise((r) => setTimeout(r, 500));
    expect((await serverLog()).seen).toEqual(['shared.jpg']);
    const bobs = (await listUploads()).find((r) => r.name === 'bobs.jpg');
    expect(bobs?.state).toBe('queued');
  });
});
