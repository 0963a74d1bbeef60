import { descriptorToBytes, FaceInputError, MIN_REFERENCE_EYE_DISTANCE_PX, type AnalysedFace, type FaceAnalysis } from '@kith/faces';
import { AppError } from '../common/errors.js';
import type { FaceAnalyser } from './face-analyser.js';

/** A reference face ready to store: its descriptor blob, model version and, in tolerant mode, a warning. */
export interface DescribedReference {
  descriptor: Buffer;
  modelVersion: string;
  face: AnalysedFace;
  /** Set when the photo was accepted with a reservation (tolerant mode); a sentence a person can act on. */
  warning: string | null;
}

const tooSmallMessage = (px: number) =>
  `The face is too small: its eyes' outer corners are ${Math.round(px)} px apart and recognition needs at least ` +
  `${MIN_REFERENCE_EYE_DISTANCE_PX}. Use a closer or larger photo, with the face filling about a third of the frame.`;

/** Face analysis errors as 422 answers (unreadable or oversized images). */
export async function analyseOrReject(analyser: FaceAnalyser, bytes: Uint8Array): Promise<FaceAnalysis> {
  try {
    return await analyser.analyse(bytes);
  } catch (e) {
    if (e instanceof FaceInputError) throw new AppError(422, e.code, e.message);
    throw e;
  }
}

/**
 * Checks a reference portrait and picks its face.
 *
 * Usable face = eyes' outer corners at least {@link MIN_REFERENCE_EYE_DISTANCE_PX} px apart in
 * the original (the measure faces/src/quality.ts documents). Strict mode (an account's own
 * portraits): exactly one usable face, else 422 `no_face` (none found), `face_too_small` (faces
 * found, none usable) or `several_faces` (more than one usable). Tolerant mode (a contact's photo,
 * which the user did not take for this purpose): the largest face is kept and a warning says
 * why it may match poorly; only a photo without any face is refused (`no_face`).
 */
export function pickReferenceFace(analysis: FaceAnalysis, mode: 'strict' | 'tolerant'): DescribedReference {
  const faces = [...analysis.faces].sort((a, b) => b.quality.eyeDistancePx - a.quality.eyeDistancePx);
  if (!faces.length)
    throw new AppError(
      422,
      'no_face',
      'No face was found in this photo. Use a photo where the face is clearly visible, facing the camera, in good light.',
    );
  const usable = faces.filter((f) => f.quality.eyeDistancePx >= MIN_REFERENCE_EYE_DISTANCE_PX);
  const pack = (face: AnalysedFace, warning: string | null): DescribedReference => ({
    descriptor: descriptorToBytes(face.descriptor),
    modelVersion: analysis.modelVersion,
    face,
    warning,
  });
  if (mode === 'strict') {
    if (!usable.length)
      throw new AppError(422, 'face_too_small', tooSmallMessage(faces[0].quality.eyeDistancePx), {
        eyeDistancePx: Math.round(faces[0].quality.eyeDistancePx),
        minEyeDistancePx: MIN_REFERENCE_EYE_DISTANCE_PX,
      });
    if (usable.length > 1)
      throw new AppError(
        422,
        'several_faces',
        `This photo shows ${usable.length} faces; a reference portrait must show only you. Crop it to your face or take a portrait alone.`,
        { faces: usable.length },
      );
    return pack(usable[0], null);
  }
  const largest = faces[0];
  if (faces.length > 1)
    return pack(largest, `The photo shows ${faces.length} faces; the largest was kept. A portrait of this person alone matches better.`);
  if (largest.quality.eyeDistancePx < MIN_REFERENCE_EYE_DISTANCE_PX)
    return pack(largest, `${tooSmallMessage(largest.quality.eyeDistancePx)} It was kept, but may match poorly.`);
  return pack(largest, null);
}

/** Both steps for callers that hold the bytes. @throws 422 as {@link analyseOrReject} and {@link pickReferenceFace}. */
export async function describeReference(analyser: FaceAnalyser, bytes: Uint8Array, mode: 'strict' | 'tolerant') {
  return pickReferenceFace(await analyseOrReject(analyser, bytes), mode);
}
