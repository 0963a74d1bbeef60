import { FaceInputError, pickReferenceFace, ReferenceFaceError, type DescribedReference, type FaceAnalysis } from '@kith/faces';
import { errors } from '../common/errors.js';
import type { FaceAnalyser } from './face-analyser.js';

export type { DescribedReference };

/** Face analysis errors as 422 answers (unreadable or oversized images). */
export async function analyseOrReject(analyser: FaceAnalyser, bytes: Uint8Array): Promise<FaceAnalysis> {
  try {
    return await analyser.analyse(bytes);
  } catch (e) {
    if (e instanceof FaceInputError) throw errors.unprocessable(e.code, e.message);
    throw e;
  }
}

/**
 * The reference face rule of `@kith/faces` (`pickReferenceFace`: strict for an account's own
 * reference faces, tolerant for a contact's photo) with its refusals as 422 answers: `no_face`,
 * `face_too_small` (details `{ eyeDistancePx, minEyeDistancePx }`), `several_faces` (details `{ faces }`).
 */
export function pickReferenceOrReject(analysis: FaceAnalysis, mode: 'strict' | 'tolerant'): DescribedReference {
  try {
    return pickReferenceFace(analysis, mode);
  } catch (e) {
    if (e instanceof ReferenceFaceError) throw errors.unprocessable(e.code, e.message, e.details);
    throw e;
  }
}

/** Both steps for callers that hold the bytes. @throws 422 as {@link analyseOrReject} and {@link pickReferenceOrReject}. */
export async function describeReference(analyser: FaceAnalyser, bytes: Uint8Array, mode: 'strict' | 'tolerant') {
  return pickReferenceOrReject(await analyseOrReject(analyser, bytes), mode);
}
