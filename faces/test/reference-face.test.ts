import { describe, expect, it } from 'vitest';
import {
  descriptorFromBytes,
  MIN_REFERENCE_EYE_DISTANCE_PX,
  pickReferenceFace,
  ReferenceFaceError,
  type AnalysedFace,
  type FaceAnalysis,
} from '../src/index.js';

// The rule on hand-made analyses (no model): only eye distance and the descriptor matter to it.
const face = (eyeDistancePx: number, seed: number): AnalysedFace =>
  ({ quality: { eyeDistancePx }, descriptor: Float32Array.from([seed, seed + 0.5, -seed]) }) as unknown as AnalysedFace;
const analysis = (...faces: AnalysedFace[]): FaceAnalysis => ({ modelVersion: 'fusion@1', faces }) as unknown as FaceAnalysis;
const big = MIN_REFERENCE_EYE_DISTANCE_PX + 20;
const small = MIN_REFERENCE_EYE_DISTANCE_PX - 30;

const refusal = (a: FaceAnalysis, mode: 'strict' | 'tolerant') => {
  try {
    pickReferenceFace(a, mode);
  } catch (e) {
    expect(e).toBeInstanceOf(ReferenceFaceError);
    return { code: (e as ReferenceFaceError).code, details: (e as ReferenceFaceError).details };
  }
  throw new Error('expected a refusal');
};

describe('pickReferenceFace', () => {
  it('strict: keeps the one usable face, stores its descriptor bytes and the model version', () => {
    const ref = pickReferenceFace(analysis(face(small, 1), face(big, 2)), 'strict');
    expect(ref.face.quality.eyeDistancePx).toBe(big);
    expect(ref.modelVersion).toBe('fusion@1');
    expect(Array.from(descriptorFromBytes(ref.descriptor))).toEqual([2, 2.5, -2]);
    expect(ref.warning).toBeNull();
  });

  it('strict: refuses no face, only small faces (with the measured distance) and several usable faces', () => {
    expect(refusal(analysis(), 'strict')).toEqual({ code: 'no_face', details: undefined });
    expect(refusal(analysis(face(small, 1)), 'strict')).toEqual({
      code: 'face_too_small',
      details: { eyeDistancePx: small, minEyeDistancePx: MIN_REFERENCE_EYE_DISTANCE_PX },
    });
    expect(refusal(analysis(face(big, 1), face(big + 5, 2)), 'strict')).toEqual({ code: 'several_faces', details: { faces: 2 } });
  });

  it('tolerant: keeps the largest face and says why it may match poorly; refuses only a photo without a face', () => {
    const several = pickReferenceFace(analysis(face(big, 1), face(big + 5, 2)), 'tolerant');
    expect(several.face.quality.eyeDistancePx).toBe(big + 5);
    expect(several.warning).toMatch(/2 faces; the largest was kept/);
    expect(pickReferenceFace(analysis(face(small, 1)), 'tolerant').warning).toMatch(/too small.*kept, but may match poorly/);
    expect(pickReferenceFace(analysis(face(big, 1)), 'tolerant').warning).toBeNull();
    expect(refusal(analysis(), 'tolerant').code).toBe('no_face');
  });
});
