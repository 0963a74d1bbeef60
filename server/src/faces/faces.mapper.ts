import { iso } from '../common/time.js';
import type { FaceSummaryRow } from './faces.repository.js';
import type { PersonListRow } from './people.repository.js';
import type { ReferenceFaceRow } from './reference-faces.repository.js';

/** The name a person is shown under: the owner's own name for it, else its linked contact's, else its linked account's. */
export const personDisplayName = (p: Pick<PersonListRow, 'name' | 'contact_name' | 'account_display_name'>) =>
  p.name ?? p.contact_name ?? p.account_display_name ?? null;

export const toFacePersonDto = (p: PersonListRow, callerId: string) => ({
  id: p.id,
  name: p.name,
  displayName: personDisplayName(p),
  contact: p.contact_id && p.contact_name !== null ? { id: p.contact_id, name: p.contact_name } : null,
  account:
    p.account_id && p.account_username !== null
      ? { id: p.account_id, username: p.account_username, displayName: p.account_display_name ?? p.account_username }
      : null,
  isMe: p.account_id === callerId,
  linkSource: p.contact_id || p.account_id ? p.link_source : null,
  linkConfirmed: p.confirmed_at !== null,
  hidden: p.hidden === 1,
  faceCount: p.face_count,
  photoCount: p.photo_count,
  coverUrl: p.cover_face_id && p.cover_thumbnail_sha256 ? `/api/faces/${p.cover_face_id}/thumbnail` : null,
  createdAt: iso(p.created_at),
  updatedAt: iso(p.updated_at),
});

/** @param showPeople false for a viewer who is not the photo's owner: people and crops are the owner's. */
export const toFaceDto = (f: FaceSummaryRow, showPeople: boolean, names: Map<string, string | null>) => ({
  id: f.id,
  assetId: f.asset_id,
  box: { x: f.box_x, y: f.box_y, width: f.box_w, height: f.box_h },
  boxNorm: { x: f.norm_x, y: f.norm_y, width: f.norm_w, height: f.norm_h },
  score: f.score,
  quality: JSON.parse(f.quality) as { eyeDistancePx: number; sharpness: number; yaw: number; pitch: number; roll: number; score: number },
  personId: showPeople ? f.person_id : null,
  personName: showPeople && f.person_id ? (names.get(f.person_id) ?? null) : null,
  thumbnailUrl: showPeople && f.thumbnail_sha256 ? `/api/faces/${f.id}/thumbnail` : null,
  modelVersion: f.model_version,
});

/** A reference face as the API shows it: never its descriptor or blob hash. */
export const toReferenceFaceDto = (f: ReferenceFaceRow) => ({
  id: f.id,
  width: f.width,
  height: f.height,
  mime: f.mime,
  createdAt: iso(f.created_at),
});
