/**
 * Job priorities of the in-process queue as `createJobQueue` configures it: thumbnails and previews
 * start before face analysis queued earlier, requests (the inbox check) before both, and face
 * analysis keeps to one slot while derivatives wait or run.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createJobQueue } from '../../src/jobs/create-job-queue.js';

/** A job body that holds its slot until released: the test decides when jobs end, never a clock. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { opened, open };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('job priorities', () => {
  it('starts derivatives and requests before face analysis queued earlier', async () => {
    const config = loadConfig({}, { dataDir: '/tmp/unused', jobConcurrency: 1, faceWorkers: 2 });
    const q = createJobQueue(config, { role: 'serve', maxAttempts: 1 });
    const order: string[] = [];
    const first = gate();
    q.handle('events.detect', async () => {
      order.push('blocker');
      await first.opened;
    });
    q.handle('faces.analyse', async ({ assetId }) => void order.push(`faces:${assetId}`));
    q.handle('asset.derivatives', async ({ assetId }) => void order.push(`thumb:${assetId}`));
    q.handleRequest('faces.check', async () => {
      order.push('check');
      return { refused: { code: 'x', message: 'y' } };
    });
    // One slot, held by a blocker; then faces first, thumbnails after, the check last.
    await q.enqueue('events.detect', { ownerId: 'o' });
    await tick();
    await q.enqueue('faces.analyse', { assetId: '1' });
    await q.enqueue('faces.analyse', { assetId: '2' });
    await q.enqueue('asset.derivatives', { assetId: '1' });
    await q.enqueue('asset.derivatives', { assetId: '2' });
    const answer = q.request('faces.check', { image: '' }, { timeoutMs: 60_000 });
    await tick();
    first.open();
    await answer;
    await q.drain();
    expect(order).toEqual(['blocker', 'check', 'thumb:1', 'thumb:2', 'faces:1', 'faces:2']);
    await q.close();
  });

  it('starts no face analysis while derivatives wait or run, and up to the pool size otherwise', async () => {
    const config = loadConfig({}, { dataDir: '/tmp/unused', jobConcurrency: 4, faceWorkers: 2 });
    const q = createJobQueue(config, { role: 'serve', maxAttempts: 1 });
    let faces = 0;
    let facesPeakWithThumbs = 0;
    let facesPeakAlone = 0;
    let thumbsRunning = 0;
    const thumbs = gate();
    const facesGate = gate();
    q.handle('asset.derivatives', async () => {
      thumbsRunning++;
      await thumbs.opened;
      thumbsRunning--;
    });
    q.handle('faces.analyse', async () => {
      faces++;
      if (thumbsRunning) facesPeakWithThumbs = Math.max(facesPeakWithThumbs, faces);
      else facesPeakAlone = Math.max(facesPeakAlone, faces);
      await facesGate.opened;
      faces--;
    });
    // As an upload batch queues them: all at once, face jobs first.
    await Promise.all([
      ...['1', '2', '3'].map((id) => q.enqueue('faces.analyse', { assetId: id })),
      ...['1', '2'].map((id) => q.enqueue('asset.derivatives', { assetId: id })),
    ]);
    await tick();
    // 4 slots: both thumbnails run, and no face job though two slots are free.
    expect(thumbsRunning).toBe(2);
    expect(faces).toBe(0);
    thumbs.open();
    await tick();
    await tick();
    // Thumbnails done: a second face job may start (the pool size), never a third.
    expect(faces).toBe(2);
    facesGate.open();
    await q.drain();
    expect(facesPeakWithThumbs).toBe(0);
    expect(facesPeakAlone).toBe(2);
    await q.close();
  });

  it('answers a request with its handler value, and times out when nothing answers', async () => {
    const config = loadConfig({}, { dataDir: '/tmp/unused', jobConcurrency: 1 });
    const q = createJobQueue(config, { role: 'serve', maxAttempts: 1 });
    const blocker = gate();
    q.handle('events.detect', () => blocker.opened);
    q.handleRequest('faces.check', async ({ image }) => ({ refused: { code: 'seen', message: image } }));
    expect(await q.request('faces.check', { image: 'abc' }, { timeoutMs: 60_000 })).toEqual({ refused: { code: 'seen', message: 'abc' } });
    // The only slot is held: the request never starts, and its caller is told so.
    await q.enqueue('events.detect', { ownerId: 'o' });
    await tick();
    await expect(q.request('faces.check', { image: 'late' }, { timeoutMs: 50 })).rejects.toThrow(/no answer to faces.check within 50 ms/);
    blocker.open();
    await q.drain();
    await q.close();
  });
});
