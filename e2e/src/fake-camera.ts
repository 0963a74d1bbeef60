/**
 * Chromium's fake camera fed with a real person: a head-and-shoulders crop of one face from a
 * party photo (found with the face engine), turned into a looping `.y4m` by Debian's ffmpeg, and
 * the Chromium switches that play it to getUserMedia without a permission prompt.
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import type { AnalysedFace, FaceEngine } from '@kith/faces';

const run = promisify(execFile);

/** Frame size of the fake camera, px (4:3, as a webcam). */
export const CAMERA_W = 640;
export const CAMERA_H = 480;

export interface Sitter {
  /** The crop as JPEG (what the camera shows). */
  jpeg: Buffer;
  /** The face's identity descriptor in the crop (to recognise this person in what the other side receives). */
  descriptor: Float32Array;
  /** The `.y4m` file for `--use-file-for-fake-video-capture`. */
  y4m: string;
}

/** Crop widths tried, in face widths: the widest that shows the person alone wins (party photos are crowded). */
const CROP_WIDTHS = [3.2, 2.6, 2.2];

/** A 4:3 box around `face`, `k` face widths wide with room for the shoulders, clamped to the photo. */
function headAndShoulders(face: AnalysedFace, k: number, width: number, height: number) {
  const w = Math.min(width, Math.round(face.box.width * k));
  const h = Math.min(height, Math.round((w * CAMERA_H) / CAMERA_W));
  const left = Math.max(0, Math.min(width - w, Math.round(face.box.x + face.box.width / 2 - w / 2)));
  const top = Math.max(0, Math.min(height - h, Math.round(face.box.y - face.box.height * 0.6)));
  return { left, top, width: w, height: h };
}

/**
 * Crops the clearest face of `photo` that stays alone in its crop, and writes `<name>.jpg` and
 * `<name>.y4m` (3 s at 10 fps, yuv420p) into `dir`.
 * @throws when no face of the photo can be cropped alone.
 */
export async function sitterFrom(engine: FaceEngine, photo: string, dir: string, name: string): Promise<Sitter> {
  const oriented = await sharp(photo).rotate().jpeg().toBuffer();
  const analysis = await engine.analyse(oriented);
  const faces = [...analysis.faces].sort((a, b) => b.quality.score * b.box.width - a.quality.score * a.box.width);
  for (const face of faces)
    for (const k of CROP_WIDTHS) {
      const jpeg = await sharp(oriented)
        .extract(headAndShoulders(face, k, analysis.width, analysis.height))
        .resize(CAMERA_W, CAMERA_H, { fit: 'cover' })
        .jpeg({ quality: 92 })
        .toBuffer();
      const inCrop = await engine.analyse(jpeg);
      const [only, ...others] = inCrop.faces;
      if (!only || others.length) continue;
      const jpgPath = path.join(dir, `${name}.jpg`);
      const y4m = path.join(dir, `${name}.y4m`);
      await writeFile(jpgPath, jpeg);
      await run('ffmpeg', [
        '-v',
        'error',
        '-y',
        '-loop',
        '1',
        '-i',
        jpgPath,
        '-vf',
        `scale=${CAMERA_W}:${CAMERA_H},format=yuv420p`,
        '-t',
        '3',
        '-r',
        '10',
        y4m,
      ]);
      return { jpeg, descriptor: only.descriptor, y4m };
    }
  throw new Error(`No face of ${photo} could be cropped alone for the fake camera`);
}

/** The Chromium switches that make `y4m` the camera, allowed without a prompt. */
export const fakeCameraArgs = (y4m: string): string[] => [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  `--use-file-for-fake-video-capture=${y4m}`,
];
