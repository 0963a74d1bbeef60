/**
 * Idle face workers stop (KITH_FACE_IDLE_SECONDS) and start again on demand: the real engine,
 * real models, a party photo. Each worker holds ~350 MB, so an idle server must not keep them.
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { createFaceAnalyser } from '../../src/faces/face-analyser.js';
import { partyPath } from '../helpers/photos.js';

/** Polls `check` until it holds; fails the test after `limitMs` instead of hanging it. */
async function until(check: () => boolean, limitMs = 60_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('face workers when idle', () => {
  const analyser = createFaceAnalyser(loadConfig({ KITH_FACE_IDLE_SECONDS: '1', KITH_FACE_WORKERS: '1' }, { dataDir: '/tmp/unused' }));
  afterAll(() => analyser.close());

  it('reads KITH_FACE_IDLE_SECONDS (default 120 s)', () => {
    expect(loadConfig({}, { dataDir: '/tmp/unused' }).faceIdleMs).toBe(120_000);
    expect(loadConfig({ KITH_FACE_IDLE_SECONDS: '0' }, { dataDir: '/tmp/unused' }).faceIdleMs).toBe(0);
  });

  it('stops the workers after the idle time and starts them again for the next photo', { timeout: 180_000 }, async () => {
    const photo = fs.readFileSync(partyPath(1));
    expect(analyser.liveWorkers()).toBe(0);
    const first = await analyser.analyse(photo);
    expect(first.faces.length).toBeGreaterThan(0);
    expect(analyser.liveWorkers()).toBe(1);
    await until(() => analyser.liveWorkers() === 0);
    const again = await analyser.analyse(photo);
    expect(again.faces.length).toBe(first.faces.length);
    expect(Array.from(again.faces[0].descriptor)).toEqual(Array.from(first.faces[0].descriptor));
  });
});
