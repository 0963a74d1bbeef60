/**
 * evidenceOf (face-evidence.ts) and the routing rule (routing-evidence.ts): who vouches for a
 * match. Descriptors are fusion-layout vectors (DESCRIPTOR_DIMS.fusion) built here: one identity
 * and a slightly moved copy of it (a second photo of the same face), and an unrelated one.
 */
import { CALIBRATION, DESCRIPTOR_DIMS, descriptorDistance } from '@kith/faces';
import { describe, expect, it } from 'vitest';
import { evidenceOf, NO_EVIDENCE, type MemberFace } from '../../src/faces/face-evidence.js';
import type { ReferenceCandidate } from '../../src/faces/reference-descriptors.js';
import { isSenderEvidence, strongestEvidence } from '../../src/routing/routing-evidence.js';

const model = 'fusion' as const;
const threshold = CALIBRATION[model].threshold;
const dims = DESCRIPTOR_DIMS[model];
/** A deterministic pseudo-random unit-scale vector (seeded LCG), so runs are repeatable. */
function vector(seed: number, from?: Float32Array, step = 0): Float32Array {
  let x = seed;
  const v = new Float32Array(dims);
  for (let i = 0; i < dims; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    const r = x / 2 ** 31 - 0.5;
    v[i] = from ? from[i] + step * r : r;
  }
  return v;
}
const celebrity = vector(1);
const celebrityAgain = vector(2, celebrity, 0.02);
const stranger = vector(3);

const linkedReferenceFace: ReferenceCandidate = {
  id: 'contact:bob',
  descriptor: celebrity,
  kind: 'linked_reference_face',
  refId: 'reference-face-1',
};
const cardPhoto: ReferenceCandidate = { id: 'contact:bob', descriptor: celebrity, kind: 'contact_photo', refId: 'bob' };
const member = (evidence: MemberFace['evidence'], createdAt: number): MemberFace => ({
  id: 'person-1',
  faceId: 'face-1',
  asset_id: 'asset-1',
  descriptor: celebrity,
  evidence,
  evidence_ref: evidence === 'linked_reference_face' ? 'reference-face-1' : null,
  created_at: createdAt,
});

describe('evidenceOf', () => {
  it('the vectors are what they claim: the same face under the threshold, a stranger over it', () => {
    expect(descriptorDistance(model, celebrityAgain, celebrity)).toBeLessThan(threshold / 2);
    expect(descriptorDistance(model, stranger, celebrity)).toBeGreaterThan(threshold);
  });

  it("prefers the owner's contact photo over the recipient's reference face when both match", () => {
    const e = evidenceOf(model, threshold, celebrityAgain, 'contact:bob', [linkedReferenceFace, cardPhoto], [], null);
    expect(e).toMatchObject({ evidence: 'contact_photo', evidence_ref: 'bob' });
    expect(e.evidence_distance).toBeLessThan(threshold);
  });

  it("names the recipient's reference face when only it matched", () => {
    expect(evidenceOf(model, threshold, celebrityAgain, 'contact:bob', [linkedReferenceFace], [], null)).toMatchObject({
      evidence: 'linked_reference_face',
      evidence_ref: 'reference-face-1',
    });
  });

  it('a face that joins through a face only the reference face brought in inherits that claim (the grown cluster)', () => {
    const e = evidenceOf(model, threshold, celebrityAgain, null, [linkedReferenceFace], [member('linked_reference_face', 100)], null);
    expect(e).toMatchObject({ evidence: 'linked_reference_face', evidence_ref: 'reference-face-1' });
    expect(e.evidence_distance).toBeCloseTo(descriptorDistance(model, celebrityAgain, celebrity), 3);
  });

  it('the owner confirming the person vouches for the faces it held then, not for those that arrive later on the reference face', () => {
    const confirmedAfter = evidenceOf(
      model,
      threshold,
      celebrityAgain,
      null,
      [linkedReferenceFace],
      [member('linked_reference_face', 100)],
      200,
    );
    expect(confirmedAfter).toMatchObject({ evidence: 'person', evidence_ref: 'face-1' });
    const arrivedLater = evidenceOf(
      model,
      threshold,
      celebrityAgain,
      null,
      [linkedReferenceFace],
      [member('linked_reference_face', 300)],
      200,
    );
    expect(arrivedLater.evidence).toBe('linked_reference_face');
  });

  it('records nothing for a face matching no reference and no member', () => {
    expect(evidenceOf(model, threshold, stranger, null, [linkedReferenceFace], [member(null, 1)], null)).toBe(NO_EVIDENCE);
  });
});

describe('routing on evidence', () => {
  const face = (evidence: MemberFace['evidence'], ref: string | null, d: number, confirmed: number | null = null) => ({
    face_id: `f-${evidence}-${d}`,
    evidence,
    evidence_ref: ref,
    evidence_distance: d,
    confirmed_at: confirmed,
  });

  it("sends only on the owner's card photo for this very contact, or a face of a person the owner confirmed", () => {
    expect(isSenderEvidence(face('contact_photo', 'bob', 0.3), 'bob')).toBe(true);
    expect(isSenderEvidence(face('contact_photo', 'carol', 0.3), 'bob')).toBe(false);
    expect(isSenderEvidence(face('person', 'f', 0.3, 5), 'bob')).toBe(true);
    expect(isSenderEvidence(face('person', 'f', 0.3), 'bob')).toBe(false);
    expect(isSenderEvidence(face('linked_reference_face', 'p', 0.1, 5), 'bob')).toBe(false);
  });

  it("picks the owner's evidence even when the recipient's reference face is closer, else the reference face", () => {
    const both = strongestEvidence([face('linked_reference_face', 'p', 0.1), face('contact_photo', 'bob', 0.5)], 'bob');
    expect(both).toMatchObject({ sender: true, evidence: { evidence_kind: 'contact_photo', evidence_distance: 0.5 } });
    const claimOnly = strongestEvidence([face('person', 'f', 0.2), face('linked_reference_face', 'p', 0.4)], 'bob');
    expect(claimOnly).toMatchObject({ sender: false, evidence: { evidence_kind: 'linked_reference_face', evidence_ref: 'p' } });
  });
});
