import { descriptorDistance, type EmbeddingModel } from '@kith/faces';
import type { FaceEvidenceKind } from './faces.repository.js';
import type { ReferenceCandidate } from './reference-descriptors.js';

/** What a placed face matched (stored on `face`, copied onto its deliveries). */
export interface FaceEvidence {
  evidence: FaceEvidenceKind | null;
  evidence_ref: string | null;
  evidence_distance: number | null;
}

export const NO_EVIDENCE: FaceEvidence = { evidence: null, evidence_ref: null, evidence_distance: null };

/** A face already in a person, as placement compares new faces with it. */
export interface MemberFace {
  /** The person's id (`match` ranks people). */
  id: string;
  faceId: string;
  asset_id: string;
  descriptor: Float32Array;
  evidence: FaceEvidenceKind | null;
  evidence_ref: string | null;
  created_at: number;
}

const round = (d: number) => Math.round(d * 10000) / 10000;

function closest<T extends { descriptor: Float32Array }>(model: EmbeddingModel, face: Float32Array, list: T[], threshold: number) {
  let best: { item: T; d: number } | undefined;
  for (const item of list) {
    if (item.descriptor.length !== face.length) continue;
    const d = descriptorDistance(model, face, item.descriptor);
    if (d <= threshold && d < (best?.d ?? Infinity)) best = { item, d };
  }
  return best;
}

/**
 * The evidence a face joined `target` on, strongest for the owner first (docs/security.md
 * "Faces and automatic sharing"): who vouches for the match decides whether routing may send
 * on its own, so evidence the owner controls wins over the linked account's claim.
 * 1. `contact_photo` / `own_reference_face`: the matched link's reference that the owner supplied (the
 *    photo in the owner's contact card, the owner's own reference face) is within the threshold.
 * 2. `person`: a face of the target person the owner vouches for is within the threshold. A face
 *    is vouched unless only the linked account's reference face brought it in (`linked_reference_face`) and the
 *    owner has not confirmed the person since it arrived (`created_at ≤ confirmedAt`).
 * 3. `linked_reference_face`: only a reference face the linked account registered matched, directly or
 *    through a face that itself only had that evidence (the claim is inherited: a cluster grown
 *    from a match with a recipient's reference face stays the recipient's claim until the owner confirms it).
 * @param refLink the `match` winner among references (`contact:<id>`/`account:<id>`), or null.
 * @param members the target person's faces (other photos only); `confirmedAt` its confirmation (ms) or null.
 */
export function evidenceOf(
  model: EmbeddingModel,
  threshold: number,
  face: Float32Array,
  refLink: string | null,
  references: ReferenceCandidate[],
  members: MemberFace[],
  confirmedAt: number | null,
): FaceEvidence {
  const ofLink = refLink ? references.filter((r) => r.id === refLink) : [];
  const owners = closest(
    model,
    face,
    ofLink.filter((r) => r.kind !== 'linked_reference_face'),
    threshold,
  );
  if (owners) return { evidence: owners.item.kind, evidence_ref: owners.item.refId, evidence_distance: round(owners.d) };
  const vouched = (m: MemberFace) => m.evidence !== 'linked_reference_face' || (confirmedAt !== null && m.created_at <= confirmedAt);
  const member = closest(model, face, members.filter(vouched), threshold);
  if (member) return { evidence: 'person', evidence_ref: member.item.faceId, evidence_distance: round(member.d) };
  const referenceFace = closest(
    model,
    face,
    ofLink.filter((r) => r.kind === 'linked_reference_face'),
    threshold,
  );
  if (referenceFace)
    return { evidence: 'linked_reference_face', evidence_ref: referenceFace.item.refId, evidence_distance: round(referenceFace.d) };
  const claimed = closest(model, face, members, threshold);
  if (claimed?.item.evidence === 'linked_reference_face') {
    // Inherited claim: name the reference face, and the distance to it when its descriptor is at hand.
    const ref = references.find((r) => r.kind === 'linked_reference_face' && r.refId === claimed.item.evidence_ref);
    const d = ref && ref.descriptor.length === face.length ? descriptorDistance(model, face, ref.descriptor) : claimed.d;
    return { evidence: 'linked_reference_face', evidence_ref: claimed.item.evidence_ref, evidence_distance: round(d) };
  }
  return NO_EVIDENCE;
}
