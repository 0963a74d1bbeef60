/**
 * `npm run faces:evaluate -- DIR` on a labelled folder built from face-api's party photos: face
 * crops of three people (two photos each for two of them, resized and re-lit), a photo with no
 * face, and a party photo as a group photo. Checks the one JSON object on stdout, the exit code,
 * and the optional pairs.json.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest';
import { CALIBRATION, createFaceEngine, DEFAULT_MODEL, MODEL_VERSIONS } from '../src/index.js';
import { evaluateFolder } from '../scripts/evaluate-folder.js';
import { facelessImage, partyPhoto } from './engine-fixture.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('faces:evaluate', () => {
  const engine = createFaceEngine({ poolSize: 1 });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kith-evaluate-'));
  const write = (rel: string, bytes: Buffer) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), bytes);
  };

  beforeAll(async () => {
    const labels: Record<string, string> = {};
    for (const [n, person, copies] of [
      [1, 'p1', 2],
      [2, 'p2', 2],
      [3, 'p3', 1],
    ] as const) {
      const photo = partyPhoto(n);
      const { faces } = await engine.analyse(photo);
      const { width = 0, height = 0 } = await sharp(photo).metadata();
      const [face] = faces;
      assert(face, `party photo ${n} has a face`);
      const b = face.box;
      // The face with some context: twice its box, cut to the photo.
      const left = Math.max(0, Math.round(b.x - b.width / 2));
      const top = Math.max(0, Math.round(b.y - b.height / 2));
      const region = {
        left,
        top,
        width: Math.min(width - left, Math.round(b.width * 2)),
        height: Math.min(height - top, Math.round(b.height * 2)),
      };
      write(`${person}/a.jpg`, await sharp(photo).extract(region).resize(480).jpeg().toBuffer());
      labels[`${person}/a.jpg`] = person;
      if (copies === 2) {
        write(`${person}/b.jpg`, await sharp(photo).extract(region).resize(360).modulate({ brightness: 1.2 }).jpeg().toBuffer());
        labels[`${person}/b.jpg`] = person;
      }
    }
    write('nobody/empty.jpg', await facelessImage());
    labels['nobody/empty.jpg'] = 'nobody';
    write('labels.json', Buffer.from(JSON.stringify(labels)));
    write('group/party.jpg', partyPhoto(4));
    write('group/groups.json', Buffer.from(JSON.stringify({ 'party.jpg': { identities: [] } })));
  }, 120_000);
  afterAll(async () => {
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('prints one JSON object with the figures, and exits 0', async () => {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'faces/scripts/evaluate.ts', dir], {
      cwd: ROOT,
      env: { ...process.env, INIT_CWD: ROOT },
      timeout: 170_000,
    });
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const r = JSON.parse(stdout);
    expect(r).toMatchObject({
      model: MODEL_VERSIONS[DEFAULT_MODEL],
      threshold: CALIBRATION[DEFAULT_MODEL].threshold,
      photos: 6,
      // every pair of the six labelled photos; p1 and p2 each give one same-person pair
      pairs: 15,
      genuinePairs: 2,
      tar: 1,
      far: 0,
      accuracy: 1,
      auc: 1,
      // four faces in party photo 4: six pairs, none matched
      samePhotoPairs: 6,
      samePhotoFalseMatches: 0,
      // references: p1/a, p2/a, p3/a; probes p1/b, p2/b right; the faceless photo unmatched
      identification: { right: 2, wrong: 0, none: 1 },
      noFace: ['nobody/empty.jpg'],
    });
    expect(r.photosPerSecond).toBeGreaterThan(0);
  }, 180_000);

  it('uses pairs.json when the folder has one', async () => {
    write(
      'pairs.json',
      Buffer.from(
        JSON.stringify([
          ['p1/a.jpg', 'p1/b.jpg', true],
          ['p1/a.jpg', 'p2/a.jpg', false],
          ['p2/b.jpg', 'nobody/empty.jpg', false],
        ]),
      ),
    );
    const r = await evaluateFolder(engine, dir);
    expect(r).toMatchObject({ pairs: 3, genuinePairs: 1, impostorPairs: 2, accuracy: 1, tar: 1, far: 0 });
    fs.rmSync(path.join(dir, 'pairs.json'));
  }, 120_000);
});
