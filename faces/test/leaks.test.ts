/**
 * 300 analyses in one worker leave the live tensor count exactly where it was, the worker's live
 * JS heap flat, and resident memory flat once the WASM heap has reached its working size.
 */
import sharp from 'sharp';
import { afterAll, assert, describe, expect, it } from 'vitest';
import { createFaceEngine } from '../src/index.js';
import { facelessImage, partyPhoto } from './engine-fixture.js';

const RUNS = 300;
/**
 * RSS growth allowed between the 100th and the 300th analysis. A leaked 480 px input tensor
 * (480×354×3 int32 ≈ 2 MB) per run would add ~400 MB over those 200 runs; allocator noise is
 * a few MB.
 */
const RSS_SLACK_BYTES = 40 * 1024 * 1024;
/**
 * Growth allowed of the worker's live V8 heap (after a full GC) between the 100th and the 300th
 * analysis: 8 MB = 40 KB a run. Measured growth is ~2 KB a run and levelling (bench:faces-memory);
 * keeping one Human result (a mesh of 468 points per face) per run would exceed it.
 */
const LIVE_HEAP_SLACK_BYTES = 8 * 1024 * 1024;

describe('face engine leaks', () => {
  const engine = createFaceEngine({ poolSize: 1, maxSide: 480 });
  afterAll(() => engine.close());

  it(`keeps tensors and RSS flat over ${RUNS} analyses in one worker`, { timeout: 900_000 }, async () => {
    // Small inputs keep the test short; the same code paths run (faces found, and none found).
    const photo = await sharp(partyPhoto(4)).extract({ left: 560, top: 0, width: 760, height: 560 }).resize(480).jpeg().toBuffer();
    const empty = await sharp(await facelessImage())
      .resize(320)
      .jpeg()
      .toBuffer();
    const start = await engine.workerStats();
    let atHundred = start;
    let faces = 0;
    for (let i = 1; i <= RUNS; i++) {
      faces += (await engine.analyse(i % 3 === 0 ? photo : empty)).faces.length;
      if (i === 100) [atHundred = start] = await engine.allWorkerStats({ gc: true });
    }
    const [end] = await engine.allWorkerStats({ gc: true });
    assert(end, 'the pool has a worker');
    expect(faces).toBe((RUNS / 3) * 2); // the crop's two faces were really found each time
    expect(atHundred.numTensors).toBe(start.numTensors);
    expect(end.numTensors).toBe(start.numTensors);
    expect(end.rssBytes - atHundred.rssBytes).toBeLessThan(RSS_SLACK_BYTES);
    expect(end.tasks - atHundred.tasks).toBe(RUNS - 100);
    expect(end.heapUsedBytes - atHundred.heapUsedBytes).toBeLessThan(LIVE_HEAP_SLACK_BYTES);
  });
});
