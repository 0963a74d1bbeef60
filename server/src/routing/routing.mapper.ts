import { iso, isoOrNull } from '../common/time.js';
import type { DeliveryView } from './routing.repository.js';
import { displayAddress } from './routing-destinations.js';
import { evidenceLabel } from './routing-evidence.js';

/**
 * Why a contact was recognised, for the card: the matched face crop beside the image it matched,
 * and words for the kind of evidence. `yours` says whether the evidence is one the owner
 * controls (what `auto` sends on) rather than the recipient's own reference face.
 */
export const toEvidenceDto = (d: DeliveryView) => ({
  kind: d.evidence_kind,
  label: evidenceLabel(d.evidence_kind, d.contact_name, d.person_link),
  yours: d.evidence_kind === 'contact_photo' || (d.evidence_kind === 'person' && d.person_link === 'owner'),
  distance: d.evidence_distance,
  faceUrl: d.evidence_face_id ? `/api/faces/${d.evidence_face_id}/thumbnail` : null,
  matchedUrl: d.evidence_ref && d.evidence_kind !== 'own_reference_face' ? `/api/routing/deliveries/${d.id}/evidence-image` : null,
});

/** A delivery as the API shows it (never the raw row). */
export const toDeliveryDto = (d: DeliveryView) => ({
  id: d.id,
  assetId: d.asset_id,
  contact: { id: d.contact_id, name: d.contact_name },
  destination: d.destination,
  address: displayAddress(d.destination, d.target),
  status: d.status,
  code: d.code,
  message: d.message,
  attempts: d.attempts,
  createdAt: iso(d.created_at),
  updatedAt: iso(d.updated_at),
  deliveredAt: isoOrNull(d.delivered_at),
});

/** "Bob", "Bob and Carol", "Bob, Carol and Dan". */
export function namesList(names: string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Open suggestions grouped per photo (rows come newest first), with the card's prompt. */
export function toSuggestionDtos(rows: DeliveryView[]) {
  const groups = new Map<string, DeliveryView[]>();
  for (const r of rows) groups.set(r.asset_id, [...(groups.get(r.asset_id) ?? []), r]);
  return [...groups.values()].map((g) => ({
    assetId: g[0].asset_id,
    thumbnailUrl: `/api/assets/${g[0].asset_id}/thumbnail`,
    originalName: g[0].original_name,
    contacts: g.map((r) => ({
      id: r.contact_id,
      name: r.contact_name,
      address: displayAddress(r.destination, r.target),
      evidence: toEvidenceDto(r),
    })),
    prompt: `Send to ${namesList(g.map((r) => r.contact_name))}?`,
    createdAt: iso(Math.max(...g.map((r) => r.created_at))),
  }));
}
