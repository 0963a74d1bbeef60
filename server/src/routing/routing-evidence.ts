import type { DeliveryRow, FaceEvidenceKind } from './routing.repository.js';

/** A face of the photo in a person linked to a contact, with what placement matched it against. */
export interface RecognisedFace {
  face_id: string;
  evidence: FaceEvidenceKind | null;
  evidence_ref: string | null;
  evidence_distance: number | null;
  /** When the owner linked or confirmed the face's person (ms); null while the link is placement's. */
  confirmed_at: number | null;
}

/** The delivery columns that say why it was made. */
export type DeliveryEvidence = Pick<DeliveryRow, 'evidence_kind' | 'evidence_face_id' | 'evidence_ref' | 'evidence_distance'>;

/**
 * Whether a face is evidence the sending owner controls (docs/security.md "Faces and automatic
 * sharing"): it matched the photo in the owner's own card for this contact, or it joined a person
 * the owner linked or confirmed through faces the owner vouches for (face-evidence.ts). A match
 * against a reference face the recipient registered is the recipient's claim: it only suggests.
 */
export const isSenderEvidence = (f: RecognisedFace, contactId: string) =>
  (f.evidence === 'contact_photo' && f.evidence_ref === contactId) || (f.evidence === 'person' && f.confirmed_at !== null);

const byDistance = (a: RecognisedFace, b: RecognisedFace) => (a.evidence_distance ?? Infinity) - (b.evidence_distance ?? Infinity);

/**
 * The evidence a delivery to `contactId` stands on: the closest face the owner vouches for
 * (`auto` may send on it), else the closest match with a recipient's reference face, else the closest face.
 * @param faces the photo's faces in people linked to this contact (at least one).
 */
export function strongestEvidence(faces: RecognisedFace[], contactId: string): { sender: boolean; evidence: DeliveryEvidence } {
  const sorted = [...faces].sort(byDistance);
  const sender = sorted.find((f) => isSenderEvidence(f, contactId));
  const best = sender ?? sorted.find((f) => f.evidence === 'linked_reference_face') ?? sorted[0];
  return {
    sender: !!sender,
    evidence: {
      evidence_kind: best.evidence,
      evidence_face_id: best.face_id,
      evidence_ref: best.evidence_ref,
      evidence_distance: best.evidence_distance,
    },
  };
}

/**
 * The card's words for a delivery's evidence (the sender judges the match by them):
 * "Matched the photo in your contact card", "Matched Bob's own reference face", …
 * @param personLink how the face's person got its link (`owner`, or the evidence kind placement linked it on).
 */
export function evidenceLabel(kind: FaceEvidenceKind | null, contactName: string, personLink: string | null): string {
  switch (kind) {
    case 'contact_photo':
      return 'Matched the photo in your contact card';
    case 'linked_reference_face':
      return `Matched ${contactName}'s own reference face`;
    case 'person':
      return personLink === 'owner'
        ? `Looks like the faces you confirmed as ${contactName}`
        : `Looks like earlier photos Kith linked to ${contactName}${personLink === 'linked_reference_face' ? ` by ${contactName}'s own reference face` : ''}`;
    default:
      return `Recognised as ${contactName}`;
  }
}
