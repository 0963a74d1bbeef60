/**
 * Fault: kill -9 a worker mid-job: one instance and one worker on PostgreSQL, Redis (BullMQ) and
 * S3, face analysis on, BullMQ lock of 3 s. The worker is killed with SIGKILL while `faces.analyse` of a
 * party photo is active; another worker takes the stalled job up again. Nothing may be lost or doubled:
 * the photo ends up analysed once, with exactly as many face rows as the same photo analysed undisturbed,
 * and no two rows at the same box.
 */
import { readFile } from 'node:fs/promises';
import type pg from 'pg';
import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest';
import { partyPath } from '../../server/test/helpers/photos.js';
import { startCluster, type Cluster } from '../src/cluster.js';
import { clusterDb, clusterQueue, pollUntil, uploadFile } from '../src/cluster-client.js';
import { exited } from '../src/harness.js';
import { apiSignup } from '../src/now-playing-api.js';

/** Bounds, not assertions: a broken system fails here instead of hanging. */
const ANALYSIS_LIMIT_MS = 300_000;

describe('a worker killed with -9 in the middle of a face analysis', () => {
  let cluster: Cluster;
  let db: pg.Client;

  beforeAll(async () => {
    cluster = await startCluster({
      instances: 1,
      workers: 1,
      env: { KITH_FACE_ANALYSIS: 'on', KITH_FACE_WORKERS: '1', KITH_QUEUE_LOCK_MS: '3000' },
    });
    db = await clusterDb(cluster.env);
  }, 300_000);
  afterAll(async () => {
    await db?.end();
    await cluster?.stop();
  });

  /** Face rows of `assetId`, and how many distinct boxes among them. */
  const faceRows = async (assetId: string) => {
    const { rows } = await db.query<{ n: string; boxes: string }>(
      'SELECT count(*) AS n, count(DISTINCT (box_x, box_y, box_w, box_h)) AS boxes FROM face WHERE asset_id = $1',
      [assetId],
    );
    const [row] = rows; // count(*) always answers one row
    return { n: Number(row?.n), boxes: Number(row?.boxes) };
  };
  const analysedVersion = async (assetId: string) =>
    (await db.query<{ v: string | null }>('SELECT faces_model_version AS v FROM asset WHERE id = $1', [assetId])).rows[0]?.v ?? null;

  it('retries the job on another worker, and stores each face once', async () => {
    const [victim, witness] = [await apiSignup(cluster.url, 'victim'), await apiSignup(cluster.url, 'witness')];
    const photo = await readFile(partyPath(1)); // 1920×1280, several people
    const queue = clusterQueue(cluster.env, 'faces.analyse');
    try {
      const [first] = cluster.workers;
      assert(first, 'a cluster with a worker');
      const up = await uploadFile(cluster.url, victim.cookie, photo, 'party.jpg');
      expect(up.status).toBe('created');
      const id = up.asset!.id;

      // Kill the worker while the job is active: engine running, nothing committed yet.
      await pollUntil('faces.analyse to become active', async () => (await (await queue.getJob(id))?.getState()) === 'active', {
        timeoutMs: ANALYSIS_LIMIT_MS,
        intervalMs: 20,
      });
      first.child.kill('SIGKILL');
      await exited(first.child);
      const killedAt = Date.now();
      const atKill = { state: await (await queue.getJob(id))!.getState(), faces: await faceRows(id), version: await analysedVersion(id) };
      // Died mid-job: the job is still held by the dead worker's lock, and nothing of it is in the database.
      expect(atKill).toEqual({ state: 'active', faces: { n: 0, boxes: 0 }, version: null });

      // Only a live worker runs BullMQ's stalled-job check: start the replacement, and watch the job come back.
      const second = await cluster.startWorker();
      let stalledCounter = 0;
      let attemptsStarted = 0;
      let retriedAt = 0;
      await pollUntil(
        'the retried analysis to complete',
        async () => {
          const job = await queue.getJob(id);
          if (job) {
            stalledCounter = Math.max(stalledCounter, job.stalledCounter);
            attemptsStarted = Math.max(attemptsStarted, job.attemptsStarted);
            if (!retriedAt && job.stalledCounter > 0) retriedAt = Date.now();
          }
          return !job && (await analysedVersion(id)) !== null;
        },
        { timeoutMs: ANALYSIS_LIMIT_MS, intervalMs: 50 },
      );
      // The stall was seen by the new worker (stalled counter 1), and the job was started twice in all.
      expect(stalledCounter).toBe(1);
      expect(attemptsStarted).toBe(2);
      const after = await faceRows(id);

      // The same photo analysed undisturbed, in another library, as the reference count.
      const ref = await uploadFile(cluster.url, witness.cookie, photo, 'party.jpg');
      expect(ref.status).toBe('created');
      await pollUntil('the undisturbed analysis', async () => (await analysedVersion(ref.asset!.id)) !== null, {
        timeoutMs: ANALYSIS_LIMIT_MS,
      });
      const reference = await faceRows(ref.asset!.id);

      expect(reference.n).toBeGreaterThanOrEqual(2);
      expect(after.boxes).toBe(after.n); // no face stored twice
      expect(after.n).toBe(reference.n);
      expect(second.child.exitCode).toBeNull();
      console.log(
        `worker kill: ${after.n} faces after the retry (undisturbed: ${reference.n}), stalledCounter ${stalledCounter}, ` +
          `attemptsStarted ${attemptsStarted}, stall noticed ${retriedAt ? ((retriedAt - killedAt) / 1000).toFixed(1) : '?'} s after the kill`,
      );
    } finally {
      await queue.close();
    }
  }, 900_000);
});
