/**
 * The reference-face rule, one implementation for the server (an account's reference faces, contact
 * photos) and `kith share` (the address book's photos), so both keep the same face of a photo.
 */
import { descriptorToBytes } from './descriptor-layout.js';
import { MIN_REFERENCE_EYE_DISTANCE_PX } from './quality.js';
import type { AnalysedFace, FaceAnalysis } from './types.js';

/** A reference face ready to store: its descriptor blob, model version and, in tolerant mode, a warning. */
export interface DescribedReference {
  descriptor: Buffer;
  modelVersion: string;
  face: AnalysedFace;
  /** Set when the photo was accepted with a reservation (tolerant mode); a sentence a person can act on. */
  warning: string | null;
}

/** Why a photo cannot be a reference face: `code` is stable (the server answers it as a 422), `details` numbers for a client. */
export class ReferenceFaceError extends Error {
  constructor(
    public readonly code: 'no_face' | 'face_too_small' | 'several_faces',
    message: string,
    public readonly details?: Record<string, number>,
  ) {
    super(message);
    this.name = 'ReferenceFaceError';
  }
}

const tooSmallMessage = (px: number) =>
  `The face is too small: its eyes' outer corners are ${Math.round(px)} px apart and recognition needs at least ` +
  `${MIN_REFERENCE_EYE_DISTANCE_PX}. Use a closer or larger photo, with the face filling about a third of the frame.`;

/**
 * Checks a photo offered as a reference face and picks its face.
 *
 * Usable face = eyes' outer corners at least {@link MIN_REFERENCE_EYE_DISTANCE_PX} px apart in
 * the original (the measure quality.ts documents). Strict mode (an account's own
 * reference faces): exactly one usable face, else a {@link ReferenceFaceError} `no_face` (none found), `face_too_small` (faces
 * found, none usable) or `several_faces` (more than one usable). Tolerant mode (a contact's photo,
 * which the user did not take for this purpose): the largest face is kept and a warning says
 * why it may match poorly; only a photo without any face is refused (`no_face`).
 */
export function pickReferenceFace(analysis: FaceAnalysis, mode: 'strict' | 'tolerant'): DescribedReference {
  const faces = [...analysis.faces].sort((a, b) => b.quality.eyeDistancePx - a.quality.eyeDistancePx);
  const [largest] = faces;
  if (!largest)
    throw new ReferenceFaceError(
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
    const [usableFace] = usable;
    if (!usableFace)
      throw new ReferenceFaceError('face_too_small', tooSmallMessage(largest.quality.eyeDistancePx), {
        eyeDistancePx: Math.round(largest.quality.eyeDistancePx),
        minEyeDistancePx: MIN_REFERENCE_EYE_DISTANCE_PX,
      });
    if (usable.length > 1)
      throw new ReferenceFaceError(
        'several_faces',
        `This photo shows ${usable.length} faces; a reference face must be a photo of you alone. Crop it to your face or use another photo.`,
        { faces: usable.length },
      );
    return pack(usableFace, null);
  }
  if (faces.length > 1)
    return pack(largest, `The photo shows ${faces.length} faces; the largest was kept. A photo of this person alone matches better.`);
  if (largest.quality.eyeDistancePx < MIN_REFERENCE_EYE_DISTANCE_PX)
    return pack(largest, `${tooSmallMessage(largest.quality.eyeDistancePx)} It was kept, but may match poorly.`);
  return pack(largest, null);
}
